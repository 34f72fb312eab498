/* ui/game: the scene stack, the sensor pump and session set-up shared by every scene. */
#include "ui/game.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/log.h"
#include "core/str.h"
#include "ui/palette.h"
#include "ui/persist.h"
#include "ui/audio_bridge.h"

/* Stand-in maximum when no MVC test has been done and the input is not a real force sensor
 * (simulator, keyboard, replay without --mvc-n). Labelled "nominal" wherever it is shown. [P] */
#define NOMINAL_MVC_N 400.0
#define G_ACCEL 9.80665 /* standard gravity, m/s² */

void game_init(Game *g)
{
    memset(g, 0, sizeof *g);
    g->cal = (Calibration){1.0, 0.0};
    g->latest_force = g->latest_pitch = g->latest_roll = NAN;
    g->pain_before = g->pain_after = -1;
    g->settings = (Settings){true, true, 0.8};
}

void game_free(Game *g)
{
    game_free_scenes(g);
    session_free(g->session);
    g->session = NULL;
    sensor_close(g->sensor);
    g->sensor = NULL;
    ladder_free(&g->ladder);
    free(g->ghost);
    g->ghost = NULL;
    g->n_ghost = 0;
    persist_close(g);
}

const Level *game_level(const Game *g)
{
    if (g->level_index < 0 || (size_t)g->level_index >= g->ladder.count)
        return NULL;
    return &g->ladder.levels[g->level_index];
}

static void scene_free_with_data(Scene *sc)
{
    free(sc->data);
    free(sc);
}

Scene *scene_alloc(const char *name, size_t data_size)
{
    Scene *sc = xcalloc(1, sizeof *sc);
    sc->name = name;
    sc->data = data_size ? xcalloc(1, data_size) : NULL;
    sc->destroy = scene_free_with_data;
    return sc;
}

Scene *game_top(Game *g) { return g->n_scenes ? g->stack[g->n_scenes - 1] : NULL; }

void game_push(Game *g, Scene *sc)
{
    if (g->n_pending_push < 4)
        g->pending_push[g->n_pending_push++] = sc;
}

void game_pop(Game *g) { g->pending_pops++; }

void game_replace(Game *g, Scene *sc)
{
    game_pop(g);
    game_push(g, sc);
}

static void destroy_scene(Scene *sc)
{
    if (sc && sc->destroy)
        sc->destroy(sc);
}

void game_apply_scene_changes(Game *g)
{
    while (g->pending_pops > 0 || g->n_pending_push > 0) {
        int pops = g->pending_pops;
        g->pending_pops = 0;
        for (; pops > 0 && g->n_scenes > 0; pops--)
            destroy_scene(g->stack[--g->n_scenes]);
        int pushes = g->n_pending_push;
        Scene *list[4];
        memcpy(list, g->pending_push, sizeof list);
        g->n_pending_push = 0;
        for (int i = 0; i < pushes; i++) {
            if (g->n_scenes >= GAME_MAX_SCENES) {
                destroy_scene(list[i]);
                continue;
            }
            g->stack[g->n_scenes++] = list[i];
            if (list[i]->enter)
                list[i]->enter(list[i], g); /* may queue further changes: loop again */
        }
    }
}

void game_free_scenes(Game *g)
{
    while (g->n_scenes > 0)
        destroy_scene(g->stack[--g->n_scenes]);
    for (int i = 0; i < g->n_pending_push; i++)
        destroy_scene(g->pending_push[i]);
    g->n_pending_push = 0;
    g->pending_pops = 0;
}

static double sample_value(const Game *g, const Sample *s)
{
    if (!g->angle_mode)
        return s->force_n;
    double v = s->pitch_deg + ANGLE_OFFSET_DEG;
    /* A dropped hip spoils the hold even at the right height: count it below the band. */
    if ((s->has & SAMPLE_ROLL) && fabs(s->roll_deg) > ANGLE_ROLL_LIMIT_DEG && g->session) {
        double lo, hi;
        session_band(g->session, &lo, &hi);
        if (v >= lo)
            v = lo - 1.0;
    }
    return v;
}

/* Recordings and captures play once, from their first poll: they start with the session. */
static bool finite_input(const Sensor *s)
{
    const char *k = sensor_info(s)->kind;
    return strcmp(k, "replay") == 0 || strcmp(k, "hidcapture") == 0 || strcmp(k, "evemu") == 0;
}

