/* bench/proc: running a child and reading its peak memory (wait4's rusage), and small helpers. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench/bench.h"
#include "core/clock.h"
#include "core/str.h"

/* wait4 is BSD, not POSIX: declared here as glibc has it, since we build without GNU
 * extensions. */
pid_t wait4(pid_t pid, int *status, int options, struct rusage *rusage);

bool bench_run(char *const argv[], const char *const *env, const char *mark, ChildRun *out)
{
    memset(out, 0, sizeof *out);
    out->mark_s = NAN;
    int fds[2];
    if (pipe(fds) != 0)
        return false;
    double t0 = clock_now_s();
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return false;
    }
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        if (mark)
            dup2(STDOUT_FILENO, STDERR_FILENO);
        for (int i = 0; env && env[i]; i++) {
            char kv[256];
            str_copy(kv, sizeof kv, env[i]);
            char *eq = strchr(kv, '=');
            if (eq) {
                *eq = '\0';
                setenv(kv, eq + 1, 1);
            }
        }
        execv(argv[0], argv);
        fprintf(stderr, "bridgehold-bench: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(fds[1]);
    size_t len = 0;
    char sink[4096];
    for (;;) {
        char *dst = len < sizeof out->out - 1 ? out->out + len : sink;
        size_t room = len < sizeof out->out - 1 ? sizeof out->out - 1 - len : sizeof sink;
        ssize_t n = read(fds[0], dst, room);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (dst != sink)
            len += (size_t)n;
        out->out[len] = '\0';
        if (mark && isnan(out->mark_s) && strstr(out->out, mark))
            out->mark_s = clock_now_s() - t0;
    }
    out->out[len] = '\0';
    close(fds[0]);
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {
    }
    out->wall_s = clock_now_s() - t0;
    out->cpu_s = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
                 (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
    out->maxrss_mb = (double)ru.ru_maxrss / 1024.0; /* Linux reports kilobytes */
    out->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    out->ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    return true;
}

static char g_self[PATH_MAX];
static char g_dir[PATH_MAX];

const char *bench_self(void)
{
    if (!g_self[0]) {
        ssize_t n = readlink("/proc/self/exe", g_self, sizeof g_self - 1);
        g_self[n > 0 ? n : 0] = '\0';
    }
    return g_self;
}

const char *bench_exe_dir(void)
{
    if (!g_dir[0]) {
        str_copy(g_dir, sizeof g_dir, bench_self());
        char *slash = strrchr(g_dir, '/');
        if (slash)
            *slash = '\0';
    }
    return g_dir;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double bench_percentile(double *v, size_t n, double p)
{
    if (n == 0)
        return NAN;
    qsort(v, n, sizeof *v, cmp_double);
    double pos = p / 100.0 * (double)(n - 1);
    size_t i = (size_t)pos;
    if (i + 1 >= n)
        return v[n - 1];
    return v[i] + (v[i + 1] - v[i]) * (pos - (double)i);
}

double bench_cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void figures_set(Figures *fs, const char *key, double value)
{
    for (int i = 0; i < fs->n; i++) {
        if (strcmp(fs->f[i].key, key) == 0) {
            fs->f[i].value = value;
            return;
        }
    }
    if (fs->n == BENCH_MAX_FIGURES)
        return;
    str_copy(fs->f[fs->n].key, sizeof fs->f[fs->n].key, key);
    fs->f[fs->n].value = value;
    fs->f[fs->n].text[0] = '\0';
    fs->n++;
}

void figures_set_text(Figures *fs, const char *key, const char *text)
{
    figures_set(fs, key, NAN);
    for (int i = 0; i < fs->n; i++) {
        if (strcmp(fs->f[i].key, key) == 0)
            str_copy(fs->f[i].text, sizeof fs->f[i].text, text);
    }
}

double figures_get(const Figures *fs, const char *key)
{
    for (int i = 0; i < fs->n; i++) {
        if (strcmp(fs->f[i].key, key) == 0)
            return fs->f[i].value;
    }
    return NAN;
}

void figures_parse(Figures *fs, const char *text)
{
    char line[160];
    while (*text) {
        size_t n = strcspn(text, "\n");
        if (n < sizeof line) {
            memcpy(line, text, n);
            line[n] = '\0';
            char key[40], val[64];
            if (sscanf(line, "%39s %63s", key, val) == 2) {
                double v;
                if (str_to_double(val, &v))
                    figures_set(fs, key, v);
                else
                    figures_set_text(fs, key, val);
            }
        }
        text += n + (text[n] == '\n');
    }
}
