/* sensor/backends: the backends built into bh_sensor (the SDL pad backend is registered by the
 * app, since this library does not link SDL). Private to the sensor module. */
#pragma once
#include "sensor/sensor_backend.h"

extern const SensorBackend sensor_sim_backend;
extern const SensorBackend sensor_keyboard_backend;
extern const SensorBackend sensor_replay_backend;
extern const SensorBackend sensor_scale_backend;         /* hid_backend.c */
extern const SensorBackend sensor_hid_backend;           /* hid_backend.c */
extern const SensorBackend sensor_hidcapture_backend;    /* hid_backend.c */
extern const SensorBackend sensor_balance_board_backend; /* board_backend.c */
extern const SensorBackend sensor_evemu_backend;         /* board_backend.c */

/* NULL-terminated, in the order sensor_open tries them. */
extern const SensorBackend *const sensor_builtin_backends[];
