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
    "  ORDER BY time DESC, id DESC LIMIT 1) "                                                     \
    "FROM sessions s WHERE s.profile_id = ?1 AND (s.status = 'finished' OR EXISTS"                \
    " (SELECT 1 FROM sets WHERE session_id = s.id AND idx >= 1)) "

/* The value the History CSV carries: one decimal, read back as `plan` reads it. Rounding every
 * row this way means the game and `plan` on an export decide on exactly the same numbers. */
static double round1(double v)
{
    if (!isfinite(v))
        return v;
    char buf[64];
    snprintf(buf, sizeof buf, "%.1f", v);
    return strtod(buf, NULL);
}

static void read_row(sqlite3_stmt *st, StoreHistoryRow *r)
{
    memset(r, 0, sizeof *r);
    r->session_id = sqlite3_column_int64(st, 0);
    st_col_text(st, 1, r->date, sizeof r->date);
    st_col_text(st, 2, r->level, sizeof r->level);
    r->quality_pct = round1(st_col_real(st, 3));
    r->pain_before = round1(st_col_real(st, 4));
    r->pain_during = round1(st_col_real(st, 5));
    r->pain_after = round1(st_col_real(st, 6));
    r->pain_next_morning = round1(st_col_real(st, 7));
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
        history_add(out, &r);
    }
    store_history_free(&h);
    return true;
}

bool store_history_unanswered(Store *s, int64_t profile_id, StoreHistoryRow *out, bool *found)
{
    const char *doing = "looking for an unanswered next-morning question";
    st_clear(s);
    *found = false;
    sqlite3_stmt *st;
    if (!st_prepare(s, HISTORY_SELECT "ORDER BY s.date DESC, s.started DESC, s.id DESC LIMIT 1",
                    &st, doing))
        return false;
    sqlite3_bind_int64(st, 1, profile_id);
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

/* A CSV cell: empty for NAN, else at most one decimal with trailing zeros trimmed. */
static void put_number(FILE *out, double v)
{
    if (!isfinite(v))
        return;
    char tmp[48];
    snprintf(tmp, sizeof tmp, "%.1f", v);
    size_t n = strlen(tmp);
    if (n >= 2 && strcmp(tmp + n - 2, ".0") == 0)
        tmp[n - 2] = '\0';
    fputs(strcmp(tmp, "-0") == 0 ? "0" : tmp, out);
}

bool store_history_write_csv(const StoreHistory *h, FILE *out)
{
    fputs(STORE_HISTORY_CSV_HEADER "\n", out);
    for (size_t i = 0; i < h->count; i++) {
        const StoreHistoryRow *r = &h->rows[i];
        fprintf(out, "%s,%s,", r->date, r->level);
        put_number(out, r->quality_pct);
        fputc(',', out);
        put_number(out, r->pain_before);
        fputc(',', out);
        put_number(out, r->pain_during);
        fputc(',', out);
        put_number(out, r->pain_after);
        fputc(',', out);
        put_number(out, r->pain_next_morning);
        fputc('\n', out);
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
