/* signal/hold: finding holds — the band and the start and end rules of ARCHITECTURE.md
 * § METRICS, duration, in-band time and mean — against values worked out by hand on small
 * synthetic traces (100 Hz unless said otherwise; target 200 N, band 180–220 N). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>

#include "signal/hold.h"
#include "trace_build.h"

#define EPS 1e-6
static const HoldParams P200 = {200.0, 0.0}; /* default ±10 %: band 180–220 N */

/* Detects holds in tb against target 200 N, expecting exactly `want` of them. */
static void detect(const TraceBuild *tb, size_t want, HoldMetrics *out, size_t max)
{
    tb_detect(tb, &P200, want, out, max);
}

static void test_band(void **state)
{
    (void)state;
    double lo, hi;
    hold_band(&P200, &lo, &hi);
    assert_near(lo, 180.0, 1e-9);
    assert_near(hi, 220.0, 1e-9);
    HoldParams p15 = {200.0, 15.0};
    hold_band(&p15, &lo, &hi);
    assert_near(lo, 170.0, 1e-9);
    assert_near(hi, 230.0, 1e-9);
    HoldParams pnan = {100.0, NAN}; /* nonsense tolerance falls back to the default */
    hold_band(&pnan, &lo, &hi);
    assert_near(lo, 90.0, 1e-9);
    assert_near(hi, 110.0, 1e-9);
}

/* 2 s rest, 30 s at 200 N, 2 s rest: one 30-s hold, all of it in band, steady. */
static void test_steady_30s_hold(void **state)
{
    (void)state;
    TraceBuild tb;
    tb_init(&tb, 100);
    tb_flat(&tb, 2, 0);
    tb_flat(&tb, 30, 200);
    tb_flat(&tb, 2, 0);
    HoldMetrics h[2];
    detect(&tb, 1, h, 2);
    assert_near(h[0].start_s, 2.0, EPS);
    assert_near(h[0].end_s, 32.0, EPS);
    assert_near(h[0].duration_s, 30.0, EPS);
    assert_near(h[0].time_in_band_pct, 100.0, EPS);
    assert_near(h[0].mean_n, 200.0, EPS);
    assert_near(h[0].peak_n, 200.0, EPS);
    assert_near(h[0].cv_pct, 0.0, EPS);
    assert_near(h[0].drift_pct_per_10s, 0.0, EPS);
    assert_true(isnan(h[0].left_pct));
    assert_false(h[0].form_lost);
    assert_true(isnan(h[0].form_lost_s));
    tb_free(&tb);
}

/* 12 s at 200, 6 s sagging at 150, 12 s at 200: in band 24/30 = 80 %,
 * mean (24·200 + 6·150)/30 = 190 N; it came back, so form was not lost. */
static void test_sag_6_of_30_is_80pct(void **state)
{
    (void)state;
    TraceBuild tb;
    tb_init(&tb, 100);
    tb_flat(&tb, 2, 0);
    tb_flat(&tb, 12, 200);
    tb_flat(&tb, 6, 150);
    tb_flat(&tb, 12, 200);
    tb_flat(&tb, 2, 0);
    HoldMetrics h;
    detect(&tb, 1, &h, 1);
    assert_near(h.duration_s, 30.0, EPS);
    assert_near(h.time_in_band_pct, 80.0, EPS);
    assert_near(h.mean_n, 190.0, EPS);
    assert_near(h.peak_n, 200.0, EPS);
    assert_false(h.form_lost);
    tb_free(&tb);
}

/* Holds shorter than 2 s are not reported; 2.5 s is. */
static void test_short_holds_not_reported(void **state)
{
    (void)state;
    const double lengths[] = {1.0, 1.9, 2.5};
    const size_t want[] = {0, 0, 1};
    for (size_t k = 0; k < 3; k++) {
        TraceBuild tb;
        tb_init(&tb, 100);
        tb_flat(&tb, 2, 0);
        tb_flat(&tb, lengths[k], 200);
        tb_flat(&tb, 2, 0);
        HoldMetrics h;
        detect(&tb, want[k], &h, 1);
        if (want[k])
            assert_near(h.duration_s, lengths[k], EPS);
        tb_free(&tb);
    }
}

/* A 0.4 s drop to 0 N is shorter than the 0.5 s quiet rule: still one hold of 20.4 s, whose
 * in-band share is 20/20.4. */
static void test_dip_04s_keeps_hold(void **state)
{
    (void)state;
    TraceBuild tb;
    tb_init(&tb, 100);
    tb_flat(&tb, 2, 0);
    tb_flat(&tb, 10, 200);
    tb_flat(&tb, 0.4, 0);
    tb_flat(&tb, 10, 200);
    tb_flat(&tb, 2, 0);
    HoldMetrics h;
    detect(&tb, 1, &h, 1);
    assert_near(h.start_s, 2.0, EPS);
    assert_near(h.duration_s, 20.4, EPS);
    assert_near(h.time_in_band_pct, 100.0 * 20.0 / 20.4, EPS);
    tb_free(&tb);
}

