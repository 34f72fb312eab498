/* store/db: finding the data directory, opening the database safely, and turning SQLite errors
 * into messages a patient or clinician can act on. Opening never changes a file it refuses. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/str.h"
#include "rehab/history.h"
#include "store/store_internal.h"

#define APPLICATION_ID STORE_APPLICATION_ID

static void err_set(StoreError *e, StoreErrKind kind, const char *fmt, ...) BH_PRINTF(3, 4);

static void err_set(StoreError *e, StoreErrKind kind, const char *fmt, ...)
{
    if (!e)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    e->kind = kind;
}

/* ---- the data directory ---- */

static bool put_path(char *out, size_t cap, StoreError *err, const char *a, const char *b)
{
    int n = snprintf(out, cap, "%s%s", a, b);
    if (n < 0 || (size_t)n >= cap) {
        err_set(err, STORE_E_INVALID, "the data folder path is too long (%s%s)", a, b);
        return false;
    }
    return true;
}

bool store_resolve_dir(const char *data_dir_arg, char *out, size_t cap, StoreError *err)
{
    const char *env = getenv("BRIDGEHOLD_DATA_DIR");
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    if (data_dir_arg && data_dir_arg[0])
        return put_path(out, cap, err, data_dir_arg, "");
    if (env && env[0])
        return put_path(out, cap, err, env, "");
    /* The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored. */
    if (xdg && xdg[0] == '/')
        return put_path(out, cap, err, xdg, "/bridgehold");
    if (home && home[0])
        return put_path(out, cap, err, home, "/.local/share/bridgehold");
    err_set(err, STORE_E_INVALID,
            "cannot tell where to keep your data: HOME is not set. Give --data-dir DIR or set "
            "BRIDGEHOLD_DATA_DIR");
    return false;
}

/* mkdir -p with mode 0700 for every folder it creates. */
static bool make_dirs(const char *dir, StoreError *err)
{
    char buf[STORE_PATH_MAX];
    if (!str_copy(buf, sizeof buf, dir)) {
        err_set(err, STORE_E_INVALID, "the data folder path is too long (%s)", dir);
        return false;
    }
    size_t len = strlen(buf);
    while (len > 1 && buf[len - 1] == '/')
        buf[--len] = '\0';
    for (char *p = buf + 1;; p++) {
        bool end = *p == '\0';
        if (*p == '/' || end) {
            *p = '\0';
            struct stat st;
            if (stat(buf, &st) != 0) {
                if (mkdir(buf, 0700) != 0 && errno != EEXIST) {
                    err_set(err, errno == EACCES || errno == EROFS ? STORE_E_READONLY : STORE_E_IO,
                            "cannot create the data folder %s: %s. Give --data-dir with a folder "
                            "you can write to",
                            buf, strerror(errno));
                    return false;
                }
            } else if (!S_ISDIR(st.st_mode)) {
                err_set(err, STORE_E_INVALID,
                        "%s is not a folder, so Bridgehold cannot keep its data there. Give "
                        "--data-dir with a folder",
                        buf);
                return false;
            }
            if (end)
                break;
            *p = '/';
        }
    }
    return true;
}

bool store_default_dir(const char *data_dir_arg, char *out, size_t cap, StoreError *err)
{
    return store_resolve_dir(data_dir_arg, out, cap, err) && make_dirs(out, err);
}

/* ---- errors ---- */

