/* sensor/keyboard: the space bar (or a mouse button) as a stand-in force sensor, for playing with
 * no hardware. No SDL here: the app calls sensor_set_push(s, 1) while the key is held and 0 when
 * it is released; this backend turns that into a force that rises and falls smoothly toward
 * push · target, sampled at 60 Hz on the caller's clock. The number is a proxy (force_is_proxy):
 * it shows when the player presses, not how hard anyone pushes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/alloc.h"
#include "core/str.h"
#include "sensor/backends.h"

#define KEY_RATE_HZ 60.0
#define KEY_DEFAULT_TARGET_N 200.0
#define KEY_TAU_UP_S 0.4   /* first order: 63 % of the way in 0.4 s, 95 % in 1.2 s */
#define KEY_TAU_DOWN_S 0.3
#define KEY_WOBBLE_FRAC 0.006 /* a living line, well inside any band (±10 %) */
#define KEY_MAX_LAG_S 1.0     /* a stalled caller skips ahead rather than replaying the gap */
#define KEY_PI 3.14159265358979323846

typedef struct KeyState {
    double target_n;
    bool started;
    double start_now; /* caller's clock at the first poll, seconds */
    double last_now;  /* latest poll */
    long long next_k; /* next sample at start_now + k / 60 */
    double push, prev_push;
    double push_since; /* caller time the current push began; earlier samples use prev_push */
    double level;      /* force before the wobble, newtons */
} KeyState;

static bool key_open(Sensor *s, const char *arg, const SensorOptions *opt, char *err,
                     size_t errlen)
{
    if (arg && *arg) {
        snprintf(err, errlen, "keyboard takes no argument (got 'keyboard:%s')", arg);
        return false;
    }
    KeyState *st = xcalloc(1, sizeof *st);
    st->target_n = opt->target_n > 0 && isfinite(opt->target_n) ? opt->target_n
                                                                : KEY_DEFAULT_TARGET_N;
    s->state = st;
    str_copy(s->info.name, sizeof s->info.name, "Keyboard (space bar)");
    s->info.caps = SAMPLE_FORCE;
    s->info.rate_hz = KEY_RATE_HZ;
    s->info.resolution_n = 0;
    /* A person pressing a key in real time: nothing to replay headless. */
    s->info.live = true;
    s->info.force_is_proxy = true;
    return true;
}

static int key_poll(Sensor *s, double now_s, Sample *out, int max)
{
    KeyState *st = s->state;
    if (!st->started) {
        st->started = true;
        st->start_now = st->last_now = st->push_since = now_s;
    }
    if (now_s > st->last_now)
        st->last_now = now_s;
    const double dt = 1.0 / KEY_RATE_HZ;
    /* Exact first-order steps at the fixed rate. */
    const double up = 1.0 - exp(-dt / KEY_TAU_UP_S), down = 1.0 - exp(-dt / KEY_TAU_DOWN_S);
    double behind = now_s - (st->start_now + (double)st->next_k * dt);
    if (behind > KEY_MAX_LAG_S) {
        long long skip = (long long)((behind - KEY_MAX_LAG_S) * KEY_RATE_HZ);
        double aim = st->push * st->target_n;
        double tau = aim > st->level ? KEY_TAU_UP_S : KEY_TAU_DOWN_S;
        st->level = aim + (st->level - aim) * exp(-(double)skip * dt / tau);
        st->next_k += skip;
    }
    int n = 0;
    while (n < max) {
        double rel = (double)st->next_k * dt;
        double t = st->start_now + rel;
        if (t > now_s + 1e-9)
            break;
        double push = t < st->push_since ? st->prev_push : st->push;
        double aim = push * st->target_n;
        st->level += (aim - st->level) * (aim > st->level ? up : down);
        /* Two slow incommensurate sines: deterministic, and only while pressed. */
        double wobble = KEY_WOBBLE_FRAC * st->level *
                        (sin(2.0 * KEY_PI * 1.3 * rel) + 0.5 * sin(2.0 * KEY_PI * 3.7 * rel + 1.0));
        out[n] = (Sample){0};
        out[n].t_s = t;
        out[n].force_n = st->level + wobble;
        out[n].has = SAMPLE_FORCE;
        n++;
        st->next_k++;
    }
    return n;
}

/* A press or release counts from the latest poll on the caller's clock. */
static void key_set_push(Sensor *s, double amount)
{
    KeyState *st = s->state;
    if (amount == st->push)
        return;
    st->prev_push = st->push;
    st->push = amount;
    st->push_since = st->last_now;
}

static void key_set_target(Sensor *s, double target_n)
{
    KeyState *st = s->state;
    if (target_n > 0 && isfinite(target_n))
        st->target_n = target_n;
}

static void key_close(Sensor *s)
{
    free(s->state);
    s->state = NULL;
}

const SensorBackend sensor_keyboard_backend = {
    .kind = "keyboard",
    .open = key_open,
    .poll = key_poll,
    .close = key_close,
    .set_push = key_set_push,
    .set_target = key_set_target,
};
