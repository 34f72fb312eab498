/* sync/sync_internal: the connection handle and the libpq helpers the sync files share. */
#pragma once
#include <libpq-fe.h>

#include "core/log.h"
#include "sync/sync.h"

struct SyncConn {
    PGconn *pg;
    char who[256];     /* user@host/db */
    unsigned prepared; /* bit per StoreRowsTable: its push statement is prepared */
};

void sync_err(SyncError *err, SyncErrKind kind, const char *fmt, ...) BH_PRINTF(3, 4);
/* Sets err from a failed result (or the connection when res is NULL): "while DOING: message".
 * Clears res. Returns false. */
bool sync_fail_pg(SyncConn *c, PGresult *res, const char *doing, SyncError *err);
/* Runs a fixed statement with no parameters; true when it returned COMMAND_OK or TUPLES_OK. */
bool sync_exec(SyncConn *c, const char *sql, const char *doing, SyncError *err);
/* Rolls back whatever transaction is open (errors ignored: the server drops it anyway). */
void sync_rollback(SyncConn *c);

/* known.c: known[r] true when the server already holds row r of rows exactly as it is here (its
 * uid, and the columns that may change equal), so it need not be sent again. */
bool sync_rows_known(SyncConn *c, StoreRowsTable t, const StoreRows *rows, bool *known,
                     SyncError *err);

/* pull.c: merges the server's prescriptions of this store's profiles into the store
 * (store_prescription_merge: later `updated` wins, audited); *changed counts the ones that
 * changed this store. */
bool sync_pull_prescriptions(SyncConn *c, Store *s, size_t *changed, SyncError *err);
