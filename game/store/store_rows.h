/* store/store_rows: every record of the store as plain rows, for copying it to another database
 * (the clinic server, game/sync). Rows are keyed by their stable uid, and every reference to
 * another record is given as that record's uid (profile_uid, session_uid), never as a local id,
 * so rows from many machines can sit side by side. Reading only: nothing here writes. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* The tables, parents before children (a reader that copies them in this order never sees a
 * row before the row it refers to). */
typedef enum StoreRowsTable {
    STORE_TABLE_PROFILES,
    STORE_TABLE_PRESCRIPTIONS,
    STORE_TABLE_MVC_TESTS,
    STORE_TABLE_SESSIONS,
    STORE_TABLE_SETS,
    STORE_TABLE_PAIN,
    STORE_TABLE_DECISIONS,
    STORE_TABLE_AUDIT,
    STORE_TABLE_COUNT,
} StoreRowsTable;

typedef enum StoreCellKind {
    STORE_CELL_NULL,
    STORE_CELL_INT,
    STORE_CELL_REAL,
    STORE_CELL_TEXT,
    STORE_CELL_BLOB,
} StoreCellKind;

/* One value as SQLite stored it. text holds TEXT (NUL-terminated, len bytes without the NUL)
 * or BLOB bytes (len bytes; NULL when empty). */
typedef struct StoreCell {
    StoreCellKind kind;
    int64_t i;
    double r;
    char *text;
    size_t len;
} StoreCell;

/* nrows rows of ncols cells (row-major: cells[row * ncols + col]); ids[row] is the local row id
 * (the resume point for the next read). */
typedef struct StoreRows {
    size_t ncols, nrows;
    int64_t *ids;
    StoreCell *cells;
} StoreRows;

/* The table's SQL name ("profiles", "sets", "audit_log", ...). */
const char *store_table_name(StoreRowsTable t);
/* The column names of the rows store_rows_read gives for t. Column 0 is always "uid". */
const char *const *store_table_columns(StoreRowsTable t, size_t *n);
/* The index of column name in t's rows, -1 when t has none of that name. */
int store_table_column(StoreRowsTable t, const char *name);
/* The highest local id in t now (0 when empty). Reading the marks of all tables children first
 * (STORE_TABLE_COUNT - 1 down to 0) gives a consistent cut: every row at or below its table's
 * mark refers only to rows at or below theirs, whatever is written meanwhile. */
bool store_rows_last_id(Store *s, StoreRowsTable t, int64_t *id);
/* Up to `limit` rows of t with after_id < local id <= upto_id, in id order. out is emptied first
 * and must be freed with store_rows_free (also after a failure). */
bool store_rows_read(Store *s, StoreRowsTable t, int64_t after_id, int64_t upto_id, size_t limit,
                     StoreRows *out);
void store_rows_free(StoreRows *r);
