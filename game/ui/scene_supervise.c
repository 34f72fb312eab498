/* ui/scene_supervise: what a clinician sees and does in a supervised session — the live trace
 * full width with the band, live %MVC, CV and drift of the hold in progress, the sets so far,
 * and actions: a note on the last set, end this set, end the session; after it, an override of
 * the next level with a required reason. The patient still answers every pain question. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "ui/game.h"
#include "ui/hold_view.h"
#include "ui/palette.h"
#include "ui/supervise.h"
#include "ui/widgets.h"

static const char *const ACTIONS[SUPERVISE_ACTIONS] = {"Note on the last set", "End this set",
                                                       "End the session"};

/* CV and drift of the hold in progress over what the live trace holds of it (its last 10 s),
 * measured by the same code that scores every set (signal/hold_measure, METRICS.md); NAN
 * before 2 s of hold. */
static void live_stats(const PlayState *st, double now, double *cv, double *drift)
{
    *cv = *drift = NAN;
    const Session *s = st->session;
    if (session_phase(s) != PHASE_HOLD || session_phase_elapsed_s(s, now) < 2.0)
        return;
    double start = now - session_phase_elapsed_s(s, now);
    const ForcePoint *pts;
    size_t n = session_recent(s, &pts), first = 0;
    while (first < n && pts[first].t_s < start)
        first++;
    double lo, hi;
    session_band(s, &lo, &hi);
    double target = (lo + hi) / 2;
    HoldParams hp = {target, target > 0 ? 100.0 * (hi - lo) / 2 / target : 0};
    HoldMetrics m;
    if (hold_measure(pts + first, n - first, &hp, &m)) {
        *cv = m.cv_pct;
        *drift = m.drift_pct_per_10s;
    }
}

void supervise_view_draw(Game *g, const SuperviseActions *a)
{
    const PlayState *st = game_state(g);
    Gfx *x = g->gfx;
    int w = gfx_w(x), h = gfx_h(x), margin = gfx_u(x, 0.03);
    gfx_clear(x, PAL_BG);
    const Session *s = st->session;
    if (!s)
        return;
    char line[256];
    snprintf(line, sizeof line, "Supervised%s: %s, %s, set %d of %d",
             st->practice ? " practice" : "", st->profile.name, st->played_level,
             session_set_number(s), session_config(s)->sets);
    gfx_text(x, line, margin, margin, 0.045, PAL_TEXT, ALIGN_LEFT, true);
    static const char *const PHASES[] = {"not started", "get ready", "holding", "resting",
                                         "done"};
    snprintf(line, sizeof line, "%s, %.0f s left", PHASES[session_phase(s)],
             session_phase_left_s(s, g->now));
    gfx_text(x, line, w - margin, margin, 0.04, PAL_ACCENT, ALIGN_RIGHT, true);
    /* the trace, full width */
    SDL_Rect r = {margin, gfx_u(x, 0.1), w - 2 * margin, h * 42 / 100};
    hold_view_trace(g, r);
    /* live numbers */
    double v = session_latest_value(s), cv, drift;
    live_stats(st, g->now, &cv, &drift);
    char num[4][64];
    const PlayProfile *pr = &st->profile;
    if (isfinite(v) && pr->mvc_n > 0 && !st->angle_mode && !st->self_timed)
        snprintf(num[0], sizeof num[0], "%.0f %% MVC", 100.0 * v / pr->mvc_n);
    else if (isfinite(v))
        snprintf(num[0], sizeof num[0], "%.1f %s", v, st->unit);
    else
        snprintf(num[0], sizeof num[0], "no reading");
    snprintf(num[1], sizeof num[1], isfinite(cv) ? "CV %.1f %% (10 s)" : "CV -", cv);
    snprintf(num[2], sizeof num[2], isfinite(drift) ? "drift %+.1f %%/10 s" : "drift -", drift);
    snprintf(num[3], sizeof num[3], "in band %.0f %%", session_live_in_band_pct(s));
    int ny = r.y + r.h + gfx_u(x, 0.015);
    for (int i = 0; i < 4; i++)
        gfx_text(x, num[i], margin + i * (w - 2 * margin) / 4, ny, 0.036, PAL_TEXT, ALIGN_LEFT,
                 true);
    /* the sets so far */
    const SetResult *res;
    size_t n = session_results(s, &res);
    int sy = ny + gfx_u(x, 0.07);
    for (size_t i = 0; i < n && i < 6; i++) {
        const SetResult *q = &res[i];
        if (q->index == 0)
            continue;
        char pain[16] = "-";
        if (q->pain >= 0)
            snprintf(pain, sizeof pain, "%d", q->pain);
        snprintf(line, sizeof line, "Set %d: %s%.0f %% in band, CV %.1f %%, pain %s", q->index,
                 q->interrupted ? "interrupted, " : "", q->m.time_in_band_pct, q->m.cv_pct, pain);
        gfx_text(x, line, margin, sy, 0.032, PAL_TEXT_DIM, ALIGN_LEFT, false);
        sy += gfx_u(x, 0.045);
    }
    /* actions, right */
    int ax = w * 62 / 100, aw = w - ax - margin, ah = gfx_u(x, 0.07);
    for (int i = 0; i < SUPERVISE_ACTIONS; i++) {
        int ay = ny + gfx_u(x, 0.07) + i * (ah + gfx_u(x, 0.015));
        bool sel = i == a->selected;
        gfx_rect(x, ax, ay, aw, ah, sel ? PAL_PANEL_HI : PAL_PANEL);
        if (sel)
            gfx_frame(x, ax, ay, aw, ah, gfx_u(x, 0.005), PAL_ACCENT);
        gfx_text(x, ACTIONS[i], ax + aw / 2, ay + gfx_u(x, 0.015), 0.036, PAL_TEXT, ALIGN_CENTER,
                 sel);
    }
    if (a->note[0])
        gfx_text(x, a->note, w / 2, h - gfx_u(x, 0.05), 0.03, PAL_ACCENT, ALIGN_CENTER, false);
}

