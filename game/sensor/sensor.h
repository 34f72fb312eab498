/* sensor/sensor: the one interface every input device implements (SDL's backend-table idea).
 * The game opens a sensor from a SPEC string and never asks which backend it got.
 *
 * Time: every sample carries the device's own timestamp in seconds (t_s), monotonic within a
 * stream. The caller drives time: sensor_poll(s, now_s, ...) returns what the device has produced
 * up to now_s on the caller's clock (the real clock for live play, a virtual clock for headless
 * runs), so recorded and synthetic inputs replay deterministically. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

/* What a sample holds (bit set in Sample.has). */
enum {
    SAMPLE_FORCE = 1u << 0,      /* force_n: total force, newtons */
    SAMPLE_LEFT_RIGHT = 1u << 1, /* left_n, right_n: per-side force, newtons */
    SAMPLE_PITCH = 1u << 2,      /* pitch_deg: pelvis pitch (hip height), degrees */
    SAMPLE_ROLL = 1u << 3,       /* roll_deg: pelvic roll (hip drop), degrees */
};

typedef struct Sample {
    double t_s;
    double force_n;
    double left_n;
    double right_n;
    double pitch_deg;
    double roll_deg;
    unsigned has; /* SAMPLE_* bits */
} Sample;

/* What a sensor can measure (SensorInfo.caps), same bits as Sample.has. */
typedef struct SensorInfo {
    char name[96];        /* human-readable, e.g. "Simulated patient", "DYMO M25 scale" */
    char kind[24];        /* backend kind: "sim", "keyboard", "replay", "scale", ... */
    unsigned caps;        /* SAMPLE_* bits this sensor can deliver */
    double rate_hz;       /* nominal sample rate (0 = unknown / event-driven) */
    double resolution_n;  /* smallest force step it reports, newtons (0 = unknown) */
    bool live;            /* a real device on the real clock (not sim, replay or capture) */
    bool force_is_proxy;  /* force_n is a stand-in (trigger, key), not newtons from a load cell */
    /* Capabilities, so callers never ask which backend they have (STYLE.md). Set by
     * sensor_open from the backend's table and the caps its open() reported. */
    bool finite;          /* it runs out (replay, hidcapture, evemu): start it with the session */
    bool follows_cues;    /* it acts on sensor_set_push / set_target by itself (the simulator) */
    bool zeroes_itself;   /* it has a device tare command (sensor_can_tare) */
    bool practice;        /* what it produces is practice, never a live session (simulator,
                           * replayed trace, device capture): CLINICAL.md */
    bool measures_force;  /* real newtons: SAMPLE_FORCE and not a proxy */
    bool measures_angle;  /* pelvis pitch (SAMPLE_PITCH) */
    bool self_timed;      /* a key or trigger: only whether the patient pushes, no newtons */
} SensorInfo;

typedef enum SensorStatus {
    SENSOR_OK = 0,            /* poll: n samples returned (n may be 0) */
    SENSOR_END = -1,          /* a finite input (replay, capture) has no more samples */
    SENSOR_DISCONNECTED = -2, /* the device went away; the caller may try sensor_reopen */
    SENSOR_ERROR = -3,
} SensorStatus;

/* Options the caller may give when opening; zero-initialised means defaults. */
typedef struct SensorOptions {
    unsigned long seed;   /* sim: random seed (0 = 1) */
    double target_n;      /* sim/keyboard: the force the patient aims for (0 = 200 N) */
    double speed;         /* replay/captures: playback speed factor (0 = 1; <0 = as fast as asked) */
} SensorOptions;

typedef struct Sensor Sensor;

/* A backend (the table of functions every input implements) and the Sensor handle are defined
 * in sensor/sensor_backend.h, for backends only; everyone else uses the functions below. */
typedef struct SensorBackend SensorBackend;

/* Opens SPEC ("sim", "keyboard", "replay:FILE.csv", ...). NULL with a message in err on failure
 * (bad spec, unreadable or malformed file: "file:line: what is wrong"). */
Sensor *sensor_open(const char *spec, const SensorOptions *opt, char *err, size_t errlen);
int sensor_poll(Sensor *s, double now_s, Sample *out, int max);
const SensorInfo *sensor_info(const Sensor *s);
void sensor_set_push(Sensor *s, double amount);
void sensor_set_target(Sensor *s, double target_n);
bool sensor_tare(Sensor *s, char *err, size_t errlen);
/* True when the device itself can be zeroed (a scale's tare command). */
bool sensor_can_tare(const Sensor *s);
/* A short plain sentence about a condition of the device the user should see while it lasts
 * (a postal scale over its limit, needing re-zeroing, in fault), or NULL. Valid until the next
 * poll. */
const char *sensor_notice(const Sensor *s);
void sensor_close(Sensor *s);

/* Registers a backend so sensor_open finds it by kind (the built-in ones are registered by
 * sensor_open itself). At most 16. */
void sensor_register(const SensorBackend *backend);