static void pump_sensor(Game *g)
{
    if (!g->sensor || g->sensor_ended)
        return;
    if (!g->session && finite_input(g->sensor))
        return;
    Sample buf[256];
    for (int guard = 0; guard < 64; guard++) {
        int n = sensor_poll(g->sensor, g->now, buf, 256);
        if (n == SENSOR_DISCONNECTED) {
            /* Unplugged: the hold in progress ends, marked interrupted (kept, never a failure),
             * and nothing new starts until the sensor is back (the backend looks for it). */
            if (!g->sensor_lost) {
                log_warn("game", "sensor disconnected");
                g->sensor_lost = true;
                g->have_offset = false; /* a replugged device may restart its clock */
                if (g->session && session_phase(g->session) == PHASE_HOLD)
                    session_interrupt(g->session, g->now);
            }
            return;
        }
        if (n < 0) {
            if (n != SENSOR_END)
                log_warn("game", "sensor stopped (%d)", n);
            g->sensor_ended = true;
            if (g->session && session_phase(g->session) == PHASE_HOLD)
                session_interrupt(g->session, g->now);
            return;
        }
        if (n > 0 && g->sensor_lost) {
            log_info("game", "sensor back");
            g->sensor_lost = false;
        }
        for (int i = 0; i < n; i++) {
            Sample *smp = &buf[i];
            if (smp->has & SAMPLE_FORCE) {
                double raw = smp->force_n;
                smp->force_n = calibrate_apply(&g->cal, raw);
                if (smp->has & SAMPLE_LEFT_RIGHT) { /* the offset splits evenly between sides */
                    smp->left_n = calibrate_apply(&g->cal, smp->left_n) - g->cal.offset_n / 2;
                    smp->right_n = calibrate_apply(&g->cal, smp->right_n) - g->cal.offset_n / 2;
                }
                g->latest_force = smp->force_n;
            }
            if (smp->has & SAMPLE_PITCH)
                g->latest_pitch = smp->pitch_deg;
            if (smp->has & SAMPLE_ROLL)
                g->latest_roll = smp->roll_deg;
            if (!g->have_offset) {
                /* the newest sample of the first batch is "now"; older ones fall before it */
                g->sample_offset = g->now - buf[n - 1].t_s;
                g->have_offset = true;
            }
            double t = buf[i].t_s + g->sample_offset;
            if (t > g->now) { /* a device clock running ahead of ours: follow ours */
                g->sample_offset -= t - g->now;
                t = g->now;
            }
            if (t < g->last_sample_t) /* after a replug: never back into pushed time */
                t = g->last_sample_t;
            g->last_sample_t = t;
            ForcePoint p = {t, sample_value(g, &buf[i]), buf[i].left_n, buf[i].right_n,
                            (buf[i].has & SAMPLE_LEFT_RIGHT) != 0};
            if (g->session)
                session_push(g->session, &p);
        }
        if (n < 256)
            return;
    }
}

void game_tick(Game *g)
{
    pump_sensor(g);
    Scene *top = game_top(g);
    /* Prompts over the hold screen do not stop the clock: the scene under all the overlays
     * (the session) keeps running, however many questions are stacked on it. */
    int base = g->n_scenes - 1;
    while (base > 0 && g->stack[base]->overlay)
        base--;
    if (base >= 0 && base < g->n_scenes - 1 && g->stack[base]->update)
        g->stack[base]->update(g->stack[base], g);
    if (top && top->update)
        top->update(top, g);
    game_apply_scene_changes(g);
}

void game_input(Game *g, const UiInput *in)
{
    /* Letting go of the space bar or the mouse ends a push whatever screen is up: a prompt
     * that opens mid-press must not keep the keyboard "pushing" into the next set. */
    if (g->push && (in->action == ACT_PUSH_OFF || in->action == ACT_CLICK))
        game_set_push(g, false);
    Scene *top = game_top(g);
    if (top && top->input)
        top->input(top, g, in);
    game_apply_scene_changes(g);
}

/* Over whatever screen is up: the sensor is gone, what happened, what to do. */
static void draw_sensor_lost(Gfx *x)
{
    int w = gfx_w(x), h = gfx_h(x);
    int top = h * 30 / 100, bh = h * 40 / 100;
    gfx_rect(x, w / 10, top, w * 8 / 10, bh, (SDL_Color){10, 14, 24, 240});
    gfx_frame(x, w / 10, top, w * 8 / 10, bh, gfx_u(x, 0.01), PAL_WARN);
    gfx_text(x, "Sensor disconnected", w / 2, top + gfx_u(x, 0.04), 0.08, PAL_ACCENT,
             ALIGN_CENTER, true);
    gfx_text_wrapped(x,
                     "Plug it back in. The set in progress was stopped and kept, and does not "
                     "count against you. The next set starts when the sensor is back.",
                     w / 10 + gfx_u(x, 0.04), top + gfx_u(x, 0.16), w * 8 / 10 - gfx_u(x, 0.08),
                     0.042, PAL_TEXT, ALIGN_CENTER);
}

void game_draw(Game *g)
{
    if (!g->gfx || g->n_scenes == 0)
        return;
    gfx_begin(g->gfx);
    int first = g->n_scenes - 1;
    while (first > 0 && g->stack[first]->overlay)
        first--;
    for (int i = first; i < g->n_scenes; i++) {
        if (g->stack[i]->draw)
            g->stack[i]->draw(g->stack[i], g);
    }
    if (g->sensor_lost)
        draw_sensor_lost(g->gfx);
}

