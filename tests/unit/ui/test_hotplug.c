/* Hot-plug during a session: a sensor unplugged mid-hold stops that set, marked interrupted and
 * kept (never a failure); the "sensor disconnected" notice is drawn; the next set waits for the
 * sensor even when the rest runs out; once it is back, the session goes on normally. */
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

#include "ui/game.h"
#include "sensor/sensor_backend.h"
#include "ui_game_util.h"
#include "ui/palette.h"

#define W 960
#define H 540
/* A first session starts with a practice hold: get ready 0–5 s, practice 5–15 s, a 5-s pause;
 * set 1 of L02 then has its countdown at 20–25 s and its hold at 25–70 s. */
#define SET1_AT 20.0
#define UNPLUG_AT 40.0  /* inside set 1's hold */
#define REPLUG_AT 200.0 /* after set 1's 120-s rest would have ended (190 s) */

typedef struct Scripted {
    double last_t;
} Scripted;

/* 100 Hz at 300 N on the caller's clock, except while "unplugged". */
static bool scripted_open(Sensor *s, const char *arg, const SensorOptions *o, char *e, size_t n)
{
    (void)arg, (void)o, (void)e, (void)n;
    snprintf(s->info.name, sizeof s->info.name, "Scripted force sensor");
    s->info.caps = SAMPLE_FORCE;
    s->info.live = true; /* a device a person is on: unplugging it is what this is about */
    s->state = calloc(1, sizeof(Scripted));
    return s->state != NULL;
}

static int scripted_poll(Sensor *s, double now, Sample *out, int max)
{
    Scripted *st = s->state;
    if (now >= UNPLUG_AT && now < REPLUG_AT) {
        st->last_t = now;
        return SENSOR_DISCONNECTED;
    }
    int n = 0;
    while (st->last_t + 0.01 <= now && n < max) {
        st->last_t += 0.01;
        out[n++] = (Sample){.t_s = st->last_t, .force_n = 300, .has = SAMPLE_FORCE};
    }
    return n;
}

static void scripted_close(Sensor *s) { free(s->state); }

static const SensorBackend SCRIPTED = {
    .kind = "scripted", .open = scripted_open, .poll = scripted_poll, .close = scripted_close};

static int count_color(Gfx *x, SDL_Color c)
{
    int n = 0;
    for (int y = 0; y < H; y += 3) {
        for (int xx = 0; xx < W; xx += 3) {
            SDL_Color p = gfx_read_pixel(x, xx, y);
            if (abs(p.r - c.r) < 8 && abs(p.g - c.g) < 8 && abs(p.b - c.b) < 8)
                n++;
        }
    }
    return n;
}

static void test_unplug_interrupts_and_waits(void **state)
{
    (void)state;
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    assert_int_equal(SDL_Init(SDL_INIT_VIDEO), 0);
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(surface);
    Game g;
    UiPlaySpec spec = {.level = "L02", .mvc_n = 500};
    ui_game_new(&g, &spec);
    char err[256];
    g.gfx = gfx_new(r, BH_SOURCE_DIR "/assets", err, sizeof err);
    assert_non_null(g.gfx);
    sensor_register(&SCRIPTED);
    ui_game_input(&g, "scripted");
    const PlayState *st = game_state(&g);

    game_push(&g, scene_hold_new());
    game_apply_scene_changes(&g);
    ui_run_until(&g, SET1_AT + 0.5);
    assert_int_equal(session_set_number(st->session), 1);
    assert_int_equal(session_phase(st->session), PHASE_GET_READY);
    ui_run_until(&g, UNPLUG_AT + 5);
    assert_true(st->sensor_lost);
    const SetResult *res;
    assert_int_equal(session_results(st->session, &res), 2); /* the practice hold, then set 1 */
    assert_false(res[0].interrupted);
    assert_true(res[1].interrupted);
    assert_true(res[1].m.duration_s > 14 && res[1].m.duration_s < 15.1);
    assert_true(isnan(session_quality_pct(st->session))); /* not counted as a failed set */
    /* the stopped set's pain question is up; the patient answers 2 */
    assert_string_equal(game_top(&g)->name, "pain");
    assert_int_equal(st->set_pain_owed, 1);
    ui_send(&g, ACT_RIGHT);
    ui_send(&g, ACT_RIGHT);
    ui_send(&g, ACT_OK);
    assert_int_equal(st->set_pain_owed, 0);
    assert_string_equal(game_top(&g)->name, "hold");
    assert_int_equal(session_results(st->session, &res), 2);
    assert_int_equal(res[1].pain, 2); /* the answer is kept with the stopped set */
    game_draw(&g);
    char png[64];
    snprintf(png, sizeof png, "sensor-lost.png");
    assert_true(gfx_save_png(g.gfx, png, err, sizeof err));
    assert_true(count_color(g.gfx, PAL_WARN) > 50); /* the notice's frame */

    /* the rest ran out at 190 s, but the next set waits for the sensor */
    ui_run_until(&g, REPLUG_AT - 1);
    assert_int_equal(session_phase(st->session), PHASE_REST);
    ui_run_until(&g, REPLUG_AT + 1);
    assert_false(st->sensor_lost);
    assert_int_equal(session_phase(st->session), PHASE_GET_READY);
    assert_int_equal(session_set_number(st->session), 2);
    /* set 2 runs normally */
    ui_run_until(&g, REPLUG_AT + 60);
    assert_int_equal(session_results(st->session, &res), 3);
    assert_false(res[2].interrupted);
    assert_true(res[2].m.time_in_band_pct > 95);

    Gfx *gfx = g.gfx;
    game_free(&g);
    gfx_free(gfx);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(surface);
    SDL_Quit();
}

