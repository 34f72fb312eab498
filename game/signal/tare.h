/* signal/tare: zero the sensor. The patient lies still with no load on the sensor for a short
 * window; the window's average is the offset subtracted from every later reading. The window's
 * spread tells the calibrate scene whether someone was touching the sensor meanwhile.
 * Units: whatever the samples are in (raw counts before calibration, newtons after). */
#pragma once
#include <stdbool.h>
#include <stddef.h>

typedef struct TareWindow {
    size_t count;
    double mean; /* running mean (Welford) */
    double m2;   /* running sum of squared deviations */
    bool bad;    /* a non-finite sample arrived: the window cannot be trusted */
} TareWindow;

void tare_reset(TareWindow *w);
/* Adds one no-load reading. A NaN or infinite reading spoils the window (tare_offset fails). */
void tare_push(TareWindow *w, double value);
/* The offset (mean of the window). False when the window is empty or spoiled. */
bool tare_offset(const TareWindow *w, double *offset);
/* Population SD of the window (0 for fewer than 2 readings, NAN when spoiled). */
double tare_spread(const TareWindow *w);
/* One-shot: offset of values[0..n). False when n == 0 or any value is not finite. */
bool tare_compute(const double *values, size_t n, double *offset);
/* value − offset. */
double tare_apply(double offset, double value);
