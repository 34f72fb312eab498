/* signal/hold: hold detection and hold metrics, exactly as ARCHITECTURE.md § METRICS defines
 * them. Every statistic is a short linear pass over the hold's own samples, so detecting all
 * holds in a trace is O(n). */
#include "signal/hold.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

static double tolerance_pct(const HoldParams *p)
{
    double tol = p->tolerance_pct;
    return (tol > 0 && isfinite(tol)) ? tol : HOLD_DEFAULT_TOLERANCE_PCT;
}

void hold_band(const HoldParams *p, double *low_n, double *high_n)
{
    double frac = tolerance_pct(p) / 100.0;
    *low_n = p->target_n * (1.0 - frac);
    *high_n = p->target_n * (1.0 + frac);
}

/* The samples [s, e] of a hold lasting from pts[s].t_s to pts[e].t_s. */
typedef struct Span {
    const ForcePoint *pts;
    size_t s, e;
    bool equal; /* no duration at all: every sample weighs 1 */
} Span;

/* Sample i's weight inside the time window [a, b]: the part of its interval to the next sample
 * that lies in the window. The last sample's interval ends the hold, so it weighs nothing. */
static double span_weight(const Span *sp, size_t i, double a, double b)
{
    if (sp->equal)
        return 1.0;
    if (i >= sp->e)
        return 0.0;
    double lo = fmax(sp->pts[i].t_s, a);
    double hi = fmin(sp->pts[i + 1].t_s, b);
    return hi > lo ? hi - lo : 0.0;
}

/* Time-in-band, mean, peak and left share over the whole span. */
static void measure_whole(const Span *sp, double low, double high, HoldMetrics *m)
{
    double a = m->start_s, b = m->end_s;
    double w_sum = 0, wf_sum = 0, in_band = 0, left = 0, right = 0;
    double peak = -INFINITY;
    bool lr = true;
    for (size_t i = sp->s; i <= sp->e; i++) {
        const ForcePoint *pt = &sp->pts[i];
        double w = span_weight(sp, i, a, b);
        w_sum += w;
        wf_sum += w * pt->force_n;
        if (pt->force_n >= low && pt->force_n <= high)
            in_band += w;
        if (pt->force_n > peak)
            peak = pt->force_n;
        if (pt->has_lr) {
            left += w * pt->left_n;
            right += w * pt->right_n;
        } else {
            lr = false;
        }
    }
    m->mean_n = w_sum > 0 ? wf_sum / w_sum : NAN;
    m->peak_n = peak;
    m->time_in_band_pct = w_sum > 0 ? 100.0 * in_band / w_sum : NAN;
    double total = left + right;
    m->left_pct = (lr && total > 0 && isfinite(total)) ? 100.0 * left / total : NAN;
}

/* CV and drift over the steady part: two passes (means, then centred sums) so neither large
 * timestamps nor a large mean cancel away the small differences we are after. */
static void measure_steady(const Span *sp, double target, HoldMetrics *m)
{
    double a = m->start_s, b = m->end_s;
    if (m->duration_s >= HOLD_EDGE_TRIM_MIN_S) {
        a += HOLD_EDGE_TRIM_S;
        b -= HOLD_EDGE_TRIM_S;
    }
    double w_sum = 0, wf = 0, wx = 0;
    for (size_t i = sp->s; i <= sp->e; i++) {
        double w = span_weight(sp, i, a, b);
        w_sum += w;
        wf += w * sp->pts[i].force_n;
        wx += w * (sp->pts[i].t_s - m->start_s);
    }
    if (!(w_sum > 0)) {
        m->cv_pct = NAN;
        m->drift_pct_per_10s = NAN;
        return;
    }
    double f_mean = wf / w_sum, x_mean = wx / w_sum;
    double sff = 0, sxf = 0, sxx = 0;
    for (size_t i = sp->s; i <= sp->e; i++) {
        double w = span_weight(sp, i, a, b);
        double df = sp->pts[i].force_n - f_mean;
        double dx = (sp->pts[i].t_s - m->start_s) - x_mean;
        sff += w * df * df;
        sxf += w * dx * df;
        sxx += w * dx * dx;
    }
    m->cv_pct = f_mean > 0 ? 100.0 * sqrt(sff / w_sum) / f_mean : NAN;
    double slope_n_per_s = sxx > 0 ? sxf / sxx : 0.0;
    m->drift_pct_per_10s = target > 0 ? 100.0 * slope_n_per_s * 10.0 / target : NAN;
}

/* Form lost: the last run of samples below the low edge reaches the hold's end, began with a
 * downward crossing inside the hold (a sample at or above the edge before it), and lasted at
 * least HOLD_FORM_LOST_MIN_S. A clean release crosses the edge just before the end. */
static void measure_form(const Span *sp, double low, HoldMetrics *m)
{
    size_t j = sp->e + 1; /* first sample of the final below-the-band run */
    while (j > sp->s && sp->pts[j - 1].force_n < low)
        j--;
    m->form_lost = false;
    m->form_lost_s = NAN;
    if (j <= sp->e && j > sp->s && m->end_s - sp->pts[j].t_s >= HOLD_FORM_LOST_MIN_S) {
        m->form_lost = true;
        m->form_lost_s = sp->pts[j].t_s;
    }
}

static void measure_span(const ForcePoint *pts, size_t s, size_t e, const HoldParams *p,
                         HoldMetrics *m)
{
    double low, high;
    hold_band(p, &low, &high);
    m->start_s = pts[s].t_s;
    m->end_s = pts[e].t_s;
    m->duration_s = m->end_s - m->start_s;
    Span sp = {pts, s, e, !(m->duration_s > 0)};
    measure_whole(&sp, low, high, m);
    measure_steady(&sp, p->target_n, m);
    measure_form(&sp, low, m);
}

