/* rehab/history: the sessions the progression rules read, and the History CSV (ARCHITECTURE.md
 * § File formats), the input of `bridgehold plan` and the output of `report --out x.csv`. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "rehab/level.h"

/* One session as the rules see it (CLINICAL.md § Default progression rules). Pain is NRS 0–10
 * and may have decimals (the game's slider and the store's export give tenths); NAN means not
 * answered. */
typedef struct SessionRecord {
    int year, month, day;
    long day_number;          /* days since 1970-01-01, for the day windows */
    char level[16];           /* level id, e.g. "L03" */
    double quality_pct;       /* mean time in band over the sets, 0–100; NAN = not measured */
    double pain_before;       /* baseline: the morning load test or the pre-session rating */
    double pain_during;       /* highest over the sets */
    double pain_after;
    double pain_next_morning; /* the next day's load test; NAN = not answered yet */
    /* Sets done (those lost to an unplugged or stalled sensor count as done) against the sets
     * the level prescribed; sets_prescribed 0 = unknown, read as complete (older records). */
    int sets_done, sets_prescribed;
    bool self_timed;          /* keyboard or trigger: quality is the share of hold time held */
    int line;                 /* line in the CSV it came from, 0 when built in code */
} SessionRecord;

/* Only live sessions are history: practice (simulator, replay, capture, demo) never moves a
 * level, so the CSV reader skips it and the store never hands it over. */
typedef struct History {
    SessionRecord *rows; /* in date order (same-day sessions keep their order) */
    size_t count;
    size_t cap;
    /* Today as days since 1970-01-01 (history_day_number), so a next morning that passed
     * unanswered can be told from one still to come; 0 = unknown: the last row's day. */
    long today_day;
    size_t practice_skipped; /* CSV rows whose source was practice (not in rows) */
} History;

/* Days since 1970-01-01 of a proleptic Gregorian date (negative before 1970). */
long history_day_number(int year, int month, int day);
/* The calendar date of a day number (the inverse of history_day_number). */
void history_civil_from_day(long day_number, long *year, int *month, int *day);
/* Parses exactly "YYYY-MM-DD" (a real calendar date, years 1900–9999) into r's date fields. */
bool history_parse_date(const char *s, SessionRecord *r);

/* Reads a History CSV. Header line first (columns by name, any order, case-insensitive; unknown
 * columns ignored; date, level, quality_pct, pain_before, pain_during, pain_after and
 * pain_next_morning required; source, sets_done, sets_prescribed and measure optional), then one
 * row per session in date order. A row whose source is not "live" is practice: checked like any
 * row, then skipped (counted in practice_skipped); a file without the column is all live. Blank lines and lines
 * starting with '#' are skipped; fields may be "quoted"; CRLF is fine. Empty quality or pain
 * fields are unanswered. With a ladder, a level id not in it is an error. Every problem goes to
 * diag as "file:line: message"; false on any error (*out then holds the good rows). */
bool history_load(const char *path, const Ladder *ladder, History *out, Diag *diag);
bool history_parse_string(const char *name, const char *text, const Ladder *ladder, History *out,
                          Diag *diag);
/* Appends a copy of r (rows built in code, e.g. from the store). */
void history_add(History *h, const SessionRecord *r);
void history_free(History *h);
