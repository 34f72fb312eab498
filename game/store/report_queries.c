/* store/report_queries: the read-only queries the reports need (store.h "report queries"):
 * records with their stable uids, set notes, decisions with their session, MVC over time. Kept
 * apart from sessions.c and profiles.c so the reports can grow without touching the write paths. */
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

bool store_report_profile_uid(Store *s, int64_t profile_id, char uid[STORE_UID_LEN])
{
    const char *doing = "reading the profile's id";
    st_clear(s);
    uid[0] = '\0';
    sqlite3_stmt *st;
    if (!st_prepare(s, "SELECT uid FROM profiles WHERE id = ?1", &st, doing))
        return false;
    sqlite3_bind_int64(st, 1, profile_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        st_col_text(st, 0, uid, STORE_UID_LEN);
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return st_fail(s, STORE_E_NOTFOUND, "there is no profile #%lld", (long long)profile_id);
    return rc == SQLITE_ROW || st_fail_rc(s, rc, doing);
}

/* Runs a SELECT bound to one profile id and collects its rows. */
static bool collect_for_profile(Store *s, const char *sql, int64_t profile_id, size_t row_size,
                                StRowReader read, void **out, size_t *n, const char *doing)
{
    st_clear(s);
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    if (!st_prepare(s, sql, &st, doing))
        return false;
    sqlite3_bind_int64(st, 1, profile_id);
    return st_collect(s, st, row_size, read, out, n, doing);
}

static void row_report_set(sqlite3_stmt *st, void *row)
{
    StoreReportSet *x = row;
    st_read_set(st, &x->set);
    st_col_text(st, 20, x->uid, sizeof x->uid);
    x->saved = sqlite3_column_int64(st, 21);
}

bool store_report_sets(Store *s, int64_t profile_id, StoreReportSet **out, size_t *n)
{
    void *rows = NULL; /* through a void *, not a cast of out: no type punning */
    bool ok = collect_for_profile(
        s,
        "SELECT " ST_SET_COLS ", t.uid, t.saved FROM sets t JOIN sessions s ON s.id = t.session_id"
        " WHERE s.profile_id = ?1 ORDER BY s.date, s.started, s.id, t.idx",
        profile_id, sizeof **out, row_report_set, &rows, n, "reading the sets for a report");
    *out = rows;
    return ok;
}

static void row_report_pain(sqlite3_stmt *st, void *row)
{
    StoreReportPain *x = row;
    StorePain *p = &x->pain;
    p->id = sqlite3_column_int64(st, 0);
    p->profile_id = sqlite3_column_int64(st, 1);
    p->session_id = sqlite3_column_int64(st, 2);
    char kind[24];
    st_col_text(st, 3, kind, sizeof kind);
    if (!store_pain_kind_parse(kind, &p->kind))
        p->kind = STORE_PAIN_AFTER; /* the CHECK constraint allows no other word */
    p->set_index =
        sqlite3_column_type(st, 4) == SQLITE_NULL ? STORE_NO_SET : sqlite3_column_int(st, 4);
    p->value = sqlite3_column_double(st, 5);
    p->time = sqlite3_column_int64(st, 6);
    st_col_text(st, 7, x->uid, sizeof x->uid);
}

bool store_report_pain(Store *s, int64_t profile_id, StoreReportPain **out, size_t *n)
{
    void *rows = NULL;
    bool ok = collect_for_profile(
        s,
        "SELECT id, profile_id, session_id, kind, set_index, value, time, uid FROM pain_entries"
        " WHERE profile_id = ?1 ORDER BY time, id",
        profile_id, sizeof **out, row_report_pain, &rows, n,
        "reading the pain answers for a report");
    *out = rows;
    return ok;
}

static void row_report_decision(sqlite3_stmt *st, void *row)
{
    StoreReportDecision *x = row;
    st_read_decision(st, &x->decision);
    st_col_text(st, 9, x->uid, sizeof x->uid);
    x->session_id = sqlite3_column_int64(st, 10);
}

bool store_report_decisions(Store *s, int64_t profile_id, StoreReportDecision **out, size_t *n)
{
    void *rows = NULL;
    bool ok = collect_for_profile(
        s,
        "SELECT id, profile_id, from_level, to_level, decision, zone, reason, source, time, uid,"
        " session_id FROM decisions WHERE profile_id = ?1 ORDER BY time, id",
        profile_id, sizeof **out, row_report_decision, &rows, n,
        "reading the decisions for a report");
    *out = rows;
    return ok;
}

static void row_report_mvc(sqlite3_stmt *st, void *row)
{
    StoreReportMvc *x = row;
    StoreMvc *m = &x->mvc;
    m->id = sqlite3_column_int64(st, 0);
    m->profile_id = sqlite3_column_int64(st, 1);
    st_col_text(st, 2, m->date, sizeof m->date);
    st_col_text(st, 3, m->level, sizeof m->level);
    m->best_n = sqlite3_column_double(st, 4);
    m->cv_pct = st_col_real(st, 5);
    m->pain_limited = sqlite3_column_int(st, 6) != 0;
    m->time = sqlite3_column_int64(st, 7);
    st_col_text(st, 8, x->uid, sizeof x->uid);
    const unsigned char *origin = sqlite3_column_text(st, 9);
    x->by_clinician = origin && strcmp((const char *)origin, "clinician") == 0;
}

bool store_report_mvc(Store *s, int64_t profile_id, StoreReportMvc **out, size_t *n)
{
    void *rows = NULL;
    bool ok = collect_for_profile(
        s,
        "SELECT id, profile_id, date, level, best_n, cv_pct, pain_limited, time, uid, origin"
        " FROM mvc_tests WHERE profile_id = ?1 ORDER BY time, id",
        profile_id, sizeof **out, row_report_mvc, &rows, n,
        "reading the MVC tests for a report");
    *out = rows;
    return ok;
}
