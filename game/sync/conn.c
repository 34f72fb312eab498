/* sync/conn: connecting to the clinic server and turning libpq failures into messages that say
 * what failed, with nothing else to do but fix it and sync again (no local data is touched). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/str.h"
#include "sync/sync_internal.h"

void sync_err(SyncError *err, SyncErrKind kind, const char *fmt, ...)
{
    if (!err)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->kind = kind;
}

/* libpq's messages end in a newline and may hold several lines ("\tIs the server running...");
 * one line reads better after "while ...:". */
static void one_line(const char *in, char *out, size_t cap)
{
    size_t o = 0;
    bool space = false;
    for (const char *p = in ? in : ""; *p && o + 1 < cap; p++) {
        if (*p == '\n' || *p == '\t' || *p == '\r' || *p == ' ') {
            space = o > 0;
            continue;
        }
        if (space && o + 2 < cap)
            out[o++] = ' ';
        space = false;
        out[o++] = *p;
    }
    out[o] = '\0';
}

bool sync_fail_pg(SyncConn *c, PGresult *res, const char *doing, SyncError *err)
{
    char msg[768];
    one_line(res ? PQresultErrorMessage(res) : "", msg, sizeof msg);
    if (!msg[0] && c && c->pg)
        one_line(PQerrorMessage(c->pg), msg, sizeof msg);
    if (!msg[0])
        str_copy(msg, sizeof msg, "no answer from the server");
    bool lost = c && c->pg && PQstatus(c->pg) == CONNECTION_BAD;
    sync_err(err, SYNC_E_SERVER, "the clinic server %s failed while %s: %s%s",
             c ? c->who : "?", doing, msg,
             lost ? " (the connection was lost)" : "");
    PQclear(res);
    return false;
}

bool sync_exec(SyncConn *c, const char *sql, const char *doing, SyncError *err)
{
    PGresult *res = PQexec(c->pg, sql);
    ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        return sync_fail_pg(c, res, doing, err);
    PQclear(res);
    return true;
}

void sync_rollback(SyncConn *c)
{
    if (c && c->pg && PQtransactionStatus(c->pg) != PQTRANS_IDLE)
        PQclear(PQexec(c->pg, "ROLLBACK"));
}

bool sync_conninfo_check(const char *conninfo, SyncError *err)
{
    if (!conninfo || !conninfo[0]) {
        sync_err(err, SYNC_E_USAGE, "--server needs a connection string, e.g. "
                                    "'host=db.clinic.example dbname=bridgehold user=clinic_a'");
        return false;
    }
    char *perr = NULL;
    PQconninfoOption *opts = PQconninfoParse(conninfo, &perr);
    if (!opts) {
        char msg[512];
        one_line(perr ? perr : "out of memory", msg, sizeof msg);
        PQfreemem(perr);
        sync_err(err, SYNC_E_USAGE, "the clinic server's connection string is not valid: %s", msg);
        return false;
    }
    bool has_password = false;
    for (PQconninfoOption *o = opts; o->keyword; o++) {
        if (strcmp(o->keyword, "password") == 0 && o->val && o->val[0])
            has_password = true;
    }
    PQconninfoFree(opts);
    if (has_password) {
        /* A password on the command line is visible to every user of the machine (ps) and
         * stays in shell history; in the settings it would sit in the data folder. */
        sync_err(err, SYNC_E_USAGE,
                 "the connection string contains a password, which anyone on this machine "
                 "could read from a command line or the settings. Remove it and put it in "
                 "~/.pgpass (mode 0600, one line host:port:database:user:password) or a "
                 "PostgreSQL service file instead");
        return false;
    }
    return true;
}

SyncConn *sync_connect(const char *conninfo, SyncError *err)
{
    if (!sync_conninfo_check(conninfo, err))
        return NULL;
    /* Keywords are applied in order and the expanded string comes last, so a connect_timeout
     * the user gives wins over ours. Ten seconds: a clinic's server that does not answer by
     * then is down for this sync, and the next one will try again. */
    const char *const keys[] = {"connect_timeout", "fallback_application_name", "dbname", NULL};
    const char *const vals[] = {"10", "bridgehold", conninfo, NULL};
    PGconn *pg = PQconnectdbParams(keys, vals, 1);
    if (!pg) {
        sync_err(err, SYNC_E_SERVER, "cannot connect to the clinic server: out of memory");
        return NULL;
    }
    if (PQstatus(pg) != CONNECTION_OK) {
        char msg[768];
        one_line(PQerrorMessage(pg), msg, sizeof msg);
        sync_err(err, SYNC_E_SERVER, "cannot connect to the clinic server: %s", msg);
        PQfinish(pg);
        return NULL;
    }
    SyncConn *c = xcalloc(1, sizeof *c);
    c->pg = pg;
    const char *host = PQhost(pg);
    snprintf(c->who, sizeof c->who, "%s@%s/%s", PQuser(pg) ? PQuser(pg) : "?",
             host && host[0] ? host : "local", PQdb(pg) ? PQdb(pg) : "?");
    /* Our statements are plain; keep the server's notices ("relation exists, skipping") off
     * the user's terminal. */
    PQclear(PQexec(pg, "SET client_min_messages = warning"));
    return c;
}

void sync_disconnect(SyncConn *c)
{
    if (!c)
        return;
    PQfinish(c->pg);
    free(c);
}

const char *sync_describe(const SyncConn *c)
{
    return c ? c->who : "?";
}
