/* store/rows: the store's records as plain rows keyed by uid (store_rows.h). One column list per
 * table says both the name a copy uses and the SQL that reads it; references to other records are
 * read through a join as the other record's uid. */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/str.h"
#include "store/store_internal.h"
#include "store/store_rows.h"

#define MAX_COLS 24

typedef struct TableDef {
    const char *name;
    const char *from; /* FROM clause; the table itself is aliased x */
    size_t ncols;
    const char *cols[MAX_COLS];  /* names as the copy has them */
    const char *exprs[MAX_COLS]; /* SQL reading each */
} TableDef;

/* Columns named after the SQLite ones; only the references change (x.profile_id -> p.uid). The
 * profile's level cap is not copied with the profile: the prescription carries it. */
static const TableDef TABLES[STORE_TABLE_COUNT] = {
    [STORE_TABLE_PROFILES] =
        {"profiles", "profiles x", 8,
         {"uid", "name", "affected_side", "body_mass_kg", "start_date", "current_level", "created",
          "archived"},
         {"x.uid", "x.name", "x.affected_side", "x.body_mass_kg", "x.start_date",
          "x.current_level", "x.created", "x.archived"}},
    [STORE_TABLE_PRESCRIPTIONS] =
        {"prescriptions", "prescriptions x JOIN profiles p ON p.id = x.profile_id", 10,
         {"uid", "profile_uid", "start_level", "level_cap", "overrides", "sets", "hold_s", "rest_s",
          "updated", "updated_by"},
         {"x.uid", "p.uid", "x.start_level", "x.level_cap", "x.overrides", "x.sets", "x.hold_s",
          "x.rest_s", "x.updated", "x.updated_by"}},
    [STORE_TABLE_MVC_TESTS] =
        {"mvc_tests", "mvc_tests x JOIN profiles p ON p.id = x.profile_id", 10,
         {"uid", "profile_uid", "date", "level", "best_n", "cv_pct", "pain_limited", "time",
          "origin", "inconsistent"},
         {"x.uid", "p.uid", "x.date", "x.level", "x.best_n", "x.cv_pct", "x.pain_limited",
          "x.time", "x.origin", "x.inconsistent"}},
    [STORE_TABLE_SESSIONS] =
        {"sessions", "sessions x JOIN profiles p ON p.id = x.profile_id", 19,
         {"uid", "profile_uid", "level", "started", "ended", "date", "quality_pct", "status",
          "supervised", "source", "origin", "input_kind", "device_name", "measure",
          "calibration", "mvc_n", "mvc_origin", "sets_prescribed", "morning_due"},
         {"x.uid", "p.uid", "x.level", "x.started", "x.ended", "x.date", "x.quality_pct",
          "x.status", "x.supervised", "x.source", "x.origin", "x.input_kind", "x.device_name",
          "x.measure", "x.calibration", "x.mvc_n", "x.mvc_origin", "x.sets_prescribed",
          "x.morning_due"}},
    [STORE_TABLE_SETS] =
        {"sets", "sets x JOIN sessions p ON p.id = x.session_id", 22,
         {"uid", "session_uid", "idx", "duration_s", "time_in_band_pct", "mean_n", "peak_n",
          "cv_pct", "drift_pct_per_10s", "left_pct", "form_lost_s", "interrupted", "target_n",
          "band_low_n", "band_high_n", "trace_t0_s", "trace_channels", "trace", "saved",
          "reps_done", "notices", "note"},
         {"x.uid", "p.uid", "x.idx", "x.duration_s", "x.time_in_band_pct", "x.mean_n",
          "x.peak_n", "x.cv_pct", "x.drift_pct_per_10s", "x.left_pct", "x.form_lost_s",
          "x.interrupted", "x.target_n", "x.band_low_n", "x.band_high_n", "x.trace_t0_s",
          "x.trace_channels", "x.trace", "x.saved", "x.reps_done", "x.notices", "x.note"}},
    [STORE_TABLE_PAIN] =
        {"pain_entries",
         "pain_entries x JOIN profiles p ON p.id = x.profile_id"
         " LEFT JOIN sessions q ON q.id = x.session_id",
         7,
         {"uid", "profile_uid", "session_uid", "kind", "set_index", "value", "time"},
         {"x.uid", "p.uid", "q.uid", "x.kind", "x.set_index", "x.value", "x.time"}},
    [STORE_TABLE_DECISIONS] =
        {"decisions",
         "decisions x JOIN profiles p ON p.id = x.profile_id"
         " LEFT JOIN sessions q ON q.id = x.session_id",
         10,
         {"uid", "profile_uid", "session_uid", "from_level", "to_level", "decision", "zone",
          "reason", "source", "time"},
         {"x.uid", "p.uid", "q.uid", "x.from_level", "x.to_level", "x.decision", "x.zone",
          "x.reason", "x.source", "x.time"}},
    [STORE_TABLE_AUDIT] =
        {"audit_log", "audit_log x LEFT JOIN profiles p ON p.id = x.profile_id", 9,
         {"uid", "profile_uid", "time", "actor", "action", "detail", "before", "after", "reason"},
         {"x.uid", "p.uid", "x.time", "x.actor", "x.action", "x.detail", "x.before", "x.after",
          "x.reason"}},
};

