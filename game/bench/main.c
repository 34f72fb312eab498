/* bench/main: `bridgehold-bench [--json] [--quick]` — runs every phase, each against its yardstick
 * from the same run, and prints one JSON object or a table. Figures vary with the machine and its
 * load; the ratios are what to compare. Frame costs and throughputs are CPU time (a shared
 * machine slows the clock on the wall, not the work); start-up and latency are wall-clock, as
 * a user meets them. No test ever asserts a time. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/paths.h"
#include "bench/bench.h"
#include "core/clock.h"
#include "core/str.h"

static const char *USAGE = "bridgehold-bench [--json] [--quick] [--seconds S]";

/* The keys ARCHITECTURE.md / issue 11 name, in the order they are printed. */
static const char *const KEYS[] = {
    "frame_ms_p50",       "frame_ms_p99",      "empty_frame_ms_p50",
    "frame_ratio",        "renderer",          "latency_ms_p50",
    "latency_ms_p99",     "startup_ms",        "peak_rss_mb",
    "empty_peak_rss_mb",  "analyze_msamples_per_s", "parse_mb_per_s",
    "analyze_peak_rss_mb", "wc_mb_per_s",
};
/* Context printed after them. */
static const char *const EXTRA[] = {
    "video_driver",       "frame_period_ms",    "frame_rounds",       "frames",
    "empty_frames",
    "empty_frame_ms_p99", "latency_samples",    "hold_phase_rss_mb",  "session_wall_s",
    "headless_session_ms", "trace_mb",          "trace_rows",         "analyze_mb_per_s",
    "analyze_wall_s",     "mvc_msamples_per_s", "lowpass_msamples_per_s",
    "resample_msamples_per_s", "startup_cpu_ms", "cpus",          "cpu_model",          "quick",
};

typedef struct Run {
    bool quick, json;
    double seconds; /* frame measurement per phase */
    char tmp[256];
    char game[1024]; /* the bridgehold binary beside us */
    bool failed;
} Run;

/* The environment of every window child: SDL's software renderer presenting without OpenGL,
 * no sound device, and the dummy video driver unless the caller picked one
 * (SDL_VIDEODRIVER=x11 under Xvfb). */
static const char *const *child_env(void)
{
    static const char *with_dummy[] = {"SDL_RENDER_DRIVER=software",
                                       "SDL_FRAMEBUFFER_ACCELERATION=0", "SDL_AUDIODRIVER=dummy",
                                       "SDL_VIDEODRIVER=dummy", NULL};
    static const char *keep_video[] = {"SDL_RENDER_DRIVER=software",
                                       "SDL_FRAMEBUFFER_ACCELERATION=0", "SDL_AUDIODRIVER=dummy",
                                       NULL};
    return getenv("SDL_VIDEODRIVER") ? keep_video : with_dummy;
}

static void fail(Run *r, const char *what, const ChildRun *c)
{
    fprintf(stderr, "bridgehold-bench: %s failed (exit %d)\n", what, c ? c->status : -1);
    r->failed = true;
}

static double median(double *v, int n)
{
    return bench_percentile(v, (size_t)n, 50);
}

/* One window phase in its own process; its figures go to fs. False on failure. */
static bool phase_window(Run *r, Figures *fs, const char *phase, double seconds)
{
    char secs[32];
    snprintf(secs, sizeof secs, "%g", seconds);
    char *argv[] = {(char *)bench_self(), "--phase", (char *)phase, "--seconds", secs, NULL};
    ChildRun c;
    if (!bench_run(argv, child_env(), NULL, &c) || !c.ok) {
        fail(r, phase, &c);
        return false;
    }
    figures_parse(fs, c.out);
    figures_set(fs, strcmp(phase, "empty") == 0 ? "empty_peak_rss_mb" : "hold_phase_rss_mb",
                c.maxrss_mb);
    return true;
}

/* The empty loop and the hold screen, paired: ROUNDS alternating runs, each figure the median
 * over the rounds and the ratio the median of each round's ratio, so a machine whose load
 * drifts during the bench weighs on both sides alike. */