/* Up/down choose an action, Enter does it; the mouse picks one by its row. */
int supervise_input(SuperviseActions *a, Game *g, const UiInput *in)
{
    switch (in->action) {
    case ACT_UP: a->selected = (a->selected + SUPERVISE_ACTIONS - 1) % SUPERVISE_ACTIONS; break;
    case ACT_DOWN: a->selected = (a->selected + 1) % SUPERVISE_ACTIONS; break;
    case ACT_OK: return a->selected;
    case ACT_CLICK: {
        Gfx *x = g->gfx;
        if (!x)
            break;
        int w = gfx_w(x), ax = w * 62 / 100, ah = gfx_u(x, 0.07);
        int ny = gfx_u(x, 0.1) + gfx_h(x) * 42 / 100 + gfx_u(x, 0.015) + gfx_u(x, 0.07);
        for (int i = 0; i < SUPERVISE_ACTIONS; i++) {
            int ay = ny + i * (ah + gfx_u(x, 0.015));
            if (in->x >= ax && in->y >= ay && in->y < ay + ah)
                return i;
        }
        break;
    }
    default: break;
    }
    return -1;
}

/* ---- a note on the last set ---- */

typedef struct NoteScene {
    TextField field;
    int set;
    char msg[200];
} NoteScene;

static int last_set(const PlayState *st)
{
    const SetResult *res;
    size_t n = st->session ? session_results(st->session, &res) : 0;
    return n ? res[n - 1].index : 0;
}

static void note_enter(Scene *sc, Game *g)
{
    NoteScene *nsc = sc->data;
    nsc->set = last_set(game_state(g));
    nsc->field.max = 150;
    scene_typing(sc, true);
}

static void note_close(Scene *sc, Game *g)
{
    scene_typing(sc, false);
    game_pop(g);
}

static void note_input(Scene *sc, Game *g, const UiInput *in)
{
    NoteScene *nsc = sc->data;
    if (textfield_input(&nsc->field, in))
        return;
    if (in->action == ACT_BACK) {
        note_close(sc, g);
    } else if (in->action == ACT_OK) {
        if (nsc->set <= 0 || !play_note_set(g->play, nsc->set, nsc->field.text))
            snprintf(nsc->msg, sizeof nsc->msg, "No finished set to note yet.");
        else
            note_close(sc, g);
    }
}

