/* ui/scene_menu: the title menu and settings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinic/clinic.h"
#include "core/alloc.h"
#include "ui/game.h"
#include "ui/palette.h"
#include "ui/widgets.h"

typedef struct MenuScene {
    Menu menu;
    char line[160];
} MenuScene;

static Scene *new_scene(const char *name) { return scene_alloc(name, sizeof(MenuScene)); }

/* ---- title ---- */

static const char *const TITLE_ITEMS[] = {
    "Start today's session",
    "My progress",
    "Sensor set-up and strength test",
    "Settings",
    "Clinic (clinician PIN)",
    "Quit",
};

static void title_enter(Scene *sc, Game *g)
{
    play_refresh_day(g->play);
    game_sync_start(g); /* at start-up and after each session, when a clinic server is set */
    MenuScene *m = sc->data;
    menu_init(&m->menu, TITLE_ITEMS, (int)(sizeof TITLE_ITEMS / sizeof TITLE_ITEMS[0]));
    const Level *lv = game_level(g);
    if (lv)
        snprintf(m->line, sizeof m->line, "Today: %s, %s", lv->id, lv->name);
}

static void title_input(Scene *sc, Game *g, const UiInput *in)
{
    MenuScene *m = sc->data;
    if (in->action == ACT_BACK || in->action == ACT_QUIT) {
        g->quit = true;
        return;
    }
    UiInput ok = input_space_as_ok(in);
    switch (menu_input(&m->menu, &ok)) {
    case 0: flow_done(g, FLOW_TITLE); break;
    case 1: game_push(g, scene_progress_new()); break;
    case 2: game_push(g, scene_calibrate_new()); break;
    case 3: game_push(g, scene_settings_new()); break;
    case 4: game_replace(g, scene_clinic_pin_new()); break;
    case 5: g->quit = true; break;
    default: break;
    }
}

static void title_draw(Scene *sc, Game *g)
{
    MenuScene *m = sc->data;
    Gfx *x = g->gfx;
    gfx_clear(x, PAL_BG);
    int w = gfx_w(x), h = gfx_h(x);
    /* A calm horizon with the bridge the game is about, below the menu. */
    gfx_rect(x, 0, h - gfx_u(x, 0.03), w, gfx_u(x, 0.03), PAL_PANEL);
    gfx_line(x, w / 10, h - gfx_u(x, 0.045), w * 9 / 10, h - gfx_u(x, 0.045), gfx_u(x, 0.008),
             PAL_BAND);
    gfx_text(x, "Bridgehold", w / 2, gfx_u(x, 0.05), 0.12, PAL_TEXT, ALIGN_CENTER, true);
    gfx_text(x, "Steady bridge holds for sit-bone tendon pain", w / 2, gfx_u(x, 0.19), 0.045,
             PAL_TEXT_DIM, ALIGN_CENTER, false);
    gfx_text(x, m->line, w / 2, gfx_u(x, 0.26), 0.05, PAL_ACCENT, ALIGN_CENTER, false);
    m->menu.bottom = h - gfx_u(x, 0.17); /* above the lines below */
    menu_draw(&m->menu, x, w / 2, gfx_u(x, 0.33));
    const PlayState *st = game_state(g);
    if (st->input.open) /* which input is in use, small, top right */
        gfx_text(x, st->input.name, w - gfx_u(x, 0.02), gfx_u(x, 0.01), 0.03, PAL_TEXT_DIM,
                 ALIGN_RIGHT, false);
    if (st->practice) /* what a simulator or a recording plays is never the patient's record */
        gfx_text(x, "Practice mode: sessions are kept as practice and never change a level.",
                 w / 2, h - gfx_u(x, 0.155), 0.032, PAL_ACCENT, ALIGN_CENTER, false);
    if (st->storage_msg[0])
        gfx_text(x, st->storage_msg, w / 2, h - gfx_u(x, 0.115), 0.03, PAL_WARN, ALIGN_CENTER,
                 false);
    if (g->sync_note[0])
        gfx_text(x, g->sync_note, w / 2, h - gfx_u(x, 0.085), 0.03,
                 g->sync_warn ? PAL_WARN : PAL_TEXT_DIM, ALIGN_CENTER, false);
}