/* A 0.6 s drop ends the hold where the drop began; the next rise starts a second hold. */
static void test_dip_06s_splits_hold(void **state)
{
    (void)state;
    TraceBuild tb;
    tb_init(&tb, 100);
    tb_flat(&tb, 2, 0);
    tb_flat(&tb, 10, 200);
    tb_flat(&tb, 0.6, 0);
    tb_flat(&tb, 10, 200);
    tb_flat(&tb, 2, 0);
    HoldMetrics h[3];
    detect(&tb, 2, h, 3);
    assert_near(h[0].start_s, 2.0, EPS);
    assert_near(h[0].end_s, 12.0, EPS);
    assert_near(h[1].start_s, 12.6, EPS);
    assert_near(h[1].end_s, 22.6, EPS);
    assert_near(h[0].time_in_band_pct, 100.0, EPS);
    assert_near(h[1].time_in_band_pct, 100.0, EPS);
    tb_free(&tb);
}

/* Samples are held until the next one: a single 0 N reading followed by a 0.7-s gap in the
 * data is 0.7 s below 50 % and ends the hold; the same reading followed by a 0.3-s gap is not. */
static void test_dropout_after_low_sample(void **state)
{
    (void)state;
    const double gaps[] = {0.7, 0.3};
    const size_t want[] = {2, 1};
    for (size_t k = 0; k < 2; k++) {
        TraceBuild tb;
        tb_init(&tb, 100);
        tb_flat(&tb, 2, 0);
        tb_flat(&tb, 10, 200);
        tb_point(&tb, 12.0, 0);
        for (int i = 0; i < 1000; i++)
            tb_point(&tb, 12.0 + gaps[k] + i / 100.0, 200);
        tb_point(&tb, 12.0 + gaps[k] + 10.0, 0);
        tb_point(&tb, 12.0 + gaps[k] + 12.0, 0);
        HoldMetrics h[3];
        detect(&tb, want[k], h, 3);
        if (want[k] == 2) {
            assert_near(h[0].end_s, 12.0, EPS);
            assert_near(h[1].start_s, 12.7, EPS);
        } else {
            assert_near(h[0].duration_s, 20.3, EPS);
        }
        tb_free(&tb);
    }
}

/* Sagging to 120 N (under the band but above 50 % of target) for 3 s does not end the hold. */
static void test_dip_above_half_keeps_hold(void **state)
{
    (void)state;
    TraceBuild tb;
    tb_init(&tb, 100);
    tb_flat(&tb, 2, 0);
    tb_flat(&tb, 10, 200);
    tb_flat(&tb, 3, 120);
    tb_flat(&tb, 10, 200);
    tb_flat(&tb, 2, 0);
    HoldMetrics h;
    detect(&tb, 1, &h, 1);
    assert_near(h.duration_s, 23.0, EPS);
    assert_near(h.time_in_band_pct, 100.0 * 20.0 / 23.0, EPS);
    tb_free(&tb);
}

/* Start rules: a trace that begins mid-hold starts a hold at sample 0; force between 50 % and
 * the band edge does not start one; the hold starts on the first sample at the edge (180 N). */
static void test_start_rules(void **state)
{
    (void)state;
    TraceBuild tb;
    tb_init(&tb, 100);
    tb_flat(&tb, 5, 200);
    tb_flat(&tb, 2, 0);
    HoldMetrics h;
    detect(&tb, 1, &h, 1);
    assert_near(h.start_s, 0.0, EPS);
    assert_near(h.duration_s, 5.0, EPS);
    tb_free(&tb);

    tb_init(&tb, 100);
    tb_flat(&tb, 3, 150);
    tb_flat(&tb, 1, 179.9);
    tb_flat(&tb, 5, 180);
    tb_flat(&tb, 2, 0);
    detect(&tb, 1, &h, 1);
    assert_near(h.start_s, 4.0, EPS);
    assert_near(h.duration_s, 5.0, EPS);
    assert_near(h.time_in_band_pct, 100.0, EPS); /* the band's edges are inside it */
    tb_free(&tb);
}

/* End rules at the trace's end: still holding → the hold ends at the last sample; released
 * 0.2 s before the end → the hold ends at the release, not at the trace's end. */
static void test_end_at_trace_end(void **state)
{
    (void)state;
    TraceBuild tb;
    tb_init(&tb, 100);
    tb_flat(&tb, 2, 0);
    tb_flat(&tb, 10, 200); /* last sample at 11.99 s */
    HoldMetrics h;
    detect(&tb, 1, &h, 1);
    assert_near(h.end_s, 11.99, EPS);
    assert_near(h.duration_s, 9.99, EPS);
    tb_flat(&tb, 0.2, 0);
    detect(&tb, 1, &h, 1);
    assert_near(h.end_s, 12.0, EPS);
    assert_near(h.time_in_band_pct, 100.0, EPS);
    assert_near(h.mean_n, 200.0, EPS);
    tb_free(&tb);
}