/* A message cut short to fit the caller's buffer is acceptable (paths can be 4 KB long); gcc
 * at -O3 inlines the callers' sizes and would warn on every case below. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-truncation"
#endif
StoreErrKind st_describe(char *out, size_t cap, int rc, const char *path, const char *sqlmsg,
                         const char *doing, int busy_ms)
{
    if (!sqlmsg)
        sqlmsg = sqlite3_errstr(rc);
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        snprintf(out, cap,
                 "%s is in use by another program (is another Bridgehold running?) and stayed "
                 "locked for over %.1f s, so %s failed. Close the other program and try again; "
                 "nothing already saved is lost",
                 path, busy_ms / 1000.0, doing);
        return STORE_E_BUSY;
    case SQLITE_READONLY:
    case SQLITE_PERM:
        snprintf(out, cap,
                 "%s cannot be written (%s), so %s failed. Make the file and its folder "
                 "writable (chmod u+w), or give --data-dir with a folder you can write to",
                 path, sqlmsg, doing);
        return STORE_E_READONLY;
    case SQLITE_FULL:
        snprintf(out, cap,
                 "the disk holding %s is full, so %s failed; everything saved before is "
                 "safe. Free some disk space and try again",
                 path, doing);
        return STORE_E_FULL;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        snprintf(out, cap,
                 "%s is damaged or is not a Bridgehold database (%s), so %s failed; the file "
                 "was left as it is. Keep a copy of it, then move it aside (e.g. rename "
                 "it to bridgehold.db.damaged) to start a new one, or restore it from a backup",
                 path, sqlmsg, doing);
        return STORE_E_CORRUPT;
    case SQLITE_CANTOPEN:
        snprintf(out, cap,
                 "cannot open %s (%s), so %s failed. Check that its folder exists and "
                 "that you may read and write it",
                 path, sqlmsg, doing);
        return STORE_E_IO;
    case SQLITE_IOERR:
        snprintf(out, cap,
                 "%s failed: could not read or write %s (%s). Check the disk (is it full, "
                 "removed or failing?) and try again",
                 doing, path, sqlmsg);
        return STORE_E_IO;
    default:
        snprintf(out, cap, "%s failed on %s: %s", doing, path, sqlmsg);
        return STORE_E_IO;
    }
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

bool st_collect(Store *s, sqlite3_stmt *st, size_t row_size, StRowReader read, void **out,
                size_t *n, const char *doing)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        xgrow(out, &cap, *n + 1, row_size);
        void *row = (unsigned char *)*out + *n * row_size;
        memset(row, 0, row_size);
        read(st, row);
        (*n)++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return st_fail_rc(s, rc, doing);
    }
    return true;
}

bool st_fail_rc(Store *s, int rc, const char *doing)
{
    const char *msg = s->db ? sqlite3_errmsg(s->db) : NULL;
    s->err.kind = st_describe(s->err.msg, sizeof s->err.msg, rc, s->path, msg, doing, s->busy_ms);
    log_debug("store", "%s", s->err.msg);
    return false;
}

bool st_fail(Store *s, StoreErrKind kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->err.msg, sizeof s->err.msg, fmt, ap);
    va_end(ap);
    s->err.kind = kind;
    return false;
}

void st_clear(Store *s)
{
    s->err.kind = STORE_OK;
    s->err.msg[0] = '\0';
}

/* ---- opening ---- */

