/* ui/scene_mvc: the strength (MVC) test that %MVC targets are set from. Three maximal 5-s pushes,
 * each after a 3-2-1 countdown, 60 s apart, with a progress bar through the whole test; then the
 * pain question, then each effort's peak, the best, and whether the efforts agreed
 * (CLINICAL.md § Isometric dosing [P]; timings and thresholds in session/mvc_protocol.h). The
 * Play stores the result per profile, position (the current level) and date and uses it for
 * %MVC targets. Driven by g->now and the Play's latest filtered, calibrated force. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/log.h"
#include "core/str.h"
#include "session/mvc_protocol.h"
#include "ui/game.h"
#include "ui/palette.h"
#include "ui/setup_scenes.h"
#include "ui/widgets.h"

#define G_ACCEL 9.80665
/* The simulator's maximum for this test: a plausible heel force for a loaded bridge. [P] */
#define SIM_MVC_N 420.0
#define SIM_ANTICIPATION_S 0.3 /* the sim starts on "1" like a keen patient (as scene_hold) */

typedef enum MvcPhase { MVC_INTRO, MVC_RUN, MVC_PAIN, MVC_RESULT } MvcPhase;

typedef struct MvcScene {
    MvcPhase phase;
    bool can_test;
    double t0;                          /* game clock at the start of the test */
    ForcePoint *pts;                    /* the whole test's calibrated trace */
    size_t n, cap;
    double live_peak[MVC_TEST_EFFORTS]; /* shown during the rests */
    MvcResult res;
    bool have_res;
    int pain;
    bool pain_limited;
    PainScale scale;
    Menu menu;
    char note[400];
    bool warn;
} MvcScene;

static const char *const INTRO_ITEMS[] = {"Start the test", "Back"};
static const char *const BACK_ITEMS[] = {"Back"};
static const char *const RESULT_ITEMS[] = {"Done", "Repeat the test"};

static void set_note(MvcScene *m, bool warn, const char *fmt, ...) BH_PRINTF(3, 4);
static void set_note(MvcScene *m, bool warn, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->note, sizeof m->note, fmt, ap);
    va_end(ap);
    m->warn = warn;
}

/* The simulated patient is cued like a person; a real one pushes when the screen says so. */
static void sim_push(Game *g, bool on)
{
    if (game_state(g)->input.follows_cues)
        play_set_push(g->play, on);
}

static void to_intro(MvcScene *m)
{
    m->phase = MVC_INTRO;
    if (m->can_test)
        menu_init(&m->menu, INTRO_ITEMS, 2);
    else
        menu_init(&m->menu, BACK_ITEMS, 1);
}

static void mvc_enter(Scene *sc, Game *g)
{
    MvcScene *m = sc->data;
    const PlayState *st = game_state(g);
    m->can_test = st->input.can_calibrate;
    char msg[300] = "";
    if (m->can_test && !play_load_calibration(g->play, msg, sizeof msg) && msg[0])
        set_note(m, true, "The saved calibration could not be read and is ignored: %s", msg);
    else if (m->can_test && st->input.live_device && !st->cal_done)
        set_note(m, false, "Tip: zero the sensor first (Sensor set-up on the title screen), so "
                           "the numbers start from 0.");
    to_intro(m);
}

static void start_test(MvcScene *m, Game *g)
{
    m->phase = MVC_RUN;
    m->t0 = g->now;
    m->n = 0;
    m->have_res = false;
    m->note[0] = '\0';
    for (int i = 0; i < MVC_TEST_EFFORTS; i++)
        m->live_peak[i] = NAN;
    if (game_state(g)->input.follows_cues)
        play_set_sim_aim(g->play, SIM_MVC_N);
    sim_push(g, false);
}

static void stop_test(MvcScene *m, Game *g, bool warn, const char *why)
{
    sim_push(g, false);
    set_note(m, warn, "%s", why);
    to_intro(m);
}

/* Stores the result and makes it the profile's maximum. A storage failure is shown, never fatal:
 * the number is still used for today. */
