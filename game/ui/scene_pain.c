/* ui/scene_pain: the pain question, NRS 0–10 (before the session, after each set, after the
 * session, the next morning). After a set it is an overlay: the rest keeps running below it,
 * and the Play holds the next set until it is answered. */
#include <stdio.h>
#include <stdlib.h>

#include "core/alloc.h"
#include "ui/game.h"
#include "ui/palette.h"
#include "ui/widgets.h"

typedef struct PainScene {
    PlayPain question; /* which pain question this is */
    PainScale scale;
} PainScene;

static void answer(Scene *sc, Game *g, int value)
{
    PainScene *p = sc->data;
    play_answer_pain(g->play, p->question, value);
    switch (p->question) {
    case PLAY_PAIN_BEFORE: flow_done(g, FLOW_PAIN_BEFORE); break;
    case PLAY_PAIN_SET: game_pop(g); break;
    case PLAY_PAIN_AFTER: flow_done(g, FLOW_PAIN_AFTER); break;
    case PLAY_PAIN_MORNING: flow_done(g, FLOW_MORNING); break;
    }
}

static void pain_enter(Scene *sc, Game *g)
{
    PainScene *p = sc->data;
    int before = game_state(g)->pain_before;
    pain_scale_init(&p->scale, p->question == PLAY_PAIN_BEFORE && before >= 0 ? before : 0);
}

static void pain_input(Scene *sc, Game *g, const UiInput *in)
{
    PainScene *p = sc->data;
    if (in->action == ACT_BACK && p->question == PLAY_PAIN_MORNING) {
        flow_done(g, FLOW_MORNING); /* later: the question stays owed */
        return;
    }
    if (in->action == ACT_BACK && p->question == PLAY_PAIN_BEFORE) {
        game_replace(g, scene_title_new());
        return;
    }
    UiInput v = input_space_as_ok(in);
    if (v.action == ACT_CLICK && p->scale.cell_w == 0)
        return;
    int pick = pain_scale_input(&p->scale, &v);
    if (pick >= 0)
        answer(sc, g, pick);
}

static void pain_draw(Scene *sc, Game *g)
{
    PainScene *p = sc->data;
    const PlayState *st = game_state(g);
    Gfx *x = g->gfx;
    int w = gfx_w(x), h = gfx_h(x);
    if (sc->overlay) {
        gfx_rect(x, 0, 0, w, h, (SDL_Color){10, 14, 24, 225});
    } else {
        gfx_clear(x, PAL_BG);
    }
    char q[240];
    const char *title = "How much does it hurt?";
    switch (p->question) {
    case PLAY_PAIN_BEFORE:
        snprintf(q, sizeof q, "Before you start: how much does your sit-bone hurt right now?");
        break;
    case PLAY_PAIN_SET:
        snprintf(q, sizeof q, "Set %d is done. How much did it hurt during that set?",
                 st->set_pain_owed);
        break;
    case PLAY_PAIN_AFTER:
        title = "All sets done";
        snprintf(q, sizeof q, "How much does your sit-bone hurt now?");
        break;
    case PLAY_PAIN_MORNING:
        title = "Morning load test";
        snprintf(q, sizeof q, "About yesterday's session: do 3 short single-leg bridges on your "
                 "sore side (knee bent, foot close). How much did they hurt?");
        break;
    }
    gfx_text(x, title, w / 2, gfx_u(x, 0.06), 0.08, PAL_TEXT, ALIGN_CENTER, true);
    gfx_text_wrapped(x, q, w / 10, gfx_u(x, 0.2), w * 8 / 10, 0.055, PAL_TEXT, ALIGN_CENTER);
    /* wrapped text centres each line on x: pass the centre */
    pain_scale_draw(&p->scale, x, gfx_u(x, 0.42));
    gfx_text(x, "Arrows or a number to choose, Enter or space to answer.", w / 2,
             h - gfx_u(x, 0.09), 0.035, PAL_TEXT_DIM, ALIGN_CENTER, false);
    if (p->question == PLAY_PAIN_SET && st->session && session_phase(st->session) == PHASE_REST) {
        char rest[64];
        snprintf(rest, sizeof rest, "Resting: %.0f s",
                 session_phase_left_s(st->session, g->now));
        gfx_text(x, rest, w / 2, h - gfx_u(x, 0.16), 0.04, PAL_BAND, ALIGN_CENTER, false);
    }
}

Scene *scene_pain_new(PlayPain kind)
{
    Scene *sc = scene_alloc("pain", sizeof(PainScene));
    PainScene *p = sc->data;
    p->question = kind;
    sc->overlay = kind == PLAY_PAIN_SET;
    sc->enter = pain_enter;
    sc->input = pain_input;
    sc->draw = pain_draw;
    return sc;
}
