/* The sample pipeline before hold metrics: tare, two-point calibration, the tremor low-pass
 * filter and the fixed-tick resampler, each against hand-computed values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>

#include "signal/calibrate.h"
#include "signal/lowpass.h"
#include "signal/resample.h"
#include "signal/tare.h"
#include "trace_build.h"

#define PI 3.14159265358979323846

/* Readings 10, 12, 11, 13 with no load: offset 11.5, spread √((1.5²+0.5²+0.5²+1.5²)/4) = √1.25. */
static void test_tare(void **state)
{
    (void)state;
    const double raw[] = {10, 12, 11, 13};
    double off = -1;
    assert_true(tare_compute(raw, 4, &off));
    assert_near(off, 11.5, 1e-12);
    assert_near(tare_apply(off, 111.5), 100.0, 1e-12);

    TareWindow w;
    tare_reset(&w);
    assert_false(tare_offset(&w, &off));
    for (int i = 0; i < 4; i++)
        tare_push(&w, raw[i]);
    assert_near(tare_spread(&w), sqrt(1.25), 1e-12);
    tare_push(&w, NAN); /* a broken reading spoils the window rather than shifting the offset */
    assert_false(tare_offset(&w, &off));
    assert_false(tare_compute(raw, 0, &off));

    /* Raw 24-bit counts near the top of the range keep their small differences. */
    tare_reset(&w);
    tare_push(&w, 8388600);
    tare_push(&w, 8388601);
    assert_true(tare_offset(&w, &off));
    assert_near(off, 8388600.5, 1e-9);
}

/* Counts 1000 at no load and 21000 under 200 N: 0.01 N/count, −10 N at raw 0, so 11000 counts
 * is 100 N. A sensor whose counts fall with load works too. Degenerate pairs are refused. */
static void test_calibrate_two_point(void **state)
{
    (void)state;
    Calibration c;
    assert_true(calibrate_fit_two_point(1000, 0, 21000, 200, &c));
    assert_near(c.scale_n_per_count, 0.01, 1e-15);
    assert_near(c.offset_n, -10.0, 1e-12);
    assert_near(calibrate_apply(&c, 11000), 100.0, 1e-9);
    assert_near(calibrate_apply(&c, 1000), 0.0, 1e-9);

    assert_true(calibrate_fit_two_point(5000, 0, 3000, 100, &c));
    assert_near(calibrate_apply(&c, 4000), 50.0, 1e-9);

    Calibration keep = {1.5, 2.5};
    c = keep;
    assert_false(calibrate_fit_two_point(1000, 0, 1000, 200, &c)); /* same raw twice */
    assert_false(calibrate_fit_two_point(1000, 50, 2000, 50, &c)); /* same load twice */
    assert_false(calibrate_fit_two_point(NAN, 0, 2000, 200, &c));
    assert_false(calibrate_fit_two_point(1000, 0, INFINITY, 200, &c));
    assert_false(calibrate_fit_two_point(1000, 0, 2000, NAN, &c));
    assert_false(calibrate_fit_two_point(0, 0, 1e-320, 1e300, &c)); /* slope overflows */
    assert_near(c.scale_n_per_count, 1.5, 0); /* refused fits leave the old calibration */
    assert_near(c.offset_n, 2.5, 0);
}

/* Amplitude of the filter's steady-state response to a unit sine at freq_hz: feed 10 s, then
 * take √2·RMS over the last 2 s (a whole number of periods for the frequencies used here). */
static double sine_gain(double freq_hz, double cutoff_hz, double rate_hz)
{
    LowPass f;
    assert_true(lowpass_init(&f, cutoff_hz, rate_hz));
    int n = (int)(10 * rate_hz), tail = (int)(2 * rate_hz);
    double ss = 0;
    for (int i = 0; i < n; i++) {
        double y = lowpass_step(&f, sin(2 * PI * freq_hz * i / rate_hz));
        if (i >= n - tail)
            ss += y * y;
    }
    return sqrt(2.0 * ss / tail);
}