const char *store_table_name(StoreRowsTable t)
{
    return (unsigned)t < STORE_TABLE_COUNT ? TABLES[t].name : "?";
}

const char *const *store_table_columns(StoreRowsTable t, size_t *n)
{
    if ((unsigned)t >= STORE_TABLE_COUNT) {
        *n = 0;
        return NULL;
    }
    *n = TABLES[t].ncols;
    return TABLES[t].cols;
}

int store_table_column(StoreRowsTable t, const char *name)
{
    size_t n = 0;
    const char *const *cols = store_table_columns(t, &n);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(cols[i], name) == 0)
            return (int)i;
    }
    return -1;
}

void store_rows_free(StoreRows *r)
{
    if (!r)
        return;
    for (size_t i = 0; r->cells && i < r->nrows * r->ncols; i++)
        free(r->cells[i].text);
    free(r->cells);
    free(r->ids);
    memset(r, 0, sizeof *r);
}

static void read_cell(sqlite3_stmt *st, int col, StoreCell *c)
{
    memset(c, 0, sizeof *c);
    switch (sqlite3_column_type(st, col)) {
    case SQLITE_INTEGER:
        c->kind = STORE_CELL_INT;
        c->i = sqlite3_column_int64(st, col);
        break;
    case SQLITE_FLOAT:
        c->kind = STORE_CELL_REAL;
        c->r = sqlite3_column_double(st, col);
        break;
    case SQLITE_TEXT: {
        const unsigned char *t = sqlite3_column_text(st, col);
        c->kind = STORE_CELL_TEXT;
        c->len = (size_t)sqlite3_column_bytes(st, col);
        c->text = xmalloc(c->len + 1);
        memcpy(c->text, t ? (const char *)t : "", c->len);
        c->text[c->len] = '\0';
        break;
    }
    case SQLITE_BLOB: {
        const void *b = sqlite3_column_blob(st, col);
        c->kind = STORE_CELL_BLOB;
        c->len = (size_t)sqlite3_column_bytes(st, col);
        if (c->len > 0) {
            c->text = xmalloc(c->len);
            memcpy(c->text, b, c->len);
        }
        break;
    }
    default: c->kind = STORE_CELL_NULL; break;
    }
}

bool store_rows_last_id(Store *s, StoreRowsTable t, int64_t *id)
{
    *id = 0;
    if ((unsigned)t >= STORE_TABLE_COUNT)
        return st_fail(s, STORE_E_INVALID, "reading rows: no such table");
    char sql[96], doing[96];
    snprintf(sql, sizeof sql, "SELECT coalesce(max(id), 0) FROM %s", TABLES[t].name);
    snprintf(doing, sizeof doing, "reading its %s", TABLES[t].name);
    sqlite3_stmt *st = NULL;
    if (!st_prepare(s, sql, &st, doing))
        return false;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? true : st_fail_rc(s, rc, doing);
}

bool store_rows_read(Store *s, StoreRowsTable t, int64_t after_id, int64_t upto_id, size_t limit,
                     StoreRows *out)
{
    memset(out, 0, sizeof *out);
    if ((unsigned)t >= STORE_TABLE_COUNT || limit == 0)
        return st_fail(s, STORE_E_INVALID, "reading rows: no such table or an empty batch");
    const TableDef *d = &TABLES[t];
    StrBuf sql;
    strbuf_init(&sql);
    strbuf_append(&sql, "SELECT x.id");
    for (size_t c = 0; c < d->ncols; c++)
        strbuf_appendf(&sql, ", %s", d->exprs[c]);
    strbuf_appendf(&sql, " FROM %s WHERE x.id > ?1 AND x.id <= ?3 ORDER BY x.id LIMIT ?2", d->from);
    char doing[96];
    snprintf(doing, sizeof doing, "reading its %s", d->name);
    sqlite3_stmt *st = NULL;
    bool ok = st_prepare(s, sql.data, &st, doing);
    strbuf_free(&sql);
    if (!ok)
        return false;
    sqlite3_bind_int64(st, 1, after_id);
    sqlite3_bind_int64(st, 2, limit > (size_t)INT64_MAX ? INT64_MAX : (int64_t)limit);
    sqlite3_bind_int64(st, 3, upto_id);
    out->ncols = d->ncols;
    size_t cap_ids = 0, cap_cells = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        xgrow((void **)&out->ids, &cap_ids, out->nrows + 1, sizeof *out->ids);
        xgrow((void **)&out->cells, &cap_cells, (out->nrows + 1) * d->ncols, sizeof *out->cells);
        out->ids[out->nrows] = sqlite3_column_int64(st, 0);
        for (size_t c = 0; c < d->ncols; c++)
            read_cell(st, (int)c + 1, &out->cells[out->nrows * d->ncols + c]);
        out->nrows++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        store_rows_free(out);
        return st_fail_rc(s, rc, doing);
    }
    return true;
}