Scene *scene_title_new(void)
{
    Scene *sc = new_scene("title");
    sc->enter = title_enter;
    sc->input = title_input;
    sc->draw = title_draw;
    return sc;
}

/* ---- settings ---- */

static void settings_refresh(Scene *sc, Game *g)
{
    MenuScene *m = sc->data;
    static char sound[64], tone[64], vol[64], server[96];
    snprintf(sound, sizeof sound, "Sound cues: %s", g->settings.sound ? "on" : "off");
    snprintf(tone, sizeof tone, "Hold tone: %s", g->settings.feedback_tone ? "on" : "off");
    snprintf(vol, sizeof vol, "Volume: %d %%", (int)(g->settings.volume * 100 + 0.5));
    char conninfo[STORE_SETTING_MAX] = "";
    Store *s = play_store(g->play);
    if (s)
        clinic_server_get(s, conninfo, sizeof conninfo);
    /* cut to what fits a button (the clinic server's own screen shows it whole) */
    snprintf(server, sizeof server, "Clinic server: %.24s%s", conninfo[0] ? conninfo : "none",
             strlen(conninfo) > 24 ? "..." : "");
    const char *items[] = {sound, tone, vol, server, "Back"};
    int sel = m->menu.selected;
    menu_init(&m->menu, items, 5);
    m->menu.selected = sel;
}

static void settings_enter(Scene *sc, Game *g) { settings_refresh(sc, g); }

static void settings_input(Scene *sc, Game *g, const UiInput *in)
{
    MenuScene *m = sc->data;
    if (in->action == ACT_BACK) {
        game_pop(g);
        return;
    }
    if ((in->action == ACT_LEFT || in->action == ACT_RIGHT) && m->menu.selected == 2) {
        double v = g->settings.volume + (in->action == ACT_RIGHT ? 0.1 : -0.1);
        g->settings.volume = v < 0 ? 0 : v > 1 ? 1 : v;
        game_save_settings(g);
        settings_refresh(sc, g);
        return;
    }
    switch (menu_input(&m->menu, in)) {
    case 0: g->settings.sound = !g->settings.sound; break;
    case 1: g->settings.feedback_tone = !g->settings.feedback_tone; break;
    case 2: g->settings.volume = g->settings.volume >= 0.95 ? 0.2 : g->settings.volume + 0.2;
        break;
    case 3: game_push(g, scene_clinic_server_pin_new()); return; /* a clinician's setting */
    case 4: game_pop(g); return;
    default: return;
    }
    game_save_settings(g);
    settings_refresh(sc, g);
}

static void settings_draw(Scene *sc, Game *g)
{
    MenuScene *m = sc->data;
    Gfx *x = g->gfx;
    gfx_clear(x, PAL_BG);
    gfx_text(x, "Settings", gfx_w(x) / 2, gfx_u(x, 0.06), 0.085, PAL_TEXT, ALIGN_CENTER, true);
    int w = gfx_w(x);
    gfx_text_wrapped(x, "The hold tone plays steady when you are in the band, lower when you "
                        "should push more, higher when you should ease off.",
                     w / 10, gfx_u(x, 0.17), w * 8 / 10, 0.032, PAL_TEXT_DIM, ALIGN_CENTER);
    menu_draw(&m->menu, x, w / 2, gfx_u(x, 0.28));
}

Scene *scene_settings_new(void)
{
    Scene *sc = new_scene("settings");
    sc->enter = settings_enter;
    sc->resume = settings_enter; /* the clinic server may have changed */
    sc->input = settings_input;
    sc->draw = settings_draw;
    return sc;
}
