/* sensor/hid_profile: device-profile INI parsing (through ini/inifile, for line numbers) and
 * reading a value out of a report. */
#include "sensor/hid_profile.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "ini/inifile.h"

/* One known key: where it lives and the line it was first seen on (0 = not seen). */
typedef enum KeyId {
    K_VERSION, K_NAME, K_VID, K_PID, K_USAGE_PAGE, K_USAGE,
    K_REPORT_ID, K_BYTE_OFFSET, K_SIZE, K_ENDIAN, K_SIGNED, K_SCALE_N, K_OFFSET_N, K_RATE_HZ,
    K_COUNT
} KeyId;

static const struct {
    const char *section, *key;
    bool required;
} KEYS[K_COUNT] = {
    [K_VERSION] = {"device", "version", true},
    [K_NAME] = {"device", "name", false},
    [K_VID] = {"device", "vid", true},
    [K_PID] = {"device", "pid", true},
    [K_USAGE_PAGE] = {"device", "usage_page", false},
    [K_USAGE] = {"device", "usage", false},
    [K_REPORT_ID] = {"value", "report_id", false},
    [K_BYTE_OFFSET] = {"value", "byte_offset", true},
    [K_SIZE] = {"value", "size", true},
    [K_ENDIAN] = {"value", "endian", false},
    [K_SIGNED] = {"value", "signed", false},
    [K_SCALE_N] = {"value", "scale_n", true},
    [K_OFFSET_N] = {"value", "offset_n", false},
    [K_RATE_HZ] = {"value", "rate_hz", false},
};

typedef struct Parse {
    const char *name;
    DeviceProfile *p;
    Diag *diag;
    int seen[K_COUNT];
    long version;
    bool version_only; /* first pass: look at `version` alone */
    int bad_section_line; /* report each unknown section once */
    char bad_section[64];
} Parse;

/* USB ids and HID usages are always written in hex (as lsusb and the HID tables print them),
 * with or without 0x. */
static bool parse_hex(const char *s, unsigned long max, unsigned *out)
{
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        s += 2;
    if (!*s || strlen(s) > 8)
        return false;
    for (const char *c = s; *c; c++) {
        if (!isxdigit((unsigned char)*c))
            return false;
    }
    unsigned long v = strtoul(s, NULL, 16);
    if (v > max)
        return false;
    *out = (unsigned)v;
    return true;
}

/* Decimal, or hex with 0x. */
static bool parse_count(const char *s, unsigned long max, unsigned *out)
{
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        return s[2] != '\0' && parse_hex(s, max, out);
    long v;
    if (!str_to_long(s, 0, (long)max, &v))
        return false;
    *out = (unsigned)v;
    return true;
}

static bool parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = {"true", "yes", "1", "on"};
    static const char *const no[] = {"false", "no", "0", "off"};
    for (size_t i = 0; i < 4; i++) {
        if (str_eq_nocase(s, yes[i]))
            return (*out = true), true;
        if (str_eq_nocase(s, no[i]))
            return (*out = false), true;
    }
    return false;
}

