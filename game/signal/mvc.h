/* signal/mvc: analyse a maximal-voluntary-contraction test: up to MVC_MAX_EFFORTS maximal efforts
 * in one trace; the best peak counts, and the between-effort CV says how consistent they were.
 * Protocol (CLINICAL.md [P]): 3 maximal 3–5 s efforts, 60 s rest, best counts. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "signal/hold.h"

#define MVC_MAX_EFFORTS 8

typedef struct MvcResult {
    size_t efforts;                  /* efforts found */
    double peak_n[MVC_MAX_EFFORTS];  /* each effort's peak, in order */
    double start_s[MVC_MAX_EFFORTS]; /* each effort's start */
    double best_n;                   /* the highest peak */
    double cv_pct;                   /* 100·SD/mean of the peaks, sample SD (n−1): the efforts
                                      * are a sample of what the patient can do, as in test-retest
                                      * reliability studies (0 for one effort) */
} MvcResult;

#define MVC_EFFORT_FRACTION 0.5 /* an effort is force above this share of the trace's maximum */
#define MVC_EFFORT_MIN_S 1.0     /* ... lasting at least this long */

/* Efforts are stretches where force rises above 50 % of the trace's maximum for at least 1 s
 * (shorter spikes are not efforts). A stretch lasts from its first sample above the level to the
 * next sample back at or below it (or the trace's last sample). Only the first MVC_MAX_EFFORTS
 * efforts are analysed; later ones are ignored. False when no effort is found (also for n == 0
 * or a maximum that is not positive). A single artefact spike sets the level for the whole trace,
 * so filter the trace first. */
bool mvc_analyze(const ForcePoint *pts, size_t n, MvcResult *out);
/* Fills best_n and cv_pct (sample SD; 0 for one effort, NAN when the mean is not positive) from
 * out->peak_n[0..efforts). */
void mvc_summarise(MvcResult *out);
