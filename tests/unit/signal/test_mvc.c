/* signal/mvc: efforts, peaks, best and between-effort CV on hand-built MVC test traces. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>

#include "signal/mvc.h"
#include "trace_build.h"

#define EPS 1e-6

/* One maximal effort: 1 s rising from 0 towards peak, the peak itself, then easing off to 80 %
 * over 1 s and holding that for 2 s (4 s in all, like the 3–5 s protocol). */
static void effort(TraceBuild *tb, double peak_n)
{
    tb_ramp(tb, 1, 0, peak_n);
    tb_ramp(tb, 1, peak_n, 0.8 * peak_n);
    tb_flat(tb, 2, 0.8 * peak_n);
}

/* Three efforts peaking at 300, 330 and 360 N, with a 0.5-s 250 N twitch between them.
 * The level is 50 % of 360 = 180 N: the twitch crosses it but is too short to be an effort.
 * Best 360 N; peaks mean 330, sample SD √((30² + 0 + 30²)/2) = 30, CV = 100·30/330 = 9.0909 %.
 * Starts: the first sample above 180 N on each rise, e.g. 300·j/100 > 180 first at j = 61. */
static void test_three_efforts(void **state)
{
    (void)state;
    TraceBuild tb;
    tb_init(&tb, 100);
    tb_flat(&tb, 5, 0);
    effort(&tb, 300); /* rise from 5 s */
    tb_flat(&tb, 10, 0);
    effort(&tb, 330); /* rise from 19 s */
    tb_flat(&tb, 10, 0);
    tb_flat(&tb, 0.5, 250);
    tb_flat(&tb, 10, 0);
    effort(&tb, 360); /* rise from 43.5 s */
    tb_flat(&tb, 5, 0);
    MvcResult r;
    assert_true(mvc_analyze(tb.p, tb.n, &r));
    assert_int_equal(r.efforts, 3);
    assert_near(r.peak_n[0], 300, EPS);
    assert_near(r.peak_n[1], 330, EPS);
    assert_near(r.peak_n[2], 360, EPS);
    assert_near(r.best_n, 360, EPS);
    assert_near(r.cv_pct, 100.0 * 30.0 / 330.0, EPS);
    assert_near(r.start_s[0], 5.61, EPS);
    assert_near(r.start_s[1], 19.55, EPS); /* 330·j/100 > 180 first at j = 55 */
    assert_near(r.start_s[2], 44.01, EPS); /* 43.5 + 0.51: 360·50/100 = 180 is not above */
    tb_free(&tb);
}

/* One effort: CV 0; an effort still going when the trace ends counts too. */
static void test_single_effort_to_trace_end(void **state)
{
    (void)state;
    TraceBuild tb;
    tb_init(&tb, 100);
    tb_flat(&tb, 2, 0);
    tb_ramp(&tb, 1, 0, 400);
    tb_flat(&tb, 2, 400);
    MvcResult r;
    assert_true(mvc_analyze(tb.p, tb.n, &r));
    assert_int_equal(r.efforts, 1);
    assert_near(r.best_n, 400, EPS);
    assert_near(r.cv_pct, 0.0, EPS);
    tb_free(&tb);
}

/* No effort: an empty trace, a flat zero trace, and a lone 0.5-s spike (the spike sets the
 * level at half its own height but never lasts 1 s above it). */
static void test_no_effort(void **state)
{
    (void)state;
    MvcResult r;
    assert_false(mvc_analyze(NULL, 0, &r));
    assert_int_equal(r.efforts, 0);
    TraceBuild tb;
    tb_init(&tb, 100);
    tb_flat(&tb, 5, 0);
    assert_false(mvc_analyze(tb.p, tb.n, &r));
    tb_flat(&tb, 0.5, 500);
    tb_flat(&tb, 5, 0);
    assert_false(mvc_analyze(tb.p, tb.n, &r));
    assert_int_equal(r.efforts, 0);
    tb_free(&tb);
}

/* More efforts than MVC_MAX_EFFORTS: the first ones are kept, in order. */
static void test_effort_cap(void **state)
{
    (void)state;
    TraceBuild tb;
    tb_init(&tb, 100);
    for (int k = 0; k < MVC_MAX_EFFORTS + 2; k++) {
        tb_flat(&tb, 2, 0);
        effort(&tb, 300 + k);
    }
    tb_flat(&tb, 2, 0);
    MvcResult r;
    assert_true(mvc_analyze(tb.p, tb.n, &r));
    assert_int_equal(r.efforts, MVC_MAX_EFFORTS);
    assert_near(r.peak_n[0], 300, EPS);
    assert_near(r.peak_n[MVC_MAX_EFFORTS - 1], 300 + MVC_MAX_EFFORTS - 1, EPS);
    assert_near(r.best_n, 300 + MVC_MAX_EFFORTS - 1, EPS);
    tb_free(&tb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_three_efforts),
        cmocka_unit_test(test_single_effort_to_trace_end),
        cmocka_unit_test(test_no_effort),
        cmocka_unit_test(test_effort_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
