/* store/records: a patient's records as plain columns keyed by their stable uid, for bundles
 * (clinic/bundle_*.c) and the clinic server. The column lists here are the one place that says
 * which columns travel; a record already here (same uid) is never changed by a copy. */
#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "store/store_internal.h"

#define N(a) (sizeof a / sizeof a[0])
#define UID {"uid", STORE_COL_TEXT, true, NULL}

static const StoreColumn MVC_COLS[] = {
    UID,
    {"date", STORE_COL_TEXT, true, NULL},
    {"level", STORE_COL_TEXT, true, NULL},
    {"best_n", STORE_COL_REAL, true, NULL},
    {"cv_pct", STORE_COL_REAL, false, NULL},
    {"pain_limited", STORE_COL_INT, true, NULL},
    {"time", STORE_COL_INT, true, NULL},
    {"origin", STORE_COL_TEXT, true, "tested|clinician"},
    {"inconsistent", STORE_COL_INT, true, NULL},
};

static const StoreColumn SESSION_COLS[] = {
    UID,
    {"level", STORE_COL_TEXT, true, NULL},
    {"started", STORE_COL_INT, true, NULL},
    {"ended", STORE_COL_INT, false, NULL},
    {"date", STORE_COL_TEXT, true, NULL},
    {"quality_pct", STORE_COL_REAL, false, NULL},
    {"status", STORE_COL_TEXT, true, "in_progress|finished|interrupted"},
    {"supervised", STORE_COL_INT, true, NULL},
    {"source", STORE_COL_TEXT, true, "live|practice"},
    {"origin", STORE_COL_TEXT, true, "person|sim|replay|capture|demo"},
    {"input_kind", STORE_COL_TEXT, false, NULL},
    {"device_name", STORE_COL_TEXT, false, NULL},
    {"measure", STORE_COL_TEXT, true, "force|angle|self_timed|none"},
    {"calibration", STORE_COL_TEXT, false, NULL},
    {"mvc_n", STORE_COL_REAL, false, NULL},
    {"mvc_origin", STORE_COL_TEXT, true, "tested|clinician|nominal|none"},
    {"sets_prescribed", STORE_COL_INT, true, NULL},
    {"morning_due", STORE_COL_TEXT, false, NULL},
};

static const StoreColumn SET_COLS[] = {
    UID,
    {"session", STORE_COL_SESSION, true, NULL},
    {"idx", STORE_COL_INT, true, NULL},
    {"duration_s", STORE_COL_REAL, true, NULL},
    {"time_in_band_pct", STORE_COL_REAL, false, NULL},
    {"mean_n", STORE_COL_REAL, false, NULL},
    {"peak_n", STORE_COL_REAL, false, NULL},
    {"cv_pct", STORE_COL_REAL, false, NULL},
    {"drift_pct_per_10s", STORE_COL_REAL, false, NULL},
    {"left_pct", STORE_COL_REAL, false, NULL},
    {"form_lost_s", STORE_COL_REAL, false, NULL},
    {"interrupted", STORE_COL_INT, true, NULL},
    {"target_n", STORE_COL_REAL, false, NULL},
    {"band_low_n", STORE_COL_REAL, false, NULL},
    {"band_high_n", STORE_COL_REAL, false, NULL},
    {"trace_t0_s", STORE_COL_REAL, false, NULL},
    {"trace_channels", STORE_COL_INT, true, NULL},
    {"trace", STORE_COL_BLOB, false, NULL},
    {"saved", STORE_COL_INT, true, NULL},
    {"reps_done", STORE_COL_INT, true, NULL},
    {"notices", STORE_COL_TEXT, false, NULL},
    {"note", STORE_COL_TEXT, false, NULL},
};

static const StoreColumn PAIN_COLS[] = {
    UID,
    {"session", STORE_COL_SESSION, false, NULL},
    {"kind", STORE_COL_TEXT, true, "before|set|after|next_morning|sitting_tolerance"},
    {"set_index", STORE_COL_INT, false, NULL},
    {"value", STORE_COL_REAL, true, NULL},
    {"time", STORE_COL_INT, true, NULL},
};

static const StoreColumn DECISION_COLS[] = {
    UID,
    {"session", STORE_COL_SESSION, false, NULL},
    {"from_level", STORE_COL_TEXT, true, NULL},
    {"to_level", STORE_COL_TEXT, true, NULL},
    {"decision", STORE_COL_TEXT, true, NULL},
    {"zone", STORE_COL_TEXT, false, NULL},
    {"reason", STORE_COL_TEXT, true, NULL},
    {"source", STORE_COL_TEXT, true, "rules|clinician"},
    {"time", STORE_COL_INT, true, NULL},
};

static const StoreColumn AUDIT_COLS[] = {
    UID,
    {"time", STORE_COL_INT, true, NULL},
    {"actor", STORE_COL_TEXT, true, NULL},
    {"action", STORE_COL_TEXT, true, NULL},
    {"detail", STORE_COL_TEXT, false, NULL},
    {"before", STORE_COL_TEXT, false, NULL},
    {"after", STORE_COL_TEXT, false, NULL},
    {"reason", STORE_COL_TEXT, false, NULL},
};

