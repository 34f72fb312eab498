/* tests/unit/sensor/test_sim: the simulated patient is deterministic per seed, holds near its
 * target with physiological tremor and a fatigue drift, runs its rest/hold script on its own,
 * and follows the game's push cues after a human reaction delay. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sensor/sensor.h"
#include "sensor/trace_csv.h"
#include "session/session.h"

#define PI 3.14159265358979323846

static Sensor *open_sim(unsigned long seed, double target_n)
{
    SensorOptions o = {.seed = seed, .target_n = target_n};
    char err[256] = "";
    Sensor *s = sensor_open("sim", &o, err, sizeof err);
    if (!s)
        fail_msg("%s", err);
    return s;
}

/* Polls s on the caller's clock from `from` to `to` (seconds) every `step`, appending to *t. */
static void run(Sensor *s, double from, double to, double step, Trace *t)
{
    Sample buf[64];
    for (long i = 0;; i++) {
        double now = from + (double)i * step;
        if (now > to + 1e-9)
            break;
        int n;
        while ((n = sensor_poll(s, now, buf, 64)) > 0) {
            for (int k = 0; k < n; k++)
                trace_append(t, &buf[k]);
            if (n < 64)
                break;
        }
        assert_true(n >= 0);
    }
}

/* Mean force over samples with t in [a, b). */
static double mean_between(const Trace *t, double a, double b)
{
    double sum = 0;
    int n = 0;
    for (size_t i = 0; i < t->count; i++) {
        if (t->samples[i].t_s >= a && t->samples[i].t_s < b) {
            sum += t->samples[i].force_n;
            n++;
        }
    }
    assert_true(n > 0);
    return sum / n;
}

static const Sample *at(const Trace *t, double time_s)
{
    size_t i = (size_t)lround(time_s * 100.0);
    assert_true(i < t->count);
    assert_true(fabs(t->samples[i].t_s - time_s) < 1e-9);
    return &t->samples[i];
}

/* The whole trace as CSV text, for byte comparisons. */
static char *as_text(const Trace *t, size_t *len)
{
    char *mem = NULL;
    FILE *f = open_memstream(&mem, len);
    for (size_t i = 0; i < t->count; i++)
        trace_write_sample(f, &t->samples[i], SAMPLE_FORCE | SAMPLE_LEFT_RIGHT);
    fclose(f);
    return mem;
}

static void test_info_and_clock(void **state)
{
    (void)state;
    Sensor *s = open_sim(0, 0);
    const SensorInfo *in = sensor_info(s);
    assert_string_equal(in->name, "Simulated patient");
    assert_string_equal(in->kind, "sim");
    assert_int_equal(in->caps, SAMPLE_FORCE | SAMPLE_LEFT_RIGHT);
    assert_true(in->rate_hz == 100.0);
    assert_false(in->live);
    assert_false(in->force_is_proxy);

    /* Its own time base: 0 at the first poll, whatever the caller's clock says. */
    Sample buf[400];
    assert_int_equal(sensor_poll(s, 5000.0, buf, 400), 1);
    assert_true(buf[0].t_s == 0.0);
    assert_int_equal(sensor_poll(s, 5000.0, buf, 400), 0);
    /* Everything up to now, bounded by max; the rest on the next poll. */
    assert_int_equal(sensor_poll(s, 5003.0, buf, 120), 120);
    assert_true(fabs(buf[119].t_s - 1.20) < 1e-12);
    assert_int_equal(sensor_poll(s, 5003.0, buf, 400), 180);
    assert_true(fabs(buf[179].t_s - 3.00) < 1e-12);
    assert_int_equal(buf[0].has, SAMPLE_FORCE | SAMPLE_LEFT_RIGHT);
    assert_int_equal(sensor_poll(s, 4000.0, buf, 400), 0); /* a clock going back gives nothing */
    assert_int_equal(sensor_poll(s, 5003.3, buf, 0), 0);
    sensor_close(s);

    char err[256];
    assert_null(sensor_open("sim:fast", NULL, err, sizeof err));
    assert_string_equal(err, "sim takes no argument (got 'sim:fast'); use --seed for variety");
}