#define ROUNDS 3
static void phase_frames(Run *r, Figures *fs)
{
    static const char *const keys[] = {"frame_ms_p50", "frame_ms_p99", "empty_frame_ms_p50",
                                       "empty_frame_ms_p99", "latency_ms_p50", "latency_ms_p99",
                                       "frame_ratio", "empty_peak_rss_mb", "hold_phase_rss_mb"};
    enum { NK = sizeof keys / sizeof keys[0] };
    double v[NK][ROUNDS];
    int rounds = r->quick ? 1 : ROUNDS, done = 0;
    for (int k = 0; k < rounds; k++) {
        Figures one = {0};
        if (!phase_window(r, &one, "empty", r->seconds / rounds) ||
            !phase_window(r, &one, "hold", r->seconds / rounds))
            return;
        figures_set(&one, "frame_ratio", figures_get(&one, "frame_ms_p50") /
                                             figures_get(&one, "empty_frame_ms_p50"));
        for (int i = 0; i < one.n; i++) { /* counts, names, the frame period */
            if (one.f[i].text[0])
                figures_set_text(fs, one.f[i].key, one.f[i].text);
            else
                figures_set(fs, one.f[i].key, one.f[i].value);
        }
        for (int i = 0; i < NK; i++)
            v[i][done] = figures_get(&one, keys[i]);
        done++;
    }
    for (int i = 0; i < NK; i++)
        figures_set(fs, keys[i], median(v[i], done));
    figures_set(fs, "frame_rounds", done);
}

static void phase_game(Run *r, Figures *fs)
{
    char dir[300], answers[300];
    snprintf(dir, sizeof dir, "%s/data", r->tmp);
    snprintf(answers, sizeof answers, "%s/answers.txt", r->tmp);
    FILE *f = fopen(answers, "w");
    if (!f) {
        fail(r, "writing the answers file", NULL);
        return;
    }
    fputs("# the scripted patient of bridgehold-bench\nred_flags = no\npain_before = 2\n"
          "pain_set = 2\npain_after = 2\npractice = no\n", f);
    fclose(f);
    ChildRun c;
    /* Start-up: from fork to the game's "first frame shown" (BRIDGEHOLD_LOG=info), i.e.
     * loading, linking, fonts, levels, rules, the database, the window and the first frame. */
    static const char *dummy_env[] = {"SDL_RENDER_DRIVER=software",
                                      "SDL_FRAMEBUFFER_ACCELERATION=0", "SDL_AUDIODRIVER=dummy",
                                      "SDL_VIDEODRIVER=dummy", "BRIDGEHOLD_LOG=info", NULL};
    static const char *keep_env[] = {"SDL_RENDER_DRIVER=software",
                                     "SDL_FRAMEBUFFER_ACCELERATION=0", "SDL_AUDIODRIVER=dummy",
                                     "BRIDGEHOLD_LOG=info", NULL};
    double t[5], cpu[5];
    int runs = r->quick ? 2 : 5;
    for (int i = 0; i < runs; i++) {
        char *argv[] = {r->game, "play", "--input", "sim", "--level", "L01", "--quit-after",
                        "0", "--data-dir", dir, NULL};
        if (!bench_run(argv, getenv("SDL_VIDEODRIVER") ? keep_env : dummy_env,
                       "first frame shown", &c) || !c.ok || isnan(c.mark_s)) {
            fail(r, "bridgehold play --quit-after 0", &c);
            return;
        }
        t[i] = c.mark_s * 1e3;
        cpu[i] = c.cpu_s * 1e3;
    }
    figures_set(fs, "startup_cpu_ms", median(cpu, runs));
    figures_set(fs, "startup_ms", median(t, runs));
    /* Peak memory over a whole 5-set session (L01) in a window: a demo played faster than
     * real time, so the bench does not take six minutes. */
    char *argv[] = {r->game, "play", "--input", "sim", "--level", "L01", "--answers", answers,
                    "--pace", r->quick ? "300" : "30", "--data-dir", dir, NULL};
    if (!bench_run(argv, child_env(), NULL, &c) || !c.ok) {
        fail(r, "bridgehold play (5-set session)", &c);
        return;
    }
    figures_set(fs, "peak_rss_mb", c.maxrss_mb);
    figures_set(fs, "session_wall_s", c.wall_s);
    char *hargv[] = {r->game, "play", "--headless", "--input", "sim", "--level", "L01",
                     "--answers", answers, "--data-dir", dir, NULL};
    if (!bench_run(hargv, NULL, NULL, &c) || !c.ok) {
        fail(r, "bridgehold play --headless", &c);
        return;
    }
    figures_set(fs, "headless_session_ms", c.wall_s * 1e3);
}

