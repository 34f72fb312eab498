/* ui/scene_firstrun: welcome, red-flag check, stop screen, profile, sensor explanation
 * (JOURNEYS.md journey 1, steps 1–4). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/str.h"
#include "ui/figure.h"
#include "ui/game.h"
#include "ui/palette.h"
#include "ui/widgets.h"

typedef struct PageScene {
    Menu menu;
    int step;     /* red flags: which question; profile: which field */
    TextField name; /* profile: the name being typed */
    char note[512]; /* profile: why the name cannot be used; notice: its text */
    const char *title; /* notice */
    PlaySide side;  /* profile: the draft until it is stored */
    double mass_kg;
    int level;
} PageScene;

static Scene *new_scene(const char *name) { return scene_alloc(name, sizeof(PageScene)); }

/* ---- welcome ---- */

static const char WELCOME_TEXT[] =
    "Bridgehold guides glute-bridge holds for pain where the hamstring tendon meets the "
    "sit-bone. You hold a bridge, the screen and sounds show how steady you are, and you tell "
    "the game how much it hurts before, during, after and the next morning. Harder levels open "
    "only when your pain allows.\n\n"
    "This game does not replace a diagnosis. Sit-bone pain can also come from an irritated "
    "sciatic nerve or a torn muscle. If nobody has examined you yet, or if your pain started "
    "with a sudden pop, see a physiotherapist or doctor first.";

static const char *const CONTINUE_ITEMS[] = {"Continue"};

static void welcome_enter(Scene *sc, Game *g)
{
    (void)g;
    PageScene *p = sc->data;
    menu_init(&p->menu, CONTINUE_ITEMS, 1);
}

/* A page with one "Continue": Esc goes back to the start, Continue finishes step `done`. */
static void continue_input(Scene *sc, Game *g, const UiInput *in, FlowStep done)
{
    PageScene *p = sc->data;
    UiInput v = input_space_as_ok(in);
    if (in->action == ACT_BACK) {
        game_replace(g, scene_title_new());
        return;
    }
    if (menu_input(&p->menu, &v) == 0)
        flow_done(g, done);
}

static void welcome_input(Scene *sc, Game *g, const UiInput *in)
{
    continue_input(sc, g, in, FLOW_WELCOME);
}

static void welcome_draw(Scene *sc, Game *g)
{
    PageScene *p = sc->data;
    draw_page(g->gfx, "Welcome", WELCOME_TEXT, false);
    menu_draw(&p->menu, g->gfx, gfx_w(g->gfx) / 2, gfx_h(g->gfx) - gfx_u(g->gfx, 0.16));
}

Scene *scene_welcome_new(void)
{
    Scene *sc = new_scene("welcome");
    sc->enter = welcome_enter;
    sc->input = welcome_input;
    sc->draw = welcome_draw;
    return sc;
}

/* ---- red flags ---- */

/* Signs that need a clinician before any loading (CLINICAL.md "Red flags"). */
static const char *const RED_FLAGS[] = {
    "Is pain at night or at rest getting worse?",
    "Do you have numbness or tingling in your buttock or leg?",
    "Did your pain start with a sudden pop, with bruising at the back of the thigh?",
};
#define N_RED_FLAGS 3

static const char *const NO_YES[] = {"No", "Yes"};

static void redflags_enter(Scene *sc, Game *g)
{
    PageScene *p = sc->data;
    (void)g;
    menu_init(&p->menu, NO_YES, 2);
    p->step = 0;
}

static void redflags_input(Scene *sc, Game *g, const UiInput *in)
{
    PageScene *p = sc->data;
    if (in->action == ACT_BACK) {
        if (p->step > 0)
            p->step--;
        else
            game_replace(g, scene_title_new());
        return;
    }
    UiInput v = input_space_as_ok(in);
    int pick = menu_input(&p->menu, &v);
    if (pick < 0)
        return;
    if (pick == 1) {
        play_red_flags(g->play, true);
        flow_done(g, FLOW_REDFLAGS);
        return;
    }
    p->step++;
    p->menu.selected = 0;
    if (p->step >= N_RED_FLAGS) {
        play_red_flags(g->play, false);
        flow_done(g, FLOW_REDFLAGS);
    }
}

