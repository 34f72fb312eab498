/* ui/scene_plan: today's plan (the level, the latest decision and its plain reason, an advice
 * card; on a flare all of them), the level picker (locked, unlocked and current levels), the
 * player picker, and the weekly sitting-tolerance question (JOURNEYS.md 2 and 3). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/str.h"
#include "rehab/advice.h"
#include "ui/game.h"
#include "ui/palette.h"
#include "ui/widgets.h"

typedef struct PlanScene {
    Menu menu;
    bool retest;    /* a strength (MVC) test is due: weekly, and at each new level */
    bool picking;   /* the level picker is open */
    int pick;       /* level under the cursor */
    int value;      /* sitting minutes */
    char names[MENU_MAX_ITEMS][64];
} PlanScene;

static Scene *new_scene(const char *name) { return scene_alloc(name, sizeof(PlanScene)); }

/* The highest level that may be chosen: the open ones for a patient (the rules' and the
 * clinician's limits, play_state's top_open_index); practice may show any level. */
static int pick_limit(const PlayState *st)
{
    return st->practice ? (int)st->ladder->count - 1 : st->top_open_index;
}

/* A sentence for the decision, kind and plain: what happens, then the rule's own reason. */
static const char *decision_words(const PlayState *st)
{
    if (!st->have_plan)
        return "Your first sessions set the starting point.";
    switch (st->plan.decision) {
    case DECISION_ADVANCE: return "Well done: the next level is open.";
    case DECISION_REPEAT: return "You stay on this level for now.";
    case DECISION_REGRESS:
        return "Your tendon asked for less, so today is one level easier. That is part of the "
               "plan, not a step back.";
    case DECISION_SEE_CLINICIAN:
        return "Please show these numbers to your clinician before you load more. Today is "
               "easier, and it is fine to rest instead.";
    }
    return "";
}

static const char *const PLAN_ITEMS[] = {"Start", "Choose another level", "Back"};

static void plan_enter(Scene *sc, Game *g)
{
    PlanScene *p = sc->data;
    const PlayState *st = game_state(g);
    menu_init(&p->menu, PLAN_ITEMS, 3);
    p->pick = st->level_index;
    p->retest = st->mvc_retest_due;
}

static void plan_input(Scene *sc, Game *g, const UiInput *in)
{
    PlanScene *p = sc->data;
    const PlayState *st = game_state(g);
    if (p->picking) {
        int top = pick_limit(st);
        switch (in->action) {
        case ACT_LEFT:
        case ACT_UP:
            if (p->pick > 0)
                p->pick--;
            break;
        case ACT_RIGHT:
        case ACT_DOWN:
            if (p->pick < (int)st->ladder->count - 1)
                p->pick++;
            break;
        case ACT_OK:
        case ACT_PUSH_ON:
            if (p->pick <= top && play_choose_level(g->play, p->pick)) {
                p->retest = st->mvc_retest_due; /* a new level may need a new strength test */
                p->picking = false;
            }
            break;
        case ACT_BACK: p->picking = false; break;
        default: break;
        }
        return;
    }
    if (in->action == ACT_BACK) {
        game_replace(g, scene_title_new());
        return;
    }
    UiInput v = input_space_as_ok(in);
    switch (menu_input(&p->menu, &v)) {
    case 0: flow_done(g, FLOW_PLAN); break;
    case 1:
        p->picking = true;
        p->pick = st->level_index;
        break;
    case 2: game_replace(g, scene_title_new()); break;
    default: break;
    }
}

