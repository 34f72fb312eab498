/* store/store_internal: the Store handle and the small SQLite helpers the store's files share.
 * Not for use outside game/store (the store's own tests include it to reach the connection). */
#pragma once
#include <sqlite3.h>

#include "core/log.h"
#include "store/store.h"

#define STORE_PATH_MAX 4096
/* PRAGMA application_id of a Bridgehold database ("BHLD"): tells ours from other SQLite files. */
#define STORE_APPLICATION_ID 0x42484c44

struct Store {
    sqlite3 *db;
    char dir[STORE_PATH_MAX];
    char path[STORE_PATH_MAX];
    StoreError err;
    int busy_ms;
    int schema; /* user_version after opening */
    bool batch;        /* inside store_batch_begin .. commit: st_begin/st_commit join it */
    bool batch_failed; /* a write inside the batch failed and rolled the batch back */
};

/* schema.c: brings the schema from user_version `from` up to STORE_SCHEMA_VERSION, one
 * transaction per step. False + s->err on failure (nothing of a failed step is kept). */
bool st_migrate(Store *s, int from);
/* Part `part` (0-based) of the SQL of one step (1-based target version), for the store's tests;
 * NULL past the last. */
const char *st_migration_sql(int to_version, int part);

/* Classifies an SQLite result code into a message naming the file and what to do. `doing` says
 * what failed ("saving set 3"). Returns the kind. */
StoreErrKind st_describe(char *out, size_t cap, int rc, const char *path, const char *sqlmsg,
                         const char *doing, int busy_ms);

/* Sets s->err from the connection's last error; always returns false. */
bool st_fail_rc(Store *s, int rc, const char *doing);
/* Sets s->err to a message of our own; always returns false. */
bool st_fail(Store *s, StoreErrKind kind, const char *fmt, ...) BH_PRINTF(3, 4);
void st_clear(Store *s);

bool st_prepare(Store *s, const char *sql, sqlite3_stmt **st, const char *doing);
/* Steps a prepared SELECT to its end, growing *out (rows of row_size bytes) and filling each
 * row with read(st, row); finalizes st. On an error *out is freed, *n is 0 and the failure is
 * described as `doing`. */
typedef void (*StRowReader)(sqlite3_stmt *st, void *row);
bool st_collect(Store *s, sqlite3_stmt *st, size_t row_size, StRowReader read, void **out,
                size_t *n, const char *doing);
/* Runs SQL without results (no parameters: only for fixed statements). */
bool st_exec(Store *s, const char *sql, const char *doing);
/* BEGIN IMMEDIATE (takes the write lock now, so a busy database fails before any change). */
bool st_begin(Store *s, const char *doing);
bool st_commit(Store *s, const char *doing);
void st_rollback(Store *s);

/* Inserts one audit row inside the caller's transaction (time 0 = now; before/after/reason
 * NULL or "" = none; uid NULL = a new one by the trigger). */
bool st_audit_insert(Store *s, int64_t profile_id, const char *actor, const char *action,
                     const char *detail, const char *before, const char *after,
                     const char *reason, int64_t time, const char *doing);

/* prescriptions.c: sets only the prescription's level_cap (creating the row), audited as
 * "level_cap_set" by actor, in its own transaction. */
bool st_prescription_set_cap(Store *s, int64_t profile_id, const char *cap, const char *actor);

/* profiles.c: a decision from columns 0..8 of id, profile_id, from_level, to_level, decision,
 * zone, reason, source, time (the rest of *d zeroed). */
void st_read_decision(sqlite3_stmt *st, StoreDecision *d);

/* Binding and reading with NAN <-> NULL and 0 <-> NULL conventions. */
int st_bind_real(sqlite3_stmt *st, int idx, double v);   /* NAN -> NULL */
int st_bind_id(sqlite3_stmt *st, int idx, int64_t id);   /* 0 -> NULL */
int st_bind_text(sqlite3_stmt *st, int idx, const char *s); /* NULL or "" -> NULL */
double st_col_real(sqlite3_stmt *st, int col);           /* NULL -> NAN */
void st_col_text(sqlite3_stmt *st, int col, char *dst, size_t cap); /* NULL -> "" */

/* A level id as the ladder spells them: 1..15 bytes of [A-Za-z0-9_-]. */
bool st_valid_level(const char *id);
bool st_valid_date(const char *d); /* a real calendar date as YYYY-MM-DD, years 1900–9999 */

/* The enum of a provenance column's text (its default when unknown). */
StoreSource st_source_parse(const char *name);
StoreOrigin st_origin_parse(const char *name);
StoreMeasure st_measure_parse(const char *name);

/* The columns of a set row as st_read_set reads them (columns 0..19), from `sets t`. */
#define ST_SET_COLS                                                                              \
    "t.id, t.session_id, t.idx, t.duration_s, t.time_in_band_pct, t.mean_n, t.peak_n, "        \
    "t.cv_pct, t.drift_pct_per_10s, t.left_pct, t.form_lost_s, t.interrupted, t.target_n, "     \
    "t.band_low_n, t.band_high_n, t.reps_done, t.trace_channels, length(t.trace), t.notices, " \
    "t.note"
/* Reads one set row selected with ST_SET_COLS (trace NULL, trace_n = samples stored). */
void st_read_set(sqlite3_stmt *st, StoreSet *x);