static void redflags_draw(Scene *sc, Game *g)
{
    PageScene *p = sc->data;
    Gfx *x = g->gfx;
    int i = p->step < N_RED_FLAGS ? p->step : N_RED_FLAGS - 1;
    char title[64];
    snprintf(title, sizeof title, "Safety check %d of %d", i + 1, N_RED_FLAGS);
    draw_page(x, title, "", false);
    gfx_text_wrapped(x, RED_FLAGS[i], gfx_w(x) / 10, gfx_u(x, 0.24), gfx_w(x) * 8 / 10, 0.07,
                     PAL_TEXT, ALIGN_LEFT);
    menu_draw(&p->menu, x, gfx_w(x) / 2, gfx_u(x, 0.55));
}

Scene *scene_redflags_new(void)
{
    Scene *sc = new_scene("redflags");
    sc->enter = redflags_enter;
    sc->input = redflags_input;
    sc->draw = redflags_draw;
    return sc;
}

/* ---- stop ---- */

static const char STOP_TEXT[] =
    "Thank you for telling us. What you describe needs a clinician to look at it before you "
    "load the tendon: please contact your physiotherapist or doctor, today if it is getting "
    "worse quickly.\n\nNo exercise is offered today. That is the safe choice, not a failure.";

static const char *const CLOSE_ITEMS[] = {"Close"};

static void stop_enter(Scene *sc, Game *g)
{
    (void)g;
    PageScene *p = sc->data;
    menu_init(&p->menu, CLOSE_ITEMS, 1);
}

static void stop_input(Scene *sc, Game *g, const UiInput *in)
{
    PageScene *p = sc->data;
    UiInput v = input_space_as_ok(in);
    if (in->action == ACT_BACK || menu_input(&p->menu, &v) == 0)
        g->quit = true; /* nothing else is offered today */
}

static void stop_draw(Scene *sc, Game *g)
{
    PageScene *p = sc->data;
    draw_page(g->gfx, "Please see a clinician", STOP_TEXT, true);
    menu_draw(&p->menu, g->gfx, gfx_w(g->gfx) / 2, gfx_h(g->gfx) - gfx_u(g->gfx, 0.16));
}

Scene *scene_stop_new(void)
{
    Scene *sc = new_scene("stop");
    sc->enter = stop_enter;
    sc->input = stop_input;
    sc->draw = stop_draw;
    return sc;
}

/* ---- a notice: why something cannot go on, and back to the start ---- */

static const char *const BACK_ITEMS[] = {"Back to the start"};

static void notice_input(Scene *sc, Game *g, const UiInput *in)
{
    PageScene *p = sc->data;
    UiInput v = input_space_as_ok(in);
    if (in->action == ACT_BACK || menu_input(&p->menu, &v) == 0)
        game_replace(g, scene_title_new());
}

static void notice_draw(Scene *sc, Game *g)
{
    PageScene *p = sc->data;
    draw_page(g->gfx, p->title, p->note, false);
    menu_draw(&p->menu, g->gfx, gfx_w(g->gfx) / 2, gfx_h(g->gfx) - gfx_u(g->gfx, 0.16));
}

Scene *scene_notice_new(const char *title, const char *text)
{
    Scene *sc = new_scene("notice");
    PageScene *p = sc->data;
    p->title = title;
    str_copy(p->note, sizeof p->note, text);
    menu_init(&p->menu, BACK_ITEMS, 1);
    sc->input = notice_input;
    sc->draw = notice_draw;
    return sc;
}

/* ---- profile ---- */

enum { PF_NAME, PF_SIDE, PF_MASS, PF_LEVEL, PF_CONTINUE, PF_COUNT };
#define PF_TOP 0.17   /* first row, fraction of the window height */
#define PF_ROW_H 0.10 /* row pitch */
static const char *const SIDE_NAMES[] = {"left", "right", "both"};

static void profile_enter(Scene *sc, Game *g)
{
    PageScene *p = sc->data;
    const PlayState *st = game_state(g);
    str_copy(p->name.text, sizeof p->name.text, st->profile.name);
    p->name.max = 39;
    p->step = PF_NAME;
    p->side = st->profile.side;
    p->mass_kg = st->profile.body_mass_kg > 0 ? st->profile.body_mass_kg : 70;
    p->level = st->level_index;
    scene_typing(sc, true);
}

