/* ui/scene_hold: runs the session — countdowns, holds, rests — with sound cues, the per-set
 * pain question, and the ghost of the best hold. Drawing is hold_view's. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audio/synth.h"
#include "core/alloc.h"
#include "ui/game.h"
#include "ui/hold_view.h"
#include "ui/persist.h"
#include "ui/palette.h"
#include "ui/widgets.h"

/* The simulated patient follows the game's cues: it starts lifting this long before "start",
 * the way a person reacts to the 3-2-1. */
#define SIM_ANTICIPATION_S 0.3

/* Keeps the best measured hold of this level as the ghost to beat. */
static void maybe_update_ghost(Game *g, const SetResult *r)
{
    if (!r->measured || r->interrupted)
        return;
    if (g->ghost && r->m.time_in_band_pct <= g->ghost_pct)
        return;
    const ForcePoint *pts;
    size_t n = session_last_hold_trace(g->session, &pts);
    if (n < 2)
        return;
    free(g->ghost);
    g->ghost = xmalloc(n * sizeof *g->ghost);
    for (size_t i = 0; i < n; i++) {
        g->ghost[i] = pts[i];
        g->ghost[i].t_s -= pts[0].t_s;
    }
    g->n_ghost = n;
    g->ghost_pct = r->m.time_in_band_pct;
}

/* Where the value is against the band, for the hold tone (0 in band, ±1 an octave off). */
static double feedback_position(const Game *g)
{
    double v = session_latest_value(g->session), lo, hi;
    session_band(g->session, &lo, &hi);
    if (isnan(v))
        return -1;
    return synth_feedback_position(v, lo, hi);
}

static void hold_enter(Scene *sc, Game *g)
{
    (void)sc;
    if (!game_begin_session(g)) {
        g->quit = true;
        return;
    }
    persist_load_ghost(g); /* the best earlier hold at this level, to beat */
}

static void hold_update(Scene *sc, Game *g)
{
    Session *s = g->session;
    if (!s)
        return;
    /* The next set waits for an open question and for a lost sensor; a countdown that the
     * sensor dropped out of starts again once it is back. */
    session_hold_rest(s, g->prompt_open || g->sensor_lost);
    if (g->sensor_lost)
        session_restart_countdown(s, g->now);
    unsigned ev = session_update(s, g->now);
    /* A recording or capture that ran out ends the session here: the set in progress is kept
     * (interrupted), and no set is played, and scored, on no data. */
    if (g->sensor_ended && session_phase(s) != PHASE_DONE)
        ev |= session_abort(s, g->now);
    if ((ev & SEV_START) && g->angle_mode && session_config(s)->measured &&
        !isnan(g->latest_pitch)) {
        /* angle holds: the top position is where the hips are at the start tone */
        g->target = g->latest_pitch + ANGLE_OFFSET_DEG;
        session_set_target(s, g->target, 100.0 * ANGLE_BAND_DEG / g->target);
    }
    game_cue_events(g, ev);
    SessionPhase ph = session_phase(s);
    if (game_sensor_is(g, "sim")) {
        bool lift = ph == PHASE_HOLD ||
                    (ph == PHASE_GET_READY && session_phase_left_s(s, g->now) < SIM_ANTICIPATION_S);
        sensor_set_push(g->sensor, lift ? 1.0 : 0.0);
    }
    game_feedback(g, ph == PHASE_HOLD && session_config(s)->measured, feedback_position(g));
    if (ev & SEV_STOP) {
        /* the set is over: a key or button still held must not carry into the rest */
        game_set_push(g, false);
        const SetResult *res;
        size_t n = session_results(s, &res);
        const SetResult *last = &res[n - 1];
        persist_set_done(g, last); /* committed the moment the set ends */
        maybe_update_ghost(g, last);
        if (last->measured && !last->interrupted && last->m.time_in_band_pct >= 80.0)
            game_cue_reward(g);
        if (last->index > 0)
            game_push(g, scene_pain_new(PAIN_SET, last->index));
    }
    /* Done once the last set's pain question (an overlay above us) has been answered. */
    if (ph == PHASE_DONE && game_top(g) == sc && g->n_pending_push == 0) {
        game_feedback(g, false, 0);
        flow_done(g, FLOW_HOLD);
    }
}

static const char *const END_ITEMS[] = {"Keep going", "End the session now"};

typedef struct EndScene {
    Menu menu;
} EndScene;

static void end_input(Scene *sc, Game *g, const UiInput *in)
{
    EndScene *e = sc->data;
    if (in->action == ACT_BACK) {
        game_pop(g);
        return;
    }
    UiInput v = *in;
    if (v.action == ACT_PUSH_ON)
        return; /* space is for holding here; a stray press must not end the session */
    int pick = menu_input(&e->menu, &v);
    if (pick == 0)
        game_pop(g);
    else if (pick == 1) {
        game_pop(g);
        game_set_push(g, false);
        /* The session stops here for good: a hold in progress is kept, marked interrupted,
         * and nothing more runs below the next screens. */
        if (g->session && (session_abort(g->session, g->now) & SEV_STOP)) {
            const SetResult *res;
            size_t n = session_results(g->session, &res);
            persist_set_done(g, &res[n - 1]);
        }
        game_feedback(g, false, 0); /* the hold scene, on top again, moves on to pain after */
    }
}

static void end_draw(Scene *sc, Game *g)
{
    EndScene *e = sc->data;
    Gfx *x = g->gfx;
    gfx_rect(x, 0, 0, gfx_w(x), gfx_h(x), (SDL_Color){10, 14, 24, 225});
    gfx_text(x, "End the session early?", gfx_w(x) / 2, gfx_u(x, 0.12), 0.08, PAL_TEXT,
             ALIGN_CENTER, true);
    gfx_text(x, "Sets you finished are kept. Stopping because of pain is the right call.",
             gfx_w(x) / 2, gfx_u(x, 0.24), 0.04, PAL_TEXT_DIM, ALIGN_CENTER, false);
    menu_draw(&e->menu, x, gfx_w(x) / 2, gfx_u(x, 0.38));
}

static Scene *scene_end_new(void)
{
    Scene *sc = scene_alloc("end-early", sizeof(EndScene));
    EndScene *e = sc->data;
    menu_init(&e->menu, END_ITEMS, 2);
    sc->overlay = true;
    sc->input = end_input;
    sc->draw = end_draw;
    return sc;
}

static void hold_input(Scene *sc, Game *g, const UiInput *in)
{
    (void)sc;
    switch (in->action) {
    case ACT_PUSH_ON: game_set_push(g, true); break;
    case ACT_PUSH_OFF:
    case ACT_CLICK: game_set_push(g, false); break;
    case ACT_BACK: game_push(g, scene_end_new()); break;
    default: break;
    }
}

static void hold_draw(Scene *sc, Game *g)
{
    (void)sc;
    hold_view_draw(g);
}

Scene *scene_hold_new(void)
{
    Scene *sc = scene_alloc("hold", 0);
    sc->enter = hold_enter;
    sc->update = hold_update;
    sc->input = hold_input;
    sc->draw = hold_draw;
    return sc;
}
