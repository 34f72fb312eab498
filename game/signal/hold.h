/* signal/hold: find holds in a force trace and measure them (ARCHITECTURE.md § METRICS).
 * Pure C: no SDL, no I/O. The same code scores a live set in the game and a trace in `analyze`,
 * so the numbers a clinician sees are the numbers the patient was scored on.
 *
 * Units: seconds, newtons, percent. The value may also be an angle (degrees) for angle holds;
 * nothing here assumes newtons beyond the field names. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

typedef struct ForcePoint {
    double t_s;
    double force_n;
    double left_n;  /* valid when has_lr */
    double right_n; /* valid when has_lr */
    bool has_lr;
} ForcePoint;

#define HOLD_DEFAULT_TOLERANCE_PCT 10.0
#define HOLD_START_FRACTION 0.5   /* a hold re-arms / ends below 50 % of target */
#define HOLD_END_QUIET_S 0.5      /* ... after staying below for this long */
#define HOLD_MIN_DURATION_S 2.0   /* shorter holds are not reported */
#define HOLD_EDGE_TRIM_S 1.0      /* CV and drift skip the first and last second */
#define HOLD_FORM_LOST_MIN_S 1.0  /* below the band this long before the end = form lost */

typedef struct HoldParams {
    double target_n;
    double tolerance_pct; /* band half-width as % of target; <= 0 means the default 10 % */
} HoldParams;

typedef struct HoldMetrics {
    double start_s;
    double end_s;
    double duration_s;
    double mean_n;
    double peak_n;
    double time_in_band_pct;
    double cv_pct;
    double drift_pct_per_10s;
    double left_pct;     /* NAN when the trace has no left/right channels */
    bool form_lost;      /* sagged below the band and stayed out until the hold ended */
    double form_lost_s;  /* when that happened (NAN when !form_lost) */
} HoldMetrics;

/* The band [target·(1−tol), target·(1+tol)]. */
void hold_band(const HoldParams *p, double *low_n, double *high_n);

/* Finds and measures every hold of at least HOLD_MIN_DURATION_S in pts (time non-decreasing).
 * Writes up to max results to out and returns how many holds there were (may exceed max). */
size_t hold_detect(const ForcePoint *pts, size_t n, const HoldParams *p, HoldMetrics *out,
                   size_t max);

/* Measures pts[0..n) as one hold from its first to its last sample (no start/end detection):
 * the game scores a set over exactly the hold phase it timed. False when n < 2. */
bool hold_measure(const ForcePoint *pts, size_t n, const HoldParams *p, HoldMetrics *out);

/* Live feedback while a set runs: time in band so far and where the value is now. */
typedef enum HoldZone { HOLD_ZONE_BELOW = -1, HOLD_ZONE_IN = 0, HOLD_ZONE_ABOVE = 1 } HoldZone;

typedef struct HoldMeter {
    HoldParams params;
    double low_n, high_n;
    double last_t_s;
    double last_value;
    bool have_last;
    double total_s;
    double in_band_s;
} HoldMeter;

void hold_meter_reset(HoldMeter *m, const HoldParams *p);
/* Adds a sample; time-weighted like time_in_band_pct (each interval counts for its start value). */
void hold_meter_push(HoldMeter *m, double t_s, double value);
double hold_meter_in_band_pct(const HoldMeter *m);
HoldZone hold_meter_zone(const HoldMeter *m, double value);
