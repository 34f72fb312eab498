/* sensor/backends: the backends built into bh_sensor (the SDL pad backend is registered by the
 * app, since this library does not link SDL). Private to the sensor module. */
#pragma once
#include "sensor/sensor.h"

extern const SensorBackend sensor_sim_backend;
extern const SensorBackend sensor_keyboard_backend;
extern const SensorBackend sensor_replay_backend;

/* NULL-terminated, in the order sensor_open tries them. */
extern const SensorBackend *const sensor_builtin_backends[];