bool game_sensor_is(const Game *g, const char *kind)
{
    return g->sensor && strcmp(sensor_info(g->sensor)->kind, kind) == 0;
}

void game_set_push(Game *g, bool on)
{
    g->push = on;
    if (g->sensor)
        sensor_set_push(g->sensor, on ? 1.0 : 0.0);
}

static bool sensor_has(const Game *g, unsigned cap)
{
    return g->sensor && (sensor_info(g->sensor)->caps & cap);
}

bool game_begin_session(Game *g)
{
    const Level *lv = game_level(g);
    if (!lv) {
        snprintf(g->error, sizeof g->error, "no level to play");
        return false;
    }
    SessionConfig c = {0};
    c.sets = lv->sets;
    c.hold_s = lv->hold_s;
    c.rest_s = lv->rest_s;
    c.tolerance_pct = lv->tolerance_pct;
    c.practice = g->profile.first_session;
    c.tempo = lv->target_kind == TARGET_TEMPO;
    c.reps = lv->reps;
    c.up_s = lv->up_s;
    c.down_s = lv->down_s;
    g->unit = "N";
    g->target_note[0] = '\0';
    const SensorInfo *si = g->sensor ? sensor_info(g->sensor) : NULL;
    /* A pad with a motion sensor on the pelvis turns any hold level into a hip-height hold,
     * and tempo levels count reps from hip height (unless a real load cell measures force). */
    g->angle_mode = si && (si->caps & SAMPLE_PITCH) &&
                    (!(si->caps & SAMPLE_FORCE) || si->force_is_proxy);
    switch (lv->target_kind) {
    case TARGET_PCT_MVC: {
        double mvc = g->profile.mvc_n;
        if (mvc <= 0) {
            mvc = NOMINAL_MVC_N;
            g->profile.mvc_nominal = true;
        }
        g->target = level_target_value(lv, mvc, 0);
        snprintf(g->target_note, sizeof g->target_note, "%.0f %% of %s%.0f N maximum",
                 lv->target_value, g->profile.mvc_nominal ? "a nominal " : "your ", mvc);
        c.measured = sensor_has(g, SAMPLE_FORCE);
        break;
    }
    case TARGET_PCT_BODYWEIGHT: {
        double mass = g->profile.body_mass_kg > 0 ? g->profile.body_mass_kg : 70.0;
        g->target = level_target_value(lv, 0, mass);
        snprintf(g->target_note, sizeof g->target_note, "%.0f %% of body weight (%.0f kg)",
                 lv->target_value, mass);
        c.measured = sensor_has(g, SAMPLE_FORCE);
        break;
    }
    case TARGET_ANGLE:
        g->target = lv->target_value;
        g->unit = "°";
        c.measured = sensor_has(g, SAMPLE_PITCH);
        break;
    case TARGET_TIMED:
    case TARGET_TEMPO:
        g->target = 0;
        c.measured = false;
        break;
    }
    if (g->angle_mode && c.tempo) {
        g->unit = "°";
        snprintf(g->target_note, sizeof g->target_note,
                 "Reps counted from your hip height: up and down with the ball");
    } else if (g->angle_mode) {
        /* The band is set at each start tone from where the hips are (scene_hold). */
        g->target = ANGLE_OFFSET_DEG;
        g->unit = "°";
        c.measured = true;
        c.tolerance_pct = 100.0 * ANGLE_BAND_DEG / g->target;
        snprintf(g->target_note, sizeof g->target_note,
                 "Hip-height hold: keep your hips where they were at the start tone "
                 "(± %.0f°), and level", ANGLE_BAND_DEG);
    }
    if (!c.measured && !c.tempo) {
        g->unit = "";
        snprintf(g->target_note, sizeof g->target_note,
                 lv->target_kind == TARGET_TIMED
                     ? "a timed hold: hold steady for the time shown"
                     : "timed hold: this sensor cannot measure what this level asks for");
    }
    if (si && si->force_is_proxy && c.measured)
        snprintf(g->target_note, sizeof g->target_note,
                 "%s: the bar shows when you press, not how hard you push", si->name);
    c.target = g->target;
    str_copy(g->played_level, sizeof g->played_level, lv->id);
    session_free(g->session);
    g->session = session_new(&c);
    /* the simulated patient aims at the target (a strength test may have raised its aim);
     * with no force target it holds at its default 200 N */
    if (g->sensor)
        sensor_set_target(g->sensor, g->target > 0 && !g->angle_mode ? g->target : 200.0);
    session_start(g->session, g->now);
    return true;
}

void game_cue_events(Game *g, unsigned ev) { audio_bridge_events(g->audio, &g->settings, ev); }

void game_cue_reward(Game *g) { audio_bridge_reward(g->audio, &g->settings); }

void game_feedback(Game *g, bool on, double position)
{
    audio_bridge_feedback(g->audio, &g->settings, on, position);
}
