/* sensor_pad/pad: the `pad` and `padaxis` backends (sensor.h) on SDL 2.26's game controller and
 * joystick APIs (DEVICES.md § "Gamepads through SDL 2.26").
 *
 * Each poll reads the state SDL already holds and returns one sample. Nothing here pumps or
 * peeks at events: the app's own event loop keeps SDL's state fresh and sees every event, as
 * SDL's joystick code intends. Stamps are SDL_GetTicks64 (milliseconds since SDL_Init,
 * monotonic) in seconds; a poll in the same millisecond as the previous sample returns none, so
 * stamps strictly increase. */
#include <SDL.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/str.h"
#include "sensor/sensor_backend.h"
#include "sensor_pad/pad_private.h"
#include "sensor_pad/sensor_pad.h"

/* Same cadence as the HID backends: often enough that a replugged pad is back within a second,
 * rare enough that enumeration costs nothing. */
#define PAD_REOPEN_INTERVAL_S 1.0
/* [P] one-pole smoothing of the gravity vector, time constant 1/(2π·4 Hz): the same 4 Hz corner
 * as signal/lowpass.h's tremor cutoff, so hand tremor and accelerometer noise fade while a
 * sagging hip (< 2 Hz) shows at once. A time constant, not a fixed coefficient, because polls
 * come at the frame rate, which varies. */
#define PAD_TILT_TAU_S 0.0398
/* After a gap this long the old direction says nothing about the new one: start afresh. */
#define PAD_TILT_RESTART_S 0.5
#define PAD_TRIGGER_MAX 32767.0 /* SDL_JOYSTICK_AXIS_MAX: a trigger runs 0..32767 */

typedef enum PadMode { PAD_MODE_TRIGGER, PAD_MODE_AXIS } PadMode;

typedef struct PadState {
    PadMode mode;
    int index;              /* among game controllers (pad) or other joysticks (padaxis) */
    double n_per_count;     /* padaxis: newtons per count above the axis minimum */
    SDL_GameController *gc; /* pad: open while attached */
    SDL_Joystick *js;       /* padaxis: open while attached */
    bool has_accel;         /* the open pad's accelerometer is enabled */
    bool fresh;             /* opened since the last poll: its state is not read yet */
    double next_try_s;      /* caller's clock: the next look for an unplugged device */
    bool have_stamp;
    Uint64 last_ms;         /* stamp of the latest sample */
    bool grav_primed;
    double grav[3];         /* smoothed gravity reaction, m/s² */
    Uint64 grav_ms;         /* stamp of the latest vector folded into grav */
} PadState;

/* Opens the device at st->index and describes it in s->info. False with a message. */
static bool pad_attach(Sensor *s, PadState *st, char *err, size_t errlen)
{
    bool want_pad = st->mode == PAD_MODE_TRIGGER;
    const char *what = want_pad ? "game controller" : "joystick that is not a game controller";
    if (!SDL_WasInit(SDL_INIT_GAMECONTROLLER)) {
        snprintf(err, errlen, "%s: SDL's game controller subsystem is not started", s->info.kind);
        return false;
    }
    int dev = pad_device_index(st->index, want_pad);
    if (dev < 0) {
        int have = pad_device_count(want_pad);
        if (have == 0)
            snprintf(err, errlen, "no %s found (is it plugged in and switched on?)", what);
        else
            snprintf(err, errlen, "no %s number %d (found %d, counted from 0)", what, st->index,
                     have);
        return false;
    }
    st->grav_primed = false;
    st->fresh = true;
    if (want_pad) {
        st->gc = SDL_GameControllerOpen(dev);
        if (!st->gc) {
            snprintf(err, errlen, "cannot open game controller %d: %s", st->index, SDL_GetError());
            return false;
        }
        st->has_accel = SDL_GameControllerHasSensor(st->gc, SDL_SENSOR_ACCEL) &&
                        SDL_GameControllerSetSensorEnabled(st->gc, SDL_SENSOR_ACCEL, SDL_TRUE) == 0;
        const char *name = SDL_GameControllerName(st->gc);
        snprintf(s->info.name, sizeof s->info.name, "%.56s: right trigger (proxy)%s",
                 name ? name : "Game controller", st->has_accel ? " + tilt" : "");
        s->info.caps = SAMPLE_FORCE | (st->has_accel ? SAMPLE_PITCH | SAMPLE_ROLL : 0u);
        s->info.resolution_n = SENSOR_PAD_TRIGGER_FULL_SCALE_N / PAD_TRIGGER_MAX;
        s->info.force_is_proxy = true;
    } else {
        st->js = SDL_JoystickOpen(dev);
        if (!st->js) {
            snprintf(err, errlen, "cannot open joystick %d: %s", st->index, SDL_GetError());
            return false;
        }
        if (SDL_JoystickNumAxes(st->js) < 1) {
            snprintf(err, errlen, "joystick %d (%s) has no axis to read a load from", st->index,
                     SDL_JoystickName(st->js) ? SDL_JoystickName(st->js) : "unnamed");
            SDL_JoystickClose(st->js);
            st->js = NULL;
            return false;
        }
        const char *name = SDL_JoystickName(st->js);
        snprintf(s->info.name, sizeof s->info.name, "%.64s: axis 0 load cell",
                 name ? name : "Joystick");
        s->info.caps = SAMPLE_FORCE;
        s->info.resolution_n = fabs(st->n_per_count);
        s->info.force_is_proxy = false;
    }
    /* Polled once per frame: there is no fixed device rate to promise. */
    s->info.rate_hz = 0;
    s->info.live = true;
    return true;
}

