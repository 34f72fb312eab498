/* ui/scene_pain: the pain question, NRS 0–10 (before the session, after each set, after the
 * session). After a set it is an overlay: the rest keeps running below it, and the next set
 * waits until it is answered. */
#include <stdio.h>
#include <stdlib.h>

#include "core/alloc.h"
#include "ui/game.h"
#include "ui/persist.h"
#include "ui/palette.h"
#include "ui/widgets.h"

typedef struct PainScene {
    PainKind kind;
    int set_index;
    PainScale scale;
} PainScene;

static void answer(Scene *sc, Game *g, int value)
{
    PainScene *p = sc->data;
    switch (p->kind) {
    case PAIN_BEFORE:
        g->pain_before = value;
        persist_session_begin(g); /* the session exists from its first answer on */
        persist_pain(g, PERSIST_BEFORE, 0, value);
        flow_done(g, FLOW_PAIN_BEFORE);
        break;
    case PAIN_SET:
        if (g->session)
            session_set_pain(g->session, p->set_index, value);
        g->prompt_open = false;
        persist_pain(g, PERSIST_SET, p->set_index, value);
        game_pop(g);
        break;
    case PAIN_AFTER:
        g->pain_after = value;
        persist_pain(g, PERSIST_AFTER, 0, value);
        persist_session_end(g, g->session && session_completed(g->session));
        flow_done(g, FLOW_PAIN_AFTER);
        break;
    case PAIN_MORNING:
        persist_morning(g, value);
        flow_done(g, FLOW_MORNING);
        break;
    }
}

static int file_answer(const PainScene *p, const Game *g, const char **key)
{
    const Answers *a = g->answers;
    switch (p->kind) {
    case PAIN_BEFORE: *key = "pain_before"; return a && a->has_pain_before ? a->pain_before : -1;
    case PAIN_AFTER: *key = "pain_after"; return a && a->has_pain_after ? a->pain_after : -1;
    case PAIN_SET: *key = "pain_set"; return a ? answers_pain_for_set(a, p->set_index) : -1;
    case PAIN_MORNING:
        *key = "pain_next_morning";
        return a && a->has_pain_next_morning ? a->pain_next_morning : -1;
    }
    return -1;
}

static void pain_enter(Scene *sc, Game *g)
{
    PainScene *p = sc->data;
    pain_scale_init(&p->scale, p->kind == PAIN_BEFORE ? g->pain_before : 0);
    if (p->kind == PAIN_SET)
        g->prompt_open = true;
    if (!g->answers)
        return;
    const char *key = "";
    int v = file_answer(p, g, &key);
    if (v < 0 && p->kind == PAIN_MORNING) {
        flow_done(g, FLOW_MORNING); /* not answered: it stays owed, as in the game */
        return;
    }
    if (v < 0) {
        if (p->kind == PAIN_SET)
            snprintf(g->error, sizeof g->error, "%.400s: no pain_set answer for set %d",
                     g->answers ? g->answers->path : "answers", p->set_index);
        else
            snprintf(g->error, sizeof g->error, "%.400s: no answer for %.40s",
                     g->answers ? g->answers->path : "answers", key);
        g->quit = true;
        return;
    }
    answer(sc, g, v);
}

static void pain_input(Scene *sc, Game *g, const UiInput *in)
{
    PainScene *p = sc->data;
    if (in->action == ACT_BACK && p->kind == PAIN_MORNING) {
        flow_done(g, FLOW_MORNING); /* later: the question stays owed */
        return;
    }
    if (in->action == ACT_BACK && p->kind == PAIN_BEFORE) {
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
    Gfx *x = g->gfx;
    int w = gfx_w(x), h = gfx_h(x);
    if (sc->overlay) {
        gfx_rect(x, 0, 0, w, h, (SDL_Color){10, 14, 24, 225});
    } else {
        gfx_clear(x, PAL_BG);
    }
    char q[240];
    const char *title = "How much does it hurt?";
    switch (p->kind) {
    case PAIN_BEFORE:
        snprintf(q, sizeof q, "Before you start: how much does your sit-bone hurt right now?");
        break;
    case PAIN_SET:
        snprintf(q, sizeof q, "Set %d is done. How much did it hurt during that set?",
                 p->set_index);
        break;
    case PAIN_AFTER:
        title = "All sets done";
        snprintf(q, sizeof q, "How much does your sit-bone hurt now?");
        break;
    case PAIN_MORNING:
        title = "Morning load test";
        snprintf(q, sizeof q, "About your session of %s: do 3 short single-leg bridges on your "
                 "sore side (knee bent, foot close). How much did they hurt?", g->morning_date);
        break;
    }
    gfx_text(x, title, w / 2, gfx_u(x, 0.06), 0.08, PAL_TEXT, ALIGN_CENTER, true);
    gfx_text_wrapped(x, q, w / 10, gfx_u(x, 0.2), w * 8 / 10, 0.055, PAL_TEXT, ALIGN_CENTER);
    /* wrapped text centres each line on x: pass the centre */
    pain_scale_draw(&p->scale, x, gfx_u(x, 0.42));
    gfx_text(x, "Arrows or a number to choose, Enter or space to answer.", w / 2,
             h - gfx_u(x, 0.09), 0.035, PAL_TEXT_DIM, ALIGN_CENTER, false);
    if (p->kind == PAIN_SET && g->session && session_phase(g->session) == PHASE_REST) {
        char rest[64];
        snprintf(rest, sizeof rest, "Resting: %.0f s",
                 session_phase_left_s(g->session, g->now));
        gfx_text(x, rest, w / 2, h - gfx_u(x, 0.16), 0.04, PAL_BAND, ALIGN_CENTER, false);
    }
}

Scene *scene_pain_new(PainKind kind, int set_index)
{
    Scene *sc = scene_alloc("pain", sizeof(PainScene));
    PainScene *p = sc->data;
    p->kind = kind;
    p->set_index = set_index;
    sc->overlay = kind == PAIN_SET;
    sc->enter = pain_enter;
    sc->input = pain_input;
    sc->draw = pain_draw;
    return sc;
}
