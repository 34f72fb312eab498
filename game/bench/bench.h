/* bench/bench: `bridgehold-bench`, the performance figures of ARCHITECTURE.md's command line.
 * Every figure is measured beside a yardstick from the same run (an empty SDL loop, `wc -l`), so
 * the ratios hold on any machine. Phases whose peak memory matters run as separate processes
 * (this program re-executed with a hidden --phase, or the real `bridgehold`), and report back on
 * their stdout as `key value` lines. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#define BENCH_MAX_FIGURES 48

typedef struct Figures {
    struct {
        char key[40];
        double value;
        char text[64]; /* a string figure (renderer, video driver) when non-empty */
    } f[BENCH_MAX_FIGURES];
    int n;
} Figures;

void figures_set(Figures *fs, const char *key, double value);
void figures_set_text(Figures *fs, const char *key, const char *text);
/* NAN when absent. */
double figures_get(const Figures *fs, const char *key);
/* Reads `key value` lines (value a number or a word) into fs. */
void figures_parse(Figures *fs, const char *text);

/* A finished child process. */
typedef struct ChildRun {
    bool ok;          /* exited with status 0 */
    int status;       /* exit code, or 128 + signal */
    double wall_s;    /* from fork to exit */
    double cpu_s;     /* user + system time of the child */
    double maxrss_mb; /* its peak resident memory (ru_maxrss via wait4) */
    double mark_s;    /* when the mark first appeared in its output, from fork (NAN: never) */
    char out[4096];   /* the start of its stdout */
} ChildRun;

/* Runs argv (argv[0] a path) with extra environment entries ("K=V", NULL-terminated, may be
 * NULL), stdout captured and stderr passed through. With a mark, stderr is captured too and
 * the moment the mark first shows up is noted. */
bool bench_run(char *const argv[], const char *const *env, const char *mark, ChildRun *out);
/* The folder this executable is in (to find `bridgehold` beside it). */
const char *bench_exe_dir(void);
const char *bench_self(void);

/* Percentile p (0..100) of v[0..n) (sorts v). NAN when n == 0. */
double bench_percentile(double *v, size_t n, double p);
/* CPU time of this process, seconds (CLOCK_PROCESS_CPUTIME_ID). */
double bench_cpu_s(void);

/* Phases run in a child: print figures to stdout, return an exit code. */
typedef struct WindowOptions {
    double seconds;   /* how long to measure */
    const char *levels_dir, *assets_dir;
    const char *png; /* hold: save the last frame here (to look at what was measured) */
} WindowOptions;
int bench_phase_empty(const WindowOptions *o);
int bench_phase_hold(const WindowOptions *o);

/* In this process: signal throughput (hold detection, low-pass, resampling, MVC). */
void bench_signal(Figures *fs, bool quick);
/* Writes a trace of `hours` of a 1 kHz session to path; returns its size in bytes (0 on error). */
double bench_write_trace(const char *path, double hours);
/* CSV reading alone (trace_stream, rows counted), MB per CPU second; NAN on error. */
double bench_parse_mb_per_s(const char *path, double *rows);