static void save_result(MvcScene *m, Game *g)
{
    const PlayState *st = game_state(g);
    const Level *lv = game_level(g);
    if (!play_record_mvc(g->play, m->res.best_n, m->res.cv_pct, m->pain_limited)) {
        set_note(m, true, "Used for today only. %s", st->storage_msg);
        return;
    }
    if (st->profile.mvc_inconsistent)
        set_note(m, true, "Your three pushes differed by more than %.0f %%, so this maximum may "
                          "be off: repeating the test is advised before it sets your targets.",
                 st->rules->mvc_cv_retest_pct);
    else if (st->input.practice)
        set_note(m, false, "Practice: used for this run only, never for a patient's targets.");
    else
        set_note(m, false, "Saved for the %s position.", lv ? lv->id : "current");
}

static void finish_test(MvcScene *m, Game *g)
{
    sim_push(g, false);
    m->have_res = mvc_test_result(m->pts, m->n, m->t0, &m->res);
    if (!m->have_res) {
        set_note(m, true, "No clear push was measured. Check that the sensor is under your "
                          "heel(s), then repeat the test.");
        m->phase = MVC_RESULT;
        menu_init(&m->menu, RESULT_ITEMS, 2);
        m->menu.selected = 1;
        return;
    }
    m->phase = MVC_PAIN;
    pain_scale_init(&m->scale, 0);
}

static void mvc_update(Scene *sc, Game *g)
{
    MvcScene *m = sc->data;
    if (m->phase != MVC_RUN)
        return;
    const PlayState *ps = game_state(g);
    if (ps->sensor_ended || ps->sensor_lost) { /* the last reading would be stale */
        stop_test(m, g, true, "The sensor stopped sending readings, so the test stopped. Nothing "
                              "was saved; start again when it is back.");
        return;
    }
    MvcStep st = mvc_test_step(g->now - m->t0);
    double f = ps->latest_force;
    if (isfinite(f)) {
        if (m->n == m->cap) {
            void *p = m->pts;
            xgrow(&p, &m->cap, m->n + 1, sizeof *m->pts);
            m->pts = p;
        }
        m->pts[m->n++] = (ForcePoint){g->now, f, 0, 0, false};
        if (st.kind == MVC_STEP_EFFORT &&
            (isnan(m->live_peak[st.effort]) || f > m->live_peak[st.effort]))
            m->live_peak[st.effort] = f;
    }
    sim_push(g, st.kind == MVC_STEP_EFFORT ||
                    (st.kind == MVC_STEP_COUNTDOWN && st.left_s < SIM_ANTICIPATION_S));
    if (st.kind == MVC_STEP_DONE)
        finish_test(m, g);
}

static void answer_pain(MvcScene *m, Game *g, int pain)
{
    m->pain = pain;
    m->pain_limited = mvc_pain_limited(pain);
    save_result(m, g);
    m->phase = MVC_RESULT;
    menu_init(&m->menu, RESULT_ITEMS, 2);
    if (game_state(g)->profile.mvc_inconsistent && !m->pain_limited)
        m->menu.selected = 1; /* suggest the repeat, but never after a painful test */
}

static void mvc_input(Scene *sc, Game *g, const UiInput *in)
{
    MvcScene *m = sc->data;
    UiInput v = input_space_as_ok(in);
    switch (m->phase) {
    case MVC_INTRO: {
        int pick = v.action == ACT_BACK ? -2 : menu_input(&m->menu, &v);
        if (pick == 0 && m->can_test)
            start_test(m, g);
        else if (pick == -2 || pick == m->menu.count - 1)
            game_pop(g);
        break;
    }
    case MVC_RUN:
        if (v.action == ACT_BACK)
            stop_test(m, g, false, "Test stopped. Nothing was saved.");
        break;
    case MVC_PAIN: {
        if (v.action == ACT_CLICK && m->scale.cell_w == 0)
            break;
        int pick = pain_scale_input(&m->scale, &v);
        if (pick >= 0)
            answer_pain(m, g, pick);
        break;
    }
    case MVC_RESULT: {
        int pick = v.action == ACT_BACK ? 0 : menu_input(&m->menu, &v);
        if (pick == 0)
            game_pop(g);
        else if (pick == 1)
            to_intro(m);
        break;
    }
    }
}

