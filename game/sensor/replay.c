/* sensor/replay: plays a trace CSV back as if it were a device, so a recorded session can be
 * replayed headless (deterministically) or watched in real time. Samples keep the trace's own
 * timestamps; pacing is on the caller's clock counted from the first poll. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/str.h"
#include "sensor/backends.h"
#include "sensor/trace_csv.h"

typedef struct ReplayState {
    Trace trace;
    size_t next;
    double speed; /* > 0: times real time; < 0: as fast as asked */
    bool started;
    double start_now; /* caller's clock at the first poll, seconds */
} ReplayState;

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static bool replay_open(Sensor *s, const char *arg, const SensorOptions *opt, char *err,
                        size_t errlen)
{
    if (!arg || !*arg) {
        snprintf(err, errlen, "replay needs a trace file: replay:FILE.csv");
        return false;
    }
    ReplayState *st = xcalloc(1, sizeof *st);
    Diag d;
    diag_init(&d);
    if (!trace_load(arg, &st->trace, &d)) {
        snprintf(err, errlen, "%s", diag_first(&d));
        diag_free(&d);
        free(st);
        return false;
    }
    diag_free(&d);
    if (st->trace.count == 0) {
        snprintf(err, errlen, "%s: the trace has a header but no samples", arg);
        trace_free(&st->trace);
        free(st);
        return false;
    }
    st->speed = opt->speed == 0 || !isfinite(opt->speed) ? 1.0 : opt->speed;
    s->state = st;
    snprintf(s->info.name, sizeof s->info.name, "Replay of %s", base_name(arg));
    s->info.caps = st->trace.columns;
    const Trace *t = &st->trace;
    double span = t->samples[t->count - 1].t_s - t->samples[0].t_s;
    s->info.rate_hz = span > 0 ? (double)(t->count - 1) / span : 0.0;
    s->info.resolution_n = 0;
    s->info.live = false;
    s->info.force_is_proxy = false;
    return true;
}

static int replay_poll(Sensor *s, double now_s, Sample *out, int max)
{
    ReplayState *st = s->state;
    const Trace *t = &st->trace;
    if (st->next >= t->count)
        return SENSOR_END;
    if (!st->started) {
        st->started = true;
        st->start_now = now_s;
    }
    /* How far into the trace the caller's clock has come; a sample is due once its offset from
     * the trace's first sample is no later (1 µs slack for the clock's rounding). */
    double due = st->speed < 0 ? INFINITY : (now_s - st->start_now) * st->speed + 1e-6;
    double t0 = t->samples[0].t_s;
    int n = 0;
    while (n < max && st->next < t->count && t->samples[st->next].t_s - t0 <= due)
        out[n++] = t->samples[st->next++];
    return n;
}

static void replay_close(Sensor *s)
{
    ReplayState *st = s->state;
    if (st)
        trace_free(&st->trace);
    free(st);
    s->state = NULL;
}

/* A replayed trace runs out, and it is practice: a recording, not a person now. */
const SensorBackend sensor_replay_backend = {
    .kind = "replay",
    .flags = SENSOR_BACKEND_FINITE | SENSOR_BACKEND_PRACTICE,
    .open = replay_open,
    .poll = replay_poll,
    .close = replay_close,
};