static void draw_picker(PlanScene *p, Game *g)
{
    const PlayState *st = game_state(g);
    Gfx *x = g->gfx;
    int w = gfx_w(x);
    gfx_clear(x, PAL_BG);
    gfx_text(x, st->practice ? "Choose a level to practise" : "Choose a level", w / 2,
             gfx_u(x, 0.04), 0.075, PAL_TEXT, ALIGN_CENTER, true);
    int top = pick_limit(st);
    int cols = 4, tw = w * 20 / 100, th = gfx_u(x, 0.17), gap = gfx_u(x, 0.02);
    int x0 = (w - cols * tw - (cols - 1) * gap) / 2, y0 = gfx_u(x, 0.16);
    for (size_t i = 0; i < st->ladder->count; i++) {
        int cx = x0 + (int)(i % cols) * (tw + gap), cy = y0 + (int)(i / cols) * (th + gap);
        bool open = (int)i <= top, current = (int)i == st->level_index, sel = (int)i == p->pick;
        gfx_rect(x, cx, cy, tw, th, open ? PAL_PANEL_HI : PAL_PANEL);
        if (sel)
            gfx_frame(x, cx, cy, tw, th, gfx_u(x, 0.008), PAL_ACCENT);
        gfx_text(x, st->ladder->levels[i].id, cx + tw / 2, cy + gfx_u(x, 0.015), 0.06,
                 open ? PAL_TEXT : PAL_TEXT_DIM, ALIGN_CENTER, true);
        /* state in words, not colour: current / open / locked */
        gfx_text(x, current ? "current" : open ? "open" : "locked", cx + tw / 2,
                 cy + gfx_u(x, 0.095), 0.04, current ? PAL_ACCENT : PAL_TEXT_DIM, ALIGN_CENTER,
                 current);
    }
    const Level *lv = &st->ladder->levels[p->pick];
    char line[200];
    snprintf(line, sizeof line, "%s: %s", lv->id, lv->name);
    gfx_text(x, line, w / 2, gfx_h(x) - gfx_u(x, 0.17), 0.045, PAL_TEXT, ALIGN_CENTER, false);
    gfx_text(x, p->pick <= top ? "Enter: choose this level.  Esc: back."
                               : "Locked: it opens when your pain responses allow.",
             w / 2, gfx_h(x) - gfx_u(x, 0.09), 0.035, PAL_TEXT_DIM, ALIGN_CENTER, false);
}

static void plan_draw(Scene *sc, Game *g)
{
    PlanScene *p = sc->data;
    if (p->picking) {
        draw_picker(p, g);
        return;
    }
    const PlayState *st = game_state(g);
    Gfx *x = g->gfx;
    int w = gfx_w(x), margin = w / 12;
    gfx_clear(x, PAL_BG);
    gfx_text(x, "Today's plan", w / 2, gfx_u(x, 0.03), 0.075, PAL_TEXT, ALIGN_CENTER, true);
    const Level *lv = game_level(g);
    char line[240];
    snprintf(line, sizeof line, "%s: %s", lv ? lv->id : "-", lv ? lv->name : "");
    gfx_text(x, line, w / 2, gfx_u(x, 0.13), 0.055, PAL_ACCENT, ALIGN_CENTER, true);
    int y = gfx_u(x, 0.22);
    y += gfx_text_wrapped(x, decision_words(st), margin, y, w - 2 * margin, 0.042, PAL_TEXT,
                          ALIGN_LEFT);
    if (st->have_plan && st->plan.reason[0])
        y += gfx_text_wrapped(x, st->plan.reason, margin, y + gfx_u(x, 0.01), w - 2 * margin,
                              0.032, PAL_TEXT_DIM, ALIGN_LEFT);
    if (p->retest) {
        y += gfx_u(x, 0.01);
        gfx_text(x, "A strength test is due: Sensor set-up on the start screen.", margin, y,
                 0.034, PAL_ACCENT, ALIGN_LEFT, true);
        y += gfx_u(x, 0.05);
    }
    const AdviceCard *cards[ADVICE_COUNT];
    size_t n = 0;
    if (st->have_plan)
        n = advice_for_plan(&st->plan, cards, ADVICE_COUNT);
    else
        cards[n++] = advice_card(ADVICE_24_HOURS);
    bool flare = st->have_plan && (st->plan.decision == DECISION_REGRESS ||
                                   st->plan.decision == DECISION_SEE_CLINICIAN);
    size_t show = flare ? (n < 2 ? n : 2) : (n ? 1 : 0);
    for (size_t i = 0; i < show; i++) {
        y += gfx_u(x, 0.02);
        gfx_rect(x, margin - gfx_u(x, 0.01), y, w - 2 * margin + gfx_u(x, 0.02), gfx_u(x, 0.004),
                 PAL_BAND);
        gfx_text(x, cards[i]->title, margin, y + gfx_u(x, 0.01), 0.038, PAL_BAND, ALIGN_LEFT,
                 true);
        y += gfx_u(x, 0.06);
        y += gfx_text_wrapped(x, cards[i]->text, margin, y, w - 2 * margin, 0.032, PAL_TEXT,
                              ALIGN_LEFT);
    }
    p->menu.selected = p->menu.selected < 3 ? p->menu.selected : 0;
    int my = gfx_h(x) - 3 * gfx_u(x, 0.12);
    if (my < y + gfx_u(x, 0.02))
        my = y + gfx_u(x, 0.02);
    menu_draw(&p->menu, x, w / 2, my);
}

