/* signal/hold: the metrics of one hold — CV, drift, symmetry, form lost, hold_measure's time
 * weighting and the live meter — against values worked out by hand on small synthetic traces
 * (100 Hz unless said otherwise; target 200 N, band 180–220 N). */
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

/* A square wave 185/215 N in 0.5 s halves: mean 200, SD 15, CV 7.5 %; all in band. */
static void test_cv_square_wave(void **state)
{
    (void)state;
    TraceBuild tb;
    tb_init(&tb, 100);
    tb_flat(&tb, 2, 0);
    for (int k = 0; k < 20; k++)
        tb_flat(&tb, 0.5, k % 2 ? 185 : 215);
    tb_flat(&tb, 2, 0);
    HoldMetrics h;
    detect(&tb, 1, &h, 1);
    assert_near(h.duration_s, 10.0, EPS);
    assert_near(h.cv_pct, 7.5, EPS);
    assert_near(h.mean_n, 200.0, EPS);
    assert_near(h.time_in_band_pct, 100.0, EPS);
    assert_near(h.peak_n, 215.0, EPS);
    tb_free(&tb);
}

/* CV skips the first and last second: an overshoot in the first second and a fade in the last
 * leave a steady 200 N middle (CV 0). A 3-s hold is not trimmed: 1 s at 220 then 2 s at 190
 * has mean 200, variance (1·20² + 2·10²)/3 = 200, so CV = 100·√200/200 = 7.0711 %. */
static void test_cv_trims_edges_of_long_holds_only(void **state)
{
    (void)state;
    TraceBuild tb;
    tb_init(&tb, 100);
    tb_flat(&tb, 2, 0);
    tb_flat(&tb, 1, 240);
    tb_flat(&tb, 8, 200);
    tb_flat(&tb, 1, 185);
    tb_flat(&tb, 2, 0);
    HoldMetrics h;
    detect(&tb, 1, &h, 1);
    assert_near(h.cv_pct, 0.0, EPS);
    assert_near(h.drift_pct_per_10s, 0.0, EPS);
    assert_near(h.mean_n, (240.0 + 8 * 200.0 + 185.0) / 10.0, EPS);
    assert_near(h.time_in_band_pct, 90.0, EPS);
    tb_free(&tb);

    tb_init(&tb, 100);
    tb_flat(&tb, 2, 0);
    tb_flat(&tb, 1, 220);
    tb_flat(&tb, 2, 190);
    tb_flat(&tb, 2, 0);
    detect(&tb, 1, &h, 1);
    assert_near(h.duration_s, 3.0, EPS);
    assert_near(h.cv_pct, 100.0 * sqrt(200.0) / 200.0, 1e-4);
    tb_free(&tb);
}

/* A linear fade 220 → 180 N over 20 s is −2 N/s = −20 N per 10 s = −10 % of target per 10 s. */
static void test_drift_linear_ramp(void **state)
{
    (void)state;
    TraceBuild tb;
    tb_init(&tb, 100);
    tb_flat(&tb, 2, 0);
    tb_ramp(&tb, 20, 220, 180);
    tb_flat(&tb, 2, 0);
    HoldMetrics h;
    detect(&tb, 1, &h, 1);
    assert_near(h.drift_pct_per_10s, -10.0, 1e-6);
    assert_near(h.time_in_band_pct, 100.0, EPS);
    tb_free(&tb);

    tb_init(&tb, 100); /* rising 190 → 210 over 20 s: +1 N/s = +5 % per 10 s */
    tb_flat(&tb, 2, 0);
    tb_ramp(&tb, 20, 190, 210);
    tb_flat(&tb, 2, 0);
    detect(&tb, 1, &h, 1);
    assert_near(h.drift_pct_per_10s, 5.0, 1e-6);
    tb_free(&tb);
}

/* Symmetry: 5 s at 120/80 N then 5 s at 100/100 N: left = 1100 of 2000 N·s = 55 %. Without
 * left/right channels left_pct is NAN. */
static void test_left_pct(void **state)
{
    (void)state;
    TraceBuild tb;
    tb_init(&tb, 100);
    tb_flat(&tb, 2, 0);
    size_t a = tb.n;
    tb_flat(&tb, 5, 200);
    size_t b = tb.n;
    tb_flat(&tb, 5, 200);
    tb_flat(&tb, 2, 0);
    for (size_t i = 0; i < tb.n; i++) {
        double share = i < a ? 0.5 : i < b ? 0.6 : 0.5;
        tb.p[i].has_lr = true;
        tb.p[i].left_n = share * tb.p[i].force_n;
        tb.p[i].right_n = (1 - share) * tb.p[i].force_n;
    }
    HoldMetrics h;
    detect(&tb, 1, &h, 1);
    assert_near(h.left_pct, 55.0, EPS);
    tb.p[b].has_lr = false; /* one sample without channels: no symmetry figure */
    detect(&tb, 1, &h, 1);
    assert_true(isnan(h.left_pct));
    tb_free(&tb);
}

/* Form lost: a sag to 150 N that lasts 3 s before the release; it began at 2 + 10 = 12 s. */
static void test_form_lost_slow_sag(void **state)
{
    (void)state;
    TraceBuild tb;
    tb_init(&tb, 100);
    tb_flat(&tb, 2, 0);
    tb_flat(&tb, 10, 200);
    tb_ramp(&tb, 0.5, 180, 150); /* 180 is still in band; 179.4 at 12.01 s is out */
    tb_flat(&tb, 2.5, 150);
    tb_flat(&tb, 2, 0);
    HoldMetrics h;
    detect(&tb, 1, &h, 1);
    assert_true(h.form_lost);
    assert_near(h.form_lost_s, 12.01, EPS);
    assert_near(h.end_s, 15.0, EPS);
    tb_free(&tb);
}