static int pragma_int(sqlite3 *db, const char *sql, int *out)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *out = sqlite3_column_int(st, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* Makes sure the file exists with mode 0600 (creating it only when allowed). */
static bool prepare_file(Store *s, bool create, StoreError *err)
{
    struct stat st;
    if (stat(s->path, &st) != 0) {
        if (!create) {
            err_set(err, STORE_E_NOTFOUND,
                    "there is no Bridgehold data in %s (no %s there). Play a session first, or "
                    "give --data-dir with the folder that holds your data",
                    s->dir, STORE_DB_FILE);
            return false;
        }
        int fd = open(s->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST) {
            err_set(err, errno == EACCES || errno == EROFS ? STORE_E_READONLY : STORE_E_IO,
                    "cannot create %s: %s. Make its folder writable, or give --data-dir with a "
                    "folder you can write to",
                    s->path, strerror(errno));
            return false;
        }
        if (fd >= 0) {
            if (fchmod(fd, 0600) != 0)
                log_warn("store", "cannot set mode 0600 on %s: %s", s->path, strerror(errno));
            close(fd);
        }
        return true;
    }
    if (!S_ISREG(st.st_mode)) {
        err_set(err, STORE_E_INVALID, "%s is not a regular file; move it aside and try again",
                s->path);
        return false;
    }
    /* Health data: take away what group and others may do (never add rights). */
    if ((st.st_mode & 077) != 0 && st.st_uid == geteuid() &&
        chmod(s->path, st.st_mode & 0700) != 0)
        log_warn("store", "cannot restrict %s to its owner: %s", s->path, strerror(errno));
    return true;
}

static Store *fail_open(Store *s, StoreError *err, int rc, const char *doing)
{
    if (rc != SQLITE_OK && err) {
        const char *msg = s->db ? sqlite3_errmsg(s->db) : NULL;
        err->kind = st_describe(err->msg, sizeof err->msg, rc, s->path, msg, doing, s->busy_ms);
    }
    if (s->db) {
        /* A refused file must stay as it was: no checkpoint of its WAL into it on close. */
        sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
        sqlite3_close(s->db);
    }
    free(s);
    return NULL;
}

/* Reads the header facts that decide whether we may touch the file at all. Reading changes
 * nothing in the file. */
static Store *check_header(Store *s, StoreError *err, int *version)
{
    int rc = pragma_int(s->db, "PRAGMA user_version", version);
    if (rc != SQLITE_OK)
        return fail_open(s, err, rc, "opening it");
    int app_id = 0, objects = 0;
    rc = pragma_int(s->db, "PRAGMA application_id", &app_id);
    if (rc == SQLITE_OK)
        rc = pragma_int(s->db, "SELECT count(*) FROM sqlite_master", &objects);
    if (rc != SQLITE_OK)
        return fail_open(s, err, rc, "opening it");
    if ((app_id != 0 && app_id != APPLICATION_ID) || (*version == 0 && objects > 0)) {
        err_set(err, STORE_E_CORRUPT,
                "%s is an SQLite database of another program, not Bridgehold's; nothing was "
                "changed. Move it aside, or give --data-dir with another folder",
                s->path);
        return fail_open(s, NULL, SQLITE_OK, NULL);
    }
    if (*version > STORE_SCHEMA_VERSION) {
        err_set(err, STORE_E_NEWER,
                "%s was written by a newer Bridgehold (schema %d, this one knows %d); nothing was "
                "changed. Update Bridgehold to use it, or give --data-dir with another folder",
                s->path, *version, STORE_SCHEMA_VERSION);
        return fail_open(s, NULL, SQLITE_OK, NULL);
    }
    return s;
}

static Store *open_store(const char *dir, bool create, StoreError *err)
{
    if (err) {
        err->kind = STORE_OK;
        err->msg[0] = '\0';
    }
    if (!dir || !dir[0]) {
        err_set(err, STORE_E_INVALID, "no data folder was given");
        return NULL;
    }
    Store *s = xcalloc(1, sizeof *s);
    s->busy_ms = STORE_DEFAULT_BUSY_MS;
    if (!str_copy(s->dir, sizeof s->dir, dir) ||
        snprintf(s->path, sizeof s->path, "%s/%s", dir, STORE_DB_FILE) >= (int)sizeof s->path) {
        err_set(err, STORE_E_INVALID, "the data folder path is too long (%s)", dir);
        return fail_open(s, NULL, SQLITE_OK, NULL);
    }
    struct stat st;
    if (create && !make_dirs(dir, err))
        return fail_open(s, NULL, SQLITE_OK, NULL);
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        err_set(err, STORE_E_NOTFOUND, "the data folder %s does not exist%s", dir,
                create ? "" : ". Give --data-dir with the folder that holds your data");
        return fail_open(s, NULL, SQLITE_OK, NULL);
    }
    /* WAL needs to create DIR/bridgehold.db-wal and -shm next to the file. */
    if (access(dir, W_OK | X_OK) != 0) {
        int e = errno;
        err_set(err, STORE_E_READONLY,
                "the data folder %s cannot be written (%s), so Bridgehold cannot save there. Make "
                "it writable (chmod u+w), or give --data-dir with a folder you can write to",
                dir, strerror(e));
        return fail_open(s, NULL, SQLITE_OK, NULL);
    }
    if (!prepare_file(s, create, err))
        return fail_open(s, NULL, SQLITE_OK, NULL);
    if (access(s->path, R_OK | W_OK) != 0) {
        int e = errno;
        const char *what = access(s->path, R_OK) != 0 ? "read" : "written";
        err_set(err, STORE_E_READONLY,
                "%s cannot be %s (%s); nothing was changed. Make it readable and writable "
                "(chmod u+rw), or give --data-dir with another folder",
                s->path, what, strerror(e));
        return fail_open(s, NULL, SQLITE_OK, NULL);
    }
    /* No SQLITE_OPEN_CREATE: the file exists (we made it 0600) and must not be replaced. */
    int rc = sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK)
        return fail_open(s, err, rc, "opening it");
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, s->busy_ms);

    int version = 0;
    if (!check_header(s, err, &version))
        return NULL;
    if (sqlite3_db_readonly(s->db, "main") == 1) {
        err_set(err, STORE_E_READONLY,
                "%s can only be opened read-only; nothing was changed. Make it and its folder "
                "writable (chmod u+w), or give --data-dir with another folder",
                s->path);
        return fail_open(s, NULL, SQLITE_OK, NULL);
    }
    /* WAL: readers never block the writer and a killed writer leaves a consistent file. FULL
     * syncs the WAL at every commit, so a committed set survives even a power cut. */
    sqlite3_stmt *jm = NULL;
    rc = sqlite3_prepare_v2(s->db, "PRAGMA journal_mode=WAL", -1, &jm, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(jm);
        if (rc == SQLITE_ROW) {
            const char *mode = (const char *)sqlite3_column_text(jm, 0);
            if (!mode || strcmp(mode, "wal") != 0)
                log_warn("store", "%s: WAL is not available here (journal mode %s)", s->path,
                         mode ? mode : "?");
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(jm);
    if (rc != SQLITE_OK)
        return fail_open(s, err, rc, "opening it");
    rc = sqlite3_exec(s->db, "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return fail_open(s, err, rc, "opening it");
    if (version < STORE_SCHEMA_VERSION && !st_migrate(s, version)) {
        if (err)
            *err = s->err;
        return fail_open(s, NULL, SQLITE_OK, NULL);
    }
    s->schema = STORE_SCHEMA_VERSION;
    return s;
}

Store *store_open(const char *dir, StoreError *err)
{
    return open_store(dir, true, err);
}

Store *store_open_existing(const char *dir, StoreError *err)
{
    return open_store(dir, false, err);
}

void store_close(Store *s)
{
    if (!s)
        return;
    /* Closing the last connection checkpoints the WAL into the file; a failure keeps the WAL,
     * which the next open replays, so nothing is lost either way. */
    if (sqlite3_close(s->db) != SQLITE_OK)
        log_warn("store", "%s: %s", s->path, sqlite3_errmsg(s->db));
    free(s);
}

const char *store_errmsg(const Store *s)
{
    return s ? s->err.msg : "no database is open";
}

StoreErrKind store_errkind(const Store *s)
{
    return s ? s->err.kind : STORE_E_INVALID;
}

const char *store_path(const Store *s)
{
    return s->path;
}

const char *store_dir(const Store *s)
{
    return s->dir;
}

void store_set_busy_timeout(Store *s, int ms)
{
    s->busy_ms = ms < 0 ? 0 : ms;
    sqlite3_busy_timeout(s->db, s->busy_ms);
}

int64_t store_now(void)
{
    return (int64_t)time(NULL);
}

void store_local_date(int64_t t, char out[11])
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!localtime_r(&tt, &tm) || strftime(out, 11, "%Y-%m-%d", &tm) != 10)
        strcpy(out, "1970-01-01");
}

