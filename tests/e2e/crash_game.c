/* Crash safety of real game sessions (issue "durable storage"): runs headless sessions slowed
 * down with --pace, kills each with SIGKILL at a different instant, and then checks that every
 * set the game reported saved is in the database with its metrics, and that PRAGMA
 * integrity_check says ok. A last, complete run checks the database still works after all that.
 * usage: test_crash_game DATA_DIR */
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RUNS 24
#define PACE "500" /* L01 (about 655 s of game time) takes about 1.3 s */

static int failures;

#define CHECK(cond, ...)                                                                  \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                          \
            fprintf(stderr, __VA_ARGS__);                                                 \
            fputc('\n', stderr);                                                          \
            failures++;                                                                   \
        }                                                                                 \
    } while (0)

typedef struct Saved {
    long long session[64];
    int set[64];
    int n;
} Saved;

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Starts a headless session; its stderr (log lines) comes back through *fd. */
static pid_t start(const char *dir, const char *today, int *fd)
{
    int p[2];
    if (pipe(p) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(p[1], STDERR_FILENO);
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, STDOUT_FILENO);
        close(p[0]);
        close(p[1]);
        setenv("BRIDGEHOLD_LOG", "info", 1);
        execl(BRIDGEHOLD_BIN, BRIDGEHOLD_BIN, "play", "--headless", "--input", "sim",
              "--answers", ANSWERS_FILE, "--level", "L01", "--data-dir", dir, "--today", today,
              "--pace", PACE, (char *)NULL);
        _exit(127);
    }
    close(p[1]);
    *fd = p[0];
    return pid;
}

/* Reads the "saved set N of session S" lines the process writes: until it has reported `until`
 * sets (then returns, the stream still open in *f), or to the end when until < 0. */
static void collect_until(FILE *f, Saved *s, int until)
{
    char line[512];
    while (f && (until < 0 || s->n < until) && fgets(line, sizeof line, f)) {
        int set;
        long long session;
        const char *at = strstr(line, "saved set ");
        if (at && sscanf(at, "saved set %d of session %lld", &set, &session) == 2 && s->n < 64) {
            s->set[s->n] = set;
            s->session[s->n] = session;
            s->n++;
        }
    }
}

/* Reads every "saved set N of session S" line the process wrote before it died. */
static void collect(int fd, Saved *s)
{
    FILE *f = fdopen(fd, "r");
    collect_until(f, s, -1);
    if (f)
        fclose(f);
}

static void check_db(const char *dir, const Saved *s, int run)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/bridgehold.db", dir);
    struct stat st;
    if (stat(path, &st) != 0)
        return; /* killed before the database was created: nothing was promised */
    sqlite3 *db = NULL;
    /* read-write, as the game opens it: recovering a killed writer's WAL needs to write */
    CHECK(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK, "run %d: open",
          run);
    sqlite3_stmt *st_ok = NULL;
    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st_ok, NULL);
    CHECK(sqlite3_step(st_ok) == SQLITE_ROW &&
              strcmp((const char *)sqlite3_column_text(st_ok, 0), "ok") == 0,
          "run %d: integrity_check is not ok", run);
    sqlite3_finalize(st_ok);
    for (int i = 0; i < s->n; i++) {
        sqlite3_stmt *q = NULL;
        sqlite3_prepare_v2(db,
                           "SELECT time_in_band_pct, length(trace) FROM sets "
                           "WHERE session_id = ? AND idx = ?",
                           -1, &q, NULL);
        sqlite3_bind_int64(q, 1, s->session[i]);
        sqlite3_bind_int(q, 2, s->set[i]);
        int rc = sqlite3_step(q);
        CHECK(rc == SQLITE_ROW, "run %d: set %d of session %lld was reported saved but is missing",
              run, s->set[i], s->session[i]);
        if (rc == SQLITE_ROW)
            CHECK(sqlite3_column_int(q, 1) > 0, "run %d: set %d has no trace", run, s->set[i]);
        sqlite3_finalize(q);
    }
    sqlite3_close(db);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_crash_game DATA_DIR\n");
        return 2;
    }
    const char *dir = argv[1];
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 2;
    int sets_seen = 0, mid_session = 0;
    for (int run = 0; run < RUNS; run++) {
        int fd;
        char today[16];
        snprintf(today, sizeof today, "2026-10-%02d", run + 1);
        pid_t pid = start(dir, today, &fd);
        CHECK(pid > 0, "cannot start %s", BRIDGEHOLD_BIN);
        /* Spread the kills over start-up and the whole session, whatever the machine's speed:
         * one run in six is killed during start-up, the others after 1 to 5 sets were reported
         * saved, then a little later (inside the next set, or while it is being written). */
        Saved s = {.n = 0};
        FILE *f = fdopen(fd, "r");
        int after = run % 6;
        if (after > 0)
            collect_until(f, &s, after);
        sleep_ms(after ? (long)(run * 37) % 150 : 20 + run * 10);
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        collect_until(f, &s, -1);
        if (f)
            fclose(f);
        sets_seen += s.n;
        if (s.n > 0 && s.n < 5)
            mid_session++;
        check_db(dir, &s, run);
    }
    /* The kills must really have landed inside sessions, or this test proves nothing. */
    CHECK(sets_seen > RUNS, "only %d sets were saved over %d runs: the kills came too early",
          sets_seen, RUNS);
    CHECK(mid_session >= RUNS / 3, "only %d runs were killed mid-session", mid_session);
    /* After all that, a whole session still plays and stores. */
    int fd;
    pid_t pid = start(dir, "2026-11-01", &fd);
    int status = 0;
    Saved s = {.n = 0};
    collect(fd, &s);
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a full run after the crashes failed");
    CHECK(s.n == 5, "a full run saved %d sets, not 5", s.n);
    check_db(dir, &s, RUNS);
    printf("%d runs killed, %d sets reported saved, %d killed mid-session: %s\n", RUNS, sets_seen,
           mid_session, failures ? "FAILED" : "all there");
    return failures ? 1 : 0;
}
