/* Test helper: synthetic traces (see trace_build.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

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
    /* `analyze` streams samples one at a time through the detector: it must find the very
     * same holds with the very same numbers, bit for bit. */
    HoldDetector d;
    hold_detector_init(&d, p);
    for (size_t i = 0; i < tb->n; i++)
        hold_detector_push(&d, &tb->p[i]);
    size_t sn = hold_detector_finish(&d);
    if (sn != n)
        fail_msg("streaming found %zu holds, hold_detect %zu", sn, n);
    for (size_t i = 0; i < n && i < max && out; i++) {
        const HoldMetrics *a = &d.holds[i], *b = &out[i];
        const double fa[] = {a->start_s, a->end_s, a->duration_s, a->mean_n, a->peak_n,
                             a->time_in_band_pct, a->cv_pct, a->drift_pct_per_10s, a->left_pct,
                             a->form_lost_s};
        const double fb[] = {b->start_s, b->end_s, b->duration_s, b->mean_n, b->peak_n,
                             b->time_in_band_pct, b->cv_pct, b->drift_pct_per_10s, b->left_pct,
                             b->form_lost_s};
        if (memcmp(fa, fb, sizeof fa) != 0 || a->form_lost != b->form_lost)
            fail_msg("hold %zu differs between streaming and hold_detect", i + 1);
    }
    hold_detector_free(&d);
}
