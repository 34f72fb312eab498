/* signal/calibrate: two-point calibration from raw sensor counts to newtons. The user puts two
 * known loads on the sensor (e.g. nothing, then a known weight); the line through the two
 * (raw, newtons) pairs converts every later reading. */
#pragma once
#include <stdbool.h>

typedef struct Calibration {
    double scale_n_per_count; /* newtons per raw count (negative when counts fall with load) */
    double offset_n;          /* newtons at raw 0 */
} Calibration;

/* Fits newtons = scale·raw + offset through (raw0, n0) and (raw1, n1). False, leaving *out
 * unchanged, when any input is not finite, raw0 == raw1 (no slope), n0 == n1 (both loads the
 * same: every reading would map to one value) or the slope overflows. */
bool calibrate_fit_two_point(double raw0, double n0, double raw1, double n1, Calibration *out);
/* Raw counts → newtons. */
double calibrate_apply(const Calibration *c, double raw);