bool hold_measure(const ForcePoint *pts, size_t n, const HoldParams *p, HoldMetrics *out)
{
    if (!pts || !p || !out || n < 2)
        return false;
    measure_span(pts, 0, n - 1, p, out);
    return true;
}

/* The detection rules, one sample at a time, over absolute sample indices. pt is sample i;
 * view[k - off] is sample k for every k from the hold's start to i (the caller's whole array,
 * or the detector's buffer of the hold in progress). */
static void detector_emit(HoldDetector *d, const ForcePoint *view, size_t off, size_t e)
{
    const ForcePoint *first = &view[d->s - off], *last = &view[e - off];
    if (last->t_s - first->t_s >= HOLD_MIN_DURATION_S) {
        void *h = d->holds;
        xgrow(&h, &d->holds_cap, d->n_holds + 1, sizeof *d->holds);
        d->holds = h;
        measure_span(view, d->s - off, e - off, &d->params, &d->holds[d->n_holds++]);
    }
    d->in_hold = false;
}

static void detector_step(HoldDetector *d, const ForcePoint *pt, size_t i,
                          const ForcePoint *view, size_t off)
{
    double f = pt->force_n;
    if (d->in_hold) {
        bool below = f < d->quiet_n;
        if (below && !d->quiet) {
            d->quiet = true;
            d->q = i;
            d->q_t = pt->t_s;
        }
        /* The run lasts until this sample: ended by it, or still going on through it. */
        if (d->quiet && pt->t_s - d->q_t >= HOLD_END_QUIET_S)
            detector_emit(d, view, off, d->q);
        if (!below)
            d->quiet = false;
    }
    if (!d->in_hold && f >= d->low_n) {
        d->in_hold = true;
        d->s = i;
        /* Only with a tolerance of 50 % or more can a start also be below quiet_n. */
        d->quiet = f < d->quiet_n;
        d->q = i;
        d->q_t = pt->t_s;
    }
}

void hold_detector_init(HoldDetector *d, const HoldParams *p)
{
    memset(d, 0, sizeof *d);
    d->params = *p;
    d->active = p->target_n > 0 && isfinite(p->target_n);
    double high;
    hold_band(p, &d->low_n, &high);
    d->quiet_n = HOLD_START_FRACTION * p->target_n;
}

/* Room for one more sample in the hold buffer. */
static void detector_reserve(HoldDetector *d)
{
    if (d->n < d->cap)
        return;
    void *b = d->pts;
    xgrow(&b, &d->cap, d->n + 1, sizeof *d->pts);
    d->pts = b;
}

void hold_detector_push(HoldDetector *d, const ForcePoint *pt)
{
    if (!d->active)
        return;
    size_t i = d->count++;
    if (d->in_hold) { /* the buffer holds samples s..i */
        detector_reserve(d);
        d->pts[d->n++] = *pt;
    }
    detector_step(d, pt, i, d->pts, d->s);
    if (d->in_hold && d->s == i) { /* a hold starts here: the buffer restarts with it */
        d->n = 0;
        detector_reserve(d);
        d->pts[d->n++] = *pt;
    } else if (!d->in_hold) {
        d->n = 0;
    }
}

size_t hold_detector_finish(HoldDetector *d)
{
    if (d->in_hold)
        detector_emit(d, d->pts, d->s, d->quiet ? d->q : d->count - 1);
    d->n = 0;
    return d->n_holds;
}

void hold_detector_free(HoldDetector *d)
{
    free(d->pts);
    free(d->holds);
    memset(d, 0, sizeof *d);
}

size_t hold_detect(const ForcePoint *pts, size_t n, const HoldParams *p, HoldMetrics *out,
                   size_t max)
{
    if (!pts || !p || n == 0)
        return 0;
    /* The same steps as the streaming detector, over the caller's array: nothing is copied. */
    HoldDetector d;
    hold_detector_init(&d, p);
    if (d.active) {
        for (size_t i = 0; i < n; i++)
            detector_step(&d, &pts[i], i, pts, 0);
        if (d.in_hold)
            detector_emit(&d, pts, 0, d.quiet ? d.q : n - 1);
    }
    size_t found = d.n_holds;
    for (size_t i = 0; i < found && i < max && out; i++)
        out[i] = d.holds[i];
    hold_detector_free(&d);
    return found;
}

void hold_meter_reset(HoldMeter *m, const HoldParams *p)
{
    m->params = *p;
    hold_band(p, &m->low_n, &m->high_n);
    m->last_t_s = 0;
    m->last_value = 0;
    m->have_last = false;
    m->total_s = 0;
    m->in_band_s = 0;
}

void hold_meter_push(HoldMeter *m, double t_s, double value)
{
    if (!isfinite(t_s))
        return;
    if (m->have_last && t_s > m->last_t_s) {
        double dt = t_s - m->last_t_s;
        m->total_s += dt;
        if (hold_meter_zone(m, m->last_value) == HOLD_ZONE_IN)
            m->in_band_s += dt;
    }
    if (!m->have_last || t_s >= m->last_t_s)
        m->last_t_s = t_s;
    m->last_value = value;
    m->have_last = true;
}

double hold_meter_in_band_pct(const HoldMeter *m)
{
    return m->total_s > 0 ? 100.0 * m->in_band_s / m->total_s : 0.0;
}

HoldZone hold_meter_zone(const HoldMeter *m, double value)
{
    if (value > m->high_n)
        return HOLD_ZONE_ABOVE;
    if (value >= m->low_n)
        return HOLD_ZONE_IN;
    return HOLD_ZONE_BELOW; /* also NaN */
}