static void note_draw(Scene *sc, Game *g)
{
    NoteScene *nsc = sc->data;
    Gfx *x = g->gfx;
    int w = gfx_w(x);
    gfx_rect(x, 0, 0, w, gfx_h(x), (SDL_Color){10, 14, 24, 225});
    char title[64];
    snprintf(title, sizeof title, "Note on set %d", nsc->set);
    gfx_text(x, title, w / 2, gfx_u(x, 0.1), 0.07, PAL_TEXT, ALIGN_CENTER, true);
    char shown[sizeof nsc->field.text + 2];
    snprintf(shown, sizeof shown, "%s_", nsc->field.text);
    gfx_rect(x, w / 10, gfx_u(x, 0.3), w * 8 / 10, gfx_u(x, 0.1), PAL_PANEL_HI);
    gfx_text(x, shown, w / 2, gfx_u(x, 0.32), 0.04, PAL_TEXT, ALIGN_CENTER, false);
    gfx_text(x, nsc->msg[0] ? nsc->msg : "Enter: save the note.  Esc: cancel.", w / 2,
             gfx_u(x, 0.5), 0.035, nsc->msg[0] ? PAL_WARN : PAL_TEXT_DIM, ALIGN_CENTER, false);
}

Scene *scene_set_note_new(void)
{
    Scene *sc = scene_alloc("set-note", sizeof(NoteScene));
    sc->overlay = true;
    sc->enter = note_enter;
    sc->input = note_input;
    sc->draw = note_draw;
    return sc;
}

/* ---- overriding the next level ---- */

typedef struct OverrideScene {
    int level;
    TextField reason;
    char msg[300];
} OverrideScene;

static void override_enter(Scene *sc, Game *g)
{
    OverrideScene *o = sc->data;
    const PlayState *st = game_state(g);
    o->level = st->have_plan ? st->plan.next_index : st->level_index;
    o->reason.max = 150;
    scene_typing(sc, true);
}

static void override_input(Scene *sc, Game *g, const UiInput *in)
{
    OverrideScene *o = sc->data;
    int count = (int)game_state(g)->ladder->count;
    if (textfield_input(&o->reason, in))
        return;
    switch (in->action) {
    case ACT_LEFT: o->level = (o->level + count - 1) % count; break;
    case ACT_RIGHT: o->level = (o->level + 1) % count; break;
    case ACT_OK:
        if (!o->reason.text[0]) {
            snprintf(o->msg, sizeof o->msg, "Type the reason first: it is kept in the record.");
        } else if (!play_override_decision(g->play, o->level, o->reason.text)) {
            snprintf(o->msg, sizeof o->msg, "%.280s", game_state(g)->error);
        } else {
            scene_typing(sc, false);
            game_pop(g);
        }
        break;
    case ACT_BACK:
        scene_typing(sc, false);
        game_pop(g);
        break;
    default: break;
    }
}

static void override_draw(Scene *sc, Game *g)
{
    OverrideScene *o = sc->data;
    const PlayState *st = game_state(g);
    Gfx *x = g->gfx;
    int w = gfx_w(x);
    gfx_rect(x, 0, 0, w, gfx_h(x), (SDL_Color){10, 14, 24, 235});
    gfx_text(x, "Override the next level", w / 2, gfx_u(x, 0.06), 0.07, PAL_TEXT, ALIGN_CENTER,
             true);
    char line[300];
    snprintf(line, sizeof line, "The rules said: %s. Next session at:",
             st->have_plan ? st->plan.next_level : "nothing yet");
    gfx_text(x, line, w / 2, gfx_u(x, 0.2), 0.04, PAL_TEXT_DIM, ALIGN_CENTER, false);
    snprintf(line, sizeof line, "\xe2\x97\x80  %s: %s  \xe2\x96\xb6", st->ladder->levels[o->level].id,
             st->ladder->levels[o->level].name);
    gfx_text(x, line, w / 2, gfx_u(x, 0.28), 0.055, PAL_ACCENT, ALIGN_CENTER, true);
    snprintf(line, sizeof line, "Reason: %.200s_", o->reason.text);
    gfx_rect(x, w / 10, gfx_u(x, 0.42), w * 8 / 10, gfx_u(x, 0.09), PAL_PANEL_HI);
    gfx_text(x, line, w / 10 + gfx_u(x, 0.02), gfx_u(x, 0.44), 0.036, PAL_TEXT, ALIGN_LEFT,
             false);
    gfx_text_wrapped(x, o->msg[0] ? o->msg
                                  : "Left/right: level.  Type the reason.  Enter: save (kept in "
                                    "the audit log).  Esc: cancel.",
                     w / 10, gfx_u(x, 0.58), w * 8 / 10, 0.034, o->msg[0] ? PAL_WARN : PAL_TEXT_DIM,
                     ALIGN_CENTER);
}

Scene *scene_override_new(void)
{
    Scene *sc = scene_alloc("override", sizeof(OverrideScene));
    sc->overlay = true;
    sc->enter = override_enter;
    sc->input = override_input;
    sc->draw = override_draw;
    return sc;
}
