/* sync/sync: one workstation's records to and from the clinic's shared PostgreSQL server.
 *
 * Every record carries the v4 uid made where it was created (store schema 3), and the server
 * keys every table by it, so a push is an INSERT ... ON CONFLICT (uid): sending a record twice
 * changes nothing, and workstations may sync in any order. Records that can still change after
 * they were first sent (a session's status, end and quality; a set's note; a profile's level)
 * are updated in place; a prescription keeps the copy with the later `updated` (ties: larger
 * uid), the same rule store_prescription_merge applies when the server's copy comes back.
 *
 * Batches: rows are checked in batches of at most `batch_rows`: one question tells which of them
 * the server already holds as they are here (sync/known.c), and only the others go up, in one
 * server transaction per batch, so a sync killed at any instant leaves whole batches on the
 * server and the next run sends the rest (what the server has is skipped by its uid). Nothing local is changed by a push; a pull only
 * merges prescriptions through the store's audited merge.
 *
 * Access: each clinic connects as its own PostgreSQL role. Every row holds the role that sent it
 * (column clinic, default current_user) and row-level security (forced, also on the tables'
 * owner) shows a role only its own rows. Roles that bypass row-level security (superusers,
 * BYPASSRLS) may create the schema (--init) but are refused for syncing and for the shared list,
 * which would otherwise mix clinics.
 *
 * Passwords come only from libpq's own mechanisms (~/.pgpass, PGPASSFILE, a service file);
 * a connection string with a password is refused. sslmode and the rest of the string are
 * libpq's. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"
#include "store/store_rows.h"

#define SYNC_SERVER_SCHEMA_VERSION 1 /* bridgehold.meta schema_version this build writes */
#define SYNC_DEFAULT_BATCH_ROWS 200

typedef enum SyncErrKind {
    SYNC_OK = 0,
    SYNC_E_USAGE,  /* the connection string itself is wrong (or holds a password) */
    SYNC_E_SERVER, /* the server is unreachable, refused us, or failed a statement */
    SYNC_E_SCHEMA, /* the server has no Bridgehold schema, an older one, or a newer one */
    SYNC_E_ROLE,   /* connected as a role that bypasses row-level security */
    SYNC_E_STORE,  /* the local database failed (message from the store) */
} SyncErrKind;

typedef struct SyncError {
    SyncErrKind kind;
    char msg[1024];
} SyncError;

typedef struct SyncConn SyncConn;

/* Checks a libpq connection string or URI without connecting: false + SYNC_E_USAGE when it does
 * not parse or carries a password. */
bool sync_conninfo_check(const char *conninfo, SyncError *err);
/* Connects (sync_conninfo_check first; connect_timeout 10 s unless the string says otherwise).
 * NULL + err on failure. */
SyncConn *sync_connect(const char *conninfo, SyncError *err);
void sync_disconnect(SyncConn *c);
/* "user@host/db" for messages. */
const char *sync_describe(const SyncConn *c);

/* Creates the server schema, or brings an older one up to SYNC_SERVER_SCHEMA_VERSION (all steps
 * in one transaction, under an advisory lock so two --init runs do not race). *from and *to say
 * which versions it went between (equal: nothing to do). A newer schema is refused unchanged. */
bool sync_server_init(SyncConn *c, int *from, int *to, SyncError *err);
/* True when the server schema is exactly SYNC_SERVER_SCHEMA_VERSION and the role is subject to
 * row-level security; otherwise a message saying what to do (SYNC_E_SCHEMA / SYNC_E_ROLE). */
bool sync_server_ready(SyncConn *c, SyncError *err);

typedef struct SyncReport {
    size_t sent[STORE_TABLE_COUNT];    /* rows checked with the server per table */
    size_t changed[STORE_TABLE_COUNT]; /* of those, rows the server inserted or updated */
    size_t batches;                    /* server transactions committed (batches with rows the
                                        * server lacked or had otherwise) */
    size_t pulled;                     /* prescriptions the server changed on this machine */
} SyncReport;

/* One sync: pull prescriptions changed elsewhere (merged by store_prescription_merge), then push
 * every local record in batches of batch_rows (0 = SYNC_DEFAULT_BATCH_ROWS). Call
 * sync_server_ready first. On failure the batches already committed stay on the server. */
bool sync_run(SyncConn *c, Store *s, size_t batch_rows, SyncReport *rep, SyncError *err);

/* One patient of the shared list; "" = none. */
typedef struct SyncPatient {
    char name[STORE_NAME_MAX];
    char level[STORE_LEVEL_MAX];
    char cap[STORE_LEVEL_MAX];
    char last_session[11];         /* date of the latest session */
    char zone[16];                 /* of the latest decision */
    char decision[24];
    char next_level[STORE_LEVEL_MAX];
    bool archived;
    char uid[STORE_UID_LEN];       /* the profile's uid, as made on its workstation */
} SyncPatient;

/* The shared patient list by name: every patient this role can see (archived ones only when
 * include_archived), from every workstation that synced. *out malloc'd (NULL when none). */
bool sync_patients(SyncConn *c, bool include_archived, SyncPatient **out, size_t *n,
                   SyncError *err);
