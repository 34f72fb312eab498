/* play/play_input: the sensor a Play reads — opening it, what it can do, its calibration, and
 * the pump that brings its samples onto the game clock and into the session, with unplug and
 * stall handling. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/str.h"
#include "play/play_internal.h"
#include "sensor/calfile.h"

/* What the input can do, read once from its info (capabilities, not names, for everyone else). */
static void describe_input(Play *p)
{
    const SensorInfo *si = &p->info;
    PlayInput *in = &p->st.input;
    memset(in, 0, sizeof *in);
    str_copy(in->name, sizeof in->name, si->name);
    str_copy(in->kind, sizeof in->kind, si->kind);
    in->open = true;
    in->measures_force = (si->caps & SAMPLE_FORCE) != 0;
    in->force_is_proxy = si->force_is_proxy;
    in->measures_angle = si->measures_angle;
    in->can_calibrate = calstore_applies(si);
    in->live_device = si->live;
    in->practice = si->practice || !si->live; /* nobody is on a device that is not live */
    in->follows_cues = si->follows_cues;
    in->finite = si->finite;
    in->rate_hz = si->rate_hz;
    in->resolution_n = si->resolution_n;
    p->st.practice = p->opt.demo || in->practice; /* whatever it runs is practice */
    p->lp_ready = si->live && si->rate_hz > 0 && in->measures_force &&
                  lowpass_init(&p->lp, LOWPASS_TREMOR_CUTOFF_HZ, si->rate_hz);
}

bool play_open_input(Play *p, const char *spec, const SensorOptions *opt, char *err,
                     size_t errlen)
{
    Sensor *s = NULL;
    if (spec) {
        s = sensor_open(spec, opt, err, errlen);
    } else {
        static const char *const AUTO[] = {"scale", "balance-board", "pad"};
        for (size_t i = 0; i < sizeof AUTO / sizeof AUTO[0] && !s; i++) {
            char ignored[256];
            s = sensor_open(AUTO[i], opt, ignored, sizeof ignored);
        }
        if (!s) /* the honest fallback: it times holds, it measures nothing */
            s = sensor_open("keyboard", opt, err, errlen);
    }
    if (!s)
        return false;
    sensor_close(p->sensor);
    p->sensor = s;
    p->info = *sensor_info(s);
    describe_input(p);
    p->st.mvc_retest_due = false;
    play_check_owed(p);
    return true;
}

static bool cal_path(const Play *p, char *out, size_t cap)
{
    return p->sensor && p->store && p->st.input.can_calibrate &&
           calstore_path(store_path(p->store), &p->info, out, cap);
}

bool play_load_calibration(Play *p, char *msg, size_t msglen)
{
    char path[4096];
    if (msg && msglen)
        msg[0] = '\0';
    if (p->st.cal_done || !cal_path(p, path, sizeof path))
        return true;
    Diag d;
    diag_init(&d);
    Calibration c;
    bool found = false;
    bool ok = calstore_load(path, &c, &found, &d);
    if (!ok) {
        log_warn("calibration", "%s (the file is ignored)", diag_first(&d));
        if (msg)
            snprintf(msg, msglen, "%s", diag_first(&d));
    } else if (found) {
        p->st.cal = c;
        p->st.cal_done = true;
    }
    diag_free(&d);
    return ok;
}

void play_set_calibration(Play *p, const Calibration *cal)
{
    p->st.cal = *cal;
    p->st.cal_done = true;
    lowpass_reset(&p->lp); /* a new zero must not ring through the filter */
}

bool play_save_calibration(Play *p, char *err, size_t errlen)
{
    char path[4096];
    if (!p->store) {
        snprintf(err, errlen, "there is no data folder, so it is used for this run only");
        return false;
    }
    if (!cal_path(p, path, sizeof path)) {
        snprintf(err, errlen, "this input has no calibration to save");
        return false;
    }
    /* A device that zeroes itself (a postal scale at power-on) would have a saved zero offset
     * taken off a second time after a replug or a restart: only its slope is kept. */
    Calibration keep = p->st.cal;
    if (play_can_device_tare(p))
        keep.offset_n = 0;
    return calstore_save(path, &p->info, &keep, err, errlen);
}

bool play_can_device_tare(const Play *p) { return p->sensor && sensor_can_tare(p->sensor); }

bool play_device_tare(Play *p, char *err, size_t errlen)
{
    return p->sensor && sensor_tare(p->sensor, err, errlen);
}

void play_set_push(Play *p, bool on)
{
    p->push = on;
    if (p->sensor)
        sensor_set_push(p->sensor, on ? 1.0 : 0.0);
}

void play_set_sim_aim(Play *p, double target_n)
{
    if (p->sensor)
        sensor_set_target(p->sensor, target_n);
}

/* ---- the pump ---- */

