/* ui/scene_hold: the session on screen — the Play runs it (play_tick); this scene turns its
 * events into sound cues and the per-set pain question. Drawing is hold_view's. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/synth.h"
#include "ui/game.h"
#include "ui/hold_view.h"
#include "ui/supervise.h"
#include "ui/palette.h"
#include "ui/widgets.h"

/* Where the value is against the band, for the hold tone (0 in band, ±1 an octave off). */
static double feedback_position(const Session *s)
{
    double v = session_latest_value(s), lo, hi;
    session_band(s, &lo, &hi);
    if (isnan(v))
        return -1;
    return synth_feedback_position(v, lo, hi);
}

static void hold_enter(Scene *sc, Game *g)
{
    (void)sc;
    const PlayState *st = game_state(g);
    if (!play_begin_session(g->play, st->profile.first_session)) {
        game_replace(g, scene_notice_new("This session cannot start", st->error));
        return;
    }
}

static void hold_update(Scene *sc, Game *g)
{
    const PlayState *st = game_state(g);
    const Session *s = st->session;
    if (!s)
        return;
    unsigned ev = game_events(g);
    game_cue_events(g, ev);
    SessionPhase ph = session_phase(s);
    game_feedback(g, ph == PHASE_HOLD && session_config(s)->measured, feedback_position(s));
    if (ev & PLAY_EV_GOOD_SET)
        game_cue_reward(g);
    if (ev & PLAY_EV_ASK_PAIN)
        game_push(g, scene_pain_new(PLAY_PAIN_SET));
    /* Done once the last set's pain question (an overlay above us) has been answered. */
    if (ph == PHASE_DONE && game_top(g) == sc && g->n_pending_push == 0 &&
        st->set_pain_owed == 0) {
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
        /* The session stops here for good: a hold in progress is kept, marked interrupted. */
        play_end_early(g->play);
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
    SuperviseActions *a = sc->data;
    if (game_state(g)->supervised) {
        switch (supervise_input(a, g, in)) {
        case 0: game_push(g, scene_set_note_new()); return;
        case 1:
            play_end_set(g->play);
            snprintf(a->note, sizeof a->note, "The set was ended by the clinician.");
            return;
        case 2: game_push(g, scene_end_new()); return;
        default: break;
        }
    }
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
    if (game_state(g)->supervised)
        supervise_view_draw(g, sc->data);
    else
        hold_view_draw(g);
}

Scene *scene_hold_new(void)
{
    Scene *sc = scene_alloc("hold", sizeof(SuperviseActions));
    sc->enter = hold_enter;
    sc->update = hold_update;
    sc->input = hold_input;
    sc->draw = hold_draw;
    return sc;
}
