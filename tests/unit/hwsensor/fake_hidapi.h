/* tests/unit/hwsensor/fake_hidapi: a link-time stand-in for hidapi (the hid_* functions the
 * sensor module calls), with scriptable devices that can be unplugged and plugged in again, so
 * the open/read/unplug/replug paths run without hardware. Linking fake_hidapi.c into a test
 * makes its definitions win over libhidapi's. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

/* Forgets every device and counter. */
void fake_hid_reset(void);
/* Adds a plugged-in device; returns its index. */
int fake_hid_add(const char *path, unsigned vid, unsigned pid, unsigned usage_page,
                 unsigned usage, const wchar_t *product);
/* Unplugging makes every open handle's hid_read return -1 and hides the device from
 * hid_enumerate; plugging it in again needs a fresh hid_open_path, as with a real hidraw node. */
void fake_hid_set_plugged(int dev, bool plugged);
/* hid_open_path fails with errno EACCES, as hidraw does without the udev rule. */
void fake_hid_set_denied(int dev, bool denied);
/* Queues one input report for the device's open handles (up to 256 waiting, then dropped as
 * the kernel would). */
void fake_hid_queue(int dev, const uint8_t *data, size_t size);
size_t fake_hid_pending(int dev);
/* The last output report written to the device; returns its size (0 when none). */
size_t fake_hid_last_write(int dev, uint8_t *buf, size_t cap);
/* How many times hid_enumerate / hid_open_path were called, and handles now open. */
int fake_hid_enumerations(void);
int fake_hid_opens(void);
int fake_hid_open_handles(void);