/* fs 100 Hz, cutoff 4 Hz: |H(f)| = 1/√(1 + (tan(πf/fs)/tan(πfc/fs))⁴).
 * 10 Hz tremor: tan(0.1π)/tan(0.04π) = 0.32492/0.12633 = 2.5720; ⁴ = 43.762; gain 1/√44.762 =
 * 0.14947 (−16.5 dB). 1 Hz (a patient correcting): gain 0.99809. The cutoff itself: 1/√2. */
static void test_lowpass_attenuates_tremor(void **state)
{
    (void)state;
    assert_near(sine_gain(10, 4, 100), 0.14947, 5e-4);
    assert_near(sine_gain(1, 4, 100), 0.99809, 5e-4);
    assert_near(sine_gain(4, 4, 100), 1.0 / sqrt(2.0), 5e-4);
    /* At 50 Hz sampling the same cutoff takes 10 Hz down less: tan(0.2π)/tan(0.08π) = 2.8297,
     * gain 1/√(1 + 2.8297⁴) = 0.12393. */
    assert_near(sine_gain(10, LOWPASS_TREMOR_CUTOFF_HZ, 50), 0.12393, 5e-4);
}

/* DC passes unchanged from the first sample (no ramp up from 0 N); a step settles; one NaN
 * reading does not poison the output. */
static void test_lowpass_dc_step_nan(void **state)
{
    (void)state;
    LowPass f;
    assert_true(lowpass_init(&f, 4, 100));
    for (int i = 0; i < 200; i++)
        assert_near(lowpass_step(&f, 250.0), 250.0, 1e-9);
    double y = 0;
    for (int i = 0; i < 100; i++) /* 1 s after a 250 → 100 N step */
        y = lowpass_step(&f, 100.0);
    assert_near(y, 100.0, 0.05);
    assert_near(lowpass_step(&f, NAN), y, 1e-12);
    assert_true(isfinite(lowpass_step(&f, 100.0)));
    assert_near(lowpass_step(&f, 100.0), 100.0, 0.05);

    lowpass_reset(&f);
    assert_near(lowpass_step(&f, -3.0), -3.0, 1e-12);
}

static void test_lowpass_rejects_bad_design(void **state)
{
    (void)state;
    LowPass f;
    assert_false(lowpass_init(&f, 50, 100)); /* at Nyquist */
    assert_false(lowpass_init(&f, 60, 100));
    assert_false(lowpass_init(&f, 0, 100));
    assert_false(lowpass_init(&f, -4, 100));
    assert_false(lowpass_init(&f, 4, 0));
    assert_false(lowpass_init(&f, NAN, 100));
    assert_false(lowpass_init(&f, 4, INFINITY));
    assert_true(lowpass_init(&f, 49.9, 100));
}

/* Pushes (t, 10·t + 5) and pops everything available into out; returns the new count. */
static size_t push_ramp(Resampler *r, double t, ForcePoint *out, size_t n, size_t cap)
{
    ForcePoint p = {t, 10 * t + 5, 0, 0, false};
    resample_push(r, &p);
    while (n < cap && resample_pop(r, &out[n]))
        n++;
    return n;
}

/* A ramp f = 10·t + 5 sampled at irregular times comes out on a 10 ms grid starting at the
 * first sample, every value exactly on the ramp (linear interpolation of a line). */
static void test_resample_ramp(void **state)
{
    (void)state;
    const double t_in[] = {0, 0.013, 0.021, 0.05, 0.055, 0.1, 0.102, 0.205};
    Resampler r;
    assert_true(resample_init(&r, 0.01, 0.5));
    ForcePoint out[64];
    size_t n = 0;
    for (size_t i = 0; i < sizeof t_in / sizeof t_in[0]; i++)
        n = push_ramp(&r, t_in[i], out, n, 64);
    assert_int_equal(n, 21); /* 0.00 … 0.20 */
    for (size_t k = 0; k < n; k++) {
        assert_near(out[k].t_s, 0.01 * (double)k, 1e-12);
        assert_near(out[k].force_n, 10 * out[k].t_s + 5, 1e-9);
    }
    assert_int_equal(r.dropped, 0);

    /* The grid is anchored at the first sample, whatever its time. */
    assert_true(resample_init(&r, 0.01, 0));
    n = push_ramp(&r, 100.003, out, 0, 64);
    n = push_ramp(&r, 100.03, out, n, 64);
    assert_int_equal(n, 3);
    assert_near(out[0].t_s, 100.003, 1e-12);
    assert_near(out[0].force_n, 1005.03, 1e-9);
    assert_near(out[2].t_s, 100.023, 1e-9);
    assert_near(out[2].force_n, 1005.23, 1e-6);
}

