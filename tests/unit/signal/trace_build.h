/* Test helper: build synthetic force traces piece by piece at a fixed sample rate, so each test
 * reads like the trace it describes ("2 s rest, 30 s at 200 N, 2 s rest"). */
#pragma once
#include <math.h>
#include <stddef.h>

#include "signal/hold.h"

typedef struct TraceBuild {
    ForcePoint *p;
    size_t n, cap;
    double rate_hz;
    long tick; /* index of the next sample on the rate's grid: t = tick / rate_hz */
} TraceBuild;

void tb_init(TraceBuild *tb, double rate_hz);
void tb_free(TraceBuild *tb);
/* Appends one sample at an explicit time (does not move the grid). */
void tb_point(TraceBuild *tb, double t_s, double force_n);
/* Appends dur_s of samples on the grid, force going linearly from from_n (first sample) towards
 * to_n (reached at the first sample after this piece). */
void tb_ramp(TraceBuild *tb, double dur_s, double from_n, double to_n);
/* Appends dur_s of samples at a constant force. */
void tb_flat(TraceBuild *tb, double dur_s, double force_n);
/* Time of the next grid sample (where the next piece starts). */
double tb_now(const TraceBuild *tb);

/* Runs hold_detect on tb and fails the test unless it finds exactly `want` holds. */
void tb_detect(const TraceBuild *tb, const HoldParams *p, size_t want, HoldMetrics *out,
               size_t max);

/* Fails the test with both values when |got − want| > eps. */
#define assert_near(got, want, eps)                                                             \
    do {                                                                                        \
        double got_ = (got), want_ = (want);                                                    \
        if (!(fabs(got_ - want_) <= (eps)))                                                     \
            fail_msg("%s = %.10g, want %.10g (±%g)", #got, got_, want_, (double)(eps));         \
    } while (0)
