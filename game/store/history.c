/* store/history: one row per counted session as the progression rules read it
 * (CLINICAL.md § Default progression rules), and the History CSV that `bridgehold plan` reads
 * (ARCHITECTURE.md § File formats). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "rehab/history.h"
#include "store/store_internal.h"

/* pain_before / pain_after / pain_next_morning: the latest entry of that kind about the session
 * (a re-answer replaces the first); pain_during: the highest set answer of the session.
 * quality_pct: the session's own when finished, else the mean time in band of its uninterrupted
 * measured sets (a session cut short by a crash still counts with what it did). */
#define HISTORY_SELECT                                                                            \
    "SELECT s.id, s.date, s.level,"                                                               \
    " coalesce(s.quality_pct, (SELECT avg(time_in_band_pct) FROM sets WHERE session_id = s.id"    \
    "  AND idx >= 1 AND interrupted = 0 AND time_in_band_pct IS NOT NULL)),"                      \
    " (SELECT value FROM pain_entries WHERE session_id = s.id AND kind = 'before'"                \
    "  ORDER BY time DESC, id DESC LIMIT 1),"                                                     \
    " (SELECT max(value) FROM pain_entries WHERE session_id = s.id AND kind = 'set'),"            \
    " (SELECT value FROM pain_entries WHERE session_id = s.id AND kind = 'after'"                 \
    "  ORDER BY time DESC, id DESC LIMIT 1),"                                                     \
    " (SELECT value FROM pain_entries WHERE session_id = s.id AND kind = 'next_morning'"          \
    "  ORDER BY time DESC, id DESC LIMIT 1),"                                                     \
    " s.source, s.origin, s.measure, s.sets_prescribed,"                                          \
    " (SELECT count(*) FROM sets WHERE session_id = s.id AND idx >= 1) "                          \
    "FROM sessions s WHERE s.profile_id = ?1 AND (s.status = 'finished' OR EXISTS"                \
    " (SELECT 1 FROM sets WHERE session_id = s.id AND idx >= 1)) "

/* The numbers as stored, unrounded: CLINICAL.md "thresholds compare unrounded values". (They
 * used to be rounded to one decimal, which made 79.96 % pass an 80 % limit.) sets_done counts
 * every saved set, interrupted ones too: a set lost to the sensor is not the patient's doing. */
static void read_row(sqlite3_stmt *st, StoreHistoryRow *r)
{
    memset(r, 0, sizeof *r);
    r->session_id = sqlite3_column_int64(st, 0);
    st_col_text(st, 1, r->date, sizeof r->date);
    st_col_text(st, 2, r->level, sizeof r->level);
    r->quality_pct = st_col_real(st, 3);
    r->pain_before = st_col_real(st, 4);
    r->pain_during = st_col_real(st, 5);
    r->pain_after = st_col_real(st, 6);
    r->pain_next_morning = st_col_real(st, 7);
    char word[16];
    st_col_text(st, 8, word, sizeof word);
    r->source = st_source_parse(word);
    st_col_text(st, 9, word, sizeof word);
    r->origin = st_origin_parse(word);
    st_col_text(st, 10, word, sizeof word);
    r->measure = st_measure_parse(word);
    r->sets_prescribed = sqlite3_column_int(st, 11);
    r->sets_done = sqlite3_column_int(st, 12);
}

const char *store_history_source_label(const StoreHistoryRow *r)
{
    if (r->source == STORE_LIVE)
        return "live";
    return r->origin == STORE_ORIGIN_PERSON ? "practice" : store_origin_name(r->origin);
}

bool store_history(Store *s, int64_t profile_id, StoreHistory *out)
{
    const char *doing = "reading the session history";
    st_clear(s);
    out->rows = NULL;
    out->count = 0;
    sqlite3_stmt *st;
    if (!st_prepare(s, HISTORY_SELECT "ORDER BY s.date, s.started, s.id", &st, doing))
        return false;
    sqlite3_bind_int64(st, 1, profile_id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        void *p = out->rows;
        xgrow(&p, &cap, out->count + 1, sizeof *out->rows);
        out->rows = p;
        read_row(st, &out->rows[out->count++]);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        store_history_free(out);
        return st_fail_rc(s, rc, doing);
    }
    return true;
}

void store_history_free(StoreHistory *h)
{
    free(h->rows);
    h->rows = NULL;
    h->count = 0;
}