/* ---- statement helpers ---- */

bool st_prepare(Store *s, const char *sql, sqlite3_stmt **st, const char *doing)
{
    int rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(*st);
        *st = NULL;
        return st_fail_rc(s, rc, doing);
    }
    return true;
}

bool st_exec(Store *s, const char *sql, const char *doing)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK || st_fail_rc(s, rc, doing);
}

bool st_begin(Store *s, const char *doing)
{
    st_clear(s);
    if (s->batch) {
        if (s->batch_failed)
            return st_fail(s, STORE_E_INVALID, "%s: an earlier step of this batch failed",
                           doing);
        return true;
    }
    return st_exec(s, "BEGIN IMMEDIATE", doing);
}

bool st_commit(Store *s, const char *doing)
{
    if (s->batch)
        return !s->batch_failed;
    int rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        return true;
    st_fail_rc(s, rc, doing);
    st_rollback(s);
    return false;
}

void st_rollback(Store *s)
{
    if (s->batch)
        s->batch_failed = true;
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* ---- batches ---- */

bool store_batch_begin(Store *s)
{
    st_clear(s);
    if (s->batch)
        return st_fail(s, STORE_E_INVALID, "a batch is already open");
    if (!st_exec(s, "BEGIN IMMEDIATE", "starting the import"))
        return false;
    s->batch = true;
    s->batch_failed = false;
    return true;
}

bool store_batch_commit(Store *s)
{
    if (!s->batch)
        return st_fail(s, STORE_E_INVALID, "no batch is open");
    s->batch = false;
    if (s->batch_failed) {
        st_rollback(s);
        if (s->err.kind == STORE_OK)
            st_fail(s, STORE_E_INVALID, "a step of the batch failed; nothing was saved");
        return false;
    }
    st_clear(s);
    return st_commit(s, "saving the import");
}

void store_batch_rollback(Store *s)
{
    s->batch = false;
    s->batch_failed = false;
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int st_bind_real(sqlite3_stmt *st, int idx, double v)
{
    return isfinite(v) ? sqlite3_bind_double(st, idx, v) : sqlite3_bind_null(st, idx);
}

int st_bind_id(sqlite3_stmt *st, int idx, int64_t id)
{
    return id ? sqlite3_bind_int64(st, idx, id) : sqlite3_bind_null(st, idx);
}

int st_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
    return s && s[0] ? sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT)
                     : sqlite3_bind_null(st, idx);
}

double st_col_real(sqlite3_stmt *st, int col)
{
    return sqlite3_column_type(st, col) == SQLITE_NULL ? NAN : sqlite3_column_double(st, col);
}

void st_col_text(sqlite3_stmt *st, int col, char *dst, size_t cap)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    str_copy(dst, cap, t ? (const char *)t : "");
}

bool st_valid_level(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    if (n == 0 || n >= STORE_LEVEL_MAX)
        return false;
    for (const char *p = id; *p; p++) {
        char c = *p;
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

bool st_valid_date(const char *d)
{
    SessionRecord r; /* the same calendar check as the History CSV reader */
    return d && history_parse_date(d, &r);
}