/* ---- drawing ---- */

/* The whole test as one bar: effort blocks framed, time passed filled, a marker at now. */
static void draw_progress(Gfx *x, double t, int y)
{
    int w = gfx_w(x), x0 = w / 12, bw = w - 2 * x0, bh = gfx_u(x, 0.035);
    double total = mvc_test_total_s();
    double frac = t <= 0 ? 0 : t >= total ? 1 : t / total;
    gfx_rect(x, x0, y, bw, bh, PAL_PANEL);
    gfx_rect(x, x0, y, (int)(bw * frac), bh, PAL_BAND);
    for (int i = 0; i < MVC_TEST_EFFORTS; i++) {
        int ex = x0 + (int)(bw * mvc_test_effort_start_s(i) / total);
        int ew = (int)(bw * MVC_TEST_EFFORT_S / total);
        gfx_frame(x, ex, y - gfx_u(x, 0.008), ew, bh + gfx_u(x, 0.016), gfx_u(x, 0.005),
                  PAL_ACCENT);
        char label[16];
        snprintf(label, sizeof label, "%d", i + 1);
        gfx_text(x, label, ex + ew / 2, y + bh + gfx_u(x, 0.012), 0.03, PAL_TEXT_DIM,
                 ALIGN_CENTER, true);
    }
    int mx = x0 + (int)(bw * frac);
    gfx_rect(x, mx - gfx_u(x, 0.003), y - gfx_u(x, 0.015), gfx_u(x, 0.006),
             bh + gfx_u(x, 0.03), PAL_TEXT);
}

static void draw_run(MvcScene *m, Game *g)
{
    Gfx *x = g->gfx;
    int w = gfx_w(x), h = gfx_h(x), margin = w / 10;
    double t = g->now - m->t0;
    MvcStep st = mvc_test_step(t);
    char title[64], big[32], sub[32] = "", line[160] = "";
    SDL_Color bigc = PAL_ACCENT;
    double big_size = 0.26;
    switch (st.kind) {
    case MVC_STEP_COUNTDOWN:
        snprintf(title, sizeof title, "Effort %d of %d: get ready", st.effort + 1,
                 MVC_TEST_EFFORTS);
        snprintf(big, sizeof big, "%d", (int)ceil(st.left_s));
        snprintf(line, sizeof line, "Push when the count reaches zero.");
        break;
    case MVC_STEP_EFFORT:
        snprintf(title, sizeof title, "Effort %d of %d", st.effort + 1, MVC_TEST_EFFORTS);
        snprintf(big, sizeof big, "PUSH!");
        big_size = 0.2;
        snprintf(sub, sizeof sub, "%d s left", (int)ceil(st.left_s));
        snprintf(line, sizeof line,
                 "Push as hard as you can with your heel(s), without pain.");
        break;
    case MVC_STEP_REST:
        snprintf(title, sizeof title, "Rest");
        snprintf(big, sizeof big, "%d s", (int)ceil(st.until_s));
        bigc = PAL_BAND;
        snprintf(line, sizeof line, "Relax your legs and breathe. Effort %d of %d comes next; "
                 "stay in the same position.", st.effort + 1, MVC_TEST_EFFORTS);
        break;
    case MVC_STEP_RELAX:
    case MVC_STEP_DONE:
        snprintf(title, sizeof title, "Stop and relax");
        snprintf(big, sizeof big, "Done");
        bigc = PAL_IN;
        break;
    }
    gfx_clear(x, PAL_BG);
    gfx_text(x, title, w / 2, gfx_u(x, 0.03), 0.07, PAL_TEXT, ALIGN_CENTER, true);
    draw_progress(x, t, gfx_u(x, 0.14));
    int mins = (int)(t / 60), secs = (int)fmod(t, 60.0);
    int tot = (int)ceil(mvc_test_total_s());
    char clock[48];
    snprintf(clock, sizeof clock, "%d:%02d of %d:%02d", mins, secs, tot / 60, tot % 60);
    gfx_text(x, clock, w / 2, gfx_u(x, 0.235), 0.03, PAL_TEXT_DIM, ALIGN_CENTER, false);
    gfx_text(x, big, w / 2, gfx_u(x, 0.29), big_size, bigc, ALIGN_CENTER, true);
    if (sub[0])
        gfx_text(x, sub, w / 2, gfx_u(x, 0.5), 0.06, PAL_ACCENT, ALIGN_CENTER, false);
    if (line[0])
        gfx_text_wrapped(x, line, margin, gfx_u(x, 0.61), w - 2 * margin, 0.045, PAL_TEXT,
                         ALIGN_CENTER);
    /* the live force and the efforts so far, small, at the bottom */
    char now[64], done[160] = "";
    if (isfinite(game_state(g)->latest_force))
        snprintf(now, sizeof now, "Now: %.0f N", game_state(g)->latest_force);
    else
        snprintf(now, sizeof now, "Now: no reading");
    for (int i = 0; i < MVC_TEST_EFFORTS; i++) {
        if (isnan(m->live_peak[i]))
            continue;
        size_t len = strlen(done);
        snprintf(done + len, sizeof done - len, "%sEffort %d: %.0f N", len ? "    " : "", i + 1,
                 m->live_peak[i]);
    }
    gfx_text(x, now, w / 12, h - gfx_u(x, 0.15), 0.045, PAL_ACCENT, ALIGN_LEFT, true);
    gfx_text(x, done, w - w / 12, h - gfx_u(x, 0.14), 0.035, PAL_TEXT_DIM, ALIGN_RIGHT, false);
    gfx_text(x, "Esc: stop the test (nothing is saved)", w / 2, h - gfx_u(x, 0.06), 0.03,
             PAL_TEXT_DIM, ALIGN_CENTER, false);
}