static void test_deterministic(void **state)
{
    (void)state;
    Trace a = {0}, b = {0}, c = {0};
    Sensor *s = open_sim(7, 0);
    run(s, 0, 80, 1.0 / 60.0, &a);
    sensor_close(s);
    s = open_sim(7, 0);
    run(s, 100, 180, 0.5, &b); /* other clock, other batching: same samples */
    sensor_close(s);
    s = open_sim(8, 0);
    run(s, 0, 80, 1.0 / 60.0, &c);
    sensor_close(s);
    assert_int_equal(a.count, 8001);
    assert_int_equal(b.count, a.count);
    assert_int_equal(c.count, a.count);
    size_t la, lb, lc;
    char *ta = as_text(&a, &la), *tb = as_text(&b, &lb), *tc = as_text(&c, &lc);
    assert_int_equal(la, lb);
    assert_memory_equal(ta, tb, la);
    for (size_t i = 0; i < a.count; i++) {
        assert_true(a.samples[i].force_n == b.samples[i].force_n);
        assert_true(a.samples[i].left_n == b.samples[i].left_n);
    }
    size_t differ = 0;
    for (size_t i = 0; i < a.count; i++)
        differ += a.samples[i].force_n != c.samples[i].force_n;
    assert_true(differ > a.count * 9 / 10);
    free(ta);
    free(tb);
    free(tc);
    trace_free(&a);
    trace_free(&b);
    trace_free(&c);
}

/* The script: 3 s rest, 1.5 s ramp, 30 s hold, release, and again (cycle 34.5 s). */
static void test_script_holds_near_target(void **state)
{
    (void)state;
    for (unsigned long seed = 1; seed <= 5; seed++) {
        Trace t = {0};
        Sensor *s = open_sim(seed, seed == 5 ? 320.0 : 0);
        double target = seed == 5 ? 320.0 : 200.0;
        run(s, 0, 75, 0.1, &t);
        sensor_close(s);
        assert_true(fabs(mean_between(&t, 0.5, 3.0)) < 0.02 * target);    /* rest */
        assert_true(at(&t, 3.2)->force_n < 0.25 * target);                /* reacting */
        assert_true(at(&t, 4.5)->force_n > 0.8 * target);                 /* ramped */
        for (int cycle = 0; cycle < 2; cycle++) {
            double hold = cycle * 34.5 + 4.5;
            double m = mean_between(&t, hold + 1, hold + 30);
            assert_true(fabs(m - target) < 0.10 * target);
            /* fatigue: the last 5 s sit below the first 5 s */
            double early = mean_between(&t, hold + 1, hold + 6);
            double late = mean_between(&t, hold + 25, hold + 30);
            assert_true(late < early - 0.01 * target);
            assert_true(late > early - 0.08 * target);
        }
        assert_true(mean_between(&t, 35.5, 37.5) < 0.03 * target); /* released */
        /* left/right: about 55/45, and they add up to the force */
        double left = 0, total = 0;
        for (size_t i = 500; i < 3400; i++) {
            const Sample *x = &t.samples[i];
            assert_true(fabs(x->left_n + x->right_n - x->force_n) < 1e-9);
            left += x->left_n;
            total += x->force_n;
        }
        assert_true(left / total > 0.52 && left / total < 0.58);
        trace_free(&t);
    }
}

/* Mean power of x[0..n) over the DFT bins in [lo, hi) Hz (sampled at 100 Hz). */
static double band_power(const double *x, size_t n, double lo, double hi)
{
    double p = 0;
    for (size_t k = 1; k < n / 2; k++) {
        double f = (double)k * 100.0 / (double)n;
        if (f < lo || f >= hi)
            continue;
        double re = 0, im = 0;
        for (size_t i = 0; i < n; i++) {
            re += x[i] * cos(2 * PI * (double)k * (double)i / (double)n);
            im -= x[i] * sin(2 * PI * (double)k * (double)i / (double)n);
        }
        p += 2.0 * (re * re + im * im) / ((double)n * (double)n); /* variance in this bin */
    }
    return p;
}

