/* sensor/hwsensor: the hardware backends' extras (hwsensor.h) and their shared helpers
 * (hw_private.h). */
#include "sensor/hwsensor.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/str.h"
#include "sensor/board_decode.h"
#include "sensor/hw_private.h"

static char g_profile_dir[512];

void hwsensor_set_profile_dir(const char *dir)
{
    str_copy(g_profile_dir, sizeof g_profile_dir, dir ? dir : "");
}

const char *hwsensor_profile_dir(void) { return g_profile_dir; }

bool hwsensor_profile_path(const char *arg, char *path, size_t cap, char *err, size_t errlen)
{
    if (strchr(arg, '/') || str_ends_with(arg, ".ini")) {
        if (!str_copy(path, cap, arg)) {
            snprintf(err, errlen, "profile path '%s' is too long", arg);
            return false;
        }
        return true;
    }
    if (!g_profile_dir[0]) {
        snprintf(err, errlen, "profile '%s': give the path to its .ini file", arg);
        return false;
    }
    int n = snprintf(path, cap, "%s/%s.ini", g_profile_dir, arg);
    if (n < 0 || (size_t)n >= cap) {
        snprintf(err, errlen, "profile name '%s' is too long", arg);
        return false;
    }
    return true;
}

const char *hwsensor_notice(const Sensor *s) { return sensor_notice(s); }

/* The raw form is an optional entry of the backend table (no list of backends here). */
bool hwsensor_has_raw(const Sensor *s) { return s && s->backend->record_raw; }

bool hwsensor_record_raw(Sensor *s, FILE *out, char *err, size_t errlen)
{
    if (s && s->backend->record_raw)
        return s->backend->record_raw(s, out, err, errlen);
    snprintf(err, errlen, "%s has no raw form: --raw works with HID and evdev inputs (scale, hid:, "
             "hidcapture:, balance-board, evemu:)", s ? s->info.kind : "this input");
    return false;
}

/* ---- shared helpers (hw_private.h) ---- */

void hw_err_from_diag(char *err, size_t errlen, const Diag *d)
{
    if (d->count > 1)
        snprintf(err, errlen, "%s (and %zu more problems)", diag_first(d), d->count - 1);
    else
        snprintf(err, errlen, "%s", diag_first(d));
}

void hw_wcs_to_ascii(char *dst, size_t cap, const wchar_t *src)
{
    size_t n = 0;
    if (cap == 0)
        return;
    for (; src && *src && n + 1 < cap; src++)
        dst[n++] = (*src >= 0x20 && *src < 0x7f) ? (char)*src : '?';
    dst[n] = '\0';
}

void hw_split_file_profile(const char *arg, char *file, size_t file_cap, char *profile,
                           size_t profile_cap)
{
    struct stat st;
    const char *colon = strrchr(arg, ':');
    profile[0] = '\0';
    if (!colon || stat(arg, &st) == 0) {
        str_copy(file, file_cap, arg);
        return;
    }
    size_t n = (size_t)(colon - arg);
    if (n >= file_cap)
        n = file_cap - 1;
    memcpy(file, arg, n);
    file[n] = '\0';
    str_copy(profile, profile_cap, colon + 1);
}

bool hw_read_line(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    bool ok = fgets(buf, (int)cap, f) != NULL;
    fclose(f);
    if (ok)
        str_trim(buf);
    return ok;
}

bool hw_find_profile(unsigned vid, unsigned pid, unsigned usage_page, DeviceProfile *out,
                     char *path, size_t path_cap)
{
    if (!g_profile_dir[0])
        return false;
    DIR *dir = opendir(g_profile_dir);
    if (!dir)
        return false;
    bool found = false;
    /* readdir order is arbitrary: take the alphabetically first match, so the choice is stable. */
    char best[512] = "";
    for (struct dirent *e; (e = readdir(dir));) {
        if (!str_ends_with(e->d_name, ".ini"))
            continue;
        char p[512];
        int n = snprintf(p, sizeof p, "%s/%s", g_profile_dir, e->d_name);
        if (n < 0 || (size_t)n >= sizeof p)
            continue;
        DeviceProfile prof;
        Diag d;
        diag_init(&d);
        bool ok = device_profile_load(p, &prof, &d);
        diag_free(&d);
        if (!ok || prof.vid != vid || prof.pid != pid)
            continue;
        if (prof.usage_page && usage_page && prof.usage_page != usage_page)
            continue;
        if (found && strcmp(p, best) >= 0)
            continue;
        found = true;
        *out = prof;
        str_copy(best, sizeof best, p);
    }
    closedir(dir);
    if (found)
        str_copy(path, path_cap, best);
    return found;
}

/* USB ids from DEVICES.md (erjiang/usbscale's scales.h). */
static const struct {
    unsigned vid, pid;
    const char *name;
} KNOWN[] = {
    {0x0922, 0x8003, "DYMO M10 scale"},
    {0x0922, 0x8004, "DYMO M25 scale"},
    {0x0922, 0x8009, "DYMO S180 scale"},
    {0x1446, 0x6a73, "Stamps.com scale"},
    {0x2474, 0x0550, "Stamps.com scale"},
};

const char *hw_known_scale_name(unsigned vid, unsigned pid)
{
    for (size_t i = 0; i < sizeof KNOWN / sizeof KNOWN[0]; i++) {
        if (KNOWN[i].vid == vid && KNOWN[i].pid == pid)
            return KNOWN[i].name;
    }
    return NULL;
}

static void append_id(char *buf, size_t cap, size_t *len, unsigned vid, unsigned pid)
{
    char id[24];
    snprintf(id, sizeof id, "%s0x%04x/0x%04x", *len ? "," : "", vid, pid);
    size_t n = strlen(id);
    if (*len + n + 1 > cap || strstr(buf, id + (*len ? 1 : 0)))
        return; /* full, or already there */
    memcpy(buf + *len, id, n + 1);
    *len += n;
}

void hwsensor_sdl_ignore_list(char *buf, size_t cap)
{
    size_t len = 0;
    if (cap == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof KNOWN / sizeof KNOWN[0]; i++)
        append_id(buf, cap, &len, KNOWN[i].vid, KNOWN[i].pid);
    if (!g_profile_dir[0])
        return;
    DIR *dir = opendir(g_profile_dir);
    if (!dir)
        return;
    for (struct dirent *e; (e = readdir(dir));) {
        char p[800];
        if (!str_ends_with(e->d_name, ".ini"))
            continue;
        snprintf(p, sizeof p, "%s/%s", g_profile_dir, e->d_name);
        DeviceProfile prof;
        Diag d;
        diag_init(&d);
        if (device_profile_load(p, &prof, &d))
            append_id(buf, cap, &len, prof.vid, prof.pid);
        diag_free(&d);
    }
    closedir(dir);
}

int hw_find_board_nodes(char (*paths)[64], int max)
{
    /* The device name is in sysfs, readable by everyone; the node itself may not be. */
    DIR *dir = opendir("/sys/class/input");
    if (!dir)
        return 0;
    int n = 0;
    for (struct dirent *e; (e = readdir(dir)) && n < max;) {
        if (strncmp(e->d_name, "event", 5) != 0)
            continue;
        char p[300], name[128];
        snprintf(p, sizeof p, "/sys/class/input/%s/device/name", e->d_name);
        if (!hw_read_line(p, name, sizeof name) || strcmp(name, BOARD_DEVICE_NAME) != 0)
            continue;
        snprintf(paths[n++], 64, "/dev/input/%.50s", e->d_name);
    }
    closedir(dir);
    return n;
}