/* A device whose first batch is a 1-s backlog stamped on its own clock (100 s and on). */
static int backlog_poll(Sensor *s, double now, Sample *out, int max)
{
    Scripted *st = s->state;
    if (st->last_t == 0)
        st->last_t = 100.0 - 1.0; /* one second queued before the first poll */
    int n = 0;
    while (st->last_t + 0.01 <= 100.0 + now && n < max) {
        st->last_t += 0.01;
        out[n++] = (Sample){.t_s = st->last_t, .force_n = 300, .has = SAMPLE_FORCE};
    }
    return n;
}

static const SensorBackend BACKLOG = {
    .kind = "backlog", .open = scripted_open, .poll = backlog_poll, .close = scripted_close};

static void test_backlog_does_not_shorten_the_countdown(void **state)
{
    (void)state;
    /* Queued samples map to the past, not the future: the 5-s countdown lasts 5 s. */
    Game g;
    UiPlaySpec spec = {.level = "L02", .mvc_n = 500};
    ui_game_new(&g, &spec);
    sensor_register(&BACKLOG);
    ui_game_input(&g, "backlog");
    const PlayState *st = game_state(&g);
    assert_true(play_begin_session(g.play, false));
    ui_run_until(&g, 4.9);
    assert_int_equal(session_phase(st->session), PHASE_GET_READY);
    ui_run_until(&g, 5.1);
    assert_int_equal(session_phase(st->session), PHASE_HOLD);
    assert_true(fabs(session_phase_left_s(st->session, g.now) - (45 - (g.now - 5.0))) < 0.05);
    game_free(&g);
}

static void test_recording_starts_with_the_session(void **state)
{
    (void)state;
    /* A replay is not used up while the patient is still in the menus: its first second (the
     * trace starts at rest, 0 N) is what the session sees first. */
    Game g;
    ui_game_at_level(&g, "L02");
    ui_game_input(&g, "replay:" BH_TEST_DATA "/traces/hold-200n-30s.csv");
    const PlayState *st = game_state(&g);
    assert_true(st->input.finite);
    ui_run_until(&g, 10.0); /* ten seconds of menus, no session */
    assert_false(st->sensor_ended);
    game_push(&g, scene_hold_new());
    game_apply_scene_changes(&g);
    assert_non_null(st->session);
    ui_run_until(&g, 10.5);
    const ForcePoint *pts;
    assert_true(session_recent(st->session, &pts) > 10);
    assert_true(pts[0].force_n < 10); /* the trace's opening rest, not its middle */
    game_free(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unplug_interrupts_and_waits),
        cmocka_unit_test(test_backlog_does_not_shorten_the_countdown),
        cmocka_unit_test(test_recording_starts_with_the_session),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
