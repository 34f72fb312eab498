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

static void test_hip_height_hold(void **state)
{
    (void)state;
    Game g;
    ui_game_at_level(&g, "L02"); /* a %MVC level: becomes an angle hold */
    sensor_register(&TILT);
    char err[128];
    g.sensor = sensor_open("tilt", NULL, err, sizeof err);
    assert_non_null(g.sensor);
    Answers a;
    memset(&a, 0, sizeof a);
    a.n_pain_set = 1;
    g.answers = &a;
    game_push(&g, scene_hold_new());
    game_apply_scene_changes(&g);
    assert_true(g.angle_mode);
    assert_string_equal(g.unit, "°");
    ui_run_until(&g, 51);
    /* the top position was captured at the start tone: 20° of pitch */
    assert_true(fabs(g.target - (20 + ANGLE_OFFSET_DEG)) < 1e-6);
    double lo, hi;
    session_band(g.session, &lo, &hi);
    assert_true(fabs((hi - lo) / 2 - ANGLE_BAND_DEG) < 1e-6);
    const SetResult *r;
    assert_int_equal(session_results(g.session, &r), 1);
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
    ui_game_at_level(&g, "L02");
    char err[128];
    sensor_register(&TILT);
    g.sensor = sensor_open("tilt", NULL, err, sizeof err);
    assert_non_null(g.sensor);
    g.sensor->info.force_is_proxy = false;
    assert_true(game_begin_session(&g));
    assert_false(g.angle_mode);
    assert_string_equal(g.unit, "N");
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
    char err[128];
    g.sensor = sensor_open("tiltreps", NULL, err, sizeof err);
    assert_non_null(g.sensor);
    Answers a;
    memset(&a, 0, sizeof a);
    a.n_pain_set = 1;
    g.answers = &a;
    g_cycle_start = 5.0; /* reps start with the start tone */
    game_push(&g, scene_hold_new());
    game_apply_scene_changes(&g);
    assert_true(g.angle_mode);
    ui_run_until(&g, 5 + 72 + 1);
    const SetResult *r;
    assert_int_equal(session_results(g.session, &r), 1);
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
