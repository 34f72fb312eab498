/* tests/unit/sensor/test_backends: the keyboard stand-in (smooth rise and fall on the caller's
 * clock), trace replay (real-time pacing, speed, as-fast mode, the end), and sensor_open's
 * refusals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sensor/sensor.h"
#include "sensor/trace_csv.h"

#define TRACES BH_TEST_DATA "/traces/"

static Sensor *open_ok(const char *spec, const SensorOptions *o)
{
    char err[512] = "";
    Sensor *s = sensor_open(spec, o, err, sizeof err);
    if (!s)
        fail_msg("%s: %s", spec, err);
    return s;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The last sample a poll at now_s gives (the keyboard produces one per 1/60 s). */
static Sample poll_last(Sensor *s, double now_s, int *count)
{
    Sample buf[1024];
    int n = sensor_poll(s, now_s, buf, 1024);
    assert_true(n > 0 && n < 1024);
    if (count)
        *count = n;
    return buf[n - 1];
}

static void test_keyboard(void **state)
{
    (void)state;
    Sensor *s = open_ok("keyboard", NULL);
    const SensorInfo *in = sensor_info(s);
    assert_string_equal(in->name, "Keyboard (space bar)");
    assert_string_equal(in->kind, "keyboard");
    assert_int_equal(in->caps, SAMPLE_FORCE);
    assert_true(in->rate_hz == 60.0);
    assert_true(in->force_is_proxy);

    /* 60 Hz on the caller's own clock, starting at the first poll */
    Sample buf[128];
    assert_int_equal(sensor_poll(s, 100.0, buf, 128), 1);
    assert_true(buf[0].t_s == 100.0 && buf[0].force_n == 0.0 && buf[0].has == SAMPLE_FORCE);
    int n;
    Sample last = poll_last(s, 101.0, &n);
    assert_int_equal(n, 60);
    assert_true(fabs(last.t_s - 101.0) < 1e-9);
    assert_true(last.force_n == 0.0); /* nobody pressed */

    sensor_set_push(s, 1); /* space bar down at 101 s */
    double prev = 0;
    for (int frame = 1; frame <= 24; frame++) { /* 0.4 s */
        Sample x = poll_last(s, 101.0 + frame / 60.0, NULL);
        assert_true(x.force_n > prev); /* rises smoothly, no jump */
        assert_true(x.force_n - prev < 200.0 / 60.0 / 0.4 * 1.1);
        prev = x.force_n;
    }
    assert_true(prev > 0.55 * 200 && prev < 0.72 * 200); /* one time constant: ~63 % */
    double held = poll_last(s, 103.0, NULL).force_n;
    assert_true(fabs(held - 200.0) < 200.0 * 0.02); /* there, with a small wobble */
    double lo = 1e9, hi = -1e9;
    for (int frame = 1; frame <= 120; frame++) {
        double f = poll_last(s, 103.0 + frame / 60.0, NULL).force_n;
        lo = fmin(lo, f), hi = fmax(hi, f);
    }
    assert_true(hi - lo > 0.1 && hi - lo < 200.0 * 0.03); /* alive, but well inside a band */

    sensor_set_push(s, 0); /* released at 105 s */
    double at_03 = poll_last(s, 105.3, NULL).force_n; /* one down time constant: ~37 % left */
    assert_true(at_03 > 0.3 * 200 && at_03 < 0.45 * 200);
    assert_true(poll_last(s, 106.5, NULL).force_n < 0.02 * 200);

    /* a new aim while pressed; a stalled caller is not flooded with the missed samples */
    sensor_set_target(s, 300);
    sensor_set_push(s, 1);
    assert_true(fabs(poll_last(s, 110.0, NULL).force_n - 300.0) < 300.0 * 0.02);
    int total = 0;
    while ((n = sensor_poll(s, 500.0, buf, 128)) > 0)
        total += n;
    assert_true(total <= 61);
    sensor_close(s);

    SensorOptions o = {.target_n = 80};
    s = open_ok("keyboard", &o);
    sensor_set_push(s, 1); /* pressed before the first poll: counts from it */
    sensor_poll(s, 0.0, buf, 128);
    assert_true(fabs(poll_last(s, 3.0, NULL).force_n - 80.0) < 80.0 * 0.02);
    sensor_close(s);
}

