/* signal/tare: the no-load offset (see tare.h). Welford's update keeps the mean exact enough
 * for raw counts in the millions without summing them first. */
#include "signal/tare.h"

#include <math.h>

void tare_reset(TareWindow *w)
{
    w->count = 0;
    w->mean = 0;
    w->m2 = 0;
    w->bad = false;
}

void tare_push(TareWindow *w, double value)
{
    if (!isfinite(value)) {
        w->bad = true;
        return;
    }
    w->count++;
    double d = value - w->mean;
    w->mean += d / (double)w->count;
    w->m2 += d * (value - w->mean);
}

bool tare_offset(const TareWindow *w, double *offset)
{
    if (w->bad || w->count == 0)
        return false;
    *offset = w->mean;
    return true;
}

double tare_spread(const TareWindow *w)
{
    if (w->bad)
        return NAN;
    if (w->count < 2)
        return 0.0;
    return sqrt(w->m2 / (double)w->count);
}

bool tare_compute(const double *values, size_t n, double *offset)
{
    if (!values)
        return false;
    TareWindow w;
    tare_reset(&w);
    for (size_t i = 0; i < n; i++)
        tare_push(&w, values[i]);
    return tare_offset(&w, offset);
}

double tare_apply(double offset, double value) { return value - offset; }