static const StoreTable TABLES[] = {
    {"mvc_tests", MVC_COLS, N(MVC_COLS), true},
    {"sessions", SESSION_COLS, N(SESSION_COLS), true},
    {"sets", SET_COLS, N(SET_COLS), false},
    {"pain_entries", PAIN_COLS, N(PAIN_COLS), true},
    {"decisions", DECISION_COLS, N(DECISION_COLS), true},
    {"audit_log", AUDIT_COLS, N(AUDIT_COLS), true},
};

const StoreTable *store_record_tables(size_t *n)
{
    *n = N(TABLES);
    return TABLES;
}

/* The SELECT list: session references as the session's uid. */
static void select_list(const StoreTable *t, StrBuf *b)
{
    for (size_t i = 0; i < t->n_cols; i++) {
        const StoreColumn *c = &t->cols[i];
        if (i)
            strbuf_append(b, ", ");
        if (c->type == STORE_COL_SESSION)
            strbuf_append(b, "(SELECT uid FROM sessions WHERE id = r.session_id)");
        else
            strbuf_appendf(b, "r.\"%s\"", c->name);
    }
}

bool store_records_each(Store *s, int64_t profile_id, const StoreTable *t,
                        bool (*row)(void *ctx, const StoreValue *vals), void *ctx)
{
    char doing[96];
    snprintf(doing, sizeof doing, "reading the %s", t->name);
    st_clear(s);
    StrBuf b;
    strbuf_init(&b);
    strbuf_append(&b, "SELECT ");
    select_list(t, &b);
    if (t->has_profile)
        strbuf_appendf(&b, " FROM %s r WHERE r.profile_id = ?1 ORDER BY r.id", t->name);
    else /* sets: through their session */
        strbuf_appendf(&b, " FROM %s r JOIN sessions s ON s.id = r.session_id WHERE "
                           "s.profile_id = ?1 ORDER BY r.id",
                       t->name);
    sqlite3_stmt *st;
    bool ok = st_prepare(s, b.data, &st, doing);
    strbuf_free(&b);
    if (!ok)
        return false;
    sqlite3_bind_int64(st, 1, profile_id);
    StoreValue vals[32];
    int rc;
    while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (size_t i = 0; i < t->n_cols && i < N(vals); i++) {
            StoreValue *v = &vals[i];
            memset(v, 0, sizeof *v);
            v->is_null = sqlite3_column_type(st, (int)i) == SQLITE_NULL;
            switch (t->cols[i].type) {
            case STORE_COL_INT: v->i = sqlite3_column_int64(st, (int)i); break;
            case STORE_COL_REAL: v->r = sqlite3_column_double(st, (int)i); break;
            case STORE_COL_BLOB:
                v->blob = sqlite3_column_blob(st, (int)i);
                v->len = (size_t)sqlite3_column_bytes(st, (int)i);
                break;
            default:
                v->text = (const char *)sqlite3_column_text(st, (int)i);
                v->len = (size_t)sqlite3_column_bytes(st, (int)i);
                break;
            }
        }
        ok = row(ctx, vals);
    }
    if (ok && rc != SQLITE_DONE)
        ok = st_fail_rc(s, rc, doing);
    sqlite3_finalize(st);
    return ok;
}

static void bind_value(sqlite3_stmt *st, int idx, const StoreColumn *c, const StoreValue *v)
{
    if (v->is_null) {
        sqlite3_bind_null(st, idx);
        return;
    }
    switch (c->type) {
    case STORE_COL_INT: sqlite3_bind_int64(st, idx, v->i); break;
    case STORE_COL_REAL: sqlite3_bind_double(st, idx, v->r); break;
    case STORE_COL_BLOB: sqlite3_bind_blob(st, idx, v->blob, (int)v->len, SQLITE_TRANSIENT); break;
    default: sqlite3_bind_text(st, idx, v->text, (int)v->len, SQLITE_TRANSIENT); break;
    }
}

