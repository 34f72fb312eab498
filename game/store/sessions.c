/* store/sessions: sessions, their sets (metrics + the compact raw trace) and pain entries.
 * store_set_commit is the durability point of a session: one transaction per finished set. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/str.h"
#include "store/store_internal.h"

static const char *const STATUS_NAMES[] = {"in_progress", "finished", "interrupted"};
static const char *const PAIN_NAMES[] = {"before", "set", "after", "next_morning",
                                         "sitting_tolerance"};

const char *store_session_status_name(StoreSessionStatus st)
{
    return (unsigned)st < 3 ? STATUS_NAMES[st] : "interrupted";
}

static const char *const SOURCE_NAMES[] = {"live", "practice"};
static const char *const ORIGIN_NAMES[] = {"person", "sim", "replay", "capture", "demo"};
static const char *const MEASURE_NAMES[] = {"force", "angle", "self_timed", "none"};
static const char *const MVC_ORIGIN_NAMES[] = {"none", "tested", "clinician", "nominal"};

#define NAME_OF(table, i) ((unsigned)(i) < sizeof table / sizeof table[0] ? table[i] : table[0])

const char *store_source_name(StoreSource v) { return NAME_OF(SOURCE_NAMES, v); }
const char *store_origin_name(StoreOrigin v) { return NAME_OF(ORIGIN_NAMES, v); }
const char *store_measure_name(StoreMeasure v) { return NAME_OF(MEASURE_NAMES, v); }
const char *store_mvc_origin_name(StoreMvcOrigin v) { return NAME_OF(MVC_ORIGIN_NAMES, v); }

/* The index of name in table, or 0 (the column's default) when it is not there. */
static int name_index(const char *const *table, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(table[i], name) == 0)
            return (int)i;
    }
    return 0;
}
#define NAME_PARSE(table, name) name_index(table, sizeof table / sizeof table[0], name)

StoreSource st_source_parse(const char *name)
{
    return (StoreSource)NAME_PARSE(SOURCE_NAMES, name);
}
StoreOrigin st_origin_parse(const char *name)
{
    return (StoreOrigin)NAME_PARSE(ORIGIN_NAMES, name);
}
StoreMeasure st_measure_parse(const char *name)
{
    return (StoreMeasure)NAME_PARSE(MEASURE_NAMES, name);
}

static StoreSessionStatus status_parse(const char *name)
{
    for (int i = 0; i < 3; i++) {
        if (strcmp(name, STATUS_NAMES[i]) == 0)
            return (StoreSessionStatus)i;
    }
    return STORE_SESSION_INTERRUPTED;
}

const char *store_pain_kind_name(StorePainKind k)
{
    return (unsigned)k < 5 ? PAIN_NAMES[k] : "?";
}

bool store_pain_kind_parse(const char *name, StorePainKind *out)
{
    for (int i = 0; i < 5; i++) {
        if (name && strcmp(name, PAIN_NAMES[i]) == 0) {
            *out = (StorePainKind)i;
            return true;
        }
    }
    return false;
}

/* Runs one prepared INSERT/UPDATE to completion inside a transaction; on failure rolls back. */
static bool step_done(Store *s, sqlite3_stmt *st, const char *doing)
{
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return true;
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        st_fail(s, STORE_E_NOTFOUND, "%s: the profile or session it belongs to does not exist",
                doing);
    else
        st_fail_rc(s, rc, doing);
    st_rollback(s);
    return false;
}

/* ---- sessions ---- */

