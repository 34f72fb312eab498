/* store: crash safety. Starts store_crash_writer, kills it with SIGKILL at many different
 * instants (during start-up, schema creation, set commits, pain answers), then checks that every
 * set it reported committed is in the database, nothing else of that session is missing or
 * extra beyond the one set in flight, and PRAGMA integrity_check says ok. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store/store_internal.h"
#include "store_test_util.h"

#define RUNS 30

#ifndef STORE_CRASH_WRITER
#error "STORE_CRASH_WRITER must name the helper program"
#endif

typedef struct Report {
    long long session;
    int max_index; /* highest set reported committed; 0 = none */
    int lines;
} Report;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static pid_t start_writer(const char *dir, int *out_fd)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        execl(STORE_CRASH_WRITER, STORE_CRASH_WRITER, dir, (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    *out_fd = fds[0];
    return pid;
}

static void kill_writer(pid_t pid, double after_s)
{
    kill(pid, SIGKILL);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    /* It may have failed on its own before the kill: that is a failure of the store. */
    if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL))
        fail_msg("the writer exited on its own (status %d) after %.4f s", status, after_s);
}

/* Reads what the writer said it committed: "SESSION INDEX" lines, indexes 1, 2, 3 ... */
static void parse_line(Report *r, const char *line)
{
    long long sess;
    int idx;
    /* each line is one write() of < PIPE_BUF bytes, so it is whole or absent */
    assert_int_equal(sscanf(line, "%lld %d", &sess, &idx), 2);
    if (r->lines && sess != r->session)
        fail_msg("two sessions in one run");
    r->session = sess;
    assert_int_equal(idx, r->max_index + 1);
    r->max_index = idx;
    r->lines++;
}

/* Runs the writer for delay_s, kills it, and collects what it said it committed. */
static Report run_and_kill(const char *dir, double delay_s)
{
    int fd;
    pid_t pid = start_writer(dir, &fd);
    long ns = (long)(delay_s * 1e9);
    struct timespec ts = {ns / 1000000000L, ns % 1000000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
    kill_writer(pid, delay_s);
    Report r = {0, 0, 0};
    FILE *in = fdopen(fd, "r");
    assert_non_null(in);
    char line[128];
    while (fgets(line, sizeof line, in))
        parse_line(&r, line);
    fclose(in);
    return r;
}

/* Lets the writer report `sets` committed sets, waits a further `extra_s` (a point inside the
 * next set's write), kills it and collects everything it said. Counting lines instead of
 * trusting a clock keeps the kill instants mid-session however loaded the machine is. */
static Report run_and_kill_after_sets(const char *dir, int sets, double extra_s)
{
    int fd;
    pid_t pid = start_writer(dir, &fd);
    FILE *in = fdopen(fd, "r");
    assert_non_null(in);
    Report r = {0, 0, 0};
    char line[128];
    while (r.lines < sets && fgets(line, sizeof line, in))
        parse_line(&r, line);
    long ns = (long)(extra_s * 1e9);
    struct timespec ts = {ns / 1000000000L, ns % 1000000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
    kill_writer(pid, extra_s);
    while (fgets(line, sizeof line, in))
        parse_line(&r, line);
    fclose(in);
    return r;
}

/* Measures how long the writer takes to start (first set committed) and per set, so the kill
 * instants cover start-up and many points of the set cycle in any build (sanitizers are slow). */
static Report calibrate(const char *dir, double *first_s, double *per_set_s)
{
    int fd;
    double t0 = now_s();
    pid_t pid = start_writer(dir, &fd);
    FILE *in = fdopen(fd, "r");
    assert_non_null(in);
    Report r = {0, 0, 0};
    char line[128];
    double t_first = 0;
    while (r.lines < 10 && fgets(line, sizeof line, in)) {
        parse_line(&r, line);
        if (r.lines == 1)
            t_first = now_s() - t0;
    }
    double t_last = now_s() - t0;
    kill_writer(pid, t_last);
    while (fgets(line, sizeof line, in))
        parse_line(&r, line);
    fclose(in);
    assert_true(r.lines >= 10);
    *first_s = t_first;
    *per_set_s = (t_last - t_first) / 9;
    return r;
}

static void check_integrity(Store *s)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
}

static void test_kill_at_many_instants(void **state)
{
    (void)state;
    static char dir[1024];
    char *tmp = tu_tempdir();
    snprintf(dir, sizeof dir, "%s", tmp);
    free(tmp);
    double first_s, per_set_s;
    int runs_with_sets = 0, total = 0;
    for (int run = 0; run < RUNS; run++) {
        Report r;
        double delay_s = 0;
        if (run == 0) {
            r = calibrate(dir, &first_s, &per_set_s);
            print_message("first set after %.1f ms, then %.2f ms a set\n", first_s * 1e3,
                          per_set_s * 1e3);
        } else {
            /* a third during start-up (opening, schema creation, first session), the rest
             * spread over ~25 sets at uneven fractions of a set */
            int startup_runs = RUNS / 3;
            if (run <= startup_runs) {
                delay_s = first_s * (run - 1) / startup_runs;
                r = run_and_kill(dir, delay_s);
            } else {
                /* after 1..25 sets, at uneven points inside the next set */
                int j = run - startup_runs;
                delay_s = per_set_s * ((j % 5) * 0.23);
                r = run_and_kill_after_sets(dir, 1 + (j * 7) % 25, delay_s);
            }
        }

        StoreError err;
        Store *s = store_open(dir, &err);
        if (!s)
            fail_msg("after kill %d (%.4f s): %s", run, delay_s, err.msg);
        check_integrity(s);
        if (r.lines) {
            runs_with_sets++;
            total += r.lines;
            StoreSet *sets;
            size_t n;
            assert_true(store_session_sets(s, r.session, &sets, &n));
            /* every reported set is there; at most the one in flight beyond them */
            if (n < (size_t)r.max_index || n > (size_t)r.max_index + 1)
                fail_msg("run %d: reported %d sets, database has %zu", run, r.max_index, n);
            for (size_t i = 0; i < n; i++) {
                assert_int_equal(sets[i].index, (int)i + 1);
                assert_int_equal(sets[i].trace_n, 1500);
            }
            StoreSample *tr;
            size_t tn;
            bool lr;
            assert_true(store_set_trace(s, sets[r.max_index - 1].id, &tr, &tn, &lr));
            assert_int_equal(tn, 1500);
            assert_true(tr[0].force_n == 200 + r.max_index);
            free(tr);
            free(sets);
        }
        store_close(s);
    }
    print_message("%d of %d runs were killed after committing sets (%d sets in all)\n",
                  runs_with_sets, RUNS, total);
    /* the test means something only if most kills landed mid-session */
    assert_true(runs_with_sets >= RUNS / 2);

    /* The crashed sessions still count: each later start marked the previous one interrupted. */
    Store *s = store_open(dir, NULL);
    assert_non_null(s);
    StoreProfile p;
    bool found;
    assert_true(store_profile_get(s, "crash", &p, &found));
    assert_true(found);
    StoreHistory h;
    assert_true(store_history(s, p.id, &h));
    assert_true(h.count >= (size_t)runs_with_sets);
    store_history_free(&h);
    store_close(s);
    tu_rmtree(dir);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kill_at_many_instants),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