static void pad_detach(PadState *st)
{
    if (st->gc) {
        /* SDL counts opens: the app may hold this pad too, and need not pay for the sensor. */
        if (st->has_accel)
            SDL_GameControllerSetSensorEnabled(st->gc, SDL_SENSOR_ACCEL, SDL_FALSE);
        SDL_GameControllerClose(st->gc);
        st->gc = NULL;
    }
    if (st->js) {
        SDL_JoystickClose(st->js);
        st->js = NULL;
    }
    st->has_accel = false;
}

static bool pad_attached(const PadState *st)
{
    if (st->gc)
        return SDL_GameControllerGetAttached(st->gc) == SDL_TRUE;
    if (st->js)
        return SDL_JoystickGetAttached(st->js) == SDL_TRUE;
    return false;
}

/* "" → 0, else a whole number ≥ 0. */
static bool parse_index(const char *text, int *out)
{
    long v = 0;
    if (*text && !str_to_long(text, 0, 255, &v))
        return false;
    *out = (int)v;
    return true;
}

static bool open_common(Sensor *s, PadState *st, char *err, size_t errlen)
{
    if (!pad_attach(s, st, err, errlen)) {
        free(st);
        return false;
    }
    s->state = st;
    return true;
}

static bool pad_open(Sensor *s, const char *arg, const SensorOptions *opt, char *err,
                     size_t errlen)
{
    (void)opt;
    PadState *st = xcalloc(1, sizeof *st);
    st->mode = PAD_MODE_TRIGGER;
    if (!parse_index(arg, &st->index)) {
        snprintf(err, errlen, "pad: '%s' is not a controller number (use pad or pad:N, N from 0)",
                 arg);
        free(st);
        return false;
    }
    return open_common(s, st, err, errlen);
}

static bool padaxis_open(Sensor *s, const char *arg, const SensorOptions *opt, char *err,
                         size_t errlen)
{
    (void)opt;
    PadState *st = xcalloc(1, sizeof *st);
    st->mode = PAD_MODE_AXIS;
    st->n_per_count = SENSOR_PAD_AXIS_DEFAULT_N_PER_COUNT;
    char index[32] = "";
    const char *colon = strchr(arg, ':');
    size_t len = colon ? (size_t)(colon - arg) : strlen(arg);
    if (len < sizeof index) {
        memcpy(index, arg, len);
        index[len] = '\0';
    }
    if (len >= sizeof index || !parse_index(index, &st->index)) {
        snprintf(err, errlen, "padaxis: '%s' is not a joystick number (use padaxis:N[:SCALE])",
                 arg);
        free(st);
        return false;
    }
    /* A negative scale flips the sign for a cell whose counts fall under load; tare (the
     * calibration scene) then sets its zero. */
    if (colon && (!str_to_double(colon + 1, &st->n_per_count) || st->n_per_count == 0)) {
        snprintf(err, errlen,
                 "padaxis: scale '%s' must be a non-zero number of newtons per count", colon + 1);
        free(st);
        return false;
    }
    return open_common(s, st, err, errlen);
}

/* Folds one accelerometer reading into the smoothed vector; the time constant holds whatever the
 * gap between polls. */
