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
#define HOLD_EDGE_TRIM_S 1.0      /* CV and drift skip the first and last second ... */
#define HOLD_EDGE_TRIM_MIN_S 4.0  /* ... of holds at least this long (shorter: whole hold) */
/* Below the band this long before the end = form lost. [P] our proposed default, not from a
 * source: long enough that a normal release (well under 1 s from band to rest) never counts,
 * short enough to catch a sag the patient did not correct. A compile-time default for now. */
#define HOLD_FORM_LOST_MIN_S 1.0

typedef struct HoldParams {
    double target_n;
    double tolerance_pct; /* band half-width as % of target; <= 0 means the default 10 % */
} HoldParams;

/* Averages are time-weighted: each sample counts for the interval to the next sample (so a
 * zero-length interval from a duplicate timestamp counts for nothing). If a measured stretch
 * has no duration at all (every timestamp equal), every sample counts once instead. */
typedef struct HoldMetrics {
    double start_s;
    double end_s;
    double duration_s;       /* end_s − start_s */
    double mean_n;           /* time-weighted mean over the hold */
    double peak_n;           /* highest sample in the hold */
    double time_in_band_pct; /* time-weighted share of the hold inside the band (edges count) */
    double cv_pct;   /* 100·SD/mean (population SD, time-weighted) over the steady part: the
                      * hold minus its first and last HOLD_EDGE_TRIM_S, or the whole hold when
                      * shorter than HOLD_EDGE_TRIM_MIN_S. NAN when that mean is <= 0. */
    double drift_pct_per_10s; /* least-squares slope over the same steady part, as % of target
                               * per 10 s (negative = fading). NAN when target <= 0. */
    double left_pct;     /* 100·Σleft/(Σleft+Σright), time-weighted; NAN when any sample of the
                          * hold lacks left/right channels or the total is not positive */
    bool form_lost;      /* crossed down through the band's low edge and stayed below it until
                          * the hold ended, for at least HOLD_FORM_LOST_MIN_S */
    double form_lost_s;  /* time of that last downward crossing (NAN when !form_lost) */
} HoldMetrics;

/* The band [target·(1−tol), target·(1+tol)]. */
void hold_band(const HoldParams *p, double *low_n, double *high_n);

/* Finds and measures every hold of at least HOLD_MIN_DURATION_S in pts (time non-decreasing;
 * an interval that goes backwards counts as zero length). Writes up to max results to out (out
 * may be NULL when max is 0) and returns how many holds there were (may exceed max). O(n).
 * Start: the first sample with force >= the band's low edge. Detection is armed from the start
 * of the trace, so a trace that begins mid-hold has a hold starting at sample 0.
 * End: the first sample of a run below HOLD_START_FRACTION·target that lasts at least
 * HOLD_END_QUIET_S (a run lasts until the next sample at or above that level), or the last
 * sample of the trace. A run that is still below when the trace ends is a release, however
 * short: the hold ends at its first sample rather than at the trace's end.
 * Returns 0 when target_n is not a positive finite number. */
size_t hold_detect(const ForcePoint *pts, size_t n, const HoldParams *p, HoldMetrics *out,
                   size_t max);

/* The same detection, one sample at a time (`analyze` streams a trace through it). It keeps only
 * the samples of the hold in progress, so memory grows with the longest hold, never with the
 * trace; hold_detect runs on it, so both give identical results. Usage: init, push every sample
 * in order, finish; then holds[0..n_holds) are the results; free releases them. */
typedef struct HoldDetector {
    HoldParams params;
    double low_n, quiet_n; /* band low edge; HOLD_START_FRACTION·target */
    bool active;           /* false when the target is not a positive finite number */
    bool in_hold, quiet;
    size_t count;          /* samples pushed so far */
    size_t s;              /* index of the hold's first sample (counting every sample pushed) */
    size_t q;              /* index of the first sample of the current run below quiet_n */
    double q_t;            /* its time */
    ForcePoint *pts;       /* the hold in progress: samples s..count−1 */
    size_t n, cap;
    HoldMetrics *holds;    /* every hold found so far, in order */
    size_t n_holds, holds_cap;
} HoldDetector;

void hold_detector_init(HoldDetector *d, const HoldParams *p);
void hold_detector_push(HoldDetector *d, const ForcePoint *pt);
/* Ends the trace: a hold still open is closed as hold_detect closes it. Returns n_holds. */
size_t hold_detector_finish(HoldDetector *d);
void hold_detector_free(HoldDetector *d);

/* Measures pts[0..n) as one hold from its first to its last sample (no start/end detection):
 * the game scores a set over exactly the hold phase it timed. False when n < 2. A target <= 0
 * (a timed hold) still gives duration, mean, peak and CV; drift is then NAN. */
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
/* Adds a sample; time-weighted like time_in_band_pct (each interval counts for its start value).
 * An interval that goes backwards in time counts as zero; a non-finite t_s is ignored. */
void hold_meter_push(HoldMeter *m, double t_s, double value);
/* Percent of the time so far inside the band; 0 before any time has passed. */
double hold_meter_in_band_pct(const HoldMeter *m);
/* Where value lies against the band; the edges count as inside, NaN counts as below. */
HoldZone hold_meter_zone(const HoldMeter *m, double value);
