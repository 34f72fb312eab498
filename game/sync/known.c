/* sync/known: which rows of a batch the server already holds exactly as they are here, so a
 * sync sends only what is new or changed. Without it every sync sent every row again — every
 * set with its raw trace, one round trip each — for the server to throw away; with the game
 * syncing after each session that grew with the patient's whole history. The server is asked
 * once per batch; nothing is remembered locally, so the server stays the one truth of what it
 * has (a server restored from an old backup simply receives the rest again). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/str.h"
#include "sync/sync_internal.h"

/* Per table, the columns that may change after a row is first sent (the ones push.c updates)
 * and their server types; a row counts as known when the server has its uid with these equal.
 * Prescriptions are always sent: one per patient, and the server's rule picks the later. */
typedef struct Changeable {
    bool always_send;
    size_t n;
    const char *col[6];
    const char *type[6];
} Changeable;

static const Changeable CHANGEABLE[STORE_TABLE_COUNT] = {
    [STORE_TABLE_PROFILES] = {false, 6,
                              {"name", "affected_side", "body_mass_kg", "start_date",
                               "current_level", "archived"},
                              {"text", "text", "double precision", "text", "text", "integer"}},
    [STORE_TABLE_PRESCRIPTIONS] = {true, 0, {NULL}, {NULL}},
    [STORE_TABLE_SESSIONS] = {false, 5,
                              {"ended", "quality_pct", "status", "morning_due",
                               "sets_prescribed"},
                              {"bigint", "double precision", "text", "text", "integer"}},
    [STORE_TABLE_SETS] = {false, 2, {"notices", "note"}, {"text", "text"}},
    /* MVC tests, pain answers, decisions and audit entries never change */
};

/* One column of the batch as a PostgreSQL text[] literal: {"a","b",NULL}. */
static void array_literal(StrBuf *b, const StoreRows *rows, int col)
{
    strbuf_append(b, "{");
    for (size_t r = 0; r < rows->nrows; r++) {
        const StoreCell *cell = &rows->cells[r * rows->ncols + (size_t)col];
        if (r)
            strbuf_append(b, ",");
        switch (cell->kind) {
        case STORE_CELL_NULL:
        case STORE_CELL_BLOB: strbuf_append(b, "NULL"); break;
        case STORE_CELL_INT: strbuf_appendf(b, "%" PRId64, cell->i); break;
        case STORE_CELL_REAL: strbuf_appendf(b, "%.17g", cell->r); break;
        case STORE_CELL_TEXT:
            strbuf_append(b, "\"");
            for (const char *p = cell->text; *p; p++) {
                if (*p == '"' || *p == '\\')
                    strbuf_append(b, "\\");
                strbuf_appendf(b, "%c", *p);
            }
            strbuf_append(b, "\"");
            break;
        }
    }
    strbuf_append(b, "}");
}

/* SELECT l.uid FROM unnest($1::text[], $2::text[], ...) AS l(uid, c0, ...)
 * JOIN bridgehold.T t ON t.uid = l.uid::uuid WHERE t.c0 IS NOT DISTINCT FROM l.c0::type ... */
static void known_sql(StrBuf *sql, StoreRowsTable t, const Changeable *ch)
{
    strbuf_append(sql, "SELECT l.uid FROM unnest($1::text[]");
    for (size_t k = 0; k < ch->n; k++)
        strbuf_appendf(sql, ", $%zu::text[]", k + 2);
    strbuf_append(sql, ") AS l(uid");
    for (size_t k = 0; k < ch->n; k++)
        strbuf_appendf(sql, ", c%zu", k);
    strbuf_appendf(sql, ") JOIN bridgehold.%s t ON t.uid = l.uid::uuid WHERE true",
                   store_table_name(t));
    for (size_t k = 0; k < ch->n; k++)
        strbuf_appendf(sql, " AND t.%s IS NOT DISTINCT FROM l.c%zu::%s", ch->col[k], k,
                       ch->type[k]);
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool sync_rows_known(SyncConn *c, StoreRowsTable t, const StoreRows *rows, bool *known,
                     SyncError *err)
{
    memset(known, 0, rows->nrows * sizeof *known);
    const Changeable *ch = &CHANGEABLE[t];
    if (ch->always_send || rows->nrows == 0)
        return true;
    int idx[6];
    for (size_t k = 0; k < ch->n; k++) {
        idx[k] = store_table_column(t, ch->col[k]);
        if (idx[k] < 0) { /* a column list out of step with store/rows.c: send everything */
            log_warn("sync", "%s has no column %s; sending the batch whole", store_table_name(t),
                     ch->col[k]);
            return true;
        }
    }
    StrBuf params[7];
    const char *vals[7];
    size_t np = ch->n + 1;
    for (size_t k = 0; k < np; k++) {
        strbuf_init(&params[k]);
        array_literal(&params[k], rows, k == 0 ? 0 : idx[k - 1]);
        vals[k] = params[k].data;
    }
    StrBuf sql;
    strbuf_init(&sql);
    known_sql(&sql, t, ch);
    PGresult *res = PQexecParams(c->pg, sql.data, (int)np, NULL, vals, NULL, NULL, 0);
    strbuf_free(&sql);
    for (size_t k = 0; k < np; k++)
        strbuf_free(&params[k]);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        char doing[96];
        snprintf(doing, sizeof doing, "asking which %s the server has", store_table_name(t));
        return sync_fail_pg(c, res, doing, err);
    }
    int n = PQntuples(res);
    const char **have = n ? xcalloc((size_t)n, sizeof *have) : NULL;
    for (int i = 0; i < n; i++)
        have[i] = PQgetvalue(res, i, 0);
    if (n)
        qsort(have, (size_t)n, sizeof *have, by_text);
    for (size_t r = 0; r < rows->nrows; r++) {
        const StoreCell *uid = &rows->cells[r * rows->ncols];
        known[r] = uid->kind == STORE_CELL_TEXT && n &&
                   bsearch(&uid->text, have, (size_t)n, sizeof *have, by_text) != NULL;
    }
    free(have);
    PQclear(res);
    return true;
}
