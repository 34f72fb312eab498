/* tests/unit/hwsensor/fake_hidapi: scriptable hidapi (see fake_hidapi.h). Signatures are
 * hidapi 0.13's, checked against its header. */
#include "fake_hidapi.h"

#include <errno.h>
#include <hidapi/hidapi.h>
#include <stdlib.h>
#include <string.h>

#define FAKE_MAX_DEVICES 8
#define FAKE_MAX_QUEUE 256
#define FAKE_REPORT_MAX 64

typedef struct FakeReport {
    uint8_t data[FAKE_REPORT_MAX];
    size_t size;
} FakeReport;

typedef struct FakeDevice {
    char path[64];
    unsigned vid, pid, usage_page, usage;
    wchar_t product[64];
    bool plugged, denied;
    int generation; /* bumped at each unplug: older handles are dead */
    FakeReport queue[FAKE_MAX_QUEUE];
    size_t head, count;
    uint8_t last_write[FAKE_REPORT_MAX];
    size_t last_write_size;
} FakeDevice;

struct hid_device_ {
    int dev;
    int generation;
    bool nonblocking;
};

static FakeDevice g_dev[FAKE_MAX_DEVICES];
static int g_n_dev, g_enumerations, g_opens, g_open_handles;

void fake_hid_reset(void)
{
    memset(g_dev, 0, sizeof g_dev);
    g_n_dev = g_enumerations = g_opens = 0;
}

int fake_hid_add(const char *path, unsigned vid, unsigned pid, unsigned usage_page,
                 unsigned usage, const wchar_t *product)
{
    FakeDevice *d = &g_dev[g_n_dev];
    memset(d, 0, sizeof *d);
    strncpy(d->path, path, sizeof d->path - 1);
    d->vid = vid;
    d->pid = pid;
    d->usage_page = usage_page;
    d->usage = usage;
    if (product)
        wcsncpy(d->product, product, 63);
    d->plugged = true;
    return g_n_dev++;
}

void fake_hid_set_plugged(int dev, bool plugged)
{
    FakeDevice *d = &g_dev[dev];
    if (d->plugged && !plugged) {
        d->generation++;
        d->head = d->count = 0;
    }
    d->plugged = plugged;
}

void fake_hid_set_denied(int dev, bool denied) { g_dev[dev].denied = denied; }

void fake_hid_queue(int dev, const uint8_t *data, size_t size)
{
    FakeDevice *d = &g_dev[dev];
    if (d->count == FAKE_MAX_QUEUE || size > FAKE_REPORT_MAX)
        return;
    FakeReport *r = &d->queue[(d->head + d->count++) % FAKE_MAX_QUEUE];
    memcpy(r->data, data, size);
    r->size = size;
}

size_t fake_hid_pending(int dev) { return g_dev[dev].count; }

size_t fake_hid_last_write(int dev, uint8_t *buf, size_t cap)
{
    size_t n = g_dev[dev].last_write_size < cap ? g_dev[dev].last_write_size : cap;
    memcpy(buf, g_dev[dev].last_write, n);
    return g_dev[dev].last_write_size;
}

int fake_hid_enumerations(void) { return g_enumerations; }
int fake_hid_opens(void) { return g_opens; }
int fake_hid_open_handles(void) { return g_open_handles; }

/* ---- hidapi ---- */

int HID_API_EXPORT HID_API_CALL hid_init(void) { return 0; }

int HID_API_EXPORT HID_API_CALL hid_exit(void) { return 0; }

struct hid_device_info HID_API_EXPORT *HID_API_CALL hid_enumerate(unsigned short vendor_id,
                                                                   unsigned short product_id)
{
    g_enumerations++;
    struct hid_device_info *head = NULL, **tail = &head;
    for (int i = 0; i < g_n_dev; i++) {
        FakeDevice *d = &g_dev[i];
        if (!d->plugged || (vendor_id && d->vid != vendor_id) ||
            (product_id && d->pid != product_id))
            continue;
        struct hid_device_info *e = calloc(1, sizeof *e);
        e->path = strdup(d->path);
        e->vendor_id = (unsigned short)d->vid;
        e->product_id = (unsigned short)d->pid;
        e->usage_page = (unsigned short)d->usage_page;
        e->usage = (unsigned short)d->usage;
        e->product_string = wcsdup(d->product);
        e->bus_type = HID_API_BUS_USB;
        *tail = e;
        tail = &e->next;
    }
    return head;
}

void HID_API_EXPORT HID_API_CALL hid_free_enumeration(struct hid_device_info *devs)
{
    while (devs) {
        struct hid_device_info *next = devs->next;
        free(devs->path);
        free(devs->product_string);
        free(devs);
        devs = next;
    }
}

HID_API_EXPORT hid_device *HID_API_CALL hid_open_path(const char *path)
{
    g_opens++;
    for (int i = 0; i < g_n_dev; i++) {
        FakeDevice *d = &g_dev[i];
        if (!d->plugged || strcmp(d->path, path) != 0)
            continue;
        if (d->denied) {
            errno = EACCES;
            return NULL;
        }
        hid_device *h = calloc(1, sizeof *h);
        h->dev = i;
        h->generation = d->generation;
        g_open_handles++;
        return h;
    }
    errno = ENOENT;
    return NULL;
}

int HID_API_EXPORT HID_API_CALL hid_set_nonblocking(hid_device *dev, int nonblock)
{
    dev->nonblocking = nonblock != 0;
    return 0;
}

static bool alive(const hid_device *h)
{
    const FakeDevice *d = &g_dev[h->dev];
    return d->plugged && d->generation == h->generation;
}

int HID_API_EXPORT HID_API_CALL hid_read(hid_device *dev, unsigned char *data, size_t length)
{
    if (!alive(dev))
        return -1;
    FakeDevice *d = &g_dev[dev->dev];
    if (d->count == 0)
        return 0; /* the backend must ask for non-blocking reads; a blocking one would hang */
    FakeReport *r = &d->queue[d->head];
    d->head = (d->head + 1) % FAKE_MAX_QUEUE;
    d->count--;
    size_t n = r->size < length ? r->size : length;
    memcpy(data, r->data, n);
    return (int)n;
}

int HID_API_EXPORT HID_API_CALL hid_write(hid_device *dev, const unsigned char *data,
                                          size_t length)
{
    if (!alive(dev))
        return -1;
    FakeDevice *d = &g_dev[dev->dev];
    d->last_write_size = length < FAKE_REPORT_MAX ? length : FAKE_REPORT_MAX;
    memcpy(d->last_write, data, d->last_write_size);
    return (int)length;
}

void HID_API_EXPORT HID_API_CALL hid_close(hid_device *dev)
{
    if (!dev)
        return;
    g_open_handles--;
    free(dev);
}

HID_API_EXPORT const wchar_t *HID_API_CALL hid_error(hid_device *dev)
{
    (void)dev;
    return L"fake hidapi error";
}
