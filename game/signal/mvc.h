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
    double cv_pct;                   /* 100·SD/mean of the peaks (0 for one effort) */
} MvcResult;

/* Efforts are stretches where force rises above 50 % of the trace's maximum for at least 1 s
 * (shorter spikes are not efforts). False when no effort is found. */
bool mvc_analyze(const ForcePoint *pts, size_t n, MvcResult *out);
