/* session/summary_json: the JSON summary of a finished (or ended) session, as printed by
 * `bridgehold play --headless`: level, target and band, pain answers and each set's metrics.
 * Stable key order and fixed decimals, so equal inputs give byte-identical output. */
#pragma once
#include "core/str.h"
#include "session/session.h"

typedef struct SummaryInfo {
    const char *level_id;
    const char *input;      /* the input SPEC */
    const char *source;     /* "live" or "practice" (NULL = live) */
    const char *unit;       /* "N", "°", "" */
    double target;
    bool red_flag_stop;
    bool completed;         /* every set finished */
    int pain_before;        /* -1 = not asked */
    int pain_after;
    /* the progression decision for the next session (NULL when none was made) */
    const char *zone, *decision, *next_level, *reason;
} SummaryInfo;

/* Appends the JSON object (and a newline). s may be NULL (stopped before a session began). */
void summary_json(StrBuf *b, const SummaryInfo *info, const Session *s);