bool store_record_insert(Store *s, int64_t profile_id, const StoreTable *t,
                         const StoreValue *vals, bool *inserted)
{
    char doing[96];
    snprintf(doing, sizeof doing, "adding a record to %s", t->name);
    *inserted = false;
    if (vals[0].is_null || !vals[0].text || !store_uid_valid(vals[0].text))
        return st_fail(s, STORE_E_INVALID, "a record of %s has no proper uid", t->name);
    for (size_t i = 0; i < t->n_cols; i++) { /* a reference must name a session here */
        if (t->cols[i].type == STORE_COL_SESSION && !vals[i].is_null) {
            int64_t sid = 0;
            sqlite3_stmt *q;
            if (!st_prepare(s, "SELECT id FROM sessions WHERE uid = ?1 AND profile_id = ?2", &q,
                            doing))
                return false;
            sqlite3_bind_text(q, 1, vals[i].text, (int)vals[i].len, SQLITE_TRANSIENT);
            sqlite3_bind_int64(q, 2, profile_id);
            if (sqlite3_step(q) == SQLITE_ROW)
                sid = sqlite3_column_int64(q, 0);
            sqlite3_finalize(q);
            if (!sid)
                return st_fail(s, STORE_E_INVALID, "record %s of %s refers to session %.*s, "
                                                   "which is not this patient's",
                               vals[0].text, t->name, (int)vals[i].len, vals[i].text);
        }
    }
    StrBuf b;
    strbuf_init(&b);
    strbuf_appendf(&b, "INSERT INTO %s (%s", t->name, t->has_profile ? "profile_id, " : "");
    for (size_t i = 0; i < t->n_cols; i++)
        strbuf_appendf(&b, "%s\"%s\"", i ? ", " : "",
                       t->cols[i].type == STORE_COL_SESSION ? "session_id" : t->cols[i].name);
    strbuf_append(&b, ") VALUES (");
    if (t->has_profile)
        strbuf_append(&b, "?1, ");
    for (size_t i = 0; i < t->n_cols; i++) {
        int idx = (int)i + 2;
        if (t->cols[i].type == STORE_COL_SESSION)
            strbuf_appendf(&b, "%s(SELECT id FROM sessions WHERE uid = ?%d)", i ? ", " : "", idx);
        else
            strbuf_appendf(&b, "%s?%d", i ? ", " : "", idx);
    }
    strbuf_append(&b, ") ON CONFLICT(uid) DO NOTHING");
    sqlite3_stmt *st;
    bool ok = st_prepare(s, b.data, &st, doing);
    strbuf_free(&b);
    if (!ok)
        return false;
    if (t->has_profile)
        sqlite3_bind_int64(st, 1, profile_id);
    for (size_t i = 0; i < t->n_cols; i++)
        bind_value(st, (int)i + 2, &t->cols[i], &vals[i]);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE) {
        *inserted = sqlite3_changes(s->db) > 0;
        return true;
    }
    if ((rc & 0xff) == SQLITE_CONSTRAINT)
        return st_fail(s, STORE_E_INVALID, "record %s of %s breaks a rule of the database (%s)",
                       vals[0].text, t->name, sqlite3_errmsg(s->db));
    return st_fail_rc(s, rc, doing);
}

bool store_profile_find_uid(Store *s, const char *uid, int64_t *id)
{
    const char *doing = "finding the profile";
    st_clear(s);
    *id = 0;
    sqlite3_stmt *st;
    if (!st_prepare(s, "SELECT id FROM profiles WHERE uid = ?1", &st, doing))
        return false;
    sqlite3_bind_text(st, 1, uid ? uid : "", -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE || st_fail_rc(s, rc, doing);
}

bool store_profile_import(Store *s, const StoreProfile *p, int64_t *id)
{
    const char *doing = "adding the profile";
    st_clear(s);
    *id = 0;
    if (!store_uid_valid(p->uid))
        return st_fail(s, STORE_E_INVALID, "the profile has no proper uid");
    if (!st_valid_level(p->level) || !st_valid_date(p->start_date))
        return st_fail(s, STORE_E_INVALID, "the profile's level or start date is not valid");
    if (!st_begin(s, doing))
        return false;
    sqlite3_stmt *st;
    if (!st_prepare(s,
                    "INSERT INTO profiles (uid, name, affected_side, body_mass_kg, start_date, "
                    "current_level, created, archived) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    &st, doing)) {
        st_rollback(s);
        return false;
    }
    sqlite3_bind_text(st, 1, p->uid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, p->name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, store_side_name(p->side), -1, SQLITE_STATIC);
    st_bind_real(st, 4, p->body_mass_kg);
    sqlite3_bind_text(st, 5, p->start_date, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 6, p->level, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 7, p->created);
    sqlite3_bind_int(st, 8, p->archived ? 1 : 0);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_CONSTRAINT_UNIQUE) {
        st_rollback(s);
        return st_fail(s, STORE_E_EXISTS, "there is already a different profile called '%s' "
                                          "here (the same name, another patient)",
                       p->name);
    }
    if (rc != SQLITE_DONE) {
        st_fail_rc(s, rc, doing);
        st_rollback(s);
        return false;
    }
    *id = sqlite3_last_insert_rowid(s->db);
    return st_commit(s, doing);
}

bool store_profile_level_time(Store *s, int64_t profile_id, int64_t *t)
{
    const char *doing = "reading the profile's last level change";
    st_clear(s);
    *t = 0;
    sqlite3_stmt *st;
    if (!st_prepare(s,
                    "SELECT max(coalesce((SELECT max(time) FROM decisions WHERE profile_id = ?1),"
                    " 0), coalesce((SELECT max(time) FROM audit_log WHERE profile_id = ?1 AND "
                    "action = 'level_set'), 0))",
                    &st, doing))
        return false;
    sqlite3_bind_int64(st, 1, profile_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *t = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || st_fail_rc(s, rc, doing);
}