static void set_value(Parse *ps, KeyId k, const char *v, int line)
{
    DeviceProfile *p = ps->p;
    const char *key = KEYS[k].key;
    bool ok = true;
    const char *want = "";
    double d;
    switch (k) {
    case K_VERSION:
        break; /* checked in the first pass */
    case K_NAME:
        if (!*v) {
            ok = false;
            want = "a name";
        } else {
            str_copy(p->name, sizeof p->name, v);
        }
        break;
    case K_VID:
    case K_PID:
        ok = parse_hex(v, 0xFFFF, k == K_VID ? &p->vid : &p->pid);
        want = "a USB id in hex, 0000 to ffff (as lsusb shows it)";
        break;
    case K_USAGE_PAGE:
    case K_USAGE:
        ok = parse_hex(v, 0xFFFF, k == K_USAGE_PAGE ? &p->usage_page : &p->usage);
        want = "a HID usage in hex, 0 to ffff (e.g. 0xff00)";
        break;
    case K_REPORT_ID:
        ok = parse_count(v, 255, &p->report_id);
        want = "a report id from 0 (unnumbered) to 255";
        break;
    case K_BYTE_OFFSET:
        ok = parse_count(v, DEVICE_PROFILE_MAX_REPORT - 1, &p->byte_offset);
        want = "a byte offset from 0 to 4095";
        break;
    case K_SIZE:
        ok = parse_count(v, 4, &p->size) && p->size >= 1;
        want = "a size of 1, 2, 3 or 4 bytes";
        break;
    case K_ENDIAN:
        if (str_eq_nocase(v, "little"))
            p->big_endian = false;
        else if (str_eq_nocase(v, "big"))
            p->big_endian = true;
        else
            ok = false;
        want = "`little` or `big`";
        break;
    case K_SIGNED:
        ok = parse_bool(v, &p->is_signed);
        want = "true or false";
        break;
    case K_SCALE_N:
        ok = str_to_double(v, &d) && d != 0.0 && fabs(d) < 1e9;
        if (ok)
            p->scale_n = d;
        want = "newtons per count, a non-zero number (e.g. 0.00981 for 1 count = 1 g)";
        break;
    case K_OFFSET_N:
        ok = str_to_double(v, &d) && fabs(d) < 1e9;
        if (ok)
            p->offset_n = d;
        want = "newtons, a number";
        break;
    case K_RATE_HZ:
        ok = str_to_double(v, &d) && d >= 0 && d <= 100000;
        if (ok)
            p->rate_hz = d;
        want = "a rate in hertz, 0 to 100000";
        break;
    case K_COUNT:
        break;
    }
    if (!ok)
        diag_add(ps->diag, ps->name, line, "%s = %s: expected %s", key, v, want);
}

static void on_key(void *user, const char *section, const char *key, const char *value, int line)
{
    Parse *ps = user;
    if (ps->version_only) {
        if (strcmp(section, "device") == 0 && strcmp(key, "version") == 0 && !ps->seen[K_VERSION]) {
            ps->seen[K_VERSION] = line;
            if (!str_to_long(value, 1, 1000000, &ps->version)) {
                diag_add(ps->diag, ps->name, line, "version = %s: expected a whole number (%d)",
                         value, DEVICE_PROFILE_VERSION);
                ps->version = -1;
            }
        }
        return;
    }
    bool known_section = strcmp(section, "device") == 0 || strcmp(section, "value") == 0;
    if (!known_section) {
        if (ps->bad_section_line == 0 || strcmp(ps->bad_section, section) != 0) {
            ps->bad_section_line = line;
            str_copy(ps->bad_section, sizeof ps->bad_section, section);
            if (*section)
                diag_add(ps->diag, ps->name, line,
                         "unknown section [%s] (a profile has [device] and [value])", section);
            else
                diag_add(ps->diag, ps->name, line,
                         "`%s` is outside any section (put it under [device] or [value])", key);
        }
        return;
    }
    for (int k = 0; k < K_COUNT; k++) {
        if (strcmp(KEYS[k].section, section) != 0 || strcmp(KEYS[k].key, key) != 0)
            continue;
        if (ps->seen[k] && k != K_VERSION) {
            diag_add(ps->diag, ps->name, line, "%s is given twice (first on line %d)", key,
                     ps->seen[k]);
            return;
        }
        if (k != K_VERSION)
            ps->seen[k] = line;
        set_value(ps, (KeyId)k, value, line);
        return;
    }
    for (int k = 0; k < K_COUNT; k++) {
        if (strcmp(KEYS[k].key, key) == 0) {
            diag_add(ps->diag, ps->name, line, "%s belongs in [%s], not [%s]", key,
                     KEYS[k].section, section);
            return;
        }
    }
    diag_add(ps->diag, ps->name, line, "unknown key `%s` in [%s]", key, section);
}