/* Degenerate input never crashes and finds nothing: no samples, one sample, a bad target. */
static void test_degenerate_inputs(void **state)
{
    (void)state;
    HoldMetrics h;
    ForcePoint one = {0, 200, 0, 0, false};
    assert_int_equal(hold_detect(NULL, 0, &P200, &h, 1), 0);
    assert_int_equal(hold_detect(&one, 1, &P200, &h, 1), 0);
    TraceBuild tb;
    tb_init(&tb, 100);
    tb_flat(&tb, 10, 200);
    const double targets[] = {0.0, -200.0, NAN, INFINITY};
    for (size_t k = 0; k < 4; k++) {
        HoldParams p = {targets[k], 10};
        assert_int_equal(hold_detect(tb.p, tb.n, &p, &h, 1), 0);
    }
    tb_free(&tb);
}

/* The count is the number of holds even when out has less room (or is NULL). */
static void test_count_beyond_max(void **state)
{
    (void)state;
    TraceBuild tb;
    tb_init(&tb, 100);
    for (int k = 0; k < 3; k++) {
        tb_flat(&tb, 2, 0);
        tb_flat(&tb, 3 + k, 200);
    }
    tb_flat(&tb, 2, 0);
    assert_int_equal(hold_detect(tb.p, tb.n, &P200, NULL, 0), 3);
    HoldMetrics h[2];
    detect(&tb, 3, h, 2);
    assert_near(h[0].duration_s, 3.0, EPS);
    assert_near(h[1].duration_s, 4.0, EPS);
    tb_free(&tb);
}

/* Duplicate timestamps: a 0 N reading at the same instant as a 200 N one lasts no time, so it
 * neither ends the hold nor lowers its mean or in-band share. */
static void test_duplicate_timestamps(void **state)
{
    (void)state;
    TraceBuild tb;
    tb_init(&tb, 100);
    for (int k = 0; k <= 1000; k++) {
        double t = k / 100.0;
        tb_point(&tb, t, 0);
        if (k < 1000)
            tb_point(&tb, t, 200);
    }
    tb_point(&tb, 11.0, 0);
    HoldMetrics h;
    detect(&tb, 1, &h, 1);
    assert_near(h.start_s, 0.0, EPS);
    assert_near(h.end_s, 10.0, EPS);
    assert_near(h.mean_n, 200.0, EPS);
    assert_near(h.time_in_band_pct, 100.0, EPS);
    assert_near(h.cv_pct, 0.0, EPS);
    tb_free(&tb);
}

/* An hour at 1 kHz of 30-s holds and 30-s rests, pushed one sample at a time: 60 holds found,
 * each 30 s long, and the detector never held more than one hold's samples (memory does not
 * grow with the trace, which is what lets `analyze` stream an hour-long recording). */
static void test_detector_memory_bounded(void **state)
{
    (void)state;
    HoldDetector d;
    hold_detector_init(&d, &P200);
    size_t most = 0;
    for (long k = 0; k < 3600L * 1000; k++) {
        double t = (double)k / 1000.0;
        double f = fmod(t, 60.0) < 30.0 ? 200.0 : 0.0;
        ForcePoint pt = {t, f, 0, 0, false};
        hold_detector_push(&d, &pt);
        if (d.n > most)
            most = d.n;
    }
    assert_int_equal(hold_detector_finish(&d), 60);
    assert_true(most <= 30500 + 1); /* 30 s of hold and 0.5 s of release */
    assert_true(d.cap <= 2 * 30501);
    for (size_t i = 0; i < d.n_holds; i++)
        assert_true(fabs(d.holds[i].duration_s - 30.0) < 1.5e-3);
    hold_detector_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_band),
        cmocka_unit_test(test_steady_30s_hold),
        cmocka_unit_test(test_sag_6_of_30_is_80pct),
        cmocka_unit_test(test_short_holds_not_reported),
        cmocka_unit_test(test_dip_04s_keeps_hold),
        cmocka_unit_test(test_dip_06s_splits_hold),
        cmocka_unit_test(test_dropout_after_low_sample),
        cmocka_unit_test(test_dip_above_half_keeps_hold),
        cmocka_unit_test(test_start_rules),
        cmocka_unit_test(test_end_at_trace_end),
        cmocka_unit_test(test_degenerate_inputs),
        cmocka_unit_test(test_count_beyond_max),
        cmocka_unit_test(test_duplicate_timestamps),
        cmocka_unit_test(test_detector_memory_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
