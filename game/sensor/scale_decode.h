/* sensor/scale_decode: the HID point-of-sale scale input report (usage page 0x8D, usage 0x20),
 * decoded from its bytes alone so that live reads and hid-recorder captures share it.
 * Layout (DEVICES.md, after erjiang/usbscale and the USB-IF HID Point of Sale Usage Tables 1.02):
 * [0] report id 0x03 (0x04 seen too), [1] status, [2] unit, [3] exponent (int8),
 * [4..5] weight, uint16 little-endian; weight = raw * 10^exponent in `unit`. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SCALE_REPORT_SIZE 6
#define SCALE_STANDARD_GRAVITY 9.80665 /* m/s^2, newtons per kilogram-force (CGPM 1901) */

typedef enum ScaleStatus {
    SCALE_STATUS_FAULT = 1,
    SCALE_STATUS_STABLE_ZERO = 2,
    SCALE_STATUS_IN_MOTION = 3,
    SCALE_STATUS_STABLE = 4,
    SCALE_STATUS_UNDER_ZERO = 5,
    SCALE_STATUS_OVER_LIMIT = 6,
    SCALE_STATUS_NEEDS_CALIBRATION = 7,
    SCALE_STATUS_NEEDS_REZERO = 8,
} ScaleStatus;

typedef enum ScaleUnit {
    SCALE_UNIT_MG = 1,
    SCALE_UNIT_G = 2,
    SCALE_UNIT_KG = 3,
    SCALE_UNIT_CARAT = 4,
    SCALE_UNIT_TAEL = 5,
    SCALE_UNIT_GRAIN = 6,
    SCALE_UNIT_PENNYWEIGHT = 7,
    SCALE_UNIT_METRIC_TON = 8,
    SCALE_UNIT_AVOIR_TON = 9,
    SCALE_UNIT_TROY_OZ = 10,
    SCALE_UNIT_OZ = 11,
    SCALE_UNIT_LB = 12,
} ScaleUnit;

typedef struct ScaleReading {
    int status;        /* ScaleStatus (or an unknown value from the device) */
    int unit;          /* ScaleUnit (or an unknown value) */
    int exponent;      /* base-10 exponent of the weight field */
    unsigned raw;      /* the weight field as sent */
    /* True when force_n is a real reading: stable, stable at zero, in motion (a body in a bridge
     * is never still) or under zero. False for fault, over limit, calibration/re-zero needed, or
     * an unknown unit/status: the number on the wire is then not a force. */
    bool has_force;
    double force_n;    /* newtons; negative when the scale is under zero */
    double step_n;     /* newtons one count of the weight field stands for (resolution) */
    /* For the user when the scale is not giving readings (NULL when it is): what is wrong and
     * what to do, e.g. over limit, needs re-zeroing. */
    const char *notice;
} ScaleReading;

/* Decodes one input report as hid_read/hidraw return it (report id in buf[0]). False when the
 * bytes are not a scale data report (fewer than 6 bytes or another report id); *out is then
 * untouched. True otherwise, even for a fault: see has_force and notice. */
bool scale_decode_report(const uint8_t *buf, size_t len, ScaleReading *out);

/* Kilograms in one of `unit` (0 when the unit is unknown). */
double scale_unit_kg(int unit);
/* A short name for the unit ("g", "lb", ...; "?" when unknown). */
const char *scale_unit_name(int unit);
/* A short name for a status ("stable", "in motion", ...; "unknown" otherwise). */
const char *scale_status_name(int status);
