/* Angle holds: a gamepad with a motion sensor resting on the pelvis turns a hold level into a
 * hip-height hold. The top position is taken at the start tone, the band is ±5° around it,
 * sagging hips fall below it, and a dropped hip (roll past 8°) counts as out of the band. */
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

typedef struct Tilt {
    double last_t;
} Tilt;

/* The script of one set of L02 (get ready 0–5 s, hold 5–50 s): hips up to 20° during the
 * countdown; 5–20 s steady; 20–30 s sagging 8° low; 30–35 s back up; 35–40 s one hip dropped
 * 12°; 40–50 s steady. In band: 15 + 5 + 10 = 30 of 45 s. */
static void pose(double t, double *pitch, double *roll)
{
    *pitch = t < 3 ? 0 : (t >= 20 && t < 30) ? 12 : 20;
    *roll = (t >= 35 && t < 40) ? 12 : 0;
}

static bool tilt_open(Sensor *s, const char *arg, const SensorOptions *o, char *e, size_t n)
{
    (void)arg, (void)o, (void)e, (void)n;
    snprintf(s->info.name, sizeof s->info.name, "Pad (trigger proxy)");
    s->info.caps = SAMPLE_FORCE | SAMPLE_PITCH | SAMPLE_ROLL;
    s->info.force_is_proxy = true;
    s->info.live = true; /* a pad on a person's pelvis */
    s->state = calloc(1, sizeof(Tilt));
    return s->state != NULL;
}

static int tilt_poll(Sensor *s, double now, Sample *out, int max)
{
    Tilt *st = s->state;
    int n = 0;
    while (st->last_t + 0.01 <= now + 1e-9 && n < max) {
        st->last_t += 0.01;
        Sample x = {.t_s = st->last_t, .has = SAMPLE_FORCE | SAMPLE_PITCH | SAMPLE_ROLL};
        pose(st->last_t, &x.pitch_deg, &x.roll_deg);
        out[n++] = x;
    }
    return n;
}

static void tilt_close(Sensor *s) { free(s->state); }

static const SensorBackend TILT = {
    .kind = "tilt", .open = tilt_open, .poll = tilt_poll, .close = tilt_close};

/* The same motion sensor on a real load cell: newtons, not a trigger's stand-in. */
static bool tilt_cell_open(Sensor *s, const char *arg, const SensorOptions *o, char *e, size_t n)
{
    if (!tilt_open(s, arg, o, e, n))
        return false;
    snprintf(s->info.name, sizeof s->info.name, "Load cell with a tilt sensor");
    s->info.force_is_proxy = false;
    return true;
}

static const SensorBackend TILT_CELL = {
    .kind = "tiltcell", .open = tilt_cell_open, .poll = tilt_poll, .close = tilt_close};

static void test_hip_height_hold(void **state)
{
    (void)state;
    Game g;
    ui_game_at_level(&g, "L02"); /* a %MVC level: becomes an angle hold */
    sensor_register(&TILT);
    ui_game_input(&g, "tilt");
    const PlayState *st = game_state(&g);
    /* the Play runs the session (no practice hold); no strength test is needed for angles */
    assert_true(play_begin_session(g.play, false));
    assert_true(st->angle_mode);
    assert_string_equal(st->unit, "°");
    ui_run_until(&g, 51);
    /* the top position was captured at the start tone: 20° of pitch */
    assert_true(fabs(st->target - (20 + PLAY_ANGLE_OFFSET_DEG)) < 1e-6);
    double lo, hi;
    session_band(st->session, &lo, &hi);
    assert_true(fabs((hi - lo) / 2 - PLAY_ANGLE_BAND_DEG) < 1e-6);
    const SetResult *r;
    assert_int_equal(session_results(st->session, &r), 1);
    assert_true(r[0].measured);
    if (fabs(r[0].m.time_in_band_pct - 100.0 * 30 / 45) > 1.0)
        fail_msg("time in band %.2f %%, expected %.2f %%", r[0].m.time_in_band_pct,
                 100.0 * 30 / 45);
    game_free(&g);
}

static void test_force_sensor_keeps_force_hold(void **state)
{
    (void)state;
    /* a real load cell (not a proxy) is a force hold even if it also reports tilt */
    Game g;
    UiPlaySpec spec = {.level = "L02", .mvc_n = 500}; /* a clinician's maximum */
    ui_game_new(&g, &spec);
    sensor_register(&TILT_CELL);
    ui_game_input(&g, "tiltcell");
    const PlayState *st = game_state(&g);
    assert_true(play_begin_session(g.play, false));
    assert_false(st->angle_mode);
    assert_string_equal(st->unit, "N");
    assert_true(fabs(st->target - 300) < 1e-9); /* 60 % of 500 N */
    game_free(&g);
}

/* Tempo levels with a pad count reps from hip height: up 3 s, down 3 s. */
static double g_cycle_start;
static void rep_pose(double t, double *pitch, double *roll)
{
    double u = t - g_cycle_start;
    *pitch = u < 0 ? 0 : 10 - 10 * cos(2 * 3.14159265358979 * u / 6.0);
    *roll = 0;
}

static int reps_poll(Sensor *s, double now, Sample *out, int max)
{
    Tilt *st = s->state;
    int n = 0;
    while (st->last_t + 0.01 <= now + 1e-9 && n < max) {
        st->last_t += 0.01;
        Sample x = {.t_s = st->last_t, .has = SAMPLE_FORCE | SAMPLE_PITCH | SAMPLE_ROLL};
        rep_pose(st->last_t, &x.pitch_deg, &x.roll_deg);
        out[n++] = x;
    }
    return n;
}

static const SensorBackend REPS = {
    .kind = "tiltreps", .open = tilt_open, .poll = reps_poll, .close = tilt_close};

static void test_tempo_reps_from_hip_height(void **state)
{
    (void)state;
    Game g;
    ui_game_at_level(&g, "L10"); /* 3 × 12 reps, 3 s up, 3 s down */
    sensor_register(&REPS);
    ui_game_input(&g, "tiltreps");
    const PlayState *st = game_state(&g);
    g_cycle_start = 5.0; /* reps start with the start tone */
    assert_true(play_begin_session(g.play, false));
    assert_true(st->angle_mode);
    ui_run_until(&g, 5 + 72 + 1);
    const SetResult *r;
    assert_int_equal(session_results(st->session, &r), 1);
    assert_false(r[0].measured);
    assert_true(r[0].reps_done >= 10);
    game_free(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hip_height_hold),
        cmocka_unit_test(test_force_sensor_keeps_force_hold),
        cmocka_unit_test(test_tempo_reps_from_hip_height),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