bool store_session_begin(Store *s, StoreSession *sess)
{
    const char *doing = "starting the session";
    st_clear(s);
    if (!st_valid_level(sess->level))
        return st_fail(s, STORE_E_INVALID, "a session needs its level id (like L01)");
    if (!sess->started)
        sess->started = store_now();
    if (!sess->date[0])
        store_local_date(sess->started, sess->date);
    if (!st_valid_date(sess->date))
        return st_fail(s, STORE_E_INVALID, "date '%s' is not YYYY-MM-DD", sess->date);
    if (!st_begin(s, doing))
        return false;
    sqlite3_stmt *st;
    /* A session left in progress was cut short by a crash: it keeps its sets, as interrupted. */
    if (!st_prepare(s,
                    "UPDATE sessions SET status = 'interrupted' "
                    "WHERE profile_id = ?1 AND status = 'in_progress'",
                    &st, doing)) {
        st_rollback(s);
        return false;
    }
    sqlite3_bind_int64(st, 1, sess->profile_id);
    if (!step_done(s, st, doing))
        return false;
    if (!st_prepare(s,
                    "INSERT INTO sessions (profile_id, level, started, date, status, supervised, "
                    " source, origin, measure, input_kind, device_name, calibration, mvc_n, "
                    " mvc_origin, sets_prescribed) "
                    "VALUES (?1, ?2, ?3, ?4, 'in_progress', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                    " ?13, ?14)",
                    &st, doing)) {
        st_rollback(s);
        return false;
    }
    sqlite3_bind_int64(st, 1, sess->profile_id);
    sqlite3_bind_text(st, 2, sess->level, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, sess->started);
    sqlite3_bind_text(st, 4, sess->date, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 5, sess->supervised ? 1 : 0);
    sqlite3_bind_text(st, 6, store_source_name(sess->source), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, store_origin_name(sess->origin), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, store_measure_name(sess->measure), -1, SQLITE_STATIC);
    st_bind_text(st, 9, sess->input_kind);
    st_bind_text(st, 10, sess->device_name);
    st_bind_text(st, 11, sess->calibration);
    st_bind_real(st, 12, sess->mvc_n > 0 ? sess->mvc_n : NAN);
    sqlite3_bind_text(st, 13, store_mvc_origin_name(sess->mvc_origin), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 14, sess->sets_prescribed > 0 ? sess->sets_prescribed : 0);
    if (!step_done(s, st, doing))
        return false;
    sess->id = sqlite3_last_insert_rowid(s->db);
    sess->ended = 0;
    sess->status = STORE_SESSION_IN_PROGRESS;
    sess->quality_pct = NAN;
    return st_commit(s, doing);
}

bool store_session_finish(Store *s, int64_t session_id, StoreSessionStatus status, int64_t ended,
                          double quality_pct)
{
    const char *doing = "finishing the session";
    st_clear(s);
    if (status != STORE_SESSION_FINISHED && status != STORE_SESSION_INTERRUPTED)
        return st_fail(s, STORE_E_INVALID, "a session ends finished or interrupted");
    if (!st_begin(s, doing))
        return false;
    sqlite3_stmt *st;
    if (!st_prepare(s,
                    "UPDATE sessions SET status = ?2, ended = ?3, quality_pct = coalesce(?4, "
                    " (SELECT avg(time_in_band_pct) FROM sets WHERE session_id = ?1 AND idx >= 1"
                    "  AND interrupted = 0 AND time_in_band_pct IS NOT NULL)) WHERE id = ?1",
                    &st, doing)) {
        st_rollback(s);
        return false;
    }
    sqlite3_bind_int64(st, 1, session_id);
    sqlite3_bind_text(st, 2, store_session_status_name(status), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, ended ? ended : store_now());
    st_bind_real(st, 4, quality_pct);
    if (!step_done(s, st, doing))
        return false;
    if (sqlite3_changes(s->db) != 1) {
        st_rollback(s);
        return st_fail(s, STORE_E_NOTFOUND, "there is no session #%lld", (long long)session_id);
    }
    return st_commit(s, doing);
}

#define SESSION_COLS                                                                              \
    "id, profile_id, level, started, ended, date, quality_pct, status, supervised, uid, source, "  \
    "origin, measure, input_kind, device_name, calibration, mvc_n, mvc_origin, sets_prescribed"

