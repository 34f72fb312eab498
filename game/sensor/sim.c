/* sensor/sim: a simulated patient, so the game, the tests and headless runs work with no hardware.
 *
 * The model (all forces in newtons, times in seconds on the sim's own clock, which starts at 0 on
 * the first poll and ticks at 100 Hz):
 *  - the patient means to push `intent` = push · target · (1 − fatigue);
 *  - the force follows intent like a critically damped limb (second order, time constant 0.4 s
 *    up, 0.15 s down), which gives a smooth ~1.5 s rise (10–90 %) and a ~0.5 s release;
 *  - on top: slow wander (2 % of the force, AR(1) with 0.5 s memory), physiological tremor
 *    (8–12 Hz, under 1 % of the force, growing with fatigue) and sensor noise (0.15 N);
 *  - fatigue builds while pushing (about 3 % of target over a 30-s hold) and recovers at rest;
 *  - the load splits about 55/45 left/right, slowly varying.
 * With nobody calling set_push the patient runs its own script forever: 3 s rest, then push
 * (1.5 s ramp + 30 s hold), then release into the next rest. Once set_push is called the script
 * stops and the patient follows the cues, each after a human reaction delay of 0.25–0.45 s.
 * A cue that changes every frame (the tempo metronome's position, 0..1) is tracked: the patient
 * follows it continuously, a fixed tracking delay (their own, 0.25–0.45 s) behind.
 *
 * Determinism: each sample takes exactly three draws from its own PRNG stream (splitmix64), cue
 * delays come from a second stream, so the samples depend only on the seed, the poll times and
 * the cues — never on rand() or how the polls were batched. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/str.h"
#include "sensor/backends.h"

#define SIM_RATE_HZ 100.0
#define SIM_DT (1.0 / SIM_RATE_HZ)
#define SIM_DEFAULT_TARGET_N 200.0
#define SIM_PI 3.14159265358979323846

/* The autonomous script, seconds. */
#define SIM_REST_S 3.0
#define SIM_RAMP_S 1.5
#define SIM_HOLD_S 30.0
#define SIM_CYCLE_S (SIM_REST_S + SIM_RAMP_S + SIM_HOLD_S)

#define SIM_TAU_UP_S 0.4    /* 10–90 % rise ≈ 3.4 τ ≈ 1.4 s */
#define SIM_TAU_DOWN_S 0.15 /* a release is quicker than a build-up */
#define SIM_WANDER_FRAC 0.02
#define SIM_WANDER_TAU_S 0.5
#define SIM_NOISE_N 0.15
#define SIM_RECOVER_TAU_S 3.0 /* fatigue recovery at rest */
#define SIM_FATIGUE_MAX 0.2
#define SIM_REACTION_MIN_S 0.25 /* simple visual reaction time plus the decision to move */
#define SIM_REACTION_SPREAD_S 0.2
#define SIM_MAX_CUES 64
/* A cue given this soon after the previous one is part of a continuously moving cue. */
#define SIM_TRACK_GAP_S 0.2

typedef struct SimCue {
    double at_s;   /* sim time the patient acts on it */
    double amount; /* 0..1 */
} SimCue;

typedef struct SimState {
    uint64_t noise_rng; /* three draws per sample */
    uint64_t cue_rng;   /* one draw per cue */
    double target_n;
    bool started;
    double start_now; /* caller's clock at the first poll */
    double last_rel;  /* latest poll, on the sim clock */
    uint64_t next_k;  /* index of the next sample: t = k / 100 */
    /* patient */
    bool cued;      /* following cues rather than the script */
    double push;    /* the cue acted on now, 0..1 */
    double wanted;  /* the latest cue given (acted on or not) */
    double wanted_at; /* when it was given (sim clock; -inf before any) */
    double track_delay; /* this patient's delay when following a moving cue, s */
    SimCue cues[SIM_MAX_CUES];
    int n_cues;
    double x, v;    /* force and its rate, N and N/s */
    double wander;  /* fraction of the force */
    double share_wander;
    double fatigue; /* fraction of target lost */
    double tremor_phase;
    /* per-seed character */
    double tremor_hz, tremor_frac, fatigue_per_s, share_phase;
} SimState;

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double rng_uniform(uint64_t *s) { return (double)(splitmix64(s) >> 11) * 0x1.0p-53; }