static void test_replay_real_time(void **state)
{
    (void)state;
    SensorOptions o = {0};
    Sensor *s = open_ok("replay:" TRACES "hold-200n-30s.csv", &o);
    const SensorInfo *in = sensor_info(s);
    assert_string_equal(in->name, "Replay of hold-200n-30s.csv");
    assert_string_equal(in->kind, "replay");
    assert_int_equal(in->caps, SAMPLE_FORCE);
    assert_true(fabs(in->rate_hz - 100.0) < 1e-6);
    assert_false(in->live);

    Sample buf[4096];
    assert_int_equal(sensor_poll(s, 50.0, buf, 4096), 1); /* the first sample, at once */
    assert_true(buf[0].t_s == 0.0 && buf[0].has == SAMPLE_FORCE);
    assert_int_equal(sensor_poll(s, 50.5, buf, 4096), 50); /* 0.01 .. 0.50 */
    assert_true(buf[49].t_s == 0.5);
    assert_int_equal(sensor_poll(s, 50.5, buf, 4096), 0);
    assert_int_equal(sensor_poll(s, 53.905, buf, 4096), 340); /* .. 3.90, bounded by time */
    assert_true(buf[339].t_s == 3.9 && buf[339].force_n == 180.0);
    assert_int_equal(sensor_poll(s, 200.0, buf, 1000), 1000); /* bounded by max */
    assert_int_equal(sensor_poll(s, 200.0, buf, 4096), 3720 - 1391);
    assert_true(buf[3720 - 1392].t_s == 37.19);
    assert_int_equal(sensor_poll(s, 200.0, buf, 4096), SENSOR_END);
    assert_int_equal(sensor_poll(s, 300.0, buf, 4096), SENSOR_END);
    sensor_close(s);

    o.speed = 4;
    s = open_ok("replay:" TRACES "two-holds-lr.csv", &o);
    assert_int_equal(sensor_info(s)->caps, SAMPLE_FORCE | SAMPLE_LEFT_RIGHT);
    assert_int_equal(sensor_poll(s, 0.0, buf, 4096), 1);
    assert_int_equal(sensor_poll(s, 1.0, buf, 4096), 400); /* 4 s of trace in 1 s */
    assert_int_equal(buf[0].has, SAMPLE_FORCE | SAMPLE_LEFT_RIGHT);
    assert_true(fabs(buf[0].left_n + buf[0].right_n - buf[0].force_n) < 1e-9);
    sensor_close(s);
}

/* A trace not starting at 0 is paced from its own first sample. */
static void test_replay_offset_start(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/sensor-replay-%ld.csv", BH_BINARY_DIR, (long)getpid());
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("t_s,force_n\n1000.0,1\n1000.5,2\n1001.0,3\n1001.0,4\n", f);
    fclose(f);
    char spec[600];
    snprintf(spec, sizeof spec, "replay:%s", path);
    Sensor *s = open_ok(spec, NULL);
    Sample buf[8];
    assert_int_equal(sensor_poll(s, 7.0, buf, 8), 1);
    assert_int_equal(sensor_poll(s, 7.49, buf, 8), 0);
    assert_int_equal(sensor_poll(s, 7.5, buf, 8), 1);
    assert_int_equal(sensor_poll(s, 8.0, buf, 8), 2); /* equal times come together */
    assert_true(buf[1].t_s == 1001.0 && buf[1].force_n == 4);
    assert_int_equal(sensor_poll(s, 8.0, buf, 8), SENSOR_END);
    sensor_close(s);
    unlink(path);
}

static void test_replay_as_fast(void **state)
{
    (void)state;
    SensorOptions o = {.speed = -1};
    Sensor *s = open_ok("replay:" TRACES "blip-1s.csv", &o);
    Sample buf[256];
    size_t total = 0;
    int n, polls = 0;
    while ((n = sensor_poll(s, 0.0, buf, 256)) != SENSOR_END) {
        assert_true(n == 256 || (total + (size_t)n == 720 && n == 720 % 256));
        assert_true(fabs(buf[0].t_s - (double)total / 100.0) < 1e-9);
        total += (size_t)n;
        polls++;
    }
    assert_int_equal(total, 720);
    assert_int_equal(polls, 3);
    sensor_close(s);
}

static void test_open_errors(void **state)
{
    (void)state;
    char err[512];
    assert_null(sensor_open("thermometer", NULL, err, sizeof err));
    assert_true(starts_with(err, "unknown input 'thermometer' (known: sim, keyboard, replay"));

    assert_null(sensor_open("replay:" TRACES "no-such.csv", NULL, err, sizeof err));
    assert_string_equal(err, TRACES "no-such.csv: cannot open: No such file or directory");
    assert_null(sensor_open("replay:" TRACES "bad/nan.csv", NULL, err, sizeof err));
    assert_string_equal(err, TRACES "bad/nan.csv:5: force_n is not a number ('nan')");
    assert_null(sensor_open("replay:" TRACES "bad/empty.csv", NULL, err, sizeof err));
    assert_true(starts_with(err, TRACES "bad/empty.csv:1: empty file"));
    assert_null(sensor_open("replay", NULL, err, sizeof err));
    assert_string_equal(err, "replay needs a trace file: replay:FILE.csv");
    assert_null(sensor_open("keyboard:x", NULL, err, sizeof err));
    assert_string_equal(err, "keyboard takes no argument (got 'keyboard:x')");

    char path[512];
    snprintf(path, sizeof path, "%s/sensor-header-only-%ld.csv", BH_BINARY_DIR, (long)getpid());
    FILE *f = fopen(path, "w");
    fputs("# nothing recorded\nt_s,force_n\n", f);
    fclose(f);
    char spec[600], want[700];
    snprintf(spec, sizeof spec, "replay:%s", path);
    snprintf(want, sizeof want, "%s: the trace has a header but no samples", path);
    assert_null(sensor_open(spec, NULL, err, sizeof err));
    assert_string_equal(err, want);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keyboard),
        cmocka_unit_test(test_replay_real_time),
        cmocka_unit_test(test_replay_offset_start),
        cmocka_unit_test(test_replay_as_fast),
        cmocka_unit_test(test_open_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
