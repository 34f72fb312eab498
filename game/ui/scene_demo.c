/* ui/scene_demo: an answers file plays the patient in a real window (`play --answers FILE`
 * without --headless). The scripted patient drives the Play exactly as in a headless run; this
 * scene only shows it — the hold screen while a session runs, then the summary — and plays the
 * same sound cues a patient would hear. */
#include <stdlib.h>

#include "play/play_script.h"
#include "ui/game.h"
#include "ui/hold_view.h"
#include "ui/palette.h"
#include "ui/widgets.h"

typedef struct DemoScene {
    PlayScript script;
} DemoScene;

static void demo_update(Scene *sc, Game *g)
{
    DemoScene *d = sc->data;
    g->events = play_script_step(&d->script, g->play, g->now);
    game_cue_events(g, g->events);
    if (!d->script.done)
        return;
    if (d->script.failed) {
        snprintf(g->error, sizeof g->error, "%s", game_state(g)->error);
        g->quit = true;
        return;
    }
    game_replace(g, game_state(g)->red_flag_stop ? scene_stop_new() : scene_summary_new());
}

static void demo_draw(Scene *sc, Game *g)
{
    (void)sc;
    const PlayState *st = game_state(g);
    if (st->session) {
        hold_view_draw(g);
        return;
    }
    Gfx *x = g->gfx;
    gfx_clear(x, PAL_BG);
    gfx_text(x, "Demo: the answers file plays the patient", gfx_w(x) / 2, gfx_u(x, 0.3), 0.06,
             PAL_TEXT, ALIGN_CENTER, true);
}

static void demo_input(Scene *sc, Game *g, const UiInput *in)
{
    (void)sc;
    if (in->action == ACT_BACK)
        g->quit = true;
}

Scene *scene_demo_new(const Answers *answers)
{
    Scene *sc = scene_alloc("demo", sizeof(DemoScene));
    DemoScene *d = sc->data;
    play_script_init(&d->script, answers);
    sc->update = demo_update;
    sc->draw = demo_draw;
    sc->input = demo_input;
    return sc;
}