/* Standard normal (Box–Muller; one value per call keeps the draw count fixed). */
static double rng_gauss(uint64_t *s)
{
    double u1 = 1.0 - rng_uniform(s); /* (0, 1] so the log is finite */
    double u2 = rng_uniform(s);
    return sqrt(-2.0 * log(u1)) * cos(2.0 * SIM_PI * u2);
}

/* The script's push at sim time t: rest, then push until the cycle ends. */
static double script_push(double t)
{
    return fmod(t, SIM_CYCLE_S) >= SIM_REST_S ? 1.0 : 0.0;
}

static double cue_push_at(SimState *st, double t)
{
    while (st->n_cues > 0 && st->cues[0].at_s <= t) {
        st->push = st->cues[0].amount;
        st->n_cues--;
        memmove(st->cues, st->cues + 1, (size_t)st->n_cues * sizeof st->cues[0]);
    }
    return st->push;
}

/* Advances the patient one tick and writes the sample at time t. */
static void sim_step(SimState *st, double t, Sample *out)
{
    double push = st->cued ? cue_push_at(st, t) : script_push(t);
    if (push > 0)
        st->fatigue = fmin(SIM_FATIGUE_MAX, st->fatigue + st->fatigue_per_s * push * SIM_DT);
    else
        st->fatigue *= exp(-SIM_DT / SIM_RECOVER_TAU_S);
    double intent = push * st->target_n * (1.0 - st->fatigue);

    /* Critically damped follower: x'' = ω²(u − x) − 2ω x'. Semi-implicit Euler is stable here
     * (ω·dt ≤ 0.07). */
    double w = 1.0 / (intent > st->x ? SIM_TAU_UP_S : SIM_TAU_DOWN_S);
    st->v += (w * w * (intent - st->x) - 2.0 * w * st->v) * SIM_DT;
    st->x += st->v * SIM_DT;

    double g_wander = rng_gauss(&st->noise_rng);
    double g_noise = rng_gauss(&st->noise_rng);
    double g_share = rng_gauss(&st->noise_rng);
    double a = exp(-SIM_DT / SIM_WANDER_TAU_S);
    st->wander = a * st->wander + sqrt(1.0 - a * a) * SIM_WANDER_FRAC * g_wander;
    double b = exp(-SIM_DT / 2.0);
    st->share_wander = b * st->share_wander + sqrt(1.0 - b * b) * g_share;

    /* Tremor: its frequency strays slowly around the patient's own; amplitude beats gently and
     * grows as the muscles tire. */
    double hz = st->tremor_hz + 0.3 * sin(2.0 * SIM_PI * t / 7.3);
    st->tremor_phase = fmod(st->tremor_phase + 2.0 * SIM_PI * hz * SIM_DT, 2.0 * SIM_PI);
    double amp = st->tremor_frac * (1.0 + 0.3 * sin(2.0 * SIM_PI * t / 4.1)) *
                 (1.0 + 3.0 * st->fatigue);
    double level = st->x > 0 ? st->x : 0.0;
    double force = st->x + level * (st->wander + amp * sin(st->tremor_phase)) +
                   SIM_NOISE_N * g_noise;

    double share = 0.55 + 0.02 * sin(2.0 * SIM_PI * t / 23.0 + st->share_phase) +
                   0.01 * st->share_wander;
    *out = (Sample){0};
    out->t_s = t;
    out->force_n = force;
    out->left_n = share * force;
    out->right_n = force - out->left_n;
    out->has = SAMPLE_FORCE | SAMPLE_LEFT_RIGHT;
}

