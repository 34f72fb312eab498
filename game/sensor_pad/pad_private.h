/* sensor_pad/pad_private: device lookup shared by the backends (pad.c) and the listing
 * (pad_list.c). Private to this folder. */
#pragma once
#include <stdbool.h>

/* The SDL joystick device index of the nth (from 0) game controller when controllers is true,
 * else of the nth joystick that is not a game controller; −1 when there is no such device. */
int pad_device_index(int n, bool controllers);
/* How many game controllers (controllers true) or other joysticks are attached now. */
int pad_device_count(bool controllers);