/* The start level is chosen here with the patient's clinician; the highest level allowed
 * (the cap) is the clinician's alone, set in clinic mode behind the PIN. */
static void profile_change(PageScene *p, const PlayState *st, int field, int dir)
{
    if (field == PF_SIDE)
        p->side = (PlaySide)((p->side + 3 + dir) % 3);
    else if (field == PF_MASS) {
        double m = p->mass_kg + dir;
        p->mass_kg = m < 30 ? 30 : m > 250 ? 250 : m;
    } else if (field == PF_LEVEL && st->ladder->count > 0) {
        int n = (int)st->ladder->count;
        p->level = (p->level + n + dir) % n;
    }
}

static void profile_finish(Scene *sc, Game *g)
{
    PageScene *p = sc->data;
    const char *name = p->name.text[0] ? p->name.text : "Player";
    /* Two people must never share one history: a taken name is refused here, plainly. */
    for (int i = 0; i < game_state(g)->n_profiles; i++) {
        if (strcmp(play_profile_name(g->play, i), name) == 0) {
            snprintf(p->note, sizeof p->note,
                     "Someone called %.60s already plays here: please choose another name.",
                     name);
            p->step = PF_NAME;
            return;
        }
    }
    play_create_profile(g->play, name, p->side, p->mass_kg, p->level);
    scene_typing(sc, false);
    flow_done(g, FLOW_PROFILE);
}

static void profile_input(Scene *sc, Game *g, const UiInput *in)
{
    PageScene *p = sc->data;
    switch (in->action) {
    case ACT_UP: p->step = (p->step + PF_COUNT - 1) % PF_COUNT; break;
    case ACT_DOWN: p->step = (p->step + 1) % PF_COUNT; break;
    case ACT_LEFT: profile_change(p, game_state(g), p->step, -1); break;
    case ACT_RIGHT: profile_change(p, game_state(g), p->step, +1); break;
    case ACT_TEXT:
    case ACT_ERASE:
        if (p->step == PF_NAME)
            textfield_input(&p->name, in);
        break;
    case ACT_OK:
        if (p->step == PF_CONTINUE)
            profile_finish(sc, g);
        else
            p->step++;
        break;
    case ACT_CLICK:
    case ACT_PUSH_ON: {
        Gfx *x = g->gfx;
        if (!x)
            break;
        int row_h = gfx_u(x, PF_ROW_H), top = gfx_u(x, PF_TOP);
        int row = (in->y - top) / row_h;
        if (in->action == ACT_CLICK && in->y >= top && row >= 0 && row < PF_COUNT) {
            p->step = row;
            if (row == PF_CONTINUE)
                profile_finish(sc, g);
            else if (row != PF_NAME)
                profile_change(p, game_state(g), row, in->x < gfx_w(x) / 2 ? -1 : +1);
        }
        break;
    }
    case ACT_BACK:
        scene_typing(sc, false);
        game_replace(g, scene_title_new());
        break;
    default: break;
    }
}