static bool sim_open(Sensor *s, const char *arg, const SensorOptions *opt, char *err,
                     size_t errlen)
{
    if (arg && *arg) {
        snprintf(err, errlen, "sim takes no argument (got 'sim:%s'); use --seed for variety", arg);
        return false;
    }
    SimState *st = xcalloc(1, sizeof *st);
    uint64_t seed = opt->seed ? (uint64_t)opt->seed : 1u;
    uint64_t mix = seed;
    st->noise_rng = splitmix64(&mix);
    st->cue_rng = splitmix64(&mix);
    uint64_t character = splitmix64(&mix);
    st->tremor_hz = 8.5 + 3.0 * rng_uniform(&character);        /* stays inside 8–12 Hz */
    st->tremor_frac = 0.006 + 0.003 * rng_uniform(&character);  /* 0.6–0.9 % of the force */
    st->fatigue_per_s = 0.0008 + 0.0005 * rng_uniform(&character); /* 2.4–3.9 % per 30 s */
    st->share_phase = 2.0 * SIM_PI * rng_uniform(&character);
    st->track_delay = SIM_REACTION_MIN_S + SIM_REACTION_SPREAD_S * rng_uniform(&character);
    st->wanted_at = -INFINITY;
    st->target_n = opt->target_n > 0 && isfinite(opt->target_n) ? opt->target_n
                                                                : SIM_DEFAULT_TARGET_N;
    s->state = st;
    str_copy(s->info.name, sizeof s->info.name, "Simulated patient");
    s->info.caps = SAMPLE_FORCE | SAMPLE_LEFT_RIGHT;
    s->info.rate_hz = SIM_RATE_HZ;
    s->info.resolution_n = 0;
    s->info.live = false;
    s->info.force_is_proxy = false;
    return true;
}

static int sim_poll(Sensor *s, double now_s, Sample *out, int max)
{
    SimState *st = s->state;
    if (!st->started) {
        st->started = true;
        st->start_now = now_s;
    }
    double rel = now_s - st->start_now;
    if (rel > st->last_rel)
        st->last_rel = rel;
    int n = 0;
    while (n < max) {
        double t = (double)st->next_k / SIM_RATE_HZ;
        if (t > rel + 1e-9) /* the clock's rounding must not hold a sample back a tick */
            break;
        sim_step(st, t, &out[n++]);
        st->next_k++;
    }
    return n;
}

/* The cue reaches the patient at the latest poll time; acting on it takes a reaction delay.
 * Repeating the current cue (the game sends it every frame) changes nothing. A cue that keeps
 * changing (a new value within SIM_TRACK_GAP_S of the last) is followed with the patient's fixed
 * tracking delay, so the force moves smoothly behind it; cues landing within one sample tick of
 * the last waiting one replace it (the patient cannot act faster than that anyway). */
static void sim_set_push(Sensor *s, double amount)
{
    SimState *st = s->state;
    if (!isfinite(amount))
        return;
    amount = amount < 0 ? 0 : amount > 1 ? 1 : amount;
    if (!st->cued) {
        st->cued = true;
        st->push = st->wanted = script_push(st->last_rel);
    }
    if (amount == st->wanted)
        return;
    bool tracking = st->last_rel - st->wanted_at < SIM_TRACK_GAP_S;
    st->wanted = amount;
    st->wanted_at = st->last_rel;
    double at = st->last_rel + (tracking ? st->track_delay
                                         : SIM_REACTION_MIN_S +
                                               SIM_REACTION_SPREAD_S * rng_uniform(&st->cue_rng));
    if (st->n_cues > 0 && at < st->cues[st->n_cues - 1].at_s)
        at = st->cues[st->n_cues - 1].at_s; /* cues are acted on in the order given */
    if (st->n_cues > 0 && at - st->cues[st->n_cues - 1].at_s < SIM_DT) {
        st->cues[st->n_cues - 1].amount = amount;
        return;
    }
    if (st->n_cues == SIM_MAX_CUES) {      /* flooded: the oldest waiting cue is forgotten */
        st->n_cues--;
        memmove(st->cues, st->cues + 1, (size_t)st->n_cues * sizeof st->cues[0]);
    }
    st->cues[st->n_cues++] = (SimCue){at, amount};
}

static void sim_set_target(Sensor *s, double target_n)
{
    SimState *st = s->state;
    if (target_n > 0 && isfinite(target_n))
        st->target_n = target_n;
}

static void sim_close(Sensor *s)
{
    free(s->state);
    s->state = NULL;
}

/* The simulator follows the game's cues, and what it produces is practice (CLINICAL.md). */
const SensorBackend sensor_sim_backend = {
    .kind = "sim",
    .flags = SENSOR_BACKEND_FOLLOWS_CUES | SENSOR_BACKEND_PRACTICE,
    .open = sim_open,
    .poll = sim_poll,
    .close = sim_close,
    .set_push = sim_set_push,
    .set_target = sim_set_target,
};
