/* sensor_pad: gamepads and joystick-class DIY load cells through SDL 2.26, behind sensor.h.
 *
 *   pad[:N]              the Nth SDL game controller (N counts game controllers only, from 0).
 *                        Force: the right trigger as a PROXY (info.force_is_proxy), 0..32767 →
 *                        0..SENSOR_PAD_TRIGGER_FULL_SCALE_N. Pitch and roll from the accelerometer
 *                        when the pad has one (sensor_pad_tilt below).
 *   padaxis[:N[:SCALE]]  the Nth SDL joystick that is NOT a game controller (a DIY load cell on a
 *                        microcontroller that enumerates as a joystick), axis 0, SCALE newtons per
 *                        count above the axis minimum (default SENSOR_PAD_AXIS_DEFAULT_N_PER_COUNT).
 *
 * One sample per poll at the caller's frame rate, stamped with SDL_GetTicks64 in seconds. The
 * backends only read state SDL already has (SDL_GameControllerGetAxis, ..GetSensorData,
 * SDL_JoystickGetAxis): the app's event loop (SDL_PollEvent / SDL_PumpEvents) is what refreshes
 * it, so a caller without an event loop must call SDL_PumpEvents each frame. An unplugged device
 * gives SENSOR_DISCONNECTED; later polls look for the same index about once a second (on the
 * caller's clock) and resume when it is back.
 *
 * This header does not include SDL, so pure callers (and the tilt tests) need not. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "sensor/sensor.h"

/* [P] our choice: a nominal full scale so a fully pulled trigger draws like a firm bridge push
 * (in the 200–500 N range of heel forces). It is a proxy, never a measurement. */
#define SENSOR_PAD_TRIGGER_FULL_SCALE_N 500.0
/* [P] our choice: SDL stretches any device's axis range onto −32768..32767, so the whole axis is
 * 65535 counts; by default that span is 1000 N (about 100 kgf, above any bridge push). Calibrate
 * with a known weight (calibration scene) or give SCALE for real newtons. */
#define SENSOR_PAD_AXIS_DEFAULT_N_PER_COUNT (1000.0 / 65535.0)

/* Registers the "pad" and "padaxis" backends with sensor_register. Call after
 * SDL_Init(SDL_INIT_GAMECONTROLLER | SDL_INIT_SENSOR); opening fails cleanly without it. */
void sensor_pad_register(void);

/* Sets the SDL hints this module relies on. Call BEFORE SDL_Init, after
 * hwsensor_set_profile_dir: SDL_HINT_HIDAPI_IGNORE_DEVICES from hwsensor_sdl_ignore_list (so SDL's
 * HIDAPI drivers never open a device bh_sensor reads through hidapi, DEVICES.md), and
 * SDL_HINT_JOYSTICK_ALLOW_BACKGROUND_EVENTS=1 (SDL otherwise freezes pad state while the window is
 * not focused, and a hold would be scored on a stale value). */
void sensor_pad_set_hints(void);

/* One pad or joystick found now, as `bridgehold devices` shows it. */
typedef struct PadDevice {
    char input[24];      /* the --input SPEC that opens it: "pad:0", "padaxis:1" */
    char name[96];       /* SDL's name for it */
    unsigned caps;       /* SAMPLE_* bits it would deliver */
    bool force_is_proxy; /* true for a game controller's trigger */
    int axes;            /* joystick axes (padaxis reads axis 0) */
} PadDevice;

/* Fills up to max entries: game controllers first (pad:N), then joysticks that are not
 * controllers and have at least one axis (padaxis:N). Returns how many were found in total
 * (may exceed max). 0 when SDL's game controller subsystem is not initialised. */
size_t sensor_pad_find(PadDevice *out, size_t max);

/* The same as one human-readable line each, first word the --input SPEC, e.g.
 * "pad:0  Xbox Wireless Controller: force proxy (right trigger), pitch, roll". Returns how many
 * lines were written (at most max). */
size_t sensor_pad_list(char lines[][128], size_t max);

/* Pure maths: pelvis pitch and roll, degrees, from the accelerometer's gravity reaction (m/s²,
 * SDL's controller axes: +x right, +y out of the face with the buttons, +z toward the grips).
 *
 * Placement this assumes: the pad lies flat on the pelvis, buttons up, held as you would hold it
 * looking down your body: grips toward the head, triggers toward the feet.
 *   pitch = elevation of the pad's head–foot axis, positive when the foot end rises — the pelvis
 *           tilting as the hips lift into the bridge:  atan2(−z, √(x² + y²))
 *   roll  = rotation about the head–foot axis, positive when the patient's right side is higher
 *           (the left hip has dropped):                 atan2(x, y)
 * These are the aircraft pitch/bank Euler angles (gravity says nothing about yaw), so each is
 * exact whatever the other is, for |pitch| < 90°. Flat: 0/0.
 * False (outputs untouched) when a value is not finite or the vector is shorter than a quarter of
 * gravity (no reading yet, or the pad is falling): there is no "down" to measure from. A longer
 * vector (a bump) is accepted: its direction still points roughly down. */
bool sensor_pad_tilt(double ax, double ay, double az, double *pitch_deg, double *roll_deg);
