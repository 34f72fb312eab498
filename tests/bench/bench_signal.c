/* bench_signal: how fast the signal/ pipeline runs on long synthetic traces, at two sizes ten
 * times apart so a glance shows the cost is linear (a quadratic step would show 100×, not 10×).
 * Prints lines like "hold_detect: N samples in X ms (Y Msamples/s)". Not a test. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/alloc.h"
#include "core/clock.h"
#include "signal/hold.h"
#include "signal/lowpass.h"
#include "signal/mvc.h"
#include "signal/resample.h"

#define RATE_HZ 100.0
#define PI 3.14159265358979323846
#define MIN_BENCH_S 0.3 /* repeat each measurement at least this long */

static double g_sink; /* results land here so the compiler cannot drop the work */

/* A small deterministic generator (xorshift64*), so every run benches the same trace. */
static uint64_t g_rng = 0x9E3779B97F4A7C15u;
static double noise_unit(void)
{
    g_rng ^= g_rng >> 12;
    g_rng ^= g_rng << 25;
    g_rng ^= g_rng >> 27;
    return (double)((g_rng * 0x2545F4914F6CDD1Du) >> 11) / 9007199254740992.0 * 2.0 - 1.0;
}

typedef enum Shape { SHAPE_SESSION, SHAPE_FLICKER } Shape;

/* SHAPE_SESSION: 30-s holds near 200 N with 10 Hz tremor and noise, 20-s rests, slightly
 * jittered timestamps, left/right channels. SHAPE_FLICKER: force alternating 0 / 200 N every
 * sample, so the whole trace is one hold that keeps almost ending (the worst case for the
 * quiet-run bookkeeping). */
static ForcePoint *make_trace(size_t n, Shape shape)
{
    ForcePoint *p = xmalloc(n * sizeof *p);
    for (size_t i = 0; i < n; i++) {
        double t = (double)i / RATE_HZ;
        double f;
        if (shape == SHAPE_FLICKER) {
            f = (i % 2) ? 0.0 : 200.0;
        } else {
            double phase = fmod(t, 50.0);
            double base = phase < 30.0 ? 200.0 - 0.3 * phase : 5.0;
            f = base + 6.0 * sin(2 * PI * 10.0 * t) + 3.0 * noise_unit();
            t += 0.002 * noise_unit();
        }
        p[i] = (ForcePoint){t, f, 0.55 * f, 0.45 * f, true};
    }
    return p;
}

typedef double (*BenchFn)(const ForcePoint *p, size_t n);

/* Room for every hold of the session shape (one per 50 s) at the larger size. */
#define MAX_HOLDS 1024
static HoldMetrics g_holds[MAX_HOLDS];

static double run_detect(const ForcePoint *p, size_t n)
{
    HoldParams hp = {200.0, 10.0};
    size_t holds = hold_detect(p, n, &hp, g_holds, MAX_HOLDS);
    if (holds > MAX_HOLDS)
        fprintf(stderr, "bench_signal: %zu holds, only %d measured\n", holds, MAX_HOLDS);
    return (double)holds + (holds ? g_holds[0].mean_n : 0);
}

static double run_measure(const ForcePoint *p, size_t n)
{
    HoldParams hp = {200.0, 10.0};
    HoldMetrics m;
    return hold_measure(p, n, &hp, &m) ? m.cv_pct : 0;
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

static void bench(const char *name, BenchFn fn, const ForcePoint *p, size_t n)
{
    int reps = 0;
    double start = clock_now_s(), elapsed;
    do {
        g_sink += fn(p, n);
        reps++;
        elapsed = clock_now_s() - start;
    } while (elapsed < MIN_BENCH_S);
    double per_run_s = elapsed / reps;
    printf("%s: %zu samples in %.3f ms (%.1f Msamples/s)\n", name, n, per_run_s * 1e3,
           (double)n / per_run_s / 1e6);
}

int main(void)
{
    const size_t sizes[] = {100000, 1000000};
    for (size_t k = 0; k < 2; k++) {
        size_t n = sizes[k];
        ForcePoint *session = make_trace(n, SHAPE_SESSION);
        ForcePoint *flicker = make_trace(n, SHAPE_FLICKER);
        bench("hold_detect", run_detect, session, n);
        bench("hold_detect (one flickering hold)", run_detect, flicker, n);
        bench("hold_measure", run_measure, session, n);
        bench("mvc_analyze", run_mvc, session, n);
        bench("lowpass_step", run_lowpass, session, n);
        bench("resample_push+pop", run_resample, session, n);
        free(session);
        free(flicker);
    }
    printf("(checksum %g)\n", g_sink);
    return 0;
}