static void profile_draw(Scene *sc, Game *g)
{
    PageScene *p = sc->data;
    Gfx *x = g->gfx;
    gfx_clear(x, PAL_BG);
    int w = gfx_w(x);
    gfx_text(x, "About you", w / 2, gfx_u(x, 0.05), 0.085, PAL_TEXT, ALIGN_CENTER, true);
    char rows[PF_COUNT][128];
    snprintf(rows[PF_NAME], 128, "Name or nickname:  %.60s%s", p->name.text,
             p->step == PF_NAME ? "_" : "");
    const PlayState *st = game_state(g);
    snprintf(rows[PF_SIDE], 128, "Sore side:  \xe2\x97\x80 %s \xe2\x96\xb6",
             SIDE_NAMES[p->side]);
    snprintf(rows[PF_MASS], 128, "Body mass:  \xe2\x97\x80 %.0f kg \xe2\x96\xb6", p->mass_kg);
    const Level *lv = st->ladder->count ? &st->ladder->levels[p->level] : NULL;
    snprintf(rows[PF_LEVEL], 128, "Start level (ask your clinician):  \xe2\x97\x80 %s \xe2\x96\xb6",
             lv ? lv->id : "-");
    snprintf(rows[PF_CONTINUE], 128, "Continue");
    int row_h = gfx_u(x, PF_ROW_H), top = gfx_u(x, PF_TOP);
    for (int i = 0; i < PF_COUNT; i++) {
        int y = top + i * row_h;
        bool sel = i == p->step;
        gfx_rect(x, w / 12, y, w * 10 / 12, row_h - gfx_u(x, 0.015), sel ? PAL_PANEL_HI : PAL_PANEL);
        if (sel)
            gfx_frame(x, w / 12, y, w * 10 / 12, row_h - gfx_u(x, 0.015), gfx_u(x, 0.007),
                      PAL_ACCENT);
        gfx_text(x, rows[i], w / 12 + gfx_u(x, 0.03), y + gfx_u(x, 0.02), 0.05, PAL_TEXT,
                 ALIGN_LEFT, sel);
    }
    if (p->note[0])
        gfx_text(x, p->note, w / 2, gfx_h(x) - gfx_u(x, 0.13), 0.034, PAL_ACCENT, ALIGN_CENTER,
                 true);
    else
        gfx_text(x, "The highest level you may reach is your clinician's to set, in clinic mode.",
                 w / 2, gfx_h(x) - gfx_u(x, 0.13), 0.032, PAL_TEXT_DIM, ALIGN_CENTER, false);
    gfx_text(x, "Up/down: choose a line.  Left/right: change it.  Enter: next.", w / 2,
             gfx_h(x) - gfx_u(x, 0.07), 0.032, PAL_TEXT_DIM, ALIGN_CENTER, false);
}

Scene *scene_profile_new(void)
{
    Scene *sc = new_scene("profile");
    sc->enter = profile_enter;
    sc->input = profile_input;
    sc->draw = profile_draw;
    return sc;
}

/* ---- sensor ---- */

static void sensor_input(Scene *sc, Game *g, const UiInput *in)
{
    continue_input(sc, g, in, FLOW_SENSOR);
}

/* What to tell the patient about the input they have, from what it can do. */
static const char *sensor_advice(const PlayInput *si, FigureMark *mark)
{
    *mark = FIGURE_MARK_HEEL;
    if (!si->open)
        return "No sensor.";
    if (si->follows_cues)
        return "Simulator: a pretend patient holds the bridge, so you can see how the game "
               "works. Nothing is measured from you, and it is kept as practice.";
    if (si->finite)
        return "A recording is played back, as if it were live. It is kept as practice.";
    if (si->force_is_proxy && !si->measures_angle) {
        *mark = FIGURE_MARK_NONE;
        return "Hold the button (the space bar, a mouse button or the trigger) while you hold "
               "your bridge and let go when you rest. The game times your holds and sets, but "
               "it cannot measure how hard you push.";
    }
    if (si->measures_force && !si->force_is_proxy)
        return "Place the force sensor on a firm floor or step, under the heel of your sore "
               "side (or both heels), the same way every time.";
    *mark = FIGURE_MARK_PELVIS;
    return "Rest the pad flat on your lower belly, just below the hip bones, buttons up.";
}

static void sensor_draw(Scene *sc, Game *g)
{
    PageScene *p = sc->data;
    Gfx *x = g->gfx;
    const PlayInput *si = &game_state(g)->input;
    FigureMark mark;
    const char *advice = sensor_advice(si, &mark);
    char title[128];
    snprintf(title, sizeof title, "Your sensor: %s", si->open ? si->name : "none");
    draw_page(x, title, advice, false);
    int w = gfx_w(x), h = gfx_h(x);
    figure_draw(x, w / 4, h * 45 / 100, w / 2, h * 30 / 100, 1.0, mark);
    menu_draw(&p->menu, x, w / 2, h - gfx_u(x, 0.16));
}

Scene *scene_sensor_new(void)
{
    Scene *sc = new_scene("sensor");
    sc->enter = welcome_enter; /* the same one-button page */
    sc->input = sensor_input;
    sc->draw = sensor_draw;
    return sc;
}