static void test_tremor(void **state)
{
    (void)state;
    for (unsigned long seed = 1; seed <= 3; seed++) {
        Trace t = {0};
        Sensor *s = open_sim(seed, 0);
        run(s, 0, 30, 0.25, &t);
        sensor_close(s);
        /* 20 s of steady hold, linear trend removed */
        size_t n = 2000, first = 900;
        double *x = malloc(n * sizeof *x);
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (size_t i = 0; i < n; i++) {
            double y = t.samples[first + i].force_n;
            sx += (double)i, sy += y, sxx += (double)i * (double)i, sxy += (double)i * y;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx), icpt = (sy - slope * sx) / n;
        for (size_t i = 0; i < n; i++)
            x[i] = t.samples[first + i].force_n - (icpt + slope * (double)i);
        double tremor = band_power(x, n, 8, 12);
        double above = band_power(x, n, 13, 17);
        double below = band_power(x, n, 3, 7);
        double rms = sqrt(tremor);
        assert_true(tremor > 4.0 * above);
        assert_true(tremor > 1.5 * below);
        assert_true(rms > 0.001 * 200 && rms < 0.03 * 200); /* present, and small */
        free(x);
        trace_free(&t);
    }
}

static void test_follows_cues(void **state)
{
    (void)state;
    Trace t = {0};
    Sensor *s = open_sim(3, 0);
    Sample buf[1024];
    sensor_poll(s, 10.0, buf, 1024); /* first poll: sim t = 0 */
    trace_append(&t, &buf[0]);
    sensor_set_push(s, 0); /* the game says rest: the script no longer runs */
    run(s, 10.0, 16.0, 1.0 / 60.0, &t);
    for (size_t i = 0; i < t.count; i++)
        assert_true(fabs(t.samples[i].force_n) < 2.0);
    /* push at sim t = 6.0; the game repeats its cue every frame, which must not delay it */
    for (int frame = 1; frame <= 60 * 14; frame++) {
        sensor_set_push(s, 1);
        sensor_set_target(s, frame < 60 * 9 ? 200.0 : 260.0); /* new aim at t = 15 s */
        run(s, 16.0 + frame / 60.0, 16.0 + frame / 60.0, 1, &t);
    }
    sensor_set_push(s, 0); /* rest at t = 20 s */
    run(s, 30.0, 34.0, 1.0 / 60.0, &t);
    sensor_close(s);
    assert_true(at(&t, 6.24)->force_n < 5.0);   /* still reacting (>= 0.25 s) */
    assert_true(at(&t, 8.3)->force_n > 170.0); /* ramped within ~2 s of the cue */
    double m = mean_between(&t, 9.0, 15.0);
    assert_true(fabs(m - 200.0) < 20.0);
    m = mean_between(&t, 17.5, 20.0);
    assert_true(fabs(m - 260.0) < 26.0);
    assert_true(at(&t, 20.24)->force_n > 200.0); /* the release also waits for a reaction */
    assert_true(fabs(at(&t, 21.5)->force_n) < 20.0);
    assert_true(fabs(mean_between(&t, 22.0, 24.0)) < 2.0);
    trace_free(&t);
}

/* The same cues at the same times give the same samples. */
static void test_cues_deterministic(void **state)
{
    (void)state;
    Trace a = {0}, b = {0};
    for (int k = 0; k < 2; k++) {
        Trace *t = k ? &b : &a;
        Sensor *s = open_sim(11, 150);
        for (int frame = 0; frame < 60 * 40; frame++) {
            double now = frame / 60.0;
            bool push = fmod(now, 12.0) >= 2.0 && fmod(now, 12.0) < 9.0;
            sensor_set_push(s, push ? 1.0 : 0.0);
            run(s, now, now, 1, t);
        }
        sensor_close(s);
    }
    assert_int_equal(a.count, b.count);
    for (size_t i = 0; i < a.count; i++)
        assert_true(a.samples[i].force_n == b.samples[i].force_n);
    assert_true(mean_between(&a, 5.0, 9.0) > 135.0);
    trace_free(&a);
    trace_free(&b);
}

/* The L10 dose (levels/10-slow-single-leg-bridge.ini): 12 reps of 3 s up and 3 s down, with
 * rules.ini's 20 % minimum excursion of a 200 N force reference. */
static SessionConfig l10_config(void)
{
    SessionConfig c = {0};
    c.sets = 2;
    c.rest_s = 10;
    c.get_ready_s = 5;
    c.tempo = true;
    c.reps = 12;
    c.up_s = 3;
    c.down_s = 3;
    c.min_excursion = 40;
    return c;
}

/* Drives a session at 60 frames a second from sensor s until it is done or the input ends.
 * follow: the simulated patient is cued with the metronome's position every frame (what the
 * game does during tempo holds) and rests otherwise. */
