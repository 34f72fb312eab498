/* bench/throughput: how fast the numbers are computed — the signal/ pipeline on long synthetic
 * traces (folded in from the old tests/bench/bench_signal), and reading a trace CSV. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/bench.h"
#include "core/alloc.h"
#include "sensor/trace_csv.h"
#include "signal/hold.h"
#include "signal/lowpass.h"
#include "signal/mvc.h"
#include "signal/resample.h"

#define PI 3.14159265358979323846
#define RATE_HZ 1000.0

static double g_sink; /* results land here so the compiler cannot drop the work */

/* A small deterministic generator (xorshift64*), so every run measures the same trace. */
static uint64_t g_rng = 0x9E3779B97F4A7C15u;
static double noise_unit(void)
{
    g_rng ^= g_rng >> 12;
    g_rng ^= g_rng << 25;
    g_rng ^= g_rng >> 27;
    return (double)((g_rng * 0x2545F4914F6CDD1Du) >> 11) / 9007199254740992.0 * 2.0 - 1.0;
}

/* A session at 1 kHz: 30-s holds near 200 N fading slightly, with 10 Hz tremor and noise,
 * 20-s rests near 5 N. */
static double session_force(double t)
{
    double phase = fmod(t, 50.0);
    double base = phase < 30.0 ? 200.0 - 0.3 * phase : 5.0;
    return base + 6.0 * sin(2 * PI * 10.0 * t) + 3.0 * noise_unit();
}

static ForcePoint *make_trace(size_t n)
{
    ForcePoint *p = xmalloc(n * sizeof *p);
    for (size_t i = 0; i < n; i++) {
        double t = (double)i / RATE_HZ;
        double f = session_force(t);
        p[i] = (ForcePoint){t, f, 0.55 * f, 0.45 * f, true};
    }
    return p;
}

typedef double (*Kernel)(const ForcePoint *p, size_t n);

static double run_detect(const ForcePoint *p, size_t n)
{
    HoldParams hp = {200.0, 10.0};
    HoldMetrics first;
    size_t holds = hold_detect(p, n, &hp, &first, 1);
    return (double)holds + (holds ? first.mean_n : 0);
}

static double run_mvc(const ForcePoint *p, size_t n)
{
    MvcResult r;
    return mvc_analyze(p, n, &r) ? r.best_n : 0;
}

static double run_lowpass(const ForcePoint *p, size_t n)
{
    LowPass f;
    if (!lowpass_init(&f, LOWPASS_TREMOR_CUTOFF_HZ, RATE_HZ))
        return 0;
    double acc = 0;
    for (size_t i = 0; i < n; i++)
        acc += lowpass_step(&f, p[i].force_n);
    return acc;
}

static double run_resample(const ForcePoint *p, size_t n)
{
    Resampler r;
    if (!resample_init(&r, 1.0 / RATE_HZ, 0.5))
        return 0;
    double acc = 0;
    ForcePoint out;
    for (size_t i = 0; i < n; i++) {
        resample_push(&r, &p[i]);
        while (resample_pop(&r, &out))
            acc += out.force_n;
    }
    return acc;
}

/* Millions of samples per second of CPU time (the machine may be shared: CPU time is what the
 * work costs), repeating the kernel for at least min_s. */
static double msamples_per_s(Kernel fn, const ForcePoint *p, size_t n, double min_s)
{
    int reps = 0;
    double start = bench_cpu_s(), elapsed;
    do {
        g_sink += fn(p, n);
        reps++;
        elapsed = bench_cpu_s() - start;
    } while (elapsed < min_s);
    return (double)n * reps / elapsed / 1e6;
}

void bench_signal(Figures *fs, bool quick)
{
    size_t n = quick ? 200000 : 1000000;
    double min_s = quick ? 0.05 : 0.3;
    ForcePoint *p = make_trace(n);
    figures_set(fs, "analyze_msamples_per_s", msamples_per_s(run_detect, p, n, min_s));
    figures_set(fs, "mvc_msamples_per_s", msamples_per_s(run_mvc, p, n, min_s));
    figures_set(fs, "lowpass_msamples_per_s", msamples_per_s(run_lowpass, p, n, min_s));
    figures_set(fs, "resample_msamples_per_s", msamples_per_s(run_resample, p, n, min_s));
    free(p);
    if (g_sink == 1.2345) /* never true; keeps the sink alive */
        puts("");
}

/* Appends v with `dec` decimals ("%.*f" for the values we write, without printf's cost). */
static char *put_fixed(char *dst, double v, int dec)
{
    static const double SCALE[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    if (v < 0) {
        *dst++ = '-';
        v = -v;
    }
    uint64_t u = (uint64_t)llround(v * SCALE[dec]);
    uint64_t ip = u / (uint64_t)SCALE[dec], fp = u % (uint64_t)SCALE[dec];
    char tmp[24];
    int k = 0;
    do {
        tmp[k++] = (char)('0' + ip % 10);
        ip /= 10;
    } while (ip);
    while (k)
        *dst++ = tmp[--k];
    *dst++ = '.';
    for (int i = dec - 1; i >= 0; i--) {
        dst[i] = (char)('0' + fp % 10);
        fp /= 10;
    }
    return dst + dec;
}

double bench_write_trace(const char *path, double hours)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    /* as `bridgehold record` writes a single-channel sensor */
    fputs("t_s,force_n\n", f);
    long rows = lround(hours * 3600.0 * RATE_HZ);
    char buf[1 << 16];
    size_t len = 0;
    double bytes = 12;
    for (long k = 0; k < rows; k++) {
        double t = (double)k / RATE_HZ, force = session_force(t);
        char *e = put_fixed(buf + len, t, 6);
        *e++ = ',';
        e = put_fixed(e, force, 4);
        *e++ = '\n';
        len = (size_t)(e - buf);
        if (len > sizeof buf - 128) {
            bytes += (double)fwrite(buf, 1, len, f);
            len = 0;
        }
    }
    bytes += (double)fwrite(buf, 1, len, f);
    bool ok = !ferror(f);
    ok = fclose(f) == 0 && ok;
    return ok ? bytes : 0;
}

static void count_row(void *ctx, const Sample *s)
{
    double *rows = ctx;
    *rows += 1 + 0 * s->force_n;
}

double bench_parse_mb_per_s(const char *path, double *rows)
{
    Diag d;
    diag_init(&d);
    FILE *f = fopen(path, "rb");
    double size = 0;
    if (f) {
        fseek(f, 0, SEEK_END);
        size = (double)ftell(f);
        fclose(f);
    }
    *rows = 0;
    double t0 = bench_cpu_s();
    bool ok = trace_stream(path, count_row, rows, NULL, &d);
    double s = bench_cpu_s() - t0;
    if (!ok)
        diag_print(&d, stderr);
    diag_free(&d);
    return ok && s > 0 ? size / 1e6 / s : NAN;
}
