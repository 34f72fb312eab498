/* sensor_pad/pad_list: what pads and joysticks are attached, for `bridgehold devices`, and the
 * SDL hints set before SDL_Init. */
#include <SDL.h>
#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "sensor/hwsensor.h"
#include "sensor_pad/pad_private.h"
#include "sensor_pad/sensor_pad.h"

int pad_device_index(int n, bool controllers)
{
    int seen = 0;
    int total = SDL_NumJoysticks();
    for (int i = 0; i < total; i++) {
        if ((SDL_IsGameController(i) == SDL_TRUE) != controllers)
            continue;
        if (seen++ == n)
            return i;
    }
    return -1;
}

int pad_device_count(bool controllers)
{
    int seen = 0;
    int total = SDL_NumJoysticks();
    for (int i = 0; i < total; i++) {
        if ((SDL_IsGameController(i) == SDL_TRUE) == controllers)
            seen++;
    }
    return seen;
}

void sensor_pad_set_hints(void)
{
    /* Room for a few hundred "0xVVVV/0xPPPP," entries: far more than any profile folder. */
    char ignore[4096];
    hwsensor_sdl_ignore_list(ignore, sizeof ignore);
    SDL_SetHint(SDL_HINT_HIDAPI_IGNORE_DEVICES, ignore);
    SDL_SetHint(SDL_HINT_JOYSTICK_ALLOW_BACKGROUND_EVENTS, "1");
}

static void copy_name(char *dst, size_t cap, const char *name)
{
    str_copy(dst, cap, name && *name ? name : "(unnamed)");
}

size_t sensor_pad_find(PadDevice *out, size_t max)
{
    if (!SDL_WasInit(SDL_INIT_GAMECONTROLLER))
        return 0;
    size_t n = 0;
    int controllers = pad_device_count(true);
    for (int k = 0; k < controllers; k++, n++) {
        int dev = pad_device_index(k, true);
        if (n >= max || dev < 0)
            continue;
        PadDevice *d = &out[n];
        memset(d, 0, sizeof *d);
        snprintf(d->input, sizeof d->input, "pad:%d", k);
        copy_name(d->name, sizeof d->name, SDL_GameControllerNameForIndex(dev));
        d->caps = SAMPLE_FORCE;
        d->force_is_proxy = true;
        /* Only an open controller can say whether it has a motion sensor. SDL counts opens, so
         * this does not disturb a handle the app or a sensor already holds. */
        SDL_GameController *gc = SDL_GameControllerOpen(dev);
        if (gc) {
            if (SDL_GameControllerHasSensor(gc, SDL_SENSOR_ACCEL))
                d->caps |= SAMPLE_PITCH | SAMPLE_ROLL;
            d->axes = SDL_JoystickNumAxes(SDL_GameControllerGetJoystick(gc));
            SDL_GameControllerClose(gc);
        }
    }
    int others = pad_device_count(false);
    for (int k = 0; k < others; k++) {
        int dev = pad_device_index(k, false);
        if (dev < 0)
            continue;
        SDL_Joystick *js = SDL_JoystickOpen(dev);
        int axes = js ? SDL_JoystickNumAxes(js) : 0;
        if (js)
            SDL_JoystickClose(js);
        if (axes < 1) /* buttons only: nothing to read a load from */
            continue;
        if (n < max) {
            PadDevice *d = &out[n];
            memset(d, 0, sizeof *d);
            snprintf(d->input, sizeof d->input, "padaxis:%d", k);
            copy_name(d->name, sizeof d->name, SDL_JoystickNameForIndex(dev));
            d->caps = SAMPLE_FORCE;
            d->axes = axes;
        }
        n++;
    }
    return n;
}

size_t sensor_pad_list(char lines[][128], size_t max)
{
    PadDevice found[32];
    size_t n = sensor_pad_find(found, sizeof found / sizeof found[0]);
    if (n > sizeof found / sizeof found[0])
        n = sizeof found / sizeof found[0];
    size_t out = 0;
    for (size_t i = 0; i < n && out < max; i++) {
        const PadDevice *d = &found[i];
        const char *what;
        if (!d->force_is_proxy)
            what = "force from axis 0 (load cell; calibrate it)";
        else if (d->caps & SAMPLE_PITCH)
            what = "force proxy (right trigger), pitch, roll";
        else
            what = "force proxy (right trigger), no tilt";
        /* Every part is bounded so the capabilities always fit the 128-byte line. */
        snprintf(lines[out++], 128, "%.20s  %.56s: %.44s", d->input, d->name, what);
    }
    return out;
}
