/* sync/push: one sync run — pull prescriptions changed elsewhere, then send every local record
 * to the server in batches, one server transaction per batch (sync.h has the rules). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/str.h"
#include "sync/sync_internal.h"

/* What a second copy of a row does on the server. Rows that never change after they are made
 * (sets' numbers and traces, pain answers, decisions, MVC tests, audit entries) are kept as they
 * first arrived; the fields that can change are updated, and only when they differ, so an
 * unchanged row is never rewritten. */
static const char *const ON_CONFLICT[STORE_TABLE_COUNT] = {
    [STORE_TABLE_PROFILES] =
        "ON CONFLICT (uid) DO UPDATE SET name = excluded.name,"
        " affected_side = excluded.affected_side, body_mass_kg = excluded.body_mass_kg,"
        " start_date = excluded.start_date, current_level = excluded.current_level,"
        " archived = excluded.archived"
        " WHERE (t.name, t.affected_side, t.body_mass_kg, t.start_date, t.current_level,"
        " t.archived) IS DISTINCT FROM (excluded.name, excluded.affected_side,"
        " excluded.body_mass_kg, excluded.start_date, excluded.current_level, excluded.archived)",
    /* One prescription per patient: the later clinician's change wins, ties go to the larger
     * uid — the rule store_prescription_merge applies on the way back. */
    [STORE_TABLE_PRESCRIPTIONS] =
        "ON CONFLICT (profile_uid) DO UPDATE SET uid = excluded.uid,"
        " start_level = excluded.start_level, level_cap = excluded.level_cap,"
        " overrides = excluded.overrides, sets = excluded.sets, hold_s = excluded.hold_s,"
        " rest_s = excluded.rest_s, updated = excluded.updated,"
        " updated_by = excluded.updated_by"
        " WHERE excluded.updated > t.updated"
        " OR (excluded.updated = t.updated AND excluded.uid > t.uid)",
    [STORE_TABLE_MVC_TESTS] = "ON CONFLICT (uid) DO NOTHING",
    /* A session is first sent in progress, then finishes (or is found interrupted). */
    [STORE_TABLE_SESSIONS] =
        "ON CONFLICT (uid) DO UPDATE SET ended = excluded.ended,"
        " quality_pct = excluded.quality_pct, status = excluded.status,"
        " morning_due = excluded.morning_due, sets_prescribed = excluded.sets_prescribed"
        " WHERE (t.ended, t.quality_pct, t.status, t.morning_due, t.sets_prescribed)"
        " IS DISTINCT FROM (excluded.ended, excluded.quality_pct, excluded.status,"
        " excluded.morning_due, excluded.sets_prescribed)",
    [STORE_TABLE_SETS] = ("ON CONFLICT (uid) DO UPDATE SET note = excluded.note,"
                          " notices = excluded.notices WHERE (t.note, t.notices)"
                          " IS DISTINCT FROM (excluded.note, excluded.notices)"),
    [STORE_TABLE_PAIN] = "ON CONFLICT (uid) DO NOTHING",
    [STORE_TABLE_DECISIONS] = "ON CONFLICT (uid) DO NOTHING",
    [STORE_TABLE_AUDIT] = "ON CONFLICT (uid) DO NOTHING",
};

static void statement_name(StoreRowsTable t, char *out, size_t cap)
{
    snprintf(out, cap, "bh_push_%s", store_table_name(t));
}

/* INSERT INTO bridgehold.T AS t (cols) VALUES ($1..$n) ON CONFLICT ..., prepared once per
 * connection. */
static bool prepare_push(SyncConn *c, StoreRowsTable t, SyncError *err)
{
    if (c->prepared & (1u << t))
        return true;
    size_t n = 0;
    const char *const *cols = store_table_columns(t, &n);
    StrBuf sql;
    strbuf_init(&sql);
    strbuf_appendf(&sql, "INSERT INTO bridgehold.%s AS t (", store_table_name(t));
    for (size_t i = 0; i < n; i++)
        strbuf_appendf(&sql, "%s%s", i ? ", " : "", cols[i]);
    strbuf_append(&sql, ") VALUES (");
    for (size_t i = 0; i < n; i++)
        strbuf_appendf(&sql, "%s$%zu", i ? ", " : "", i + 1);
    strbuf_appendf(&sql, ") %s", ON_CONFLICT[t]);
    char name[64];
    statement_name(t, name, sizeof name);
    PGresult *res = PQprepare(c->pg, name, sql.data, (int)n, NULL);
    strbuf_free(&sql);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        char doing[96];
        snprintf(doing, sizeof doing, "preparing to send %s", store_table_name(t));
        return sync_fail_pg(c, res, doing, err);
    }
    PQclear(res);
    c->prepared |= 1u << t;
    return true;
}