static Session *drive_tempo(Sensor *s, bool follow)
{
    SessionConfig c = l10_config();
    Session *se = session_new(&c);
    session_start(se, 0);
    Sample buf[256];
    for (long frame = 0; frame < 60L * 400 && session_phase(se) != PHASE_DONE; frame++) {
        double now = frame / 60.0;
        if (follow)
            sensor_set_push(s, session_phase(se) == PHASE_HOLD ? session_tempo_position(se, now)
                                                                : 0.0);
        int n = sensor_poll(s, now, buf, 256);
        if (n == SENSOR_END) {
            session_abort(se, now);
            break;
        }
        assert_true(n >= 0);
        for (int k = 0; k < n; k++) {
            ForcePoint p = {buf[k].t_s, buf[k].force_n, 0, 0, false};
            session_push(se, &p);
        }
        session_update(se, now);
    }
    return se;
}

/* A simulated tempo session counts realistic reps: the patient follows the metronome, a
 * reaction time behind, so nearly every prescribed rep is there. */
static void test_sim_follows_the_tempo_cue(void **state)
{
    (void)state;
    Sensor *s = open_sim(5, 200);
    Session *se = drive_tempo(s, true);
    const SetResult *r;
    size_t n = session_results(se, &r);
    assert_int_equal(n, 2);
    for (size_t i = 0; i < n; i++) {
        assert_true(r[i].reps_done > 0);
        assert_true(r[i].reps_done >= 10 && r[i].reps_done <= 12);
    }
    assert_true(session_quality_pct(se) >= 80);
    session_free(se);
    sensor_close(s);
}

/* The force behind a continuously moving cue is smooth (no jump from a dropped cue) and lags
 * it by a human reaction time. */
static void test_sim_tracks_a_moving_cue_smoothly(void **state)
{
    (void)state;
    Sensor *s = open_sim(9, 200);
    Trace t = {0};
    Sample buf[256];
    for (long frame = 0; frame < 60 * 30; frame++) {
        double now = frame / 60.0;
        double cue = now < 2 ? 0 : 0.5 - 0.5 * cos(2 * PI * (now - 2) / 6.0);
        sensor_set_push(s, cue);
        int n = sensor_poll(s, now, buf, 256);
        for (int k = 0; k < n; k++)
            trace_append(&t, &buf[k]);
    }
    sensor_close(s);
    /* the top of each cue cycle (t = 5, 11, 17, 23) is reached a little later */
    for (int c = 0; c < 4; c++) {
        double top = 5.0 + 6.0 * c;
        double best_t = 0, best = -1e9;
        for (size_t i = 0; i < t.count; i++) {
            if (t.samples[i].t_s > top - 2 && t.samples[i].t_s < top + 2 &&
                t.samples[i].force_n > best) {
                best = t.samples[i].force_n;
                best_t = t.samples[i].t_s;
            }
        }
        assert_true(best > 170 && best < 230);
        assert_true(best_t > top + 0.2 && best_t < top + 1.5);
    }
    /* smooth: no step larger than the tremor and noise allow between 10-ms samples */
    for (size_t i = 1; i < t.count; i++)
        assert_true(fabs(t.samples[i].force_n - t.samples[i - 1].force_n) < 8.0);
    trace_free(&t);
}

/* A steady hold replayed at L10 counts no reps: the trace never moves 40 N within a hold. */
static void test_steady_replay_counts_no_reps(void **state)
{
    (void)state;
    char err[256] = "";
    SensorOptions o = {0}; /* played at real speed on the frame clock */
    Sensor *s = sensor_open("replay:" BH_TEST_DATA "/traces/hold-200n-30s.csv", &o, err,
                            sizeof err);
    if (!s)
        fail_msg("%s", err);
    Session *se = drive_tempo(s, false);
    const SetResult *r;
    size_t n = session_results(se, &r);
    assert_true(n >= 1);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(r[i].reps_done, 0);
    session_free(se);
    sensor_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_info_and_clock),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_script_holds_near_target),
        cmocka_unit_test(test_tremor),
        cmocka_unit_test(test_follows_cues),
        cmocka_unit_test(test_cues_deterministic),
        cmocka_unit_test(test_sim_follows_the_tempo_cue),
        cmocka_unit_test(test_sim_tracks_a_moving_cue_smoothly),
        cmocka_unit_test(test_steady_replay_counts_no_reps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
