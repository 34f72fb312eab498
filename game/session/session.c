/* session/session: phase timing and scoring of one exercise session. */
#include "session/session.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

#define DEFAULT_GET_READY_S 5.0
#define DEFAULT_PRACTICE_S 10.0
/* Tempo reps: a rep counts when the value rises above 60 % and falls below 40 % of the way from
 * the set's lowest to its highest value, and took 50–150 % of the prescribed up+down time. [P] */
#define TEMPO_HIGH_FRACTION 0.6
#define TEMPO_LOW_FRACTION 0.4
#define TEMPO_TIME_SLACK 0.5
/* With no minimum given: a rep must move at least 20 % of the target (rules.ini [reps]) [P]. */
#define TEMPO_DEFAULT_EXCURSION_FRACTION 0.2
/* Self-timed input: a value at or above this is "held" (keys and triggers give 0 or 1). */
#define SELF_TIMED_HELD 0.5

typedef struct PointBuf {
    ForcePoint *p;
    size_t start, count, cap; /* live points are p[start .. start+count) */
} PointBuf;

struct Session {
    SessionConfig cfg;
    SessionPhase phase;
    int set_no;          /* 0 = practice */
    double phase_start;
    double phase_len;
    unsigned pending;    /* events raised inside session_push, reported by the next update */
    double clock;        /* the latest time timing was advanced to */
    bool ended_early;    /* session_abort: stopped before the last set ended */
    bool rest_held;
    HoldMeter meter;
    double latest;
    PointBuf recent;
    PointBuf hold;       /* samples of the current (or last finished) hold */
    SetResult results[SESSION_MAX_SETS + 1];
    size_t n_results;
    /* tempo rep counting */
    double tempo_min, tempo_max;
    bool tempo_up;       /* value is in the upper part of its range */
    double tempo_rep_start;
    double tempo_low, tempo_high; /* lowest since the last top, highest since the last bottom */
    int reps;
    /* self-timed holds: time held so far, and the latest value with its time */
    double held_s;
    double held_last_t, held_last_v;
};

static void buf_push(PointBuf *b, const ForcePoint *p)
{
    if (b->start > 0 && b->start + b->count == b->cap) {
        memmove(b->p, b->p + b->start, b->count * sizeof *b->p);
        b->start = 0;
    }
    void *mem = b->p;
    xgrow(&mem, &b->cap, b->start + b->count + 1, sizeof *b->p);
    b->p = mem;
    b->p[b->start + b->count++] = *p;
}

static void buf_clear(PointBuf *b) { b->start = b->count = 0; }

Session *session_new(const SessionConfig *cfg)
{
    Session *s = xcalloc(1, sizeof *s);
    s->cfg = *cfg;
    if (s->cfg.sets < 1)
        s->cfg.sets = 1;
    if (s->cfg.sets > SESSION_MAX_SETS)
        s->cfg.sets = SESSION_MAX_SETS;
    if (s->cfg.get_ready_s <= 0)
        s->cfg.get_ready_s = DEFAULT_GET_READY_S;
    if (s->cfg.practice_s <= 0)
        s->cfg.practice_s = DEFAULT_PRACTICE_S;
    if (s->cfg.tempo)
        s->cfg.hold_s = s->cfg.reps * (s->cfg.up_s + s->cfg.down_s);
    if (s->cfg.hold_s <= 0)
        s->cfg.hold_s = 1;
    if (s->cfg.rest_s < 0)
        s->cfg.rest_s = 0;
    if (!(s->cfg.min_excursion > 0))
        s->cfg.min_excursion = s->cfg.target > 0 ? TEMPO_DEFAULT_EXCURSION_FRACTION * s->cfg.target
                                                 : 0;
    s->latest = NAN;
    s->phase = PHASE_IDLE;
    return s;
}

void session_free(Session *s)
{
    if (!s)
        return;
    free(s->recent.p);
    free(s->hold.p);
    free(s);
}

static HoldParams params(const Session *s)
{
    return (HoldParams){s->cfg.target, s->cfg.tolerance_pct};
}

static void enter(Session *s, SessionPhase phase, double t)
{
    s->phase = phase;
    s->phase_start = t;
    switch (phase) {
    case PHASE_GET_READY: s->phase_len = s->cfg.get_ready_s; break;
    case PHASE_HOLD: {
        s->phase_len = s->set_no == 0 ? s->cfg.practice_s : s->cfg.hold_s;
        HoldParams p = params(s);
        hold_meter_reset(&s->meter, &p);
        buf_clear(&s->hold);
        s->reps = 0;
        s->tempo_min = INFINITY;
        s->tempo_max = -INFINITY;
        s->tempo_up = false;
        s->tempo_rep_start = t;
        s->tempo_low = INFINITY;
        s->tempo_high = -INFINITY;
        s->held_s = 0;
        s->held_last_t = t;
        s->held_last_v = 0;
        break;
    }
    case PHASE_REST: s->phase_len = s->cfg.rest_s; break;
    default: s->phase_len = 0; break;
    }
}