static void read_session(sqlite3_stmt *st, StoreSession *o)
{
    memset(o, 0, sizeof *o);
    o->id = sqlite3_column_int64(st, 0);
    o->profile_id = sqlite3_column_int64(st, 1);
    st_col_text(st, 2, o->level, sizeof o->level);
    o->started = sqlite3_column_int64(st, 3);
    o->ended = sqlite3_column_int64(st, 4);
    st_col_text(st, 5, o->date, sizeof o->date);
    o->quality_pct = st_col_real(st, 6);
    char status[16];
    st_col_text(st, 7, status, sizeof status);
    o->status = status_parse(status);
    o->supervised = sqlite3_column_int(st, 8) != 0;
    st_col_text(st, 9, o->uid, sizeof o->uid);
    char word[16];
    st_col_text(st, 10, word, sizeof word);
    o->source = (StoreSource)NAME_PARSE(SOURCE_NAMES, word);
    st_col_text(st, 11, word, sizeof word);
    o->origin = (StoreOrigin)NAME_PARSE(ORIGIN_NAMES, word);
    st_col_text(st, 12, word, sizeof word);
    o->measure = (StoreMeasure)NAME_PARSE(MEASURE_NAMES, word);
    st_col_text(st, 13, o->input_kind, sizeof o->input_kind);
    st_col_text(st, 14, o->device_name, sizeof o->device_name);
    st_col_text(st, 15, o->calibration, sizeof o->calibration);
    o->mvc_n = st_col_real(st, 16);
    st_col_text(st, 17, word, sizeof word);
    o->mvc_origin = (StoreMvcOrigin)NAME_PARSE(MVC_ORIGIN_NAMES, word);
    o->sets_prescribed = sqlite3_column_int(st, 18);
}

