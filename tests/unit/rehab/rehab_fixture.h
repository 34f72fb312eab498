/* Test helpers for rehab: a ladder of plain levels built in code, and sessions by date. */
#pragma once
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rehab/history.h"
#include "rehab/level.h"

#define NA NAN

/* A ladder L01..L<n> (n <= 12) with no [unlock] overrides. */
static inline void fx_ladder(Ladder *l, Level *storage, size_t n)
{
    memset(storage, 0, n * sizeof *storage);
    for (size_t i = 0; i < n; i++) {
        snprintf(storage[i].id, sizeof storage[i].id, "L%02zu", i + 1);
        snprintf(storage[i].name, sizeof storage[i].name, "level %zu", i + 1);
    }
    l->levels = storage;
    l->count = n;
}

/* Appends a session: date "YYYY-MM-DD", level id, quality, before, during, after, next morning. */
static inline void fx_add(History *h, const char *date, const char *level, double q, double before,
                          double during, double after, double next)
{
    SessionRecord r = {0};
    if (!history_parse_date(date, &r))
        fprintf(stderr, "fixture: bad date %s\n", date);
    snprintf(r.level, sizeof r.level, "%s", level);
    r.quality_pct = q;
    r.pain_before = before;
    r.pain_during = during;
    r.pain_after = after;
    r.pain_next_morning = next;
    history_add(h, &r);
}

/* A GREEN session under the default rules. */
static inline void fx_green(History *h, const char *date, const char *level)
{
    fx_add(h, date, level, 90, 1, 2, 2, 1);
}

/* A RED session (pain during 6 > 5). */
static inline void fx_red(History *h, const char *date, const char *level)
{
    fx_add(h, date, level, 90, 1, 6, 2, 2);
}