void session_start(Session *s, double now_s)
{
    s->set_no = s->cfg.practice ? 0 : 1;
    s->n_results = 0;
    s->clock = now_s;
    enter(s, PHASE_GET_READY, now_s);
}

/* Self-timed: adds the time from the latest value to t while that value was "held". */
static void held_to(Session *s, double t)
{
    if (t > s->held_last_t) {
        if (s->held_last_v >= SELF_TIMED_HELD)
            s->held_s += t - s->held_last_t;
        s->held_last_t = t;
    }
}

/* A self-timed set: no newtons, only the share of the prescribed hold time held. */
static void finish_self_timed(Session *s, SetResult *r, double end_t)
{
    held_to(s, end_t);
    double prescribed = s->phase_len > 0 ? s->phase_len : s->cfg.hold_s;
    double pct = 100.0 * s->held_s / prescribed;
    memset(&r->m, 0, sizeof r->m);
    r->m.start_s = s->phase_start;
    r->m.end_s = end_t > s->phase_start ? end_t : s->phase_start;
    r->m.duration_s = r->m.end_s - r->m.start_s;
    r->m.time_in_band_pct = pct > 100 ? 100 : pct;
    r->m.mean_n = r->m.peak_n = r->m.cv_pct = r->m.drift_pct_per_10s = NAN;
    r->m.left_pct = r->m.form_lost_s = NAN;
    r->measured = !s->cfg.tempo;
    r->self_timed = true;
}

/* Scores the hold that just ended at end_t and stores its result. */
static void finish_hold(Session *s, bool interrupted, double end_t)
{
    SetResult *r = &s->results[s->n_results++];
    memset(r, 0, sizeof *r);
    r->index = s->set_no;
    r->measured = s->cfg.measured && !s->cfg.tempo;
    r->interrupted = interrupted;
    r->pain = SESSION_PAIN_UNANSWERED;
    r->reps_done = s->reps;
    if (s->cfg.self_timed) {
        finish_self_timed(s, r, end_t);
        return;
    }
    HoldParams p = params(s);
    const ForcePoint *pts = s->hold.p ? s->hold.p + s->hold.start : NULL; /* none yet */
    if (!hold_measure(pts, s->hold.count, &p, &r->m)) {
        /* Nothing to score (the input ended or went away): kept, marked, never a zero. */
        memset(&r->m, 0, sizeof r->m);
        r->m.start_s = r->m.end_s = s->phase_start;
        r->m.mean_n = r->m.peak_n = r->m.cv_pct = r->m.drift_pct_per_10s = NAN;
        r->m.time_in_band_pct = r->m.left_pct = r->m.form_lost_s = NAN;
        r->interrupted = true;
    }
    if (!r->measured) {
        r->m.time_in_band_pct = NAN;
        r->m.form_lost = false;
        r->m.form_lost_s = NAN;
    }
}

/* Leaves the current phase at time t; returns the events that raises. */
static unsigned advance(Session *s, double t, bool interrupted)
{
    unsigned ev = 0;
    switch (s->phase) {
    case PHASE_GET_READY:
        enter(s, PHASE_HOLD, t);
        ev |= SEV_START;
        break;
    case PHASE_HOLD: {
        finish_hold(s, interrupted, t);
        ev |= SEV_STOP;
        bool last = s->set_no >= s->cfg.sets;
        if (last) {
            enter(s, PHASE_DONE, t);
            ev |= SEV_DONE;
        } else {
            /* After the practice hold, a short pause only: it was not a real set. */
            bool practice = s->set_no == 0;
            s->set_no++;
            enter(s, PHASE_REST, t);
            if (practice)
                s->phase_len = s->cfg.get_ready_s;
        }
        break;
    }
    case PHASE_REST:
        enter(s, PHASE_GET_READY, t);
        ev |= SEV_REST_OVER;
        break;
    default: break;
    }
    return ev;
}