bool store_session_get(Store *s, int64_t session_id, StoreSession *out, bool *found)
{
    st_clear(s);
    *found = false;
    sqlite3_stmt *st;
    if (!st_prepare(s, "SELECT " SESSION_COLS " FROM sessions WHERE id = ?1", &st,
                    "reading the session"))
        return false;
    sqlite3_bind_int64(st, 1, session_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        read_session(st, out);
        *found = true;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE || st_fail_rc(s, rc, "reading the session");
}

static void row_session(sqlite3_stmt *st, void *row) { read_session(st, row); }

bool store_session_list(Store *s, int64_t profile_id, StoreSession **out, size_t *n)
{
    st_clear(s);
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    if (!st_prepare(s,
                    "SELECT " SESSION_COLS " FROM sessions WHERE profile_id = ?1 "
                    "ORDER BY date, started, id",
                    &st, "listing the sessions"))
        return false;
    sqlite3_bind_int64(st, 1, profile_id);
    void *rows = NULL; /* through a void *, not a cast of out: no type punning */
    bool ok = st_collect(s, st, sizeof **out, row_session, &rows, n, "listing the sessions");
    *out = rows;
    return ok;
}

/* ---- traces: little-endian float32 records (schema.c) ---- */

static void put_f32(unsigned char *p, double v)
{
    float f = (float)v;
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    p[0] = (unsigned char)(u & 0xff);
    p[1] = (unsigned char)((u >> 8) & 0xff);
    p[2] = (unsigned char)((u >> 16) & 0xff);
    p[3] = (unsigned char)((u >> 24) & 0xff);
}

static double get_f32(const unsigned char *p)
{
    uint32_t u = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

static unsigned char *trace_encode(const StoreSet *set, int channels, size_t *bytes)
{
    *bytes = set->trace_n * (size_t)channels * 4;
    unsigned char *buf = xmalloc(*bytes ? *bytes : 1);
    double t0 = set->trace[0].t_s;
    for (size_t i = 0; i < set->trace_n; i++) {
        const StoreSample *x = &set->trace[i];
        unsigned char *p = buf + i * (size_t)channels * 4;
        put_f32(p, x->t_s - t0);
        put_f32(p + 4, x->force_n);
        if (channels == 4) {
            put_f32(p + 8, x->left_n);
            put_f32(p + 12, x->right_n);
        }
    }
    return buf;
}

static bool check_set(Store *s, const StoreSet *set)
{
    if (set->index < 0 || set->index > 1000)
        return st_fail(s, STORE_E_INVALID, "set number %d is out of range", set->index);
    if (!isfinite(set->duration_s) || set->duration_s < 0)
        return st_fail(s, STORE_E_INVALID, "set %d has no valid duration", set->index);
    if (set->reps_done < 0)
        return st_fail(s, STORE_E_INVALID, "set %d has a negative rep count", set->index);
    if (set->trace_n > STORE_TRACE_MAX_SAMPLES)
        return st_fail(s, STORE_E_INVALID, "set %d's trace has %zu samples (at most %d are kept)",
                       set->index, set->trace_n, STORE_TRACE_MAX_SAMPLES);
    if (set->trace_n && !set->trace)
        return st_fail(s, STORE_E_INVALID, "set %d: trace samples are missing", set->index);
    for (size_t i = 0; i < set->trace_n; i++) {
        const StoreSample *x = &set->trace[i];
        bool ok = isfinite(x->t_s) && isfinite(x->force_n) &&
                  (!set->trace_has_lr || (isfinite(x->left_n) && isfinite(x->right_n)));
        if (!ok)
            return st_fail(s, STORE_E_INVALID, "set %d: trace sample %zu is not a finite number",
                           set->index, i + 1);
    }
    return true;
}

bool store_set_commit(Store *s, int64_t session_id, const StoreSet *set, int64_t *set_id)
{
    char doing[64];
    snprintf(doing, sizeof doing, "saving set %d", set->index);
    st_clear(s);
    if (!check_set(s, set))
        return false;
    int channels = set->trace_n ? (set->trace_has_lr ? 4 : 2) : 0;
    size_t bytes = 0;
    unsigned char *blob = channels ? trace_encode(set, channels, &bytes) : NULL;
    sqlite3_stmt *st;
    if (!st_begin(s, doing) ||
        !st_prepare(s,
                    "INSERT INTO sets (session_id, idx, duration_s, time_in_band_pct, mean_n, "
                    "peak_n, cv_pct, drift_pct_per_10s, left_pct, form_lost_s, interrupted, "
                    "target_n, band_low_n, band_high_n, reps_done, trace_t0_s, trace_channels, "
                    "trace, saved, notices, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                    "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
                    &st, doing)) {
        st_rollback(s);
        free(blob);
        return false;
    }
    sqlite3_bind_int64(st, 1, session_id);
    sqlite3_bind_int(st, 2, set->index);
    sqlite3_bind_double(st, 3, set->duration_s);
    st_bind_real(st, 4, set->time_in_band_pct);
    st_bind_real(st, 5, set->mean_n);
    st_bind_real(st, 6, set->peak_n);
    st_bind_real(st, 7, set->cv_pct);
    st_bind_real(st, 8, set->drift_pct_per_10s);
    st_bind_real(st, 9, set->left_pct);
    st_bind_real(st, 10, set->form_lost_s);
    sqlite3_bind_int(st, 11, set->interrupted ? 1 : 0);
    st_bind_real(st, 12, set->target_n);
    st_bind_real(st, 13, set->band_low_n);
    st_bind_real(st, 14, set->band_high_n);
    sqlite3_bind_int(st, 15, set->reps_done);
    st_bind_real(st, 16, channels ? set->trace[0].t_s : NAN);
    sqlite3_bind_int(st, 17, channels);
    if (blob)
        sqlite3_bind_blob64(st, 18, blob, bytes, free); /* SQLite frees it */
    else
        sqlite3_bind_null(st, 18);
    sqlite3_bind_int64(st, 19, store_now());
    st_bind_text(st, 20, set->notices);
    st_bind_text(st, 21, set->note);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_CONSTRAINT_UNIQUE) {
        st_rollback(s);
        return st_fail(s, STORE_E_EXISTS, "set %d of session #%lld is already saved", set->index,
                       (long long)session_id);
    }
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
        st_rollback(s);
        return st_fail(s, STORE_E_NOTFOUND, "%s: there is no session #%lld", doing,
                       (long long)session_id);
    }
    if (rc != SQLITE_DONE) {
        st_fail_rc(s, rc, doing);
        st_rollback(s);
        return false;
    }
    if (set_id)
        *set_id = sqlite3_last_insert_rowid(s->db);
    return st_commit(s, doing);
}

