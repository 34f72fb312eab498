/* sensor_pad/pad_tilt: the accelerometer's gravity vector as pelvis pitch and roll. Pure C, no
 * SDL, so the maths is tested with made-up vectors (SDL 2.26's virtual pads have no sensors). */
#include <math.h>

#include "sensor_pad/sensor_pad.h"

#define TILT_PI 3.14159265358979323846
#define TILT_G 9.80665 /* standard gravity, m/s² (SDL_STANDARD_GRAVITY) */
/* Below this the vector has no usable direction: SDL reports zeros until the first sensor
 * report, and a pad in free fall reads ~0. */
#define TILT_MIN_NORM (0.25 * TILT_G)

bool sensor_pad_tilt(double ax, double ay, double az, double *pitch_deg, double *roll_deg)
{
    if (!isfinite(ax) || !isfinite(ay) || !isfinite(az))
        return false;
    double norm = sqrt(ax * ax + ay * ay + az * az);
    if (!(norm >= TILT_MIN_NORM))
        return false;
    /* Elevation of the head–foot (z) axis: its foot end (−z) rising means "up" has a −z part. */
    double pitch = atan2(-az, sqrt(ax * ax + ay * ay));
    /* Bank about that axis: "up" leaning toward +x means the right side (+x) is higher. */
    double roll = atan2(ax, ay);
    *pitch_deg = pitch * 180.0 / TILT_PI;
    *roll_deg = roll * 180.0 / TILT_PI;
    return true;
}
