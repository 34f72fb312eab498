/* sensor/hw_list: what `bridgehold devices` shows — HID scales, profiled HID load cells and
 * balance boards attached now, each with the --input SPEC that opens it and, when it cannot be
 * opened, why. Opening is tried for real (and closed at once), since only that tells a udev
 * permission problem from a busy device. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <hidapi/hidapi.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/str.h"
#include "sensor/board_decode.h"
#include "sensor/hw_private.h"
#include "sensor/hwsensor.h"

static HwDevice *add(HwDeviceList *l)
{
    void *p = l->items;
    xgrow(&p, &l->cap, l->count + 1, sizeof *l->items);
    l->items = p;
    HwDevice *d = &l->items[l->count++];
    memset(d, 0, sizeof *d);
    return d;
}

static const char *bus_name(hid_bus_type b)
{
    switch (b) {
    case HID_API_BUS_USB: return "usb";
    case HID_API_BUS_BLUETOOTH: return "bluetooth";
    case HID_API_BUS_I2C: return "i2c";
    case HID_API_BUS_SPI: return "spi";
    default: return "unknown";
    }
}

static void permission_problem(HwDevice *d)
{
    snprintf(d->problem, sizeof d->problem, "permission denied on %s. %s", d->path, HW_UDEV_HINT);
}

static bool already_listed(const HwDeviceList *l, const char *path)
{
    for (size_t i = 0; i < l->count; i++) {
        if (strcmp(l->items[i].path, path) == 0)
            return true;
    }
    return false;
}

static void list_hid(HwDeviceList *l)
{
    if (hid_init() != 0) {
        snprintf(l->note, sizeof l->note, "HID devices could not be searched (hidapi did not "
                 "start)");
        return;
    }
    struct hid_device_info *all = hid_enumerate(0, 0);
    for (struct hid_device_info *e = all; e; e = e->next) {
        if (!e->path || already_listed(l, e->path))
            continue; /* hidapi 0.13 lists a path once per top-level collection */
        DeviceProfile prof;
        char prof_path[512] = "";
        bool is_scale = e->usage_page == HID_USAGE_PAGE_POS_SCALE;
        bool profiled = !is_scale && hw_find_profile(e->vendor_id, e->product_id, e->usage_page,
                                                     &prof, prof_path, sizeof prof_path);
        if (!is_scale && !profiled)
            continue;
        HwDevice *d = add(l);
        str_copy(d->kind, sizeof d->kind, is_scale ? "scale" : "hid");
        str_copy(d->path, sizeof d->path, e->path);
        str_copy(d->bus, sizeof d->bus, bus_name(e->bus_type));
        d->vid = e->vendor_id;
        d->pid = e->product_id;
        d->caps = SAMPLE_FORCE;
        char product[64];
        hw_wcs_to_ascii(product, sizeof product, e->product_string);
        const char *known = hw_known_scale_name(d->vid, d->pid);
        if (profiled) {
            str_copy(d->name, sizeof d->name, prof.name);
            str_copy(d->profile, sizeof d->profile, prof_path);
            const char *base = strrchr(prof_path, '/');
            char stem[96];
            str_copy(stem, sizeof stem, base ? base + 1 : prof_path);
            stem[strlen(stem) - 4] = '\0'; /* drop ".ini" (hw_find_profile only takes .ini) */
            snprintf(d->input, sizeof d->input, "hid:%04x:%04x:%s", d->vid, d->pid, stem);
        } else {
            str_copy(d->name, sizeof d->name, known ? known : product[0] ? product : "HID scale");
            snprintf(d->input, sizeof d->input, "hid:%04x:%04x", d->vid, d->pid);
        }
        errno = 0;
        hid_device *h = hid_open_path(e->path);
        int err = errno;
        if (h) {
            d->can_open = true;
            hid_close(h);
        } else if (err == EACCES || err == EPERM ||
                   (access(e->path, R_OK | W_OK) != 0 && errno == EACCES)) {
            permission_problem(d);
        } else {
            snprintf(d->problem, sizeof d->problem, "cannot open %s (another program may be "
                     "using it)", d->path);
        }
    }
    hid_free_enumeration(all);
}

static void list_boards(HwDeviceList *l)
{
    char nodes[8][64];
    int n = hw_find_board_nodes(nodes, 8);
    for (int i = 0; i < n; i++) {
        HwDevice *d = add(l);
        str_copy(d->kind, sizeof d->kind, "balance-board");
        str_copy(d->input, sizeof d->input, "balance-board");
        str_copy(d->name, sizeof d->name, "Wii Balance Board");
        str_copy(d->path, sizeof d->path, nodes[i]);
        str_copy(d->bus, sizeof d->bus, "bluetooth");
        d->vid = 0x057e;
        d->pid = 0x0306;
        d->caps = SAMPLE_FORCE | SAMPLE_LEFT_RIGHT;
        int fd = open(nodes[i], O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd >= 0) {
            d->can_open = true;
            close(fd);
        } else if (errno == EACCES || errno == EPERM) {
            permission_problem(d);
        } else {
            snprintf(d->problem, sizeof d->problem, "cannot open %s: %s", d->path,
                     strerror(errno));
        }
    }
}

/* Counts the profiles and checks them, so a broken one is reported rather than silently
 * unused. */
static void check_profiles(HwDeviceList *l)
{
    const char *dir_path = hwsensor_profile_dir();
    if (!dir_path[0])
        return;
    DIR *dir = opendir(dir_path);
    if (!dir)
        return;
    for (struct dirent *e; (e = readdir(dir));) {
        if (!str_ends_with(e->d_name, ".ini"))
            continue;
        char p[600];
        snprintf(p, sizeof p, "%s/%s", dir_path, e->d_name);
        DeviceProfile prof;
        Diag d;
        diag_init(&d);
        if (device_profile_load(p, &prof, &d))
            l->profiles++;
        else if (!l->profile_errors[0])
            hw_err_from_diag(l->profile_errors, sizeof l->profile_errors, &d);
        diag_free(&d);
    }
    closedir(dir);
}

void hwsensor_list(HwDeviceList *out)
{
    memset(out, 0, sizeof *out);
    check_profiles(out);
    list_hid(out);
    list_boards(out);
}

void hwsensor_list_free(HwDeviceList *list)
{
    free(list->items);
    memset(list, 0, sizeof *list);
}
