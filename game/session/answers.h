/* session/answers: the answers file that stands in for the patient in headless runs:
 * `key = value` lines, `#` comments. Keys: red_flags (yes|no), pain_before, pain_set (one value
 * for all sets, or a comma list, one per set), pain_after (NRS 0–10), practice (yes|no), and
 * for multi-day runs pain_next_morning (the morning load test owed for the previous session)
 * and sitting_minutes (the weekly sitting-tolerance answer). */
#pragma once
#include <stdbool.h>

#include "core/diag.h"

#define ANSWERS_MAX_SETS 16

typedef struct Answers {
    char path[512];
    bool has_red_flags, red_flags;
    bool has_pain_before;
    int pain_before;
    int n_pain_set;      /* 0 = none given; 1 = applies to every set */
    int pain_set[ANSWERS_MAX_SETS];
    bool has_pain_after;
    int pain_after;
    bool has_practice, practice;
    bool has_pain_next_morning;
    int pain_next_morning;
    bool has_sitting_minutes;
    int sitting_minutes;
} Answers;

/* Parses path; errors as "file:line: message". False on any error. */
bool answers_load(const char *path, Answers *out, Diag *diag);
bool answers_parse_string(const char *name, const char *text, Answers *out, Diag *diag);
/* The pain answer for set `index` (1-based), or -1 when the file has none for it. */
int answers_pain_for_set(const Answers *a, int index);