bool store_history_records(Store *s, int64_t profile_id, History *out)
{
    StoreHistory h;
    if (!store_history(s, profile_id, &h))
        return false;
    for (size_t i = 0; i < h.count; i++) {
        const StoreHistoryRow *x = &h.rows[i];
        if (x->source != STORE_LIVE)
            continue; /* CLINICAL.md: practice never moves a level */
        SessionRecord r;
        memset(&r, 0, sizeof r);
        if (!history_parse_date(x->date, &r)) {
            st_fail(s, STORE_E_CORRUPT, "%s: session #%lld has the impossible date '%s'", s->path,
                    (long long)x->session_id, x->date);
            store_history_free(&h);
            return false;
        }
        snprintf(r.level, sizeof r.level, "%s", x->level);
        r.quality_pct = x->quality_pct;
        r.pain_before = x->pain_before;
        r.pain_during = x->pain_during;
        r.pain_after = x->pain_after;
        r.pain_next_morning = x->pain_next_morning;
        r.sets_done = x->sets_done;
        r.sets_prescribed = x->sets_prescribed;
        r.self_timed = x->measure == STORE_MEASURE_SELF_TIMED;
        history_add(out, &r);
    }
    store_history_free(&h);
    return true;
}

bool store_history_unanswered_source(Store *s, int64_t profile_id, StoreSource source,
                                     StoreHistoryRow *out, bool *found)
{
    const char *doing = "looking for an unanswered next-morning question";
    st_clear(s);
    *found = false;
    sqlite3_stmt *st;
    if (!st_prepare(s, HISTORY_SELECT "AND s.source = ?2 "
                                      "ORDER BY s.date DESC, s.started DESC, s.id DESC LIMIT 1",
                    &st, doing))
        return false;
    sqlite3_bind_int64(st, 1, profile_id);
    sqlite3_bind_text(st, 2, store_source_name(source), -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        StoreHistoryRow r;
        read_row(st, &r);
        if (isnan(r.pain_next_morning)) {
            *out = r;
            *found = true;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE || st_fail_rc(s, rc, doing);
}

bool store_history_unanswered(Store *s, int64_t profile_id, StoreHistoryRow *out, bool *found)
{
    return store_history_unanswered_source(s, profile_id, STORE_LIVE, out, found);
}

bool store_next_morning_open(const char *session_date, const char *today)
{
    SessionRecord a, b;
    if (!session_date || !today || !history_parse_date(session_date, &a) ||
        !history_parse_date(today, &b))
        return false;
    return b.day_number == a.day_number + 1;
}

bool store_morning_owed(Store *s, int64_t profile_id, StoreSource source, const char *today,
                        StoreHistoryRow *out, bool *found)
{
    StoreHistoryRow r;
    if (!store_history_unanswered_source(s, profile_id, source, &r, found))
        return false;
    if (*found && !store_next_morning_open(r.date, today))
        *found = false;
    if (*found)
        *out = r;
    return true;
}

/* A CSV cell: empty for NAN, else at most two decimals with trailing zeros trimmed. Quality is
 * cut down to hundredths, never rounded up, so 79.996 % is written 79.99 and `plan` on the file
 * finds it below an 80 % limit as the game did. */
static void put_number(FILE *out, double v, bool cut)
{
    if (!isfinite(v))
        return;
    if (cut) /* 1e-7 hundredths absorb binary noise such as 80.1 = 80.0999... */
        v = floor(v * 100.0 + 1e-7) / 100.0;
    char tmp[48];
    snprintf(tmp, sizeof tmp, "%.2f", v);
    size_t n = strlen(tmp);
    while (n && tmp[n - 1] == '0')
        tmp[--n] = '\0';
    if (n && tmp[n - 1] == '.')
        tmp[--n] = '\0';
    fputs(strcmp(tmp, "-0") == 0 ? "0" : tmp, out);
}

bool store_history_write_csv(const StoreHistory *h, FILE *out)
{
    fputs(STORE_HISTORY_CSV_HEADER "\n", out);
    for (size_t i = 0; i < h->count; i++) {
        const StoreHistoryRow *r = &h->rows[i];
        fprintf(out, "%s,%s,", r->date, r->level);
        put_number(out, r->quality_pct, true);
        fputc(',', out);
        put_number(out, r->pain_before, false);
        fputc(',', out);
        put_number(out, r->pain_during, false);
        fputc(',', out);
        put_number(out, r->pain_after, false);
        fputc(',', out);
        put_number(out, r->pain_next_morning, false);
        fprintf(out, ",%s,%d,", store_history_source_label(r), r->sets_done);
        if (r->sets_prescribed > 0)
            fprintf(out, "%d", r->sets_prescribed);
        fprintf(out, ",%s\n", store_measure_name(r->measure));
    }
    return !ferror(out);
}

bool store_export_history_csv(Store *s, int64_t profile_id, FILE *out)
{
    StoreHistory h;
    if (!store_history(s, profile_id, &h))
        return false;
    bool ok = store_history_write_csv(&h, out);
    store_history_free(&h);
    if (!ok)
        return st_fail(s, STORE_E_IO, "writing the history CSV failed");
    return true;
}