static void tilt_smooth(PadState *st, const float a[3], Uint64 ms)
{
    double dt = (double)(ms - st->grav_ms) / 1000.0;
    if (!st->grav_primed || dt > PAD_TILT_RESTART_S) {
        for (int i = 0; i < 3; i++)
            st->grav[i] = a[i];
        st->grav_primed = true;
    } else {
        double k = 1.0 - exp(-dt / PAD_TILT_TAU_S);
        for (int i = 0; i < 3; i++)
            st->grav[i] += k * ((double)a[i] - st->grav[i]);
    }
    st->grav_ms = ms;
}

static void read_trigger_sample(PadState *st, Uint64 ms, Sample *out)
{
    int v = SDL_GameControllerGetAxis(st->gc, SDL_CONTROLLER_AXIS_TRIGGERRIGHT);
    if (v < 0) /* triggers never go below rest; a stray negative is rest */
        v = 0;
    out->force_n = (double)v / PAD_TRIGGER_MAX * SENSOR_PAD_TRIGGER_FULL_SCALE_N;
    out->has = SAMPLE_FORCE;
    if (!st->has_accel)
        return;
    float a[3];
    double pitch, roll;
    /* Until the pad sends its first report SDL holds zeros, which sensor_pad_tilt refuses; such a
     * vector must not be smoothed into the real ones either. */
    if (SDL_GameControllerGetSensorData(st->gc, SDL_SENSOR_ACCEL, a, 3) != 0 ||
        !sensor_pad_tilt(a[0], a[1], a[2], &pitch, &roll))
        return;
    tilt_smooth(st, a, ms);
    if (sensor_pad_tilt(st->grav[0], st->grav[1], st->grav[2], &out->pitch_deg, &out->roll_deg))
        out->has |= SAMPLE_PITCH | SAMPLE_ROLL;
}

static int pad_poll(Sensor *s, double now_s, Sample *out, int max)
{
    PadState *st = s->state;
    if (!pad_attached(st)) {
        if (st->gc || st->js) { /* just went away: let go of SDL's handle, look again later */
            pad_detach(st);
            st->next_try_s = now_s + PAD_REOPEN_INTERVAL_S;
            return SENSOR_DISCONNECTED;
        }
        if (now_s < st->next_try_s)
            return SENSOR_DISCONNECTED;
        st->next_try_s = now_s + PAD_REOPEN_INTERVAL_S;
        char why[160];
        if (!pad_attach(s, st, why, sizeof why))
            return SENSOR_DISCONNECTED;
    }
    if (max < 1)
        return 0;
    /* SDL_GameControllerOpen puts the triggers at rest until the device's next report reaches
     * SDL, which happens in the app's next event pump; an accelerometer reads zeros until then
     * too. A sample now would show a trigger held through a replug as a one-frame release. */
    if (st->fresh) {
        st->fresh = false;
        return 0;
    }
    Uint64 ms = SDL_GetTicks64();
    if (st->have_stamp && ms <= st->last_ms)
        return 0;
    Sample smp = {0};
    smp.t_s = (double)ms / 1000.0;
    if (st->mode == PAD_MODE_TRIGGER) {
        read_trigger_sample(st, ms, &smp);
    } else {
        /* SDL stretches the device's range onto −32768..32767; a load cell's zero load is the
         * bottom of its range, so counts are measured from there. */
        int v = SDL_JoystickGetAxis(st->js, 0);
        smp.force_n = (double)(v - SDL_JOYSTICK_AXIS_MIN) * st->n_per_count;
        smp.has = SAMPLE_FORCE;
    }
    st->have_stamp = true;
    st->last_ms = ms;
    out[0] = smp;
    return 1;
}

static void pad_close(Sensor *s)
{
    PadState *st = s->state;
    if (!st)
        return;
    pad_detach(st);
    free(st);
    s->state = NULL;
}

static const SensorBackend sensor_pad_backend = {
    .kind = "pad",
    .open = pad_open,
    .poll = pad_poll,
    .close = pad_close,
};

static const SensorBackend sensor_padaxis_backend = {
    .kind = "padaxis",
    .open = padaxis_open,
    .poll = pad_poll,
    .close = pad_close,
};

void sensor_pad_register(void)
{
    sensor_register(&sensor_pad_backend);
    sensor_register(&sensor_padaxis_backend);
}
