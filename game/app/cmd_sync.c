/* app/cmd_sync: `bridgehold sync [--server CONNINFO] [--data-dir DIR] [--init]` — send this
 * machine's records to the clinic's PostgreSQL server (--server, else the one configured with
 * `bridgehold clinic server`) and take in prescriptions changed elsewhere (game/sync). --init
 * creates or upgrades the server's schema and sends nothing.
 * A server that cannot be reached changes nothing here: the records stay in the local store and
 * the next sync sends them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/args.h"
#include "app/commands.h"
#include "clinic/clinic.h"
#include "store/store.h"
#include "sync/sync.h"

static const char *USAGE =
    "bridgehold sync [--server CONNINFO] [--data-dir DIR] [--init] [--batch-rows N]";

typedef struct SyncArgs {
    const char *server;
    const char *data_dir;
    bool init;
    size_t batch_rows;
} SyncArgs;

static int parse_args(int argc, char **argv, SyncArgs *a)
{
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: %s\n\nSends every record of this machine (patients, prescriptions, "
                   "sessions, sets with their\ntraces, pain, decisions, strength tests, audit) "
                   "to the clinic server and takes in\nprescriptions changed elsewhere. Without "
                   "--server it uses the server configured\nwith 'bridgehold clinic server'. "
                   "CONNINFO is a libpq connection string or URI\n('host=H dbname=D user=ROLE' "
                   "or 'postgresql://ROLE@H/D'); the password comes from\n~/.pgpass or a "
                   "service file, never from the command line. --init creates or\nupgrades the "
                   "server schema. --batch-rows N sends N records per server transaction\n"
                   "(default %d). Running it again is safe: what the server has is skipped.\n",
                   USAGE, SYNC_DEFAULT_BATCH_ROWS);
            return -1;
        }
        if (strcmp(argv[i], "--init") == 0) {
            a->init = true;
        } else if (args_take(argc, argv, &i, "--server", &v)) {
            if (!v || !*v)
                return args_usage_error("sync", USAGE, "--server needs a connection string");
            a->server = v;
        } else if (args_take(argc, argv, &i, "--data-dir", &v)) {
            if (!v || !*v)
                return args_usage_error("sync", USAGE, "--data-dir needs a folder");
            a->data_dir = v;
        } else if (args_take(argc, argv, &i, "--batch-rows", &v)) {
            double n = 0;
            if (!v || !args_number("sync", USAGE, "--batch-rows", v, 1, 100000, &n))
                return v ? 2 : args_usage_error("sync", USAGE, "--batch-rows needs a number");
            a->batch_rows = (size_t)n;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return args_usage_error("sync", USAGE, "unknown option '%s'", argv[i]);
        } else {
            return args_usage_error("sync", USAGE, "unexpected argument '%s'", argv[i]);
        }
    }
    return 0;
}

static int exit_for_sync(SyncErrKind k)
{
    return k == SYNC_E_USAGE ? EXIT_USAGE : EXIT_RUNTIME;
}

static int run_init(const char *server)
{
    SyncError err = {0};
    SyncConn *c = sync_connect(server, &err); /* checks the string first */
    int from = 0, to = 0;
    bool ok = c && sync_server_init(c, &from, &to, &err);
    if (!ok)
        fprintf(stderr, "bridgehold sync: %s\n", err.msg);
    else if (from == to)
        printf("sync: the clinic server %s already has schema version %d; nothing to do\n",
               sync_describe(c), to);
    else if (from == 0)
        printf("sync: created the Bridgehold schema (version %d) on %s\n", to, sync_describe(c));
    else
        printf("sync: upgraded the schema on %s from version %d to %d\n", sync_describe(c), from,
               to);
    sync_disconnect(c);
    return ok ? EXIT_OK : exit_for_sync(err.kind);
}

static void print_report(const SyncConn *c, const SyncReport *r)
{
    size_t sent = 0, changed = 0;
    for (int t = 0; t < STORE_TABLE_COUNT; t++) {
        sent += r->sent[t];
        changed += r->changed[t];
    }
    printf("sync: %zu records checked with %s: %zu new or changed (", sent, sync_describe(c),
           changed);
    bool first = true;
    for (int t = 0; t < STORE_TABLE_COUNT; t++) {
        if (r->changed[t] == 0)
            continue;
        printf("%s%s %zu", first ? "" : ", ", store_table_name((StoreRowsTable)t), r->changed[t]);
        first = false;
    }
    printf("%s), %zu batches; %zu prescriptions taken in from the server\n",
           first ? "none" : "", r->batches, r->pulled);
}

static int open_store(const SyncArgs *a, Store **s)
{
    char dir[4096];
    StoreError serr = {0};
    if (!store_resolve_dir(a->data_dir, dir, sizeof dir, &serr)) {
        fprintf(stderr, "bridgehold sync: %s\n", serr.msg);
        return EXIT_USAGE;
    }
    *s = store_open_existing(dir, &serr);
    if (*s)
        return EXIT_OK;
    fprintf(stderr, "bridgehold sync: %s\n", serr.msg);
    return serr.kind == STORE_E_NOTFOUND || serr.kind == STORE_E_INVALID ||
                   serr.kind == STORE_E_CORRUPT || serr.kind == STORE_E_NEWER
               ? EXIT_USAGE
               : EXIT_RUNTIME;
}

/* One sync of the store s with server. */
static int run_sync(const SyncArgs *a, const char *server, Store *s)
{
    SyncError err = {0};
    SyncConn *c = sync_connect(server, &err); /* checks the string first */
    bool ok = c && sync_server_ready(c, &err);
    SyncReport rep;
    if (ok)
        ok = sync_run(c, s, a->batch_rows, &rep, &err);
    if (ok) {
        print_report(c, &rep);
    } else {
        fprintf(stderr, "bridgehold sync: %s\n", err.msg);
        if (err.kind != SYNC_E_STORE && err.kind != SYNC_E_USAGE)
            fprintf(stderr, "bridgehold sync: nothing on this machine was changed or lost; "
                            "what was not sent goes with the next sync\n");
    }
    sync_disconnect(c);
    return ok ? EXIT_OK : exit_for_sync(err.kind);
}

int cmd_sync(int argc, char **argv)
{
    SyncArgs a = {0};
    int rc = parse_args(argc, argv, &a);
    if (rc != 0)
        return rc < 0 ? EXIT_OK : rc;
    SyncError err = {0};
    if (a.server && !sync_conninfo_check(a.server, &err)) {
        fprintf(stderr, "bridgehold sync: %s\n", err.msg);
        return EXIT_USAGE;
    }
    if (a.init && a.server) /* the server's schema: no data folder needed */
        return run_init(a.server);
    Store *s = NULL;
    if ((rc = open_store(&a, &s)) != EXIT_OK)
        return rc;
    char configured[STORE_SETTING_MAX] = "";
    if (!a.server && !clinic_server_get(s, configured, sizeof configured)) {
        fprintf(stderr, "bridgehold sync: %s\n", store_errmsg(s));
        rc = EXIT_RUNTIME;
    } else if (!a.server && !configured[0]) {
        rc = args_usage_error("sync", USAGE,
                              "no clinic server is configured for this computer: give --server "
                              "CONNINFO, or configure one with 'bridgehold clinic server "
                              "CONNINFO'");
    } else {
        const char *server = a.server ? a.server : configured;
        rc = a.init ? run_init(server) : run_sync(&a, server, s);
    }
    store_close(s);
    return rc;
}