/* Sends one row; *changed += 1 when the server inserted or updated it. */
static bool push_row(SyncConn *c, StoreRowsTable t, const StoreCell *cells, size_t n,
                     size_t *changed, SyncError *err)
{
    const char *vals[32];
    int lens[32], fmts[32];
    char nums[32][32];
    if (n > 32)
        n = 32; /* store_rows has at most 24 columns */
    for (size_t i = 0; i < n; i++) {
        const StoreCell *cell = &cells[i];
        lens[i] = 0;
        fmts[i] = 0;
        switch (cell->kind) {
        case STORE_CELL_NULL: vals[i] = NULL; break;
        case STORE_CELL_INT:
            snprintf(nums[i], sizeof nums[i], "%" PRId64, cell->i);
            vals[i] = nums[i];
            break;
        case STORE_CELL_REAL:
            /* 17 significant digits give back the same double on the server. */
            snprintf(nums[i], sizeof nums[i], "%.17g", cell->r);
            vals[i] = nums[i];
            break;
        case STORE_CELL_TEXT: vals[i] = cell->text; break;
        case STORE_CELL_BLOB:
            vals[i] = cell->text ? cell->text : "";
            lens[i] = (int)cell->len;
            fmts[i] = 1; /* binary: the trace bytes as they are */
            break;
        }
    }
    char name[64];
    statement_name(t, name, sizeof name);
    PGresult *res = PQexecPrepared(c->pg, name, (int)n, vals, lens, fmts, 0);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        char doing[160];
        snprintf(doing, sizeof doing, "storing %s record %s", store_table_name(t),
                 cells[0].kind == STORE_CELL_TEXT ? cells[0].text : "(without a uid)");
        return sync_fail_pg(c, res, doing, err);
    }
    if (strcmp(PQcmdTuples(res), "0") != 0)
        (*changed)++;
    PQclear(res);
    return true;
}

/* Sends every row of one table, batch_rows at a time, one transaction per batch. */
static bool push_table(SyncConn *c, Store *s, StoreRowsTable t, int64_t upto, size_t batch_rows,
                       SyncReport *rep, SyncError *err)
{
    if (!prepare_push(c, t, err))
        return false;
    int64_t after = 0;
    for (;;) {
        StoreRows rows;
        if (!store_rows_read(s, t, after, upto, batch_rows, &rows)) {
            sync_err(err, SYNC_E_STORE, "%s", store_errmsg(s));
            return false;
        }
        if (rows.nrows == 0) {
            store_rows_free(&rows);
            return true;
        }
        bool *known = xcalloc(rows.nrows, sizeof *known);
        size_t unknown = 0;
        bool ok = sync_rows_known(c, t, &rows, known, err);
        for (size_t r = 0; ok && r < rows.nrows; r++)
            unknown += !known[r];
        if (ok && unknown)
            ok = sync_exec(c, "BEGIN", "starting a batch", err);
        size_t changed = 0;
        for (size_t r = 0; ok && unknown && r < rows.nrows; r++) {
            if (known[r])
                continue; /* the server has it as it is: not sent again */
            const StoreCell *cells = &rows.cells[r * rows.ncols];
            if (cells[0].kind != STORE_CELL_TEXT) {
                /* The store gives every row a uid; a row without one cannot be merged. */
                sync_err(err, SYNC_E_STORE, "%s: %s row %" PRId64 " has no uid; nothing of it "
                         "was sent", store_path(s), store_table_name(t), rows.ids[r]);
                ok = false;
                break;
            }
            ok = push_row(c, t, cells, rows.ncols, &changed, err);
        }
        if (ok && unknown)
            ok = sync_exec(c, "COMMIT", "committing a batch", err);
        free(known);
        if (!ok) {
            sync_rollback(c);
            store_rows_free(&rows);
            return false;
        }
        rep->sent[t] += rows.nrows;
        rep->changed[t] += changed;
        rep->batches += unknown > 0;
        after = rows.ids[rows.nrows - 1];
        bool last = rows.nrows < batch_rows;
        store_rows_free(&rows);
        if (last)
            return true;
    }
}

bool sync_run(SyncConn *c, Store *s, size_t batch_rows, SyncReport *rep, SyncError *err)
{
    memset(rep, 0, sizeof *rep);
    if (batch_rows == 0)
        batch_rows = SYNC_DEFAULT_BATCH_ROWS;
    /* Pull first: a prescription changed elsewhere is merged (and audited) here, so this same
     * run sends the merge's audit entry and the winning prescription back up. */
    if (!sync_pull_prescriptions(c, s, &rep->pulled, err))
        return false;
    /* A session played while this runs must not send a set before its session: the marks,
     * read children first, cut the store where every row's parents are inside the cut. What
     * is written after the cut goes with the next sync. */
    int64_t upto[STORE_TABLE_COUNT];
    for (int t = STORE_TABLE_COUNT - 1; t >= 0; t--) {
        if (!store_rows_last_id(s, (StoreRowsTable)t, &upto[t])) {
            sync_err(err, SYNC_E_STORE, "%s", store_errmsg(s));
            return false;
        }
    }
    for (int t = 0; t < STORE_TABLE_COUNT; t++) {
        if (!push_table(c, s, (StoreRowsTable)t, upto[t], batch_rows, rep, err))
            return false;
    }
    return true;
}