/* Not form lost: a clean 0.3-s release, and a 0.8-s sag (shorter than the 1-s threshold). */
static void test_form_kept_on_clean_release(void **state)
{
    (void)state;
    TraceBuild tb;
    tb_init(&tb, 100);
    tb_flat(&tb, 2, 0);
    tb_flat(&tb, 10, 200);
    tb_ramp(&tb, 0.3, 200, 0);
    tb_flat(&tb, 2, 0);
    HoldMetrics h;
    detect(&tb, 1, &h, 1);
    assert_false(h.form_lost);
    assert_true(isnan(h.form_lost_s));
    tb_free(&tb);

    tb_init(&tb, 100);
    tb_flat(&tb, 2, 0);
    tb_flat(&tb, 10, 200);
    tb_flat(&tb, 0.8, 150);
    tb_flat(&tb, 2, 0);
    detect(&tb, 1, &h, 1);
    assert_false(h.form_lost);
    tb_free(&tb);
}

/* hold_measure weighs each sample by the time to the next: 200 N for 8 s then 150 N for 2 s is
 * 80 % in band with mean 190 N, though two of the three samples are in band. */
static void test_measure_time_weighted(void **state)
{
    (void)state;
    ForcePoint pts[] = {{0, 200, 0, 0, false}, {8, 150, 0, 0, false}, {10, 200, 0, 0, false}};
    HoldMetrics h;
    assert_false(hold_measure(pts, 1, &P200, &h));
    assert_true(hold_measure(pts, 3, &P200, &h));
    assert_near(h.duration_s, 10.0, EPS);
    assert_near(h.time_in_band_pct, 80.0, EPS);
    assert_near(h.mean_n, 190.0, EPS);
    assert_near(h.peak_n, 200.0, EPS);

    /* No duration at all: every sample counts once. */
    ForcePoint same[] = {{5, 200, 0, 0, false}, {5, 100, 0, 0, false}};
    assert_true(hold_measure(same, 2, &P200, &h));
    assert_near(h.duration_s, 0.0, EPS);
    assert_near(h.mean_n, 150.0, EPS);
    assert_near(h.time_in_band_pct, 50.0, EPS);
    assert_false(h.form_lost);

    /* A timed hold (no target) still has a duration and a mean; drift has no meaning. */
    HoldParams timed = {0, 0};
    assert_true(hold_measure(pts, 3, &timed, &h));
    assert_near(h.mean_n, 190.0, EPS);
    assert_true(isnan(h.drift_pct_per_10s));
}

/* hold_measure flags a set that ended sagging, when the whole timed phase is measured; a set
 * that never reached the band had no form to lose (it scores 0 % in band instead). */
static void test_measure_form_lost_at_phase_end(void **state)
{
    (void)state;
    TraceBuild tb;
    tb_init(&tb, 100);
    tb_flat(&tb, 20, 200);
    tb_flat(&tb, 5, 160);
    HoldMetrics h;
    assert_true(hold_measure(tb.p, tb.n, &P200, &h));
    assert_true(h.form_lost);
    assert_near(h.form_lost_s, 20.0, EPS);
    assert_near(h.time_in_band_pct, 100.0 * 20.0 / 24.99, EPS);
    tb_free(&tb);

    tb_init(&tb, 100);
    tb_flat(&tb, 25, 160);
    assert_true(hold_measure(tb.p, tb.n, &P200, &h));
    assert_false(h.form_lost);
    assert_near(h.time_in_band_pct, 0.0, EPS);
    tb_free(&tb);
}

/* Live meter: intervals count for their start value; 2 of 3 s in band; zones at the edges. */
static void test_meter(void **state)
{
    (void)state;
    HoldMeter m;
    hold_meter_reset(&m, &P200);
    assert_near(hold_meter_in_band_pct(&m), 0.0, EPS);
    hold_meter_push(&m, 0, 200);
    hold_meter_push(&m, 1, 200);
    hold_meter_push(&m, 2, 150);
    hold_meter_push(&m, 3, 200);
    assert_near(hold_meter_in_band_pct(&m), 100.0 * 2.0 / 3.0, EPS);
    hold_meter_push(&m, 2.5, 200); /* backwards in time: adds no time */
    assert_near(m.total_s, 3.0, EPS);
    hold_meter_push(&m, NAN, 0); /* ignored */
    hold_meter_push(&m, 4, 0);
    assert_near(hold_meter_in_band_pct(&m), 75.0, EPS);
    assert_int_equal(hold_meter_zone(&m, 179.9), HOLD_ZONE_BELOW);
    assert_int_equal(hold_meter_zone(&m, 180.0), HOLD_ZONE_IN);
    assert_int_equal(hold_meter_zone(&m, 220.0), HOLD_ZONE_IN);
    assert_int_equal(hold_meter_zone(&m, 220.1), HOLD_ZONE_ABOVE);
    assert_int_equal(hold_meter_zone(&m, NAN), HOLD_ZONE_BELOW);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cv_square_wave),
        cmocka_unit_test(test_cv_trims_edges_of_long_holds_only),
        cmocka_unit_test(test_drift_linear_ramp),
        cmocka_unit_test(test_left_pct),
        cmocka_unit_test(test_form_lost_slow_sag),
        cmocka_unit_test(test_form_kept_on_clean_release),
        cmocka_unit_test(test_measure_time_weighted),
        cmocka_unit_test(test_measure_form_lost_at_phase_end),
        cmocka_unit_test(test_meter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