static void phase_analyze(Run *r, Figures *fs)
{
    char path[300];
    snprintf(path, sizeof path, "%s/hour.csv", r->tmp);
    double bytes = bench_write_trace(path, r->quick ? 1.0 / 60 : 1.0);
    if (bytes <= 0) {
        fail(r, "writing the trace", NULL);
        return;
    }
    double mb = bytes / 1e6;
    figures_set(fs, "trace_mb", mb);
    ChildRun c;
    /* The yardstick: a plain line count of the same file, as the machine's `wc` does it. */
    const char *wc = access("/usr/bin/wc", X_OK) == 0 ? "/usr/bin/wc" : "/bin/wc";
    double best = INFINITY;
    for (int i = 0; i < 3; i++) {
        char *argv[] = {(char *)wc, "-l", path, NULL};
        if (!bench_run(argv, NULL, NULL, &c) || !c.ok) {
            fail(r, "wc -l", &c);
            return;
        }
        best = fmin(best, c.cpu_s); /* its own CPU time, like every throughput here */
    }
    figures_set(fs, "wc_mb_per_s", mb / fmax(best, 1e-6));
    double parse = 0, rows = 0;
    for (int i = 0; i < 2; i++)
        parse = fmax(parse, bench_parse_mb_per_s(path, &rows));
    figures_set(fs, "parse_mb_per_s", parse);
    figures_set(fs, "trace_rows", rows);
    char *argv[] = {r->game, "analyze", path, "--target-n", "200", "--json", NULL};
    if (!bench_run(argv, NULL, NULL, &c) || !c.ok || !strstr(c.out, "\"holds\":[{")) {
        fail(r, "bridgehold analyze", &c);
        return;
    }
    figures_set(fs, "analyze_peak_rss_mb", c.maxrss_mb);
    figures_set(fs, "analyze_wall_s", c.wall_s);
    figures_set(fs, "analyze_mb_per_s", mb / fmax(c.cpu_s, 1e-6));
}

static void machine(Figures *fs)
{
    figures_set(fs, "cpus", (double)sysconf(_SC_NPROCESSORS_ONLN));
    char model[64] = "unknown";
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[256];
    while (f && fgets(line, sizeof line, f)) {
        if (strncmp(line, "model name", 10) == 0 && strchr(line, ':')) {
            str_copy(model, sizeof model, str_trim(strchr(line, ':') + 1));
            break;
        }
    }
    if (f)
        fclose(f);
    /* one word for the `key value` form: spaces become underscores */
    for (char *c = model; *c; c++)
        *c = (*c == ' ' || *c == '"' || *c == '\\') ? '_' : *c;
    figures_set_text(fs, "cpu_model", model);
}

static void print_json(const Figures *fs)
{
    printf("{");
    int k = 0;
    const char *const *lists[] = {KEYS, EXTRA};
    size_t sizes[] = {sizeof KEYS / sizeof KEYS[0], sizeof EXTRA / sizeof EXTRA[0]};
    for (int l = 0; l < 2; l++) {
        for (size_t i = 0; i < sizes[l]; i++) {
            const char *key = lists[l][i];
            printf("%s\"%s\":", k++ ? "," : "", key);
            int j = 0;
            while (j < fs->n && strcmp(fs->f[j].key, key) != 0)
                j++;
            if (j < fs->n && fs->f[j].text[0])
                printf("\"%s\"", fs->f[j].text);
            else if (j < fs->n && isfinite(fs->f[j].value))
                printf("%.6g", fs->f[j].value);
            else
                printf("null");
        }
    }
    printf("}\n");
}

