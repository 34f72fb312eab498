/* signal/mvc: find the maximal efforts of an MVC test and summarise them (see mvc.h). */
#include "signal/mvc.h"

#include <math.h>
#include <string.h>

/* Records the effort [s, e) (e = first sample after it, or n) if it lasted long enough. */
static void add_effort(const ForcePoint *pts, size_t n, size_t s, size_t e, MvcResult *out)
{
    double end_s = pts[e < n ? e : n - 1].t_s;
    if (!(end_s - pts[s].t_s >= MVC_EFFORT_MIN_S) || out->efforts >= MVC_MAX_EFFORTS)
        return;
    double peak = pts[s].force_n;
    for (size_t i = s + 1; i < e; i++)
        if (pts[i].force_n > peak)
            peak = pts[i].force_n;
    out->peak_n[out->efforts] = peak;
    out->start_s[out->efforts] = pts[s].t_s;
    out->efforts++;
}

bool mvc_analyze(const ForcePoint *pts, size_t n, MvcResult *out)
{
    if (!out)
        return false;
    memset(out, 0, sizeof *out);
    out->cv_pct = NAN;
    if (!pts || n == 0)
        return false;
    double max = -INFINITY;
    for (size_t i = 0; i < n; i++)
        if (pts[i].force_n > max)
            max = pts[i].force_n;
    if (!(max > 0) || !isfinite(max))
        return false;
    double level = MVC_EFFORT_FRACTION * max;

    bool in = false;
    size_t s = 0;
    for (size_t i = 0; i < n; i++) {
        bool above = pts[i].force_n > level;
        if (above && !in) {
            in = true;
            s = i;
        } else if (!above && in) {
            in = false;
            add_effort(pts, n, s, i, out);
        }
    }
    if (in)
        add_effort(pts, n, s, n, out);
    if (out->efforts == 0)
        return false;
    mvc_summarise(out);
    return true;
}

void mvc_summarise(MvcResult *out)
{
    if (out->efforts == 0)
        return;
    double sum = 0;
    out->best_n = out->peak_n[0];
    for (size_t k = 0; k < out->efforts; k++) {
        sum += out->peak_n[k];
        if (out->peak_n[k] > out->best_n)
            out->best_n = out->peak_n[k];
    }
    double mean = sum / (double)out->efforts;
    if (out->efforts < 2 || !(mean > 0)) {
        out->cv_pct = out->efforts < 2 ? 0.0 : NAN;
        return;
    }
    double ss = 0;
    for (size_t k = 0; k < out->efforts; k++)
        ss += (out->peak_n[k] - mean) * (out->peak_n[k] - mean);
    out->cv_pct = 100.0 * sqrt(ss / (double)(out->efforts - 1)) / mean;
}
