/* signal/lowpass: a 2nd-order Butterworth low-pass filter (one biquad) that takes physiological
 * tremor (8–12 Hz) and sensor noise out of a ~50–100 Hz force signal while keeping the slow
 * changes of a held bridge. Run it on samples at the tick the resampler emits: the coefficients
 * assume one fixed sample rate.
 *
 * Gain at frequency f (bilinear transform, pre-warped so the cutoff is exact):
 *   |H(f)| = 1 / sqrt(1 + (tan(π·f/fs) / tan(π·fc/fs))^4); DC passes with gain 1,
 *   the cutoff with 1/√2 (−3 dB). At fs = 100 Hz, fc = 4 Hz: 10 Hz ×0.149 (−16.5 dB). */
#pragma once
#include <stdbool.h>

/* [P] our proposed default, not from a source: well above the < 2 Hz of a patient correcting a
 * hold, low enough to take tremor down by more than 10 dB at 100 Hz sampling. */
#define LOWPASS_TREMOR_CUTOFF_HZ 4.0

typedef struct LowPass {
    double b0, b1, b2, a1, a2; /* y = b0·x + b1·x1 + b2·x2 − a1·y1 − a2·y2 */
    double x1, x2, y1, y2;     /* the last two inputs and outputs */
    bool primed;               /* the state has been set from a first sample */
} LowPass;

/* Designs the filter for cutoff_hz at sample_rate_hz. False, leaving *f unchanged, unless both are
 * finite, positive, and the cutoff is below the Nyquist frequency (sample_rate_hz / 2). */
bool lowpass_init(LowPass *f, double cutoff_hz, double sample_rate_hz);
/* Forgets the history; the next sample primes the filter again. */
void lowpass_reset(LowPass *f);
/* Filters one sample and returns the output. The first sample after init/reset primes the state
 * as if that value had been there forever, so a signal starting at 300 N does not ramp up from
 * 0 N. A non-finite sample is skipped (the last output is returned and the state is kept), so
 * one bad reading does not poison every later one. */
double lowpass_step(LowPass *f, double x);
