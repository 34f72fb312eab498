/* sensor/builtin: the list of backends compiled into bh_sensor. Add a new backend here. */
#include "sensor/backends.h"

#include <stddef.h>

const SensorBackend *const sensor_builtin_backends[] = {
    &sensor_sim_backend,
    &sensor_keyboard_backend,
    &sensor_replay_backend,
    &sensor_scale_backend,
    &sensor_hid_backend,
    &sensor_hidcapture_backend,
    &sensor_balance_board_backend,
    &sensor_evemu_backend,
    NULL,
};
