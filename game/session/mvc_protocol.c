/* ui/mvc_protocol: MVC test timing, result and retest rule (see mvc_protocol.h). */
#include "session/mvc_protocol.h"

#include <math.h>
#include <string.h>


double mvc_test_effort_start_s(int i)
{
    return MVC_TEST_COUNTDOWN_S + (double)i * (MVC_TEST_EFFORT_S + MVC_TEST_REST_S);
}

double mvc_test_total_s(void)
{
    return mvc_test_effort_start_s(MVC_TEST_EFFORTS - 1) + MVC_TEST_EFFORT_S + MVC_TEST_RELAX_S;
}

MvcStep mvc_test_step(double t)
{
    if (!(t > 0))
        t = 0;
    double total = mvc_test_total_s();
    MvcStep st = {MVC_STEP_DONE, MVC_TEST_EFFORTS - 1, 0, 0, t >= total ? 1.0 : t / total};
    for (int i = 0; i < MVC_TEST_EFFORTS; i++) {
        double start = mvc_test_effort_start_s(i);
        st.effort = i;
        if (t < start - MVC_TEST_COUNTDOWN_S) {
            st.kind = MVC_STEP_REST;
            st.left_s = start - MVC_TEST_COUNTDOWN_S - t;
            st.until_s = start - t;
            return st;
        }
        if (t < start) {
            st.kind = MVC_STEP_COUNTDOWN;
            st.left_s = st.until_s = start - t;
            return st;
        }
        if (t < start + MVC_TEST_EFFORT_S) {
            st.kind = MVC_STEP_EFFORT;
            st.left_s = start + MVC_TEST_EFFORT_S - t;
            return st;
        }
    }
    if (t < total) {
        st.kind = MVC_STEP_RELAX;
        st.left_s = total - t;
    }
    return st;
}

bool mvc_from_windows(const ForcePoint *pts, size_t n, const double *start, const double *end,
                      size_t k, MvcResult *out)
{
    if (!out)
        return false;
    memset(out, 0, sizeof *out);
    out->cv_pct = NAN;
    if (!pts || k == 0 || k > MVC_MAX_EFFORTS)
        return false;
    bool any_positive = false;
    for (size_t w = 0; w < k; w++) {
        double peak = -INFINITY;
        for (size_t i = 0; i < n; i++) {
            if (pts[i].t_s >= start[w] && pts[i].t_s <= end[w] && isfinite(pts[i].force_n) &&
                pts[i].force_n > peak)
                peak = pts[i].force_n;
        }
        if (!isfinite(peak))
            return false;
        any_positive = any_positive || peak > 0;
        out->peak_n[w] = peak;
        out->start_s[w] = start[w];
    }
    if (!any_positive)
        return false;
    out->efforts = k;
    mvc_summarise(out);
    return true;
}

bool mvc_test_result(const ForcePoint *pts, size_t n, double t0, MvcResult *out)
{
    double start[MVC_TEST_EFFORTS], end[MVC_TEST_EFFORTS];
    for (int i = 0; i < MVC_TEST_EFFORTS; i++) {
        /* A patient who starts on "1" rather than "go" is still in the window. */
        start[i] = t0 + mvc_test_effort_start_s(i) - 1.0;
        end[i] = t0 + mvc_test_effort_start_s(i) + MVC_TEST_EFFORT_S + MVC_TEST_LATE_S;
    }
    MvcResult whole;
    if (mvc_analyze(pts, n, &whole) && whole.efforts == MVC_TEST_EFFORTS) {
        bool aligned = true;
        for (int i = 0; i < MVC_TEST_EFFORTS; i++)
            aligned = aligned && whole.start_s[i] >= start[i] && whole.start_s[i] <= end[i];
        if (aligned) {
            *out = whole;
            return true;
        }
    }
    return mvc_from_windows(pts, n, start, end, MVC_TEST_EFFORTS, out);
}

bool mvc_pain_limited(int pain) { return pain > MVC_PAIN_LIMIT; }