void st_read_set(sqlite3_stmt *st, StoreSet *x)
{
    memset(x, 0, sizeof *x);
    x->id = sqlite3_column_int64(st, 0);
    x->session_id = sqlite3_column_int64(st, 1);
    x->index = sqlite3_column_int(st, 2);
    x->duration_s = sqlite3_column_double(st, 3);
    x->time_in_band_pct = st_col_real(st, 4);
    x->mean_n = st_col_real(st, 5);
    x->peak_n = st_col_real(st, 6);
    x->cv_pct = st_col_real(st, 7);
    x->drift_pct_per_10s = st_col_real(st, 8);
    x->left_pct = st_col_real(st, 9);
    x->form_lost_s = st_col_real(st, 10);
    x->interrupted = sqlite3_column_int(st, 11) != 0;
    x->target_n = st_col_real(st, 12);
    x->band_low_n = st_col_real(st, 13);
    x->band_high_n = st_col_real(st, 14);
    x->reps_done = sqlite3_column_int(st, 15);
    int channels = sqlite3_column_int(st, 16);
    x->trace_has_lr = channels == 4;
    x->trace_n = channels ? (size_t)sqlite3_column_int64(st, 17) / ((size_t)channels * 4) : 0;
    st_col_text(st, 18, x->notices, sizeof x->notices);
    st_col_text(st, 19, x->note, sizeof x->note);
}

static void row_set(sqlite3_stmt *st, void *row) { st_read_set(st, row); }

bool store_session_sets(Store *s, int64_t session_id, StoreSet **out, size_t *n)
{
    st_clear(s);
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    if (!st_prepare(s,
                    "SELECT " ST_SET_COLS " FROM sets t WHERE t.session_id = ?1 ORDER BY t.idx",
                    &st, "reading the sets"))
        return false;
    sqlite3_bind_int64(st, 1, session_id);
    void *rows = NULL; /* through a void *, not a cast of out: no type punning */
    bool ok = st_collect(s, st, sizeof **out, row_set, &rows, n, "reading the sets");
    *out = rows;
    return ok;
}

bool store_set_trace(Store *s, int64_t set_id, StoreSample **out, size_t *n, bool *has_lr)
{
    const char *doing = "reading a set's trace";
    st_clear(s);
    *out = NULL;
    *n = 0;
    *has_lr = false;
    sqlite3_stmt *st;
    if (!st_prepare(s, "SELECT trace_channels, trace_t0_s, trace FROM sets WHERE id = ?1", &st,
                    doing))
        return false;
    sqlite3_bind_int64(st, 1, set_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        sqlite3_finalize(st);
        return st_fail(s, STORE_E_NOTFOUND, "there is no set #%lld", (long long)set_id);
    }
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        return st_fail_rc(s, rc, doing);
    }
    int channels = sqlite3_column_int(st, 0);
    double t0 = sqlite3_column_double(st, 1);
    const unsigned char *blob = sqlite3_column_blob(st, 2);
    size_t bytes = (size_t)sqlite3_column_bytes(st, 2);
    if (channels != 0 && channels != 2 && channels != 4) {
        sqlite3_finalize(st);
        return st_fail(s, STORE_E_CORRUPT, "%s: set #%lld has an unknown trace layout (%d)",
                       s->path, (long long)set_id, channels);
    }
    size_t rec = (size_t)channels * 4;
    if (channels && blob && bytes >= rec) {
        *n = bytes / rec;
        *out = xcalloc(*n, sizeof **out);
        *has_lr = channels == 4;
        for (size_t i = 0; i < *n; i++) {
            const unsigned char *p = blob + i * rec;
            StoreSample *x = &(*out)[i];
            x->t_s = t0 + get_f32(p);
            x->force_n = get_f32(p + 4);
            x->left_n = channels == 4 ? get_f32(p + 8) : NAN;
            x->right_n = channels == 4 ? get_f32(p + 12) : NAN;
        }
    }
    sqlite3_finalize(st);
    return true;
}

/* ---- pain ---- */

