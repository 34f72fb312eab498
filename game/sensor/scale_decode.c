/* sensor/scale_decode: HID POS scale report → newtons (layout in scale_decode.h). */
#include "sensor/scale_decode.h"

#include <math.h>

/* Kilograms per unit, indexed by the HID POS unit code. Sources: SI (mg, g, kg, t); the metric
 * carat is 200 mg (CGPM 1907); the international yard and pound agreement (1959) fixes the pound
 * at 0.45359237 kg, so the ounce is 1/16 lb, the grain 1/7000 lb, the troy ounce 480 grains and
 * the pennyweight 24 grains. Two units are ambiguous in the usage tables and will never come
 * from a force plate, but are still converted rather than dropped: "avoir ton" is taken as the
 * US short ton (2000 lb) and "tael" as the Hong Kong tael (37.799364167 g, Weights and Measures
 * Ordinance Cap. 68). */
static const double UNIT_KG[] = {
    [SCALE_UNIT_MG] = 1e-6,
    [SCALE_UNIT_G] = 1e-3,
    [SCALE_UNIT_KG] = 1.0,
    [SCALE_UNIT_CARAT] = 2e-4,
    [SCALE_UNIT_TAEL] = 0.037799364167,
    [SCALE_UNIT_GRAIN] = 0.45359237 / 7000.0,
    [SCALE_UNIT_PENNYWEIGHT] = 24.0 * 0.45359237 / 7000.0,
    [SCALE_UNIT_METRIC_TON] = 1000.0,
    [SCALE_UNIT_AVOIR_TON] = 2000.0 * 0.45359237,
    [SCALE_UNIT_TROY_OZ] = 480.0 * 0.45359237 / 7000.0,
    [SCALE_UNIT_OZ] = 0.45359237 / 16.0,
    [SCALE_UNIT_LB] = 0.45359237,
};

static const char *const UNIT_NAME[] = {
    [SCALE_UNIT_MG] = "mg",          [SCALE_UNIT_G] = "g",
    [SCALE_UNIT_KG] = "kg",          [SCALE_UNIT_CARAT] = "ct",
    [SCALE_UNIT_TAEL] = "tael",      [SCALE_UNIT_GRAIN] = "gr",
    [SCALE_UNIT_PENNYWEIGHT] = "dwt", [SCALE_UNIT_METRIC_TON] = "t",
    [SCALE_UNIT_AVOIR_TON] = "ton",  [SCALE_UNIT_TROY_OZ] = "ozt",
    [SCALE_UNIT_OZ] = "oz",          [SCALE_UNIT_LB] = "lb",
};

#define N_UNITS (sizeof UNIT_KG / sizeof UNIT_KG[0])

double scale_unit_kg(int unit)
{
    return unit > 0 && (size_t)unit < N_UNITS ? UNIT_KG[unit] : 0.0;
}

const char *scale_unit_name(int unit)
{
    return unit > 0 && (size_t)unit < N_UNITS ? UNIT_NAME[unit] : "?";
}

const char *scale_status_name(int status)
{
    switch (status) {
    case SCALE_STATUS_FAULT: return "fault";
    case SCALE_STATUS_STABLE_ZERO: return "stable at zero";
    case SCALE_STATUS_IN_MOTION: return "in motion";
    case SCALE_STATUS_STABLE: return "stable";
    case SCALE_STATUS_UNDER_ZERO: return "under zero";
    case SCALE_STATUS_OVER_LIMIT: return "over limit";
    case SCALE_STATUS_NEEDS_CALIBRATION: return "needs calibration";
    case SCALE_STATUS_NEEDS_REZERO: return "needs re-zeroing";
    default: return "unknown";
    }
}

/* What the user sees while the scale sends no usable reading. */
static const char *status_notice(int status)
{
    switch (status) {
    case SCALE_STATUS_FAULT:
        return "the scale reports a fault: unplug it, check it, and plug it in again";
    case SCALE_STATUS_OVER_LIMIT:
        return "the scale is over its limit: ease off, or use a scale with a higher capacity";
    case SCALE_STATUS_NEEDS_CALIBRATION:
        return "the scale needs calibrating (see its manual)";
    case SCALE_STATUS_NEEDS_REZERO:
        return "the scale needs re-zeroing: take all weight off it and tare it";
    default:
        return "the scale sent a status this program does not know";
    }
}

bool scale_decode_report(const uint8_t *buf, size_t len, ScaleReading *out)
{
    if (!buf || len < SCALE_REPORT_SIZE || (buf[0] != 0x03 && buf[0] != 0x04))
        return false;
    ScaleReading r = {0};
    r.status = buf[1];
    r.unit = buf[2];
    r.exponent = (int8_t)buf[3];
    r.raw = (unsigned)buf[4] | (unsigned)buf[5] << 8;

    double kg_per_unit = scale_unit_kg(r.unit);
    double count_n = pow(10.0, r.exponent) * kg_per_unit * SCALE_STANDARD_GRAVITY;
    r.step_n = count_n;
    r.force_n = (double)r.raw * count_n;

    switch (r.status) {
    case SCALE_STATUS_STABLE_ZERO:
    case SCALE_STATUS_IN_MOTION:
    case SCALE_STATUS_STABLE:
        r.has_force = true;
        break;
    case SCALE_STATUS_UNDER_ZERO:
        /* The field holds the magnitude; the status carries the sign. */
        r.force_n = -r.force_n;
        r.has_force = true;
        break;
    default:
        r.has_force = false;
        r.notice = status_notice(r.status);
        break;
    }
    if (r.has_force && kg_per_unit == 0.0) {
        r.has_force = false;
        r.notice = "the scale reports its weight in a unit this program does not know";
    }
    if (!r.has_force)
        r.force_n = 0.0;
    *out = r;
    return true;
}
