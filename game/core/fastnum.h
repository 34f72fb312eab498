/* core/fastnum: a fast, exact reader for the plain decimals our files are full of (trace CSV:
 * "%.6f" seconds, "%.4f" newtons), so `analyze` is not bound by strtod. */
#pragma once
#include <stdbool.h>

/* Exactly str_to_double (same accepted inputs, same result bit for bit, same refusals):
 * [spaces][sign]digits[.digits][spaces] with at most 15 digits is converted directly (one exact
 * integer divided by an exact power of ten: a single correctly rounded operation, Clinger 1990);
 * anything else (exponents, long mantissas, junk) goes through str_to_double. */
bool fastnum_to_double(const char *s, double *out);