bool store_pain_add(Store *s, StorePain *p)
{
    const char *doing = "saving the pain answer";
    st_clear(s);
    if ((unsigned)p->kind > STORE_PAIN_SITTING_TOLERANCE)
        return st_fail(s, STORE_E_INVALID, "unknown kind of pain entry");
    bool minutes = p->kind == STORE_PAIN_SITTING_TOLERANCE;
    double hi = minutes ? 1440 : 10;
    if (!isfinite(p->value) || p->value < 0 || p->value > hi)
        return st_fail(s, STORE_E_INVALID, "%s %g is out of range (0 to %g%s)",
                       store_pain_kind_name(p->kind), p->value, hi, minutes ? " minutes" : "");
    if (!minutes && !p->session_id)
        return st_fail(s, STORE_E_INVALID, "a %s pain answer belongs to a session",
                       store_pain_kind_name(p->kind));
    if (p->kind == STORE_PAIN_SET && p->set_index < 0)
        return st_fail(s, STORE_E_INVALID, "a set's pain answer needs the set's number");
    if (p->kind != STORE_PAIN_SET)
        p->set_index = STORE_NO_SET; /* only set answers name a set */
    if (!p->time)
        p->time = store_now();
    if (!st_begin(s, doing))
        return false;
    sqlite3_stmt *st;
    /* The session must be this profile's (a NULL session passes the check). */
    if (!st_prepare(s,
                    "INSERT INTO pain_entries (profile_id, session_id, kind, set_index, value, "
                    "time) SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE ?2 IS NULL OR EXISTS "
                    "(SELECT 1 FROM sessions WHERE id = ?2 AND profile_id = ?1)",
                    &st, doing)) {
        st_rollback(s);
        return false;
    }
    sqlite3_bind_int64(st, 1, p->profile_id);
    st_bind_id(st, 2, p->session_id);
    sqlite3_bind_text(st, 3, store_pain_kind_name(p->kind), -1, SQLITE_STATIC);
    if (p->kind == STORE_PAIN_SET)
        sqlite3_bind_int(st, 4, p->set_index);
    else
        sqlite3_bind_null(st, 4);
    sqlite3_bind_double(st, 5, p->value);
    sqlite3_bind_int64(st, 6, p->time);
    if (!step_done(s, st, doing))
        return false;
    if (sqlite3_changes(s->db) != 1) {
        st_rollback(s);
        return st_fail(s, STORE_E_NOTFOUND, "%s: session #%lld is not one of this profile's",
                       doing, (long long)p->session_id);
    }
    p->id = sqlite3_last_insert_rowid(s->db);
    return st_commit(s, doing);
}

static void row_pain(sqlite3_stmt *st, void *row)
{
    StorePain *x = row;
    x->id = sqlite3_column_int64(st, 0);
    x->profile_id = sqlite3_column_int64(st, 1);
    x->session_id = sqlite3_column_int64(st, 2);
    char kind[24];
    st_col_text(st, 3, kind, sizeof kind);
    if (!store_pain_kind_parse(kind, &x->kind))
        x->kind = STORE_PAIN_AFTER;
    x->set_index =
        sqlite3_column_type(st, 4) == SQLITE_NULL ? STORE_NO_SET : sqlite3_column_int(st, 4);
    x->value = sqlite3_column_double(st, 5);
    x->time = sqlite3_column_int64(st, 6);
}

bool store_pain_list(Store *s, int64_t profile_id, int64_t session_id, StorePain **out, size_t *n)
{
    st_clear(s);
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    if (!st_prepare(s,
                    "SELECT id, profile_id, session_id, kind, set_index, value, time "
                    "FROM pain_entries WHERE profile_id = ?1 AND (?2 IS NULL OR session_id = ?2) "
                    "ORDER BY time, id",
                    &st, "reading the pain answers"))
        return false;
    sqlite3_bind_int64(st, 1, profile_id);
    st_bind_id(st, 2, session_id);
    void *rows = NULL; /* through a void *, not a cast of out: no type punning */
    bool ok = st_collect(s, st, sizeof **out, row_pain, &rows, n, "reading the pain answers");
    *out = rows;
    return ok;
}