/* Duplicate timestamps: the latest reading at an instant wins and nothing divides by zero.
 * Earlier-than-newest and non-finite times are refused. */
static void test_resample_duplicates_and_order(void **state)
{
    (void)state;
    Resampler r;
    assert_true(resample_init(&r, 0.01, 0));
    ForcePoint out[8], p0 = {0, 0, 0, 0, false}, a = {0.02, 100, 0, 0, false};
    ForcePoint b = {0.02, 60, 0, 0, false}, back = {0.01, 999, 0, 0, false};
    ForcePoint bad = {NAN, 1, 0, 0, false};
    assert_true(resample_push(&r, &p0));
    assert_true(resample_pop(&r, &out[0]));
    assert_true(resample_push(&r, &a));
    assert_true(resample_push(&r, &b));
    assert_false(resample_push(&r, &back));
    assert_false(resample_push(&r, &bad));
    assert_int_equal(r.rejected, 2);
    assert_true(resample_pop(&r, &out[1]));
    assert_true(resample_pop(&r, &out[2]));
    assert_false(resample_pop(&r, &out[3]));
    assert_near(out[1].force_n, 30.0, 1e-9); /* halfway from 0 to 60, not to 100 */
    assert_near(out[2].force_n, 60.0, 1e-9);
}

/* A 1.9-s gap (longer than max_gap 0.5 s) is not bridged: output 0, 0.1, then 2.0, 2.1.
 * Without a gap limit the same input fills every tick. */
static void test_resample_gap(void **state)
{
    (void)state;
    const double t_in[] = {0, 0.1, 2.0, 2.15};
    Resampler r;
    ForcePoint out[64];
    assert_true(resample_init(&r, 0.1, 0.5));
    size_t n = 0;
    for (size_t i = 0; i < 4; i++)
        n = push_ramp(&r, t_in[i], out, n, 64);
    assert_int_equal(n, 4);
    const double want_t[] = {0, 0.1, 2.0, 2.1};
    for (size_t k = 0; k < 4; k++) {
        assert_near(out[k].t_s, want_t[k], 1e-9);
        assert_near(out[k].force_n, 10 * want_t[k] + 5, 1e-9);
    }
    assert_true(resample_init(&r, 0.1, 0));
    n = 0;
    for (size_t i = 0; i < 4; i++)
        n = push_ramp(&r, t_in[i], out, n, 64);
    assert_int_equal(n, 22);
    assert_near(out[10].force_n, 15.0, 1e-9); /* t = 1.0 inside the gap, on the line */
}

/* Left/right are interpolated when both neighbours carry them; ticks not popped before the
 * next push are counted as dropped. */
static void test_resample_lr_and_dropped(void **state)
{
    (void)state;
    Resampler r;
    assert_true(resample_init(&r, 0.01, 0));
    ForcePoint a = {0, 100, 60, 40, true}, b = {0.02, 200, 100, 100, true}, out;
    resample_push(&r, &a);
    resample_push(&r, &b); /* the tick at 0 was never popped */
    assert_int_equal(r.dropped, 1);
    assert_true(resample_pop(&r, &out));
    assert_near(out.t_s, 0.01, 1e-12);
    assert_true(out.has_lr);
    assert_near(out.left_n, 80.0, 1e-9);
    assert_near(out.right_n, 70.0, 1e-9);
    assert_near(out.force_n, 150.0, 1e-9);
    assert_false(resample_init(&r, 0, 0));
    assert_false(resample_init(&r, NAN, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tare),
        cmocka_unit_test(test_calibrate_two_point),
        cmocka_unit_test(test_lowpass_attenuates_tremor),
        cmocka_unit_test(test_lowpass_dc_step_nan),
        cmocka_unit_test(test_lowpass_rejects_bad_design),
        cmocka_unit_test(test_resample_ramp),
        cmocka_unit_test(test_resample_duplicates_and_order),
        cmocka_unit_test(test_resample_gap),
        cmocka_unit_test(test_resample_lr_and_dropped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