static void draw_result(MvcScene *m, Game *g)
{
    Gfx *x = g->gfx;
    int w = gfx_w(x), margin = w / 10;
    gfx_clear(x, PAL_BG);
    gfx_text(x, "Your strength test", w / 2, gfx_u(x, 0.03), 0.07, PAL_TEXT, ALIGN_CENTER, true);
    int y = gfx_u(x, 0.13);
    if (m->have_res) {
        int cols = (int)m->res.efforts, cw = (w - 2 * margin) / (cols ? cols : 1);
        for (int i = 0; i < cols; i++) {
            bool best = m->res.peak_n[i] == m->res.best_n;
            char label[32], value[32];
            snprintf(label, sizeof label, best ? "Effort %d (best)" : "Effort %d", i + 1);
            snprintf(value, sizeof value, "%.0f N", m->res.peak_n[i]);
            int cx = margin + cw * i + cw / 2;
            gfx_text(x, label, cx, y, 0.035, best ? PAL_ACCENT : PAL_TEXT_DIM, ALIGN_CENTER,
                     best);
            gfx_text(x, value, cx, y + gfx_u(x, 0.05), 0.06, best ? PAL_ACCENT : PAL_TEXT,
                     ALIGN_CENTER, best);
        }
        y += gfx_u(x, 0.17);
        char line[400];
        snprintf(line, sizeof line, "Your maximum: %.0f N", m->res.best_n);
        gfx_text(x, line, w / 2, y, 0.075, PAL_ACCENT, ALIGN_CENTER, true);
        y += gfx_u(x, 0.1);
        if (isfinite(m->res.cv_pct) && !game_state(g)->profile.mvc_inconsistent)
            snprintf(line, sizeof line, "Your efforts were consistent (they varied by %.0f %%).",
                     m->res.cv_pct);
        else if (m->pain_limited) /* not straight away: it hurt (see below) */
            snprintf(line, sizeof line, "Your three efforts differed a lot (by %.0f %%).",
                     m->res.cv_pct);
        else
            snprintf(line, sizeof line, "Your three efforts differed a lot (by %.0f %%): "
                     "consider repeating the test after a rest.", m->res.cv_pct);
        y += gfx_text_wrapped(x, line, margin, y, w - 2 * margin, 0.04, PAL_TEXT, ALIGN_LEFT);
        if (m->pain_limited) {
            snprintf(line, sizeof line, "It hurt %d/10, so this is a pain-limited maximum: "
                     "your targets are set from it, and it is worth retesting once the pain "
                     "settles.", m->pain);
            y += gfx_text_wrapped(x, line, margin, y + gfx_u(x, 0.01), w - 2 * margin, 0.04,
                                  PAL_LOW, ALIGN_LEFT);
        }
    }
    if (m->note[0])
        y += gfx_text_wrapped(x, m->note, margin, y + gfx_u(x, 0.015), w - 2 * margin, 0.034,
                              m->warn ? PAL_LOW : PAL_TEXT_DIM, ALIGN_LEFT);
    int my = gfx_h(x) - gfx_u(x, 0.27);
    menu_draw(&m->menu, x, w / 2, my > y + gfx_u(x, 0.03) ? my : y + gfx_u(x, 0.03));
}

