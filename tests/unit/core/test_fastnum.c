/* tests/unit/core/test_fastnum: the fast number reader must agree with str_to_double (strtod
 * underneath) bit for bit on every input: the formats our trace writer prints, random digit
 * strings of every length around the 15-digit fast-path limit, and junk it must refuse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fastnum.h"
#include "core/str.h"

static uint64_t g_rng = 0x9E3779B97F4A7C15ull;

static uint64_t next(void)
{
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 7;
    g_rng ^= g_rng << 17;
    return g_rng;
}

/* Both readers on s: same verdict, and when accepted the same double, bit for bit. */
static void same(const char *s)
{
    double a = 0, b = 0;
    bool fa = fastnum_to_double(s, &a);
    bool sa = str_to_double(s, &b);
    if (fa != sa)
        fail_msg("'%s': fastnum %s, strtod %s", s, fa ? "accepts" : "refuses",
                 sa ? "accepts" : "refuses");
    if (fa && memcmp(&a, &b, sizeof a) != 0)
        fail_msg("'%s': fastnum %.17g, strtod %.17g", s, a, b);
}

static void test_written_formats(void **state)
{
    (void)state;
    char s[64];
    for (int i = 0; i < 300000; i++) {
        /* magnitudes from 1e-7 to 1e9, both signs: times, newtons, degrees */
        double mag = pow(10.0, (double)(next() % 17) - 7.0);
        double v = mag * (double)(next() % 1000000) / 1e6;
        if (next() & 1)
            v = -v;
        snprintf(s, sizeof s, (i & 1) ? "%.6f" : "%.4f", v);
        same(s);
        double direct = strtod(s, NULL), fast = 0;
        assert_true(fastnum_to_double(s, &fast));
        assert_memory_equal(&direct, &fast, sizeof fast);
    }
}

static void test_random_digit_strings(void **state)
{
    (void)state;
    static const char *const pre[] = {"", "", "", "-", "+", " ", "\t-", "  "};
    static const char *const post[] = {"", "", "", " ", "\r", " x", "e3", "E-2", ".", "\n"};
    char s[96];
    for (int i = 0; i < 300000; i++) {
        size_t n = 0;
        n += (size_t)snprintf(s + n, sizeof s - n, "%s", pre[next() % 8]);
        int int_digits = (int)(next() % 19), frac_digits = (int)(next() % 19);
        for (int k = 0; k < int_digits; k++)
            s[n++] = (char)('0' + next() % 10);
        if (next() % 4 != 0) {
            s[n++] = '.';
            for (int k = 0; k < frac_digits; k++)
                s[n++] = (char)('0' + next() % 10);
        }
        s[n] = '\0';
        snprintf(s + n, sizeof s - n, "%s", post[next() % 10]);
        same(s);
    }
}

static void test_edges(void **state)
{
    (void)state;
    static const char *const cases[] = {
        "0", "-0", "-0.0000", "+0.5", ".5", "5.", ".", "-", "+", "", " ", "1e5", "1.5e-3",
        "nan", "inf", "-inf", "0x1p3", "123456789012345", "1234567890123456",
        "0.000000000000001", "9999999999999.99", "99999999999999.99", "1,5", "1 2", "--1",
        "12a", "3600.000000", "-1234.5678", "0.1", "0.2", "0.3", "179.9999", "1e400",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        same(cases[i]);
    double v = 1;
    assert_true(fastnum_to_double("-0.0000", &v));
    assert_true(signbit(v)); /* a negative zero stays negative, as strtod reads it */
    assert_false(fastnum_to_double(NULL, &v));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_written_formats),
        cmocka_unit_test(test_random_digit_strings),
        cmocka_unit_test(test_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
