/* signal/calibrate: the two-point line (see calibrate.h). */
#include "signal/calibrate.h"

#include <math.h>

bool calibrate_fit_two_point(double raw0, double n0, double raw1, double n1, Calibration *out)
{
    if (!isfinite(raw0) || !isfinite(n0) || !isfinite(raw1) || !isfinite(n1))
        return false;
    if (raw0 == raw1 || n0 == n1)
        return false;
    double scale = (n1 - n0) / (raw1 - raw0);
    /* Anchor the line at the point nearer raw 0 so the offset loses the least precision. */
    double offset = fabs(raw0) <= fabs(raw1) ? n0 - scale * raw0 : n1 - scale * raw1;
    if (!isfinite(scale) || scale == 0 || !isfinite(offset))
        return false;
    out->scale_n_per_count = scale;
    out->offset_n = offset;
    return true;
}

double calibrate_apply(const Calibration *c, double raw)
{
    return c->scale_n_per_count * raw + c->offset_n;
}