static void mvc_draw(Scene *sc, Game *g)
{
    MvcScene *m = sc->data;
    Gfx *x = g->gfx;
    int w = gfx_w(x), h = gfx_h(x);
    switch (m->phase) {
    case MVC_INTRO: {
        char body[700];
        if (!m->can_test) {
            snprintf(body, sizeof body, "The strength test needs a force sensor (a load cell, "
                     "a scale or a balance board). %s cannot measure how hard you push.",
                     game_state(g)->input.open ? game_state(g)->input.name
                                               : "No sensor is open, so it");
        } else {
            const Level *lv = game_level(g);
            snprintf(body, sizeof body,
                     "Three pushes of 5 seconds, a minute apart; the best one counts. Set up "
                     "your bridge with the same knee angle and hip height as in your holds. "
                     "When the count reaches zero, push down through your heel(s) as hard as "
                     "you can, without pain, until it says stop. About 2\xc2\xbd minutes.%s",
                     lv && lv->target_kind != TARGET_PCT_MVC
                         ? " (Your current level is not set from it; later levels are.)"
                         : "");
        }
        draw_page(x, "Strength test", body, false);
        if (m->note[0])
            gfx_text_wrapped(x, m->note, w / 10, h - gfx_u(x, 0.42), w * 8 / 10, 0.034,
                             m->warn ? PAL_LOW : PAL_TEXT_DIM, ALIGN_LEFT);
        menu_draw(&m->menu, x, w / 2, h - gfx_u(x, 0.29));
        break;
    }
    case MVC_RUN: draw_run(m, g); break;
    case MVC_PAIN:
        gfx_clear(x, PAL_BG);
        gfx_text(x, "Did the test hurt?", w / 2, gfx_u(x, 0.06), 0.08, PAL_TEXT, ALIGN_CENTER,
                 true);
        gfx_text_wrapped(x, "How much did your sit-bone hurt during the pushes?", w / 10,
                         gfx_u(x, 0.2), w * 8 / 10, 0.05, PAL_TEXT, ALIGN_CENTER);
        pain_scale_draw(&m->scale, x, gfx_u(x, 0.38));
        gfx_text_wrapped(x, "Above 3, the result is kept as a pain-limited maximum.", w / 10,
                         gfx_u(x, 0.68), w * 8 / 10, 0.038, PAL_TEXT_DIM, ALIGN_CENTER);
        gfx_text(x, "Arrows or a number to choose, Enter to answer.", w / 2, h - gfx_u(x, 0.09),
                 0.035, PAL_TEXT_DIM, ALIGN_CENTER, false);
        break;
    case MVC_RESULT: draw_result(m, g); break;
    }
}

static void free_data(Scene *sc)
{
    MvcScene *m = sc->data;
    free(m->pts);
    free(m);
    free(sc);
}

const char *scene_mvc_note(const Scene *sc)
{
    const MvcScene *m = sc->data;
    return m->note;
}

Scene *scene_mvc_new(void)
{
    Scene *sc = scene_alloc("mvc", sizeof(MvcScene));
    sc->enter = mvc_enter;
    sc->input = mvc_input;
    sc->update = mvc_update;
    sc->draw = mvc_draw;
    sc->destroy = free_data; /* the trace as well as the scene */
    return sc;
}
