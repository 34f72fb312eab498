/* core/fastnum: Clinger's fast path for short plain decimals, strtod for everything else. */
#include "core/fastnum.h"

#include <float.h>
#include <stdint.h>

#include "core/str.h"

/* Powers of ten are exact in a double up to 1e22; we need up to 1e15. */
static const double POW10[16] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

static bool is_space(char c)
{
    /* the characters isspace() accepts in the C locale */
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

bool fastnum_to_double(const char *s, double *out)
{
#if FLT_EVAL_METHOD == 0 /* double arithmetic rounds once (SSE2, not x87): the path is exact */
    const char *p = s;
    if (!p)
        return false;
    while (is_space(*p))
        p++;
    bool neg = *p == '-';
    if (*p == '-' || *p == '+')
        p++;
    uint64_t m = 0;
    int digits = 0, frac = 0;
    while (*p >= '0' && *p <= '9') {
        m = m * 10 + (uint64_t)(*p++ - '0');
        digits++;
    }
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9') {
            m = m * 10 + (uint64_t)(*p++ - '0');
            digits++;
            frac++;
        }
    }
    while (is_space(*p))
        p++;
    /* at most 15 digits: m < 10^15 < 2^53 is exact, and so is 10^frac */
    if (*p == '\0' && digits > 0 && digits <= 15) {
        double v = (double)m / POW10[frac];
        *out = neg ? -v : v;
        return true;
    }
#endif
    return str_to_double(s, out);
}
