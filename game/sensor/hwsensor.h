/* sensor/hwsensor: what the hardware backends (scale, hid, hidcapture, balance-board, evemu)
 * offer beyond sensor.h: a notice for the user, raw capture for `record --raw`, the folder of
 * device profiles, and a listing of attached devices for `bridgehold devices`. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sensor/sensor.h"

/* What to do when a device is there but may not be opened: the Debian package installs the udev
 * rule itself (then a replug, or a new login, is what is missing); a build from source does not. */
#define HW_UDEV_HINT                                                                          \
    "The Bridgehold package installs a udev rule for it (/usr/lib/udev/rules.d/"              \
    "70-bridgehold.rules): unplug and plug the device in again, or log out and in. From a "  \
    "source build, install the rule first: sudo cp assets/udev/70-bridgehold.rules "          \
    "/etc/udev/rules.d/ && sudo udevadm control --reload"

/* Where `hid:VID:PID:NAME` looks for NAME.ini, and where devices are matched to profiles
 * (normally <share>/assets/devices; the app sets it). Without it, PROFILE must be a path. */
void hwsensor_set_profile_dir(const char *dir);
const char *hwsensor_profile_dir(void); /* "" when not set */
/* Turns a PROFILE argument into a file path: a path (has '/' or ends in .ini) as is, else
 * <profile dir>/<arg>.ini. False (with a message) when there is no profile dir to look in. */
bool hwsensor_profile_path(const char *arg, char *path, size_t cap, char *err, size_t errlen);

/* What the user should be told now about a hardware sensor that is connected but not giving
 * readings (scale over its limit, needing re-zeroing, in fault), or NULL. Always NULL for other
 * backends. The text stays valid until the next poll. */
const char *hwsensor_notice(const Sensor *s);

/* True when the sensor has a raw form: HID reports (hid-recorder format) or evdev events
 * (evemu format). */
bool hwsensor_has_raw(const Sensor *s);
/* From now on, writes every raw report or event the sensor reads to out, in its capture format,
 * header first. A capture input is written out whole, as parsed. False with a message when the
 * sensor has no raw form. out stays the caller's (not closed). */
bool hwsensor_record_raw(Sensor *s, FILE *out, char *err, size_t errlen);

/* The value for SDL_HINT_HIDAPI_IGNORE_DEVICES ("0xVVVV/0xPPPP,..."): the scales this module
 * knows and every device a profile in the profile dir names, so SDL's own HIDAPI drivers never
 * open a device this module reads (DEVICES.md). Set it before SDL_Init. */
void hwsensor_sdl_ignore_list(char *buf, size_t cap);

/* One attached device, as `bridgehold devices` shows it. */
typedef struct HwDevice {
    char kind[24];     /* "scale", "hid", "balance-board" */
    char input[160];   /* the --input SPEC that opens it */
    char name[96];
    char path[128];    /* /dev/hidrawN or /dev/input/eventN */
    char profile[128]; /* profile file for a profiled HID device, else "" */
    unsigned vid, pid;
    unsigned caps;     /* SAMPLE_* bits */
    char bus[16];      /* "usb", "bluetooth", ... */
    bool can_open;
    char problem[700]; /* why it cannot be opened, and what to do ("" when it can) */
} HwDevice;

typedef struct HwDeviceList {
    HwDevice *items;
    size_t count, cap;
    char note[256];    /* a problem with the search itself (hidapi failed, ...), else "" */
    size_t profiles;   /* device profiles found in the profile dir */
    char profile_errors[512]; /* the first broken profile's message, else "" */
} HwDeviceList;

/* Finds HID scales (usage page 0x8D), HID devices that a profile in the profile dir describes,
 * and balance boards (by evdev name). Never fails: an empty list is a valid answer. */
void hwsensor_list(HwDeviceList *out);
void hwsensor_list_free(HwDeviceList *list);