Scene *scene_plan_new(void)
{
    Scene *sc = new_scene("plan");
    sc->enter = plan_enter;
    sc->input = plan_input;
    sc->draw = plan_draw;
    return sc;
}

/* ---- who is playing ---- */

static void players_enter(Scene *sc, Game *g)
{
    PlanScene *p = sc->data;
    const char *items[MENU_MAX_ITEMS];
    int n = 0;
    for (int i = 0; i < game_state(g)->n_profiles && n < MENU_MAX_ITEMS - 1; i++) {
        str_copy(p->names[n], sizeof p->names[n], play_profile_name(g->play, i));
        items[n] = p->names[n];
        n++;
    }
    items[n++] = "New player";
    menu_init(&p->menu, items, n);
}

static void players_input(Scene *sc, Game *g, const UiInput *in)
{
    PlanScene *p = sc->data;
    if (in->action == ACT_BACK) {
        game_replace(g, scene_title_new());
        return;
    }
    UiInput v = input_space_as_ok(in);
    int pick = menu_input(&p->menu, &v);
    if (pick < 0)
        return;
    if (pick == p->menu.count - 1) {
        play_clear_profile(g->play);
    } else if (!play_use_profile(g->play, p->names[pick])) {
        return;
    }
    flow_done(g, FLOW_PLAYERS);
}

static void players_draw(Scene *sc, Game *g)
{
    PlanScene *p = sc->data;
    Gfx *x = g->gfx;
    gfx_clear(x, PAL_BG);
    gfx_text(x, "Who is playing?", gfx_w(x) / 2, gfx_u(x, 0.05), 0.08, PAL_TEXT, ALIGN_CENTER,
             true);
    menu_draw(&p->menu, x, gfx_w(x) / 2, gfx_u(x, 0.2));
}

Scene *scene_players_new(void)
{
    Scene *sc = new_scene("players");
    sc->enter = players_enter;
    sc->input = players_input;
    sc->draw = players_draw;
    return sc;
}

/* ---- weekly sitting tolerance ---- */

#define SITTING_STEP_MIN 5
#define SITTING_MAX_MIN 240

static void sitting_enter(Scene *sc, Game *g)
{
    (void)g;
    PlanScene *p = sc->data;
    p->value = 30;
}

static void sitting_input(Scene *sc, Game *g, const UiInput *in)
{
    PlanScene *p = sc->data;
    switch (in->action) {
    case ACT_LEFT:
    case ACT_DOWN:
        p->value = p->value >= SITTING_STEP_MIN ? p->value - SITTING_STEP_MIN : 0;
        break;
    case ACT_RIGHT:
    case ACT_UP:
        p->value = p->value + SITTING_STEP_MIN <= SITTING_MAX_MIN ? p->value + SITTING_STEP_MIN
                                                                   : SITTING_MAX_MIN;
        break;
    case ACT_OK:
    case ACT_PUSH_ON:
        play_answer_sitting(g->play, p->value);
        flow_done(g, FLOW_SITTING);
        break;
    case ACT_BACK: flow_done(g, FLOW_SITTING); break; /* asked again next time */
    default: break;
    }
}

static void sitting_draw(Scene *sc, Game *g)
{
    PlanScene *p = sc->data;
    Gfx *x = g->gfx;
    int w = gfx_w(x);
    draw_page(x, "Once a week: sitting",
              "On a normal chair, about how long can you sit before your sit-bone starts to "
              "hurt? Left and right change it; Enter saves; Esc asks again next time.",
              false);
    char v[32];
    snprintf(v, sizeof v, "\xe2\x97\x80  %d min  \xe2\x96\xb6", p->value);
    gfx_text(x, v, w / 2, gfx_u(x, 0.5), 0.12, PAL_ACCENT, ALIGN_CENTER, true);
}

Scene *scene_sitting_new(void)
{
    Scene *sc = new_scene("sitting");
    sc->enter = sitting_enter;
    sc->input = sitting_input;
    sc->draw = sitting_draw;
    return sc;
}
