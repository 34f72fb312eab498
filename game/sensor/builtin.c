/* sensor/builtin: the list of backends compiled into bh_sensor. Add a new backend here. */
#include "sensor/backends.h"

#include <stddef.h>

const SensorBackend *const sensor_builtin_backends[] = {
    &sensor_sim_backend,
    &sensor_keyboard_backend,
    &sensor_replay_backend,
    NULL,
};
