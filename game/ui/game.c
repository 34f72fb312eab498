/* ui/game: the scene stack, the sensor pump and session set-up shared by every scene. */
#include "ui/game.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/log.h"
#include "core/str.h"
#include "store/store.h"
#include "ui/background.h"
#include "ui/palette.h"
#include "ui/audio_bridge.h"

/* The settings' names in the store; values "on"/"off" and the volume as a fraction. */
#define SET_SOUND "sound"
#define SET_TONE "feedback_tone"
#define SET_VOLUME "volume"

static void load_switch(Store *s, const char *key, bool *v)
{
    char text[16];
    bool found;
    if (store_setting_get(s, key, text, sizeof text, &found) && found)
        *v = strcmp(text, "off") != 0;
}

static void load_settings(Game *g)
{
    Store *s = play_store(g->play);
    if (!s)
        return;
    load_switch(s, SET_SOUND, &g->settings.sound);
    load_switch(s, SET_TONE, &g->settings.feedback_tone);
    char text[32];
    bool found;
    if (store_setting_get(s, SET_VOLUME, text, sizeof text, &found) && found) {
        char *end;
        double v = strtod(text, &end);
        if (end != text && *end == '\0' && v >= 0 && v <= 1)
            g->settings.volume = v;
    }
}

void game_save_settings(Game *g)
{
    Store *s = play_store(g->play);
    if (!s)
        return;
    char volume[32];
    snprintf(volume, sizeof volume, "%.2f", g->settings.volume);
    if (!store_setting_set(s, SET_SOUND, g->settings.sound ? "on" : "off", NULL) ||
        !store_setting_set(s, SET_TONE, g->settings.feedback_tone ? "on" : "off", NULL) ||
        !store_setting_set(s, SET_VOLUME, volume, NULL))
        log_warn("ui", "the settings were not kept: %s", store_errmsg(s));
}

void game_init(Game *g, Play *play)
{
    memset(g, 0, sizeof *g);
    g->play = play;
    g->settings = (Settings){true, true, 0.8};
    if (play)
        load_settings(g);
}

void game_free(Game *g)
{
    bg_release(g->sync); /* a sync cut off by the exit resumes next time (game/sync) */
    g->sync = NULL;
    game_free_scenes(g);
    play_free(g->play);
    g->play = NULL;
}

const PlayState *game_state(const Game *g) { return play_state(g->play); }

const Level *game_level(const Game *g)
{
    const PlayState *st = play_state(g->play);
    if (st->level_index < 0 || (size_t)st->level_index >= st->ladder->count)
        return NULL;
    return &st->ladder->levels[st->level_index];
}

static void scene_free_with_data(Scene *sc)
{
    free(sc->data);
    free(sc);
}

void scene_typing(Scene *sc, bool on)
{
    if (on)
        SDL_StartTextInput();
    else
        SDL_StopTextInput();
    sc->typing = on;
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
    Scene *was = game_top(g), *entered = NULL;
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
            entered = list[i];
            if (list[i]->enter)
                list[i]->enter(list[i], g); /* may queue further changes: loop again */
        }
    }
    Scene *top = game_top(g);
    if (top && top != was && top != entered && top->resume)
        top->resume(top, g);
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

void game_tick(Game *g)
{
    if (!g->demo) /* in a demo the scripted patient ticks the Play (scene_demo) */
        g->events = play_tick(g->play, g->now);
    game_sync_poll(g);
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
    if (in->action == ACT_PUSH_OFF || in->action == ACT_CLICK)
        game_set_push(g, false);
    Scene *top = game_top(g);
    if (top && top->input)
        top->input(top, g, in);
    game_apply_scene_changes(g);
}

/* Over whatever screen is up: the sensor is gone or silent, what happened, what to do. */
static void draw_sensor_lost(Gfx *x, bool stalled)
{
    int w = gfx_w(x), h = gfx_h(x);
    int top = h * 30 / 100, bh = h * 40 / 100;
    gfx_rect(x, w / 10, top, w * 8 / 10, bh, (SDL_Color){10, 14, 24, 240});
    gfx_frame(x, w / 10, top, w * 8 / 10, bh, gfx_u(x, 0.01), PAL_WARN);
    gfx_text(x, stalled ? "The sensor stopped sending" : "Sensor disconnected", w / 2,
             top + gfx_u(x, 0.04), 0.08, PAL_ACCENT, ALIGN_CENTER, true);
    gfx_text_wrapped(x,
                     stalled ? "Check its cable and batteries. The set in progress was stopped "
                               "and kept, and does not count against you. The next set starts "
                               "when readings come again."
                             : "Plug it back in. The set in progress was stopped and kept, and "
                               "does not count against you. The next set starts when the "
                               "sensor is back.",
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
    const PlayState *st = play_state(g->play);
    if (st->sensor_lost || st->sensor_stalled)
        draw_sensor_lost(g->gfx, !st->sensor_lost);
}

void game_set_push(Game *g, bool on) { play_set_push(g->play, on); }

unsigned game_events(const Game *g) { return g->events; }

void game_cue_events(Game *g, unsigned ev) { audio_bridge_events(g->audio, &g->settings, ev); }

void game_cue_reward(Game *g) { audio_bridge_reward(g->audio, &g->settings); }

void game_feedback(Game *g, bool on, double position)
{
    audio_bridge_feedback(g->audio, &g->settings, on, position);
}