static double sample_value(const Play *p, const Sample *s)
{
    if (p->st.self_timed) /* held (1) or not (0): a key or trigger says when, not how hard */
        return s->force_n >= PLAY_SELF_TIMED_PRESS_N ? 1.0 : 0.0;
    if (!p->st.angle_mode)
        return s->force_n;
    double v = s->pitch_deg + PLAY_ANGLE_OFFSET_DEG;
    /* A dropped hip spoils the hold even at the right height: count it below the band. */
    if ((s->has & SAMPLE_ROLL) && fabs(s->roll_deg) > PLAY_ANGLE_ROLL_LIMIT_DEG && p->session) {
        double lo, hi;
        session_band(p->session, &lo, &hi);
        if (v >= lo)
            v = lo - 1.0;
    }
    return v;
}

static void hold_stopped(Play *p)
{
    if (p->session && session_phase(p->session) == PHASE_HOLD)
        session_interrupt(p->session, p->st.now);
}

/* Calibration, the tremor filter (live force only: recordings replay exactly as recorded),
 * and the latest readings the set-up screens show. */
static void condition(Play *p, Sample *smp)
{
    if (smp->has & SAMPLE_FORCE) {
        const Calibration *cal = &p->st.cal;
        smp->force_n = calibrate_apply(cal, smp->force_n);
        if (smp->has & SAMPLE_LEFT_RIGHT) { /* the offset splits evenly between sides */
            smp->left_n = calibrate_apply(cal, smp->left_n) - cal->offset_n / 2;
            smp->right_n = calibrate_apply(cal, smp->right_n) - cal->offset_n / 2;
        }
        if (p->lp_ready)
            smp->force_n = lowpass_step(&p->lp, smp->force_n);
        p->st.latest_force = smp->force_n;
    }
    if (smp->has & SAMPLE_PITCH)
        p->st.latest_pitch = smp->pitch_deg;
    if (smp->has & SAMPLE_ROLL)
        p->st.latest_roll = smp->roll_deg;
}

/* A stream that has gone quiet for longer than max(1 s, 10 report periods) during a hold has
 * stalled: the hold stops like an unplug (kept, interrupted, not scored as held). */
static void check_stall(Play *p)
{
    double period = p->info.rate_hz > 0 ? 1.0 / p->info.rate_hz : 0;
    double limit = fmax(PLAY_STALL_MIN_S, PLAY_STALL_PERIODS * period);
    if (!p->session || session_phase(p->session) != PHASE_HOLD || !p->have_offset)
        return;
    if (p->st.now - p->last_arrival > limit && !p->st.sensor_stalled) {
        log_warn("play", "the sensor sent nothing for %.1f s: the hold is stopped",
                 p->st.now - p->last_arrival);
        p->st.sensor_stalled = true;
        p->set_stalled = true;
        hold_stopped(p);
    }
}

void play_pump(Play *p)
{
    if (!p->sensor || p->st.sensor_ended)
        return;
    if (!p->session && p->st.input.finite)
        return; /* recordings play once, from their first poll: they start with the session */
    Sample buf[256];
    for (int guard = 0; guard < 64; guard++) {
        int n = sensor_poll(p->sensor, p->st.now, buf, 256);
        if (n == SENSOR_DISCONNECTED) {
            /* Unplugged: the hold in progress ends, marked interrupted (kept, never a failure),
             * and nothing new starts until the sensor is back (the backend looks for it). */
            if (!p->st.sensor_lost) {
                log_warn("play", "sensor disconnected");
                p->st.sensor_lost = true;
                p->have_offset = false; /* a replugged device may restart its clock */
                hold_stopped(p);
            }
            return;
        }
        if (n < 0) {
            if (n != SENSOR_END)
                log_warn("play", "sensor stopped (%d)", n);
            p->st.sensor_ended = true;
            hold_stopped(p);
            return;
        }
        if (n > 0) {
            if (p->st.sensor_lost)
                log_info("play", "sensor back");
            p->st.sensor_lost = false;
            p->st.sensor_stalled = false;
            p->last_arrival = p->st.now;
        }
        for (int i = 0; i < n; i++) {
            Sample *smp = &buf[i];
            condition(p, smp);
            if (!p->have_offset) {
                /* the newest sample of the first batch is "now"; older ones fall before it */
                p->sample_offset = p->st.now - buf[n - 1].t_s;
                p->have_offset = true;
            }
            double t = smp->t_s + p->sample_offset;
            if (t > p->st.now) { /* a device clock running ahead of ours: follow ours */
                p->sample_offset -= t - p->st.now;
                t = p->st.now;
            }
            if (t < p->last_sample_t) /* after a replug: never back into pushed time */
                t = p->last_sample_t;
            p->last_sample_t = t;
            ForcePoint fp = {t, sample_value(p, smp), smp->left_n, smp->right_n,
                             (smp->has & SAMPLE_LEFT_RIGHT) != 0};
            if (p->session)
                session_push(p->session, &fp);
        }
        if (n < 256)
            break;
    }
    check_stall(p);
}
