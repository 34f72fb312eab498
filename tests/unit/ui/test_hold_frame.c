/* The hold screen's text over the plain background is drawn as opaque copies composited once
 * (gfx_text_on) where nothing else lies under it, and blended where something does (a taut
 * bridge lifts the traveller into the message, the trace runs under the strip's label). Either
 * way the picture must be the one blending every string gives: each moment here is drawn both
 * ways, in a window as the game has one (SDL's software renderer), and compared pixel for
 * pixel. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <SDL.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sensor/sensor_backend.h"
#include "ui/game.h"
#include "ui/palette.h"
#include "ui_game_util.h"

/* A force sensor at 100 Hz reading base + a slow and a fast swing of amplitude amp. */
static double g_base, g_amp;

typedef struct SwingState {
    long long next_k;
} SwingState;

static bool swing_open(Sensor *s, const char *arg, const SensorOptions *o, char *e, size_t n)
{
    (void)arg, (void)o, (void)e, (void)n;
    snprintf(s->info.name, sizeof s->info.name, "Test force sensor");
    snprintf(s->info.kind, sizeof s->info.kind, "swing");
    s->info.caps = SAMPLE_FORCE;
    s->state = calloc(1, sizeof(SwingState));
    return s->state != NULL;
}

static int swing_poll(Sensor *s, double now, Sample *out, int max)
{
    SwingState *d = s->state;
    int n = 0;
    while (n < max && (double)d->next_k / 100.0 <= now + 1e-9) {
        double t = (double)d->next_k++ / 100.0;
        double v = g_base + g_amp * sin(t * 2.1) + 0.3 * g_amp * sin(t * 13.0);
        out[n++] = (Sample){.t_s = t, .force_n = v, .has = SAMPLE_FORCE};
    }
    return n;
}

static void swing_close(Sensor *s) { free(s->state); }

static const SensorBackend SWING = {
    .kind = "swing", .open = swing_open, .poll = swing_poll, .close = swing_close};

/* Draws the game as it stands twice, composited text allowed and not, and compares. */
static void same_both_ways(Game *g, const char *what)
{
    SDL_Renderer *r = gfx_renderer(g->gfx);
    int w = gfx_w(g->gfx), h = gfx_h(g->gfx);
    size_t bytes = (size_t)w * (size_t)h * 4;
    Uint8 *pix[2] = {malloc(bytes), malloc(bytes)};
    assert_non_null(pix[0]);
    assert_non_null(pix[1]);
    for (int k = 0; k < 2; k++) {
        gfx_blend_all_text(g->gfx, k == 1);
        game_draw(g);
        assert_int_equal(SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, pix[k], w * 4),
                         0);
        SDL_RenderPresent(r);
    }
    gfx_blend_all_text(g->gfx, false);
    size_t differ = 0;
    for (size_t i = 0; i < bytes; i += 4)
        differ += memcmp(pix[0] + i, pix[1] + i, 4) != 0;
    if (differ)
        fail_msg("%s at %dx%d: %zu pixels differ", what, w, h, differ);
    free(pix[0]);
    free(pix[1]);
}

static void run(const char *level, int w, int h)
{
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    SDL_SetHint(SDL_HINT_RENDER_BATCHING, "1");
    assert_int_equal(SDL_Init(SDL_INIT_VIDEO), 0);
    SDL_Window *win = SDL_CreateWindow("test", 0, 0, w, h, 0);
    assert_non_null(win);
    SDL_Renderer *r = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    assert_non_null(r);
    Game g;
    UiPlaySpec spec = {.level = level, .mvc_n = 500};
    ui_game_new(&g, &spec);
    char err[256];
    g.gfx = gfx_new(r, BH_SOURCE_DIR "/assets", err, sizeof err);
    assert_non_null(g.gfx);
    sensor_register(&SWING);
    ui_game_input(&g, "swing");
    game_push(&g, scene_hold_new());
    game_apply_scene_changes(&g);
    /* the countdown, the practice hold in and below the band, then the first set swinging,
     * far above half way across (the bridge taut, the traveller in the words), at the top and
     * the bottom of the gauge, then the rest */
    static const struct {
        double to, base, amp;
        const char *what;
    } steps[] = {
        {1.0, 0, 0, "get ready"}, {2.6, 0, 0, "countdown"}, {12, 300, 12, "in band"},
        {15, 60, 5, "below"},     {40, 250, 60, "swinging"}, {47, 420, 20, "above"},
        {50, 700, 30, "top"},     {56, 0, 0, "zero"},        {75, 300, 5, "rest"},
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        g_base = steps[i].base;
        g_amp = steps[i].amp;
        ui_run_until(&g, steps[i].to);
        same_both_ways(&g, steps[i].what);
    }
    Gfx *gfx = g.gfx;
    game_free(&g);
    gfx_free(gfx);
    SDL_DestroyRenderer(r);
    SDL_DestroyWindow(win);
    SDL_Quit();
}

static void test_force_hold(void **state)
{
    (void)state;
    run("L02", 1280, 720);
}

static void test_other_window_shapes(void **state)
{
    (void)state;
    run("L02", 1920, 1080);
    run("L02", 640, 1000); /* tall: the message runs into the gauge, the clock into the level */
    run("L01", 800, 360);
}

static void test_tempo_hold(void **state)
{
    (void)state;
    run("L10", 1280, 720);
    run("L10", 640, 1000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_force_hold),
        cmocka_unit_test(test_other_window_shapes),
        cmocka_unit_test(test_tempo_hold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
