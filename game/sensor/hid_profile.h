/* sensor/hid_profile: a device profile (an .ini file in assets/devices/) says where a generic
 * HID load cell puts its reading, so a DIY device (an HX711 behind a TinyUSB vendor page, say)
 * needs no code. The format is described for users in assets/devices/README.md:
 *
 *   [device]   version = 1, name, vid, pid (hex), usage_page, usage (hex; 0 or absent = any)
 *   [value]    report_id (0 = unnumbered), byte_offset, size (1..4 bytes), endian (little|big),
 *              signed (true|false), scale_n (newtons per count), offset_n (newtons), rate_hz
 *
 * byte_offset counts from the first byte hidraw/hid_read returns, which is the report id when the
 * device numbers its reports. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"

#define DEVICE_PROFILE_VERSION 1
#define DEVICE_PROFILE_MAX_REPORT 4096 /* hidraw's largest report (HID_MAX_BUFFER_SIZE is 16 KiB,
                                          but no load cell comes near it) */

typedef struct DeviceProfile {
    char name[96];
    unsigned vid, pid;
    unsigned usage_page; /* 0 = any */
    unsigned usage;      /* 0 = any */
    unsigned report_id;  /* 0 = reports are unnumbered */
    unsigned byte_offset;
    unsigned size;       /* bytes, 1..4 */
    bool big_endian;
    bool is_signed;
    double scale_n;      /* newtons per count */
    double offset_n;     /* newtons added after scaling */
    double rate_hz;      /* nominal report rate, 0 = unknown */
} DeviceProfile;

/* Parses a profile. Every problem goes to diag as "file:line: what is wrong" (unknown section
 * or key, a value out of range, a key given twice, a missing required key — vid, pid,
 * byte_offset, size, scale_n, version — and a version newer than DEVICE_PROFILE_VERSION, which
 * is refused on its own). False on any error. */
bool device_profile_load(const char *path, DeviceProfile *out, Diag *diag);
/* The same over a NUL-terminated text; name stands for the file in messages. */
bool device_profile_parse(const char *name, const char *text, DeviceProfile *out, Diag *diag);

/* Reads the value a profile describes out of one report. False when the report is not the one
 * the profile names (other report id, or too short). counts (may be NULL) gets the raw integer. */
bool device_profile_decode(const DeviceProfile *p, const uint8_t *buf, size_t len,
                           double *force_n, int64_t *counts);