static void print_table(const Figures *fs)
{
    const char *const *lists[] = {KEYS, EXTRA};
    size_t sizes[] = {sizeof KEYS / sizeof KEYS[0], sizeof EXTRA / sizeof EXTRA[0]};
    for (int l = 0; l < 2; l++) {
        if (l == 1)
            printf("\n");
        for (size_t i = 0; i < sizes[l]; i++) {
            const char *key = lists[l][i];
            int j = 0;
            while (j < fs->n && strcmp(fs->f[j].key, key) != 0)
                j++;
            if (j < fs->n && fs->f[j].text[0])
                printf("%-26s %s\n", key, fs->f[j].text);
            else if (j < fs->n && isfinite(fs->f[j].value))
                printf("%-26s %.4g\n", key, fs->f[j].value);
            else
                printf("%-26s -\n", key);
        }
    }
}

static int usage_error(const char *msg)
{
    fprintf(stderr, "bridgehold-bench: %s\nusage: %s\n", msg, USAGE);
    return 2;
}

int main(int argc, char **argv)
{
    Run r = {.seconds = 0};
    const char *phase = NULL, *png = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) {
            r.json = true;
        } else if (strcmp(argv[i], "--quick") == 0) {
            r.quick = true;
        } else if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
            if (!str_to_double(argv[++i], &r.seconds) || !(r.seconds > 0 && r.seconds <= 600))
                return usage_error("--seconds needs a number of seconds (0 to 600)");
        } else if (strcmp(argv[i], "--png") == 0 && i + 1 < argc) {
            png = argv[++i]; /* with --phase hold: the last frame measured */
        } else if (strcmp(argv[i], "--phase") == 0 && i + 1 < argc) {
            phase = argv[++i]; /* internal: one phase in this process */
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: %s\n\nMeasures the hold screen's CPU time per frame against an empty "
                   "SDL loop, sample-to-screen latency,\nstart-up time and memory, and `analyze` "
                   "on a generated one-hour 1 kHz trace against `wc -l`.\n--quick: a short run "
                   "(for smoke tests; its figures are rough). --seconds: frame measurement\n"
                   "length per phase, in 3 paired rounds (default 24).\n",
                   USAGE);
            return 0;
        } else {
            return usage_error("unknown argument");
        }
    }
    if (r.seconds == 0)
        r.seconds = r.quick ? 1.5 : 24;
    if (phase) {
        WindowOptions o = {r.seconds, paths_levels_dir(), paths_assets_dir(), png};
        if (strcmp(phase, "empty") == 0)
            return bench_phase_empty(&o);
        if (strcmp(phase, "hold") == 0)
            return bench_phase_hold(&o);
        return usage_error("unknown phase");
    }
    snprintf(r.game, sizeof r.game, "%s/bridgehold", bench_exe_dir());
    if (access(r.game, X_OK) != 0) {
        fprintf(stderr, "bridgehold-bench: %s not found (it is built and installed beside "
                        "bridgehold-bench)\n", r.game);
        return 1;
    }
    const char *tmpdir = getenv("TMPDIR");
    snprintf(r.tmp, sizeof r.tmp, "%s/bridgehold-bench.XXXXXX",
             tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(r.tmp)) {
        perror("bridgehold-bench: cannot make a temporary folder");
        return 1;
    }
    Figures fs = {0};
    machine(&fs);
    figures_set(&fs, "quick", r.quick ? 1 : 0);
    phase_frames(&r, &fs);
    phase_game(&r, &fs);
    phase_analyze(&r, &fs);
    bench_signal(&fs, r.quick);
    /* the trace (~75 MB for the hour) and the bench's database go */
    char *rm[] = {"/bin/rm", "-rf", r.tmp, NULL};
    ChildRun c;
    if (!bench_run(rm, NULL, NULL, &c) || !c.ok)
        fprintf(stderr, "bridgehold-bench: could not remove %s\n", r.tmp);
    if (r.json)
        print_json(&fs);
    else
        print_table(&fs);
    return r.failed ? 1 : 0;
}
