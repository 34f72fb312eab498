/* signal/lowpass: Butterworth biquad by the bilinear transform with pre-warping (the classic
 * "Audio EQ Cookbook" low-pass with Q = 1/√2). Direct form I in doubles: at these rates and
 * cutoffs the coefficients are well conditioned. */
#include "signal/lowpass.h"

#include <math.h>

bool lowpass_init(LowPass *f, double cutoff_hz, double sample_rate_hz)
{
    if (!isfinite(cutoff_hz) || !isfinite(sample_rate_hz) || !(cutoff_hz > 0) ||
        !(sample_rate_hz > 0) || !(cutoff_hz < sample_rate_hz / 2))
        return false;
    const double pi = 3.14159265358979323846;
    double k = tan(pi * cutoff_hz / sample_rate_hz);
    double k2 = k * k;
    double norm = 1.0 / (1.0 + sqrt(2.0) * k + k2);
    f->b0 = k2 * norm;
    f->b1 = 2.0 * f->b0;
    f->b2 = f->b0;
    f->a1 = 2.0 * (k2 - 1.0) * norm;
    f->a2 = (1.0 - sqrt(2.0) * k + k2) * norm;
    lowpass_reset(f);
    return true;
}

void lowpass_reset(LowPass *f)
{
    f->x1 = f->x2 = f->y1 = f->y2 = 0;
    f->primed = false;
}

double lowpass_step(LowPass *f, double x)
{
    if (!isfinite(x))
        return f->y1; /* 0 before the first good sample */
    if (!f->primed) {
        /* DC gain is exactly 1, so x in, x out is the filter's steady state. */
        f->x1 = f->x2 = f->y1 = f->y2 = x;
        f->primed = true;
    }
    double y = f->b0 * x + f->b1 * f->x1 + f->b2 * f->x2 - f->a1 * f->y1 - f->a2 * f->y2;
    f->x2 = f->x1;
    f->x1 = x;
    f->y2 = f->y1;
    f->y1 = y;
    return y;
}