static unsigned timed_events(const Session *s, double before, double now)
{
    unsigned ev = 0;
    double len = s->phase_len;
    double a = before - s->phase_start, b = now - s->phase_start;
    if (s->phase == PHASE_GET_READY) {
        static const unsigned marks[3] = {SEV_COUNT_3, SEV_COUNT_2, SEV_COUNT_1};
        for (int k = 3; k >= 1; k--) {
            double at = len - k;
            if (at >= 0 && a < at && b >= at)
                ev |= marks[3 - k];
        }
    } else if (s->phase == PHASE_HOLD) {
        if (a < len / 2 && b >= len / 2)
            ev |= SEV_HALFWAY;
        for (int k = 5; k >= 1 && len > 10; k--) { /* a tick each of the last 5 s */
            if (a < len - k && b >= len - k)
                ev |= SEV_LAST_5;
        }
        if (s->cfg.tempo && b < len) { /* no "up" click on the stop itself */
            double cycle = s->cfg.up_s + s->cfg.down_s;
            if (cycle > 0) {
                double ca = fmod(a, cycle), cb = fmod(b, cycle);
                if (floor(a / cycle) != floor(b / cycle) || (a <= 0 && b > 0))
                    ev |= SEV_TEMPO_UP;
                else if (ca < s->cfg.up_s && cb >= s->cfg.up_s)
                    ev |= SEV_TEMPO_DOWN;
            }
        }
    }
    return ev;
}

static unsigned update_to(Session *s, double now_s)
{
    unsigned ev = 0;
    if (s->phase == PHASE_IDLE || s->phase == PHASE_DONE)
        return ev;
    double cursor = fmax(s->clock, s->phase_start);
    if (now_s > s->clock)
        s->clock = now_s;
    for (int guard = 0; guard < 4 * SESSION_MAX_SETS + 8; guard++) {
        double end = s->phase_start + s->phase_len;
        if (s->phase == PHASE_DONE)
            break;
        if (s->phase == PHASE_REST && s->rest_held && now_s >= end) {
            ev |= timed_events(s, cursor, now_s);
            break;
        }
        if (now_s < end) {
            ev |= timed_events(s, cursor, now_s);
            break;
        }
        ev |= timed_events(s, cursor, end);
        ev |= advance(s, end, false);
        cursor = end;
    }
    return ev;
}

unsigned session_update(Session *s, double now_s)
{
    unsigned ev = s->pending | update_to(s, now_s);
    s->pending = 0;
    return ev;
}

/* A rep: up past 60 % of the set's range and at least min_excursion above the lowest point
 * since the last top, then down below 40 % and at least min_excursion below the highest point
 * since the last bottom. The range alone would let noise on a steady hold count reps: its tiny
 * range is still a range. */
static void tempo_track(Session *s, const ForcePoint *p)
{
    double v = p->force_n;
    if (v < s->tempo_min)
        s->tempo_min = v;
    if (v > s->tempo_max)
        s->tempo_max = v;
    if (v < s->tempo_low)
        s->tempo_low = v;
    if (v > s->tempo_high)
        s->tempo_high = v;
    double range = s->tempo_max - s->tempo_min;
    if (range <= 0 || range < s->cfg.min_excursion)
        return;
    double frac = (v - s->tempo_min) / range;
    if (!s->tempo_up && frac > TEMPO_HIGH_FRACTION &&
        v - s->tempo_low >= s->cfg.min_excursion) {
        s->tempo_up = true;
        s->tempo_high = v;
    } else if (s->tempo_up && frac < TEMPO_LOW_FRACTION &&
               s->tempo_high - v >= s->cfg.min_excursion) {
        s->tempo_up = false;
        s->tempo_low = v;
        double took = p->t_s - s->tempo_rep_start;
        double want = s->cfg.up_s + s->cfg.down_s;
        if (took >= want * (1 - TEMPO_TIME_SLACK) && took <= want * (1 + TEMPO_TIME_SLACK))
            s->reps++;
        s->tempo_rep_start = p->t_s;
    }
}

void session_push(Session *s, const ForcePoint *p)
{
    /* A sample past the end of the phase first closes the phase, so each hold is scored over
     * exactly its own time. */
    s->pending |= update_to(s, p->t_s);
    buf_push(&s->recent, p);
    while (s->recent.count > 1 &&
           p->t_s - s->recent.p[s->recent.start].t_s > SESSION_TRACE_WINDOW_S) {
        s->recent.start++;
        s->recent.count--;
    }
    s->latest = p->force_n;
    if (s->phase == PHASE_HOLD && p->t_s >= s->phase_start) {
        buf_push(&s->hold, p);
        hold_meter_push(&s->meter, p->t_s, p->force_n);
        if (s->cfg.self_timed) {
            held_to(s, p->t_s);
            s->held_last_v = p->force_n;
        }
        if (s->cfg.tempo)
            tempo_track(s, p);
    }
}

void session_hold_rest(Session *s, bool hold)
{
    /* A rest that ran over while held ends when it is released, not back when it ran out, so
     * the next countdown is heard whole. */
    if (s->rest_held && !hold && s->phase == PHASE_REST &&
        s->clock > s->phase_start + s->phase_len)
        s->phase_len = s->clock - s->phase_start;
    s->rest_held = hold;
}