static void defaults(DeviceProfile *p)
{
    memset(p, 0, sizeof *p);
}

/* Checks across keys, after reading the whole file. */
static void finish(Parse *ps)
{
    DeviceProfile *p = ps->p;
    for (int k = 0; k < K_COUNT; k++) {
        if (KEYS[k].required && !ps->seen[k])
            diag_add(ps->diag, ps->name, 0, "missing `%s` in [%s]", KEYS[k].key, KEYS[k].section);
    }
    if (ps->seen[K_BYTE_OFFSET] && ps->seen[K_SIZE] &&
        p->byte_offset + p->size > DEVICE_PROFILE_MAX_REPORT)
        diag_add(ps->diag, ps->name, ps->seen[K_SIZE],
                 "byte_offset %u + size %u runs past the largest report (%d bytes)",
                 p->byte_offset, p->size, DEVICE_PROFILE_MAX_REPORT);
    if (p->report_id != 0 && ps->seen[K_BYTE_OFFSET] && p->byte_offset == 0)
        diag_add(ps->diag, ps->name, ps->seen[K_BYTE_OFFSET],
                 "byte_offset 0 is the report id itself (report_id = %u); the value starts at 1 "
                 "or later", p->report_id);
    if (!p->name[0])
        snprintf(p->name, sizeof p->name, "HID load cell %04x:%04x", p->vid, p->pid);
}

static bool run(Parse *ps, const char *name, const char *text, const char *path)
{
    size_t before = ps->diag->count;
    ps->version_only = true;
    bool read_ok = path ? ini_read_file(path, on_key, ps, ps->diag, NULL)
                        : ini_read_string(name, text, on_key, ps, ps->diag, NULL);
    if (!read_ok)
        return false;
    if (ps->version > DEVICE_PROFILE_VERSION) {
        diag_add(ps->diag, name, ps->seen[K_VERSION],
                 "version %ld is newer than this program understands (%d): update Bridgehold, "
                 "or rewrite the profile for version %d",
                 ps->version, DEVICE_PROFILE_VERSION, DEVICE_PROFILE_VERSION);
        return false;
    }
    ps->version_only = false;
    if (path)
        ini_read_file(path, on_key, ps, ps->diag, NULL);
    else
        ini_read_string(name, text, on_key, ps, ps->diag, NULL);
    finish(ps);
    return ps->diag->count == before;
}

bool device_profile_load(const char *path, DeviceProfile *out, Diag *diag)
{
    defaults(out);
    Parse ps = {.name = path, .p = out, .diag = diag};
    return run(&ps, path, NULL, path);
}

bool device_profile_parse(const char *name, const char *text, DeviceProfile *out, Diag *diag)
{
    defaults(out);
    Parse ps = {.name = name, .p = out, .diag = diag};
    return run(&ps, name, text, NULL);
}

bool device_profile_decode(const DeviceProfile *p, const uint8_t *buf, size_t len,
                           double *force_n, int64_t *counts)
{
    if (!buf || p->size < 1 || p->size > 4 || len < (size_t)p->byte_offset + p->size)
        return false;
    if (p->report_id != 0 && buf[0] != p->report_id)
        return false;
    const uint8_t *b = buf + p->byte_offset;
    uint32_t u = 0;
    for (unsigned i = 0; i < p->size; i++) {
        unsigned byte = p->big_endian ? b[i] : b[p->size - 1 - i];
        u = u << 8 | byte;
    }
    int64_t v = (int64_t)u;
    unsigned bits = 8 * p->size;
    if (p->is_signed && (u >> (bits - 1)) & 1u)
        v -= (int64_t)1 << bits; /* two's complement of a bits-wide field */
    if (counts)
        *counts = v;
    if (force_n)
        *force_n = (double)v * p->scale_n + p->offset_n;
    return true;
}
