/* sensor/hw_private: helpers shared by the hardware backends (hid_backend.c, board_backend.c),
 * hwsensor.c and hw_list.c. Private to the sensor module. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <wchar.h>

#include "core/diag.h"
#include "sensor/hid_profile.h"
#include "sensor/sensor_backend.h"

#define HW_REOPEN_INTERVAL_S 1.0 /* hidapi has no hot-plug: look for the device again this often */
#define HID_USAGE_PAGE_POS_SCALE 0x8D

/* The first message of d (plus how many more) into err. */
void hw_err_from_diag(char *err, size_t errlen, const Diag *d);
/* A device string from hidapi as plain ASCII ('?' for anything else); "" for NULL. */
void hw_wcs_to_ascii(char *dst, size_t cap, const wchar_t *src);
/* Splits "FILE[:PROFILE]": when the whole of arg is an existing file there is no profile;
 * otherwise the part after the last ':' is the profile. */
void hw_split_file_profile(const char *arg, char *file, size_t file_cap, char *profile,
                           size_t profile_cap);
/* First line of a small text file (sysfs attributes), trimmed. */
bool hw_read_line(const char *path, char *buf, size_t cap);
/* Looks through the profile dir for a profile naming vid:pid (and usage_page, when the profile
 * sets one). True with *out and its path filled. */
bool hw_find_profile(unsigned vid, unsigned pid, unsigned usage_page, DeviceProfile *out,
                     char *path, size_t path_cap);
/* The name of a known HID scale by USB id, or NULL. */
const char *hw_known_scale_name(unsigned vid, unsigned pid);
/* Finds evdev nodes whose device name is the balance board's; fills up to max paths
 * (/dev/input/eventN). Returns how many. */
int hw_find_board_nodes(char (*paths)[64], int max);

/* The hardware backends' optional table entries (sensor_backend.h: notice, record_raw). */
const char *hid_backend_notice(const Sensor *s);
bool hid_backend_record_raw(Sensor *s, FILE *out, char *err, size_t errlen);
bool board_backend_record_raw(Sensor *s, FILE *out, char *err, size_t errlen);
