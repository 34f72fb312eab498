/* Test helper: synthetic traces (see trace_build.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "trace_build.h"

#include <stdlib.h>

#include "core/alloc.h"

void tb_init(TraceBuild *tb, double rate_hz)
{
    *tb = (TraceBuild){NULL, 0, 0, rate_hz, 0};
}

void tb_free(TraceBuild *tb)
{
    free(tb->p);
    *tb = (TraceBuild){NULL, 0, 0, tb->rate_hz, 0};
}

void tb_point(TraceBuild *tb, double t_s, double force_n)
{
    xgrow((void **)&tb->p, &tb->cap, tb->n + 1, sizeof *tb->p);
    tb->p[tb->n++] = (ForcePoint){t_s, force_n, 0, 0, false};
}

void tb_ramp(TraceBuild *tb, double dur_s, double from_n, double to_n)
{
    long m = lround(dur_s * tb->rate_hz);
    for (long j = 0; j < m; j++) {
        tb_point(tb, (double)tb->tick / tb->rate_hz, from_n + (to_n - from_n) * (double)j / (double)m);
        tb->tick++;
    }
}

void tb_flat(TraceBuild *tb, double dur_s, double force_n) { tb_ramp(tb, dur_s, force_n, force_n); }

double tb_now(const TraceBuild *tb) { return (double)tb->tick / tb->rate_hz; }

void tb_detect(const TraceBuild *tb, const HoldParams *p, size_t want, HoldMetrics *out,
               size_t max)
{
    size_t n = hold_detect(tb->p, tb->n, p, out, max);
    if (n != want)
        fail_msg("hold_detect found %zu holds, want %zu", n, want);
}
