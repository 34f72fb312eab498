/* ui/scene_clinic_server: the clinician sets which clinic server this computer uses (after the
 * PIN): `bridgehold sync` sends the records there and the clinic's patient list reads it. The
 * string is checked as libpq would parse it and refused with a password in it (passwords live
 * in the .pgpass file of the computer's user); nothing is connected to here — the patient list
 * says when the server cannot be reached. */
#include <stdio.h>
#include <string.h>

#include "clinic/clinic.h"
#include "core/str.h"
#include "store/store.h"
#include "ui/game.h"
#include "ui/palette.h"
#include "ui/widgets.h"

typedef struct ServerScene {
    char clinician[STORE_NAME_MAX];
    TextField field;
    char note[1100];
    bool warn;
} ServerScene;

static void server_enter(Scene *sc, Game *g)
{
    ServerScene *v = sc->data;
    v->field.max = sizeof v->field.text - 1;
    Store *s = play_store(g->play);
    if (!s || !clinic_server_get(s, v->field.text, sizeof v->field.text)) {
        snprintf(v->note, sizeof v->note, "The setting cannot be read: %s",
                 s ? store_errmsg(s) : game_state(g)->storage_msg);
        v->warn = true;
    }
    scene_typing(sc, true);
}

static void close_scene(Scene *sc, Game *g)
{
    scene_typing(sc, false);
    game_pop(g);
}

static void server_input(Scene *sc, Game *g, const UiInput *in)
{
    ServerScene *v = sc->data;
    if (in->action == ACT_BACK) {
        close_scene(sc, g);
        return;
    }
    if (textfield_input(&v->field, in)) {
        v->note[0] = '\0';
        v->warn = false;
        return;
    }
    if (in->action != ACT_OK)
        return;
    Store *s = play_store(g->play);
    char msg[1024];
    bool usage;
    if (!s) {
        snprintf(v->note, sizeof v->note, "Nothing can be saved: %s",
                 game_state(g)->storage_msg);
        v->warn = true;
        return;
    }
    if (!clinic_server_set(s, v->field.text, v->clinician, msg, sizeof msg, &usage)) {
        snprintf(v->note, sizeof v->note, "Not saved: %s", msg);
        v->warn = true;
        return;
    }
    close_scene(sc, g);
}

static void server_draw(Scene *sc, Game *g)
{
    ServerScene *v = sc->data;
    Gfx *x = g->gfx;
    int w = gfx_w(x), h = gfx_h(x), margin = w / 12;
    gfx_clear(x, PAL_BG);
    gfx_text(x, "Clinic server", w / 2, gfx_u(x, 0.05), 0.085, PAL_TEXT, ALIGN_CENTER, true);
    int y = gfx_u(x, 0.18);
    y += gfx_text_wrapped(x,
                          "Where 'bridgehold sync' sends this computer's records, and where the "
                          "clinic's patient list comes from. Give the connection your clinic's "
                          "IT set up, for example:",
                          margin, y, w - 2 * margin, 0.036, PAL_TEXT, ALIGN_LEFT);
    gfx_text(x, "host=db.clinic.example dbname=bridgehold user=room1 sslmode=verify-full", w / 2,
             y + gfx_u(x, 0.015), 0.032, PAL_TEXT_DIM, ALIGN_CENTER, false);
    y += gfx_u(x, 0.07);
    char shown[sizeof v->field.text + 2];
    snprintf(shown, sizeof shown, "%s_", v->field.text);
    gfx_rect(x, margin, y, w - 2 * margin, gfx_u(x, 0.09), PAL_PANEL_HI);
    gfx_text_wrapped(x, shown, margin + gfx_u(x, 0.015), y + gfx_u(x, 0.02),
                     w - 2 * margin - gfx_u(x, 0.03), 0.036, PAL_ACCENT, ALIGN_LEFT);
    y += gfx_u(x, 0.13);
    gfx_text_wrapped(x,
                     v->note[0] ? v->note
                                : "The password goes in the .pgpass file of this computer's "
                                  "user, never here. Leave the line empty for no server: the "
                                  "records then stay on this computer only.",
                     margin, y, w - 2 * margin, 0.032, v->warn ? PAL_WARN : PAL_TEXT_DIM,
                     ALIGN_LEFT);
    char foot[160];
    snprintf(foot, sizeof foot, "Changed by %s.  Enter: save.  Esc: back without saving.",
             v->clinician);
    gfx_text(x, foot, w / 2, h - gfx_u(x, 0.08), 0.032, PAL_TEXT_DIM, ALIGN_CENTER, false);
}

Scene *scene_clinic_server_new(const char *clinician)
{
    Scene *sc = scene_alloc("clinic-server", sizeof(ServerScene));
    ServerScene *v = sc->data;
    str_copy(v->clinician, sizeof v->clinician, clinician);
    sc->enter = server_enter;
    sc->input = server_input;
    sc->draw = server_draw;
    return sc;
}