void session_set_target(Session *s, double target, double tolerance_pct)
{
    s->cfg.target = target;
    s->cfg.tolerance_pct = tolerance_pct;
    /* the live meter restarts on the new band; the hold's own samples are scored at its end */
    HoldParams p = params(s);
    hold_meter_reset(&s->meter, &p);
}

void session_restart_countdown(Session *s, double now_s)
{
    if (s->phase == PHASE_GET_READY && now_s > s->phase_start) {
        s->phase_start = now_s;
        s->clock = now_s;
    }
}

void session_interrupt(Session *s, double now_s)
{
    if (s->phase == PHASE_HOLD)
        s->pending |= advance(s, now_s, true);
}

unsigned session_abort(Session *s, double now_s)
{
    unsigned ev = 0;
    if (s->phase == PHASE_IDLE || s->phase == PHASE_DONE)
        return ev;
    if (s->phase == PHASE_HOLD) {
        finish_hold(s, true, now_s);
        ev |= SEV_STOP;
    }
    s->ended_early = true;
    enter(s, PHASE_DONE, now_s);
    return ev;
}

bool session_completed(const Session *s) { return s->phase == PHASE_DONE && !s->ended_early; }

void session_skip(Session *s, double now_s)
{
    if (s->phase == PHASE_GET_READY || s->phase == PHASE_HOLD || s->phase == PHASE_REST)
        s->pending |= advance(s, now_s, false);
}

SessionPhase session_phase(const Session *s) { return s->phase; }
const SessionConfig *session_config(const Session *s) { return &s->cfg; }
int session_set_number(const Session *s) { return s->set_no; }

double session_phase_left_s(const Session *s, double now_s)
{
    double left = s->phase_start + s->phase_len - now_s;
    return left > 0 ? left : 0;
}

double session_phase_elapsed_s(const Session *s, double now_s)
{
    double e = now_s - s->phase_start;
    return e > 0 ? e : 0;
}

double session_live_in_band_pct(const Session *s)
{
    if (s->cfg.self_timed) {
        double el = s->held_last_t - s->phase_start;
        return el > 0 ? 100.0 * s->held_s / el : 0;
    }
    return hold_meter_in_band_pct(&s->meter);
}

double session_held_s(const Session *s) { return s->held_s; }
double session_latest_value(const Session *s) { return s->latest; }

HoldZone session_zone(const Session *s)
{
    if (isnan(s->latest))
        return HOLD_ZONE_BELOW;
    HoldMeter m;
    HoldParams p = params(s);
    hold_meter_reset(&m, &p);
    return hold_meter_zone(&m, s->latest);
}

void session_band(const Session *s, double *low, double *high)
{
    HoldParams p = params(s);
    hold_band(&p, low, high);
}

size_t session_recent(const Session *s, const ForcePoint **pts)
{
    *pts = s->recent.p ? s->recent.p + s->recent.start : NULL;
    return s->recent.count;
}

int session_reps(const Session *s) { return s->reps; }

double session_tempo_position(const Session *s, double now_s)
{
    double cycle = s->cfg.up_s + s->cfg.down_s;
    if (!s->cfg.tempo || s->phase != PHASE_HOLD || cycle <= 0)
        return 0;
    double c = fmod(session_phase_elapsed_s(s, now_s), cycle);
    return c < s->cfg.up_s ? c / s->cfg.up_s : 1.0 - (c - s->cfg.up_s) / s->cfg.down_s;
}

size_t session_results(const Session *s, const SetResult **out)
{
    *out = s->results;
    return s->n_results;
}

bool session_set_pain(Session *s, int index, int pain)
{
    for (size_t i = 0; i < s->n_results; i++) {
        if (s->results[i].index == index) {
            s->results[i].pain = pain;
            return true;
        }
    }
    return false;
}

double session_quality_pct(const Session *s)
{
    double sum = 0;
    int n = 0;
    for (size_t i = 0; i < s->n_results; i++) {
        const SetResult *r = &s->results[i];
        if (r->index == 0 || r->interrupted)
            continue;
        if (s->cfg.tempo && s->cfg.reps > 0) {
            /* tempo levels: the share of the prescribed reps done at the right pace */
            double pct = 100.0 * r->reps_done / s->cfg.reps;
            sum += pct > 100 ? 100 : pct;
            n++;
        } else if (r->measured) {
            sum += r->m.time_in_band_pct;
            n++;
        }
    }
    return n ? sum / n : NAN;
}

size_t session_last_hold_trace(const Session *s, const ForcePoint **pts)
{
    *pts = s->hold.p ? s->hold.p + s->hold.start : NULL;
    return s->hold.count;
}
