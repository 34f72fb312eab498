/* sensor/sensor_backend: the backend table and the Sensor handle (SDL's SDL_sysjoystick.h idea):
 * for backends (sensor/, sensor_pad/) and tests that play a backend — never for the game, which
 * uses sensor.h's functions and SensorInfo's capabilities. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sensor/sensor.h"

/* What the backend is, for SensorInfo (SensorBackend.flags). */
enum {
    SENSOR_BACKEND_FINITE = 1u << 0,       /* the input runs out (a file) */
    SENSOR_BACKEND_FOLLOWS_CUES = 1u << 1, /* set_push / set_target move it (a simulated patient) */
    SENSOR_BACKEND_PRACTICE = 1u << 2,     /* what it produces is practice, never live */
};

/* A backend: a table of functions (STYLE.md). `state` is the backend's own. */
struct SensorBackend {
    const char *kind;   /* SPEC prefix, e.g. "sim", "replay" */
    unsigned flags;     /* SENSOR_BACKEND_* */
    /* arg is what follows "kind:" in SPEC (may be ""). On failure writes a message to err. */
    bool (*open)(Sensor *s, const char *arg, const SensorOptions *opt, char *err, size_t errlen);
    /* Fills up to max samples produced up to now_s; returns the count, or a SensorStatus < 0. */
    int (*poll)(Sensor *s, double now_s, Sample *out, int max);
    void (*close)(Sensor *s);
    /* Optional: the patient is asked to push (0..1); keyboard/mouse/sim follow it. */
    void (*set_push)(Sensor *s, double amount);
    /* Optional: the force the patient aims for now, newtons (sim follows it). */
    void (*set_target)(Sensor *s, double target_n);
    /* Optional: zero the device (scale tare command). */
    bool (*tare)(Sensor *s, char *err, size_t errlen);
    /* Optional: a short sentence about a device condition now (see sensor_notice), or NULL. */
    const char *(*notice)(const Sensor *s);
    /* Optional: from now on write every raw report or event read to out, in the backend's
     * capture format, header first (see hwsensor_record_raw). */
    bool (*record_raw)(Sensor *s, FILE *out, char *err, size_t errlen);
};

struct Sensor {
    const SensorBackend *backend;
    SensorInfo info;
    void *state;
};
