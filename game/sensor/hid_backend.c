/* sensor/hid_backend: the HID backends: `scale` (the first HID POS scale),
 * `hid:VID:PID[:PROFILE]` (a scale, or a load cell a device profile describes) and
 * `hidcapture:FILE[:PROFILE]` (a hid-recorder capture). Live and captured reports go through the
 * same HidStream decoding. hidapi facts (DEVICES.md): read non-blocking and drain every poll (the
 * kernel keeps only 64 reports per handle); -1 from hid_read means unplugged; there is no
 * hot-plug API, so a lost device is looked for again about once a second. A scale's first report
 * after opening may be stale (usbscale) and is dropped; captures drop it too, as the device did
 * when the recorder opened it, so a `record --raw` capture replays to the trace decoded live.
 * Only hid_init, hid_enumerate, hid_free_enumeration, hid_open_path, hid_set_nonblocking,
 * hid_read, hid_write, hid_close and hid_error are used: what the tests' link-time fake
 * provides. */
#include <errno.h>
#include <hidapi/hidapi.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/clock.h"
#include "core/str.h"
#include "sensor/backends.h"
#include "sensor/capture_util.h"
#include "sensor/hid_profile.h"
#include "sensor/hidrec.h"
#include "sensor/hw_private.h"
#include "sensor/hwsensor.h"
#include "sensor/scale_decode.h"

#define HID_READ_MAX 4096

/* Decoding shared by live devices and captures. */
typedef struct HidStream {
    bool use_profile;
    DeviceProfile profile;
    bool discard_next; /* scales: the first report after opening may be stale (usbscale) */
    const char *notice;
    double last_t;
} HidStream;

typedef enum HidMode { HID_MODE_SCALE, HID_MODE_VIDPID, HID_MODE_CAPTURE } HidMode;

typedef struct HidState {
    HidMode mode;
    HidStream stream;
    /* live */
    unsigned vid, pid;
    hid_device *dev;
    char path[256];
    unsigned bus;
    double next_search_s;
    /* capture */
    HidCapture cap;
    size_t next;
    CapturePace pace;
    /* raw recording */
    FILE *raw;
    bool raw_t0_set;
    double raw_t0;
} HidState;

/* Turns one report into at most one sample. */
static bool stream_decode(Sensor *s, HidStream *st, double t_s, const uint8_t *buf, size_t n,
                          Sample *out)
{
    double force;
    if (st->use_profile) {
        if (!device_profile_decode(&st->profile, buf, n, &force, NULL))
            return false; /* another report of the device: not ours */
    } else {
        ScaleReading r;
        if (!scale_decode_report(buf, n, &r))
            return false;
        if (st->discard_next) {
            st->discard_next = false;
            return false;
        }
        st->notice = r.notice;
        if (!r.has_force)
            return false;
        if (s->info.resolution_n == 0 && r.step_n > 0)
            s->info.resolution_n = r.step_n;
        force = r.force_n;
    }
    if (t_s < st->last_t)
        t_s = st->last_t; /* stamps must never go back */
    st->last_t = t_s;
    memset(out, 0, sizeof *out);
    out->t_s = t_s;
    out->force_n = force;
    out->has = SAMPLE_FORCE;
    return true;
}

static void raw_write_report(HidState *st, double t_s, const uint8_t *buf, size_t n)
{
    if (!st->raw)
        return;
    if (!st->raw_t0_set) {
        st->raw_t0_set = true;
        st->raw_t0 = t_s;
    }
    hidrec_write_event(st->raw, t_s - st->raw_t0, buf, n);
}

/* ---- live devices ---- */

static bool entry_matches(const HidState *st, const struct hid_device_info *e)
{
    if (st->mode == HID_MODE_SCALE)
        return e->usage_page == HID_USAGE_PAGE_POS_SCALE;
    if (e->vendor_id != st->vid || e->product_id != st->pid)
        return false;
    if (!st->stream.use_profile) /* hid:VID:PID without a profile reads a POS scale */
        return e->usage_page == HID_USAGE_PAGE_POS_SCALE;
    const DeviceProfile *p = &st->stream.profile;
    return (!p->usage_page || e->usage_page == p->usage_page) &&
           (!p->usage || e->usage == p->usage);
}

static void name_device(Sensor *s, const struct hid_device_info *e)
{
    char product[64];
    hw_wcs_to_ascii(product, sizeof product, e->product_string);
    const char *known = hw_known_scale_name(e->vendor_id, e->product_id);
    if (s->info.name[0])
        return; /* a profile's name, or kept from the first opening */
    if (known)
        snprintf(s->info.name, sizeof s->info.name, "%s", known);
    else if (product[0])
        snprintf(s->info.name, sizeof s->info.name, "%s", product);
    else
        snprintf(s->info.name, sizeof s->info.name, "HID device %04x:%04x", e->vendor_id,
                 e->product_id);
}

/* hid-recorder's I: line has the kernel's bus number (linux/input.h BUS_*), not hidapi's. */
static unsigned kernel_bus(hid_bus_type b)
{
    switch (b) {
    case HID_API_BUS_USB: return 0x03;
    case HID_API_BUS_BLUETOOTH: return 0x05;
    case HID_API_BUS_I2C: return 0x18;
    case HID_API_BUS_SPI: return 0x1C;
    default: return 0;
    }
}

/* Looks for the device and opens it. False with a message (err may be NULL when quiet). */
static bool live_open_device(Sensor *s, HidState *st, char *err, size_t errlen)
{
    if (hid_init() != 0) {
        if (err)
            snprintf(err, errlen, "cannot start hidapi (HID access)");
        return false;
    }
    struct hid_device_info *list = hid_enumerate(0, 0);
    bool found = false, opened = false;
    char denied[256] = "";
    for (struct hid_device_info *e = list; e && !opened; e = e->next) {
        if (!entry_matches(st, e) || !e->path)
            continue;
        found = true;
        errno = 0;
        hid_device *dev = hid_open_path(e->path);
        int open_errno = errno;
        if (!dev) {
            bool perm = open_errno == EACCES || open_errno == EPERM ||
                        (access(e->path, R_OK | W_OK) != 0 && errno == EACCES);
            if (perm && !denied[0])
                str_copy(denied, sizeof denied, e->path);
            continue;
        }
        hid_set_nonblocking(dev, 1);
        st->dev = dev;
        str_copy(st->path, sizeof st->path, e->path);
        st->vid = e->vendor_id;
        st->pid = e->product_id;
        st->bus = kernel_bus(e->bus_type);
        name_device(s, e);
        opened = true;
    }
    hid_free_enumeration(list);
    if (opened) {
        st->stream.discard_next = !st->stream.use_profile;
        st->stream.notice = NULL;
        return true;
    }
    if (!err)
        return false;
    if (denied[0])
        snprintf(err, errlen, "cannot open %s: permission denied. %s", denied, HW_UDEV_HINT);
    else if (found)
        snprintf(err, errlen, "found the device but could not open it (is another program using "
                 "it?)");
    else if (st->mode == HID_MODE_SCALE)
        snprintf(err, errlen, "no HID scale found (USB point-of-sale scales, usage page 0x8D): "
                 "is it plugged in and switched on? `bridgehold devices` lists what is found");
    else if (st->stream.use_profile)
        snprintf(err, errlen, "no HID device %04x:%04x with usage page 0x%04x found: is it "
                 "plugged in? `bridgehold devices` lists what is found", st->vid, st->pid,
                 st->stream.profile.usage_page);
    else
        snprintf(err, errlen, "no HID scale %04x:%04x found (without a profile, hid:VID:PID "
                 "reads a point-of-sale scale; for a load cell, add :PROFILE; see "
                 "assets/devices/README.md)", st->vid, st->pid);
    return false;
}

static void live_close_device(HidState *st)
{
    if (st->dev)
        hid_close(st->dev);
    st->dev = NULL;
}

/* Parses "VID:PID[:PROFILE]". */
static bool parse_vid_pid(const char *arg, HidState *st, char *profile, size_t cap, char *err,
                          size_t errlen)
{
    const char *p = arg;
    unsigned long v[2];
    for (int i = 0; i < 2; i++) {
        if (!capture_parse_hex(&p, 4, &v[i]) || (*p && *p != ':') || (i == 0 && *p != ':')) {
            snprintf(err, errlen, "hid:%s: expected hid:VID:PID[:PROFILE] with VID and PID in "
                     "hex (e.g. hid:239a:80f4:hx711-vendor)", arg);
            return false;
        }
        if (*p == ':')
            p++;
    }
    st->vid = (unsigned)v[0];
    st->pid = (unsigned)v[1];
    str_copy(profile, cap, p);
    return true;
}

static bool load_profile(HidState *st, const char *profile_arg, char *err, size_t errlen)
{
    char path[600];
    if (!hwsensor_profile_path(profile_arg, path, sizeof path, err, errlen))
        return false;
    Diag d;
    diag_init(&d);
    bool ok = device_profile_load(path, &st->stream.profile, &d);
    if (!ok)
        hw_err_from_diag(err, errlen, &d);
    diag_free(&d);
    st->stream.use_profile = ok;
    return ok;
}

static void set_info_from_profile(Sensor *s, const DeviceProfile *p)
{
    str_copy(s->info.name, sizeof s->info.name, p->name);
    s->info.rate_hz = p->rate_hz;
    s->info.resolution_n = p->scale_n < 0 ? -p->scale_n : p->scale_n;
}

static bool live_open(Sensor *s, HidMode mode, const char *arg, char *err, size_t errlen)
{
    HidState *st = xcalloc(1, sizeof *st);
    st->mode = mode;
    s->state = st;
    s->info.caps = SAMPLE_FORCE;
    s->info.live = true;
    if (mode == HID_MODE_VIDPID) {
        char profile[256];
        if (!parse_vid_pid(arg, st, profile, sizeof profile, err, errlen))
            goto fail;
        char found_path[600];
        if (profile[0]) {
            if (!load_profile(st, profile, err, errlen))
                goto fail;
        } else if (hw_find_profile(st->vid, st->pid, 0, &st->stream.profile, found_path,
                                   sizeof found_path)) {
            st->stream.use_profile = true;
        }
        if (st->stream.use_profile) {
            set_info_from_profile(s, &st->stream.profile);
            if (st->stream.profile.vid != st->vid || st->stream.profile.pid != st->pid) {
                snprintf(err, errlen, "profile '%s' is for %04x:%04x, not %04x:%04x", profile,
                         st->stream.profile.vid, st->stream.profile.pid, st->vid, st->pid);
                goto fail;
            }
        }
    } else if (*arg) {
        snprintf(err, errlen, "scale takes no argument (got 'scale:%s'); for a given scale use "
                 "hid:VID:PID", arg);
        goto fail;
    }
    if (!live_open_device(s, st, err, errlen))
        goto fail;
    return true;
fail:
    free(st);
    s->state = NULL;
    return false;
}

static bool scale_open(Sensor *s, const char *arg, const SensorOptions *opt, char *err,
                       size_t errlen)
{
    (void)opt;
    return live_open(s, HID_MODE_SCALE, arg, err, errlen);
}

static bool hidsensor_open(Sensor *s, const char *arg, const SensorOptions *opt, char *err,
                     size_t errlen)
{
    (void)opt;
    return live_open(s, HID_MODE_VIDPID, arg, err, errlen);
}

static int live_poll(Sensor *s, HidState *st, double now_s, Sample *out, int max)
{
    if (!st->dev) {
        if (now_s < st->next_search_s)
            return SENSOR_DISCONNECTED;
        st->next_search_s = now_s + HW_REOPEN_INTERVAL_S;
        if (!live_open_device(s, st, NULL, 0))
            return SENSOR_DISCONNECTED;
    }
    uint8_t buf[HID_READ_MAX];
    int n = 0;
    /* Drain everything waiting, even past max samples: reports left in the kernel's 64-deep
     * buffer would be stale by the next poll. Reports beyond max are decoded and dropped. */
    for (int reads = 0; reads < 256; reads++) {
        int got = hid_read(st->dev, buf, sizeof buf);
        if (got < 0) {
            live_close_device(st);
            st->next_search_s = now_s + HW_REOPEN_INTERVAL_S;
            return n > 0 ? n : SENSOR_DISCONNECTED;
        }
        if (got == 0)
            break;
        raw_write_report(st, now_s, buf, (size_t)got);
        Sample smp;
        if (stream_decode(s, &st->stream, now_s, buf, (size_t)got, &smp) && n < max)
            out[n++] = smp;
    }
    return n;
}

/* ---- captures ---- */

static bool capture_open(Sensor *s, const char *arg, const SensorOptions *opt, char *err,
                         size_t errlen)
{
    char file[512], profile[256];
    hw_split_file_profile(arg, file, sizeof file, profile, sizeof profile);
    if (!file[0]) {
        snprintf(err, errlen, "hidcapture needs a file: hidcapture:FILE[:PROFILE]");
        return false;
    }
    HidState *st = xcalloc(1, sizeof *st);
    st->mode = HID_MODE_CAPTURE;
    s->state = st;
    if (profile[0] && !load_profile(st, profile, err, errlen))
        goto fail;
    Diag d;
    diag_init(&d);
    if (!hidrec_load(file, &st->cap, &d)) {
        hw_err_from_diag(err, errlen, &d);
        diag_free(&d);
        goto fail;
    }
    diag_free(&d);
    capture_pace_init(&st->pace, opt->speed);
    st->stream.discard_next = !st->stream.use_profile; /* as when the device was opened */
    s->info.caps = SAMPLE_FORCE;
    s->info.live = false;
    if (st->stream.use_profile)
        set_info_from_profile(s, &st->stream.profile);
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    snprintf(s->info.name, sizeof s->info.name, "%.40s (capture %.40s)",
             st->cap.name[0] ? st->cap.name : st->stream.use_profile ? st->stream.profile.name
                                                                      : "HID scale",
             base);
    return true;
fail:
    hidrec_free(&st->cap);
    free(st);
    s->state = NULL;
    return false;
}

static int capture_poll(Sensor *s, HidState *st, double now_s, Sample *out, int max)
{
    capture_pace_poll(&st->pace, now_s);
    const HidCapture *c = &st->cap;
    int n = 0;
    while (n < max && st->next < c->count) {
        const HidRecEvent *e = &c->events[st->next];
        double rel = e->t_s - c->events[0].t_s;
        if (!capture_pace_due(&st->pace, now_s, rel))
            break;
        const uint8_t *data = hidrec_event_data(c, st->next);
        raw_write_report(st, rel, data, e->size);
        st->next++;
        Sample smp;
        if (stream_decode(s, &st->stream, rel, data, e->size, &smp))
            out[n++] = smp;
    }
    if (n == 0 && st->next >= c->count)
        return SENSOR_END;
    return n;
}

/* ---- the table ---- */

static int hidsensor_poll(Sensor *s, double now_s, Sample *out, int max)
{
    HidState *st = s->state;
    if (st->mode == HID_MODE_CAPTURE)
        return capture_poll(s, st, now_s, out, max);
    return live_poll(s, st, now_s, out, max);
}

static void hidsensor_close(Sensor *s)
{
    HidState *st = s->state;
    if (!st)
        return;
    live_close_device(st);
    hidrec_free(&st->cap);
    free(st);
    s->state = NULL;
}

static bool hidsensor_tare(Sensor *s, char *err, size_t errlen)
{
    HidState *st = s->state;
    if (st->stream.use_profile) {
        snprintf(err, errlen, "%s has no tare command; it is zeroed in software", s->info.name);
        return false;
    }
    if (!st->dev) {
        snprintf(err, errlen, "the scale is disconnected");
        return false;
    }
    /* Output report 2, "zero scale" (usbscale): buf[0] is the report id. */
    static const unsigned char TARE[2] = {0x02, 0x02};
    if (hid_write(st->dev, TARE, sizeof TARE) < 0) {
        char why[128];
        hw_wcs_to_ascii(why, sizeof why, hid_error(st->dev));
        snprintf(err, errlen, "the scale refused the tare command%s%s", why[0] ? ": " : "", why);
        return false;
    }
    st->stream.discard_next = true; /* the next report may still hold the old zero */
    return true;
}

const SensorBackend sensor_scale_backend = {
    .kind = "scale", .open = scale_open, .poll = hidsensor_poll, .close = hidsensor_close,
    .tare = hidsensor_tare, .notice = hid_backend_notice, .record_raw = hid_backend_record_raw,
};

const SensorBackend sensor_hid_backend = {
    .kind = "hid", .open = hidsensor_open, .poll = hidsensor_poll, .close = hidsensor_close,
    .tare = hidsensor_tare, .notice = hid_backend_notice, .record_raw = hid_backend_record_raw,
};

/* A capture is practice: a recording played back, not a person now (CLINICAL.md). */
const SensorBackend sensor_hidcapture_backend = {
    .kind = "hidcapture", .flags = SENSOR_BACKEND_FINITE | SENSOR_BACKEND_PRACTICE,
    .open = capture_open, .poll = hidsensor_poll, .close = hidsensor_close,
    .notice = hid_backend_notice, .record_raw = hid_backend_record_raw,
};

const char *hid_backend_notice(const Sensor *s)
{
    const HidState *st = s->state;
    return st ? st->stream.notice : NULL;
}

/* The report descriptor of /dev/hidrawN from sysfs (hidapi 0.13 cannot read it); NULL when not
 * available, which the format writes as `R: 0`. */
static uint8_t *read_descriptor(const char *path, size_t *size)
{
    const char *base = strrchr(path, '/');
    if (!base || strncmp(base + 1, "hidraw", 6) != 0)
        return NULL;
    char sys[300];
    snprintf(sys, sizeof sys, "/sys/class/hidraw/%.60s/device/report_descriptor", base + 1);
    FILE *f = fopen(sys, "rb");
    if (!f)
        return NULL;
    uint8_t *buf = xmalloc(HID_READ_MAX);
    *size = fread(buf, 1, HID_READ_MAX, f);
    fclose(f);
    return buf;
}

bool hid_backend_record_raw(Sensor *s, FILE *out, char *err, size_t errlen)
{
    HidState *st = s->state;
    (void)err;
    (void)errlen;
    st->raw = out;
    if (st->mode == HID_MODE_CAPTURE) {
        hidrec_write_header(out, st->cap.name, st->cap.bus, st->cap.vid, st->cap.pid,
                            st->cap.rdesc, st->cap.rdesc_size);
    } else {
        size_t size = 0;
        uint8_t *rdesc = read_descriptor(st->path, &size);
        hidrec_write_header(out, s->info.name, st->bus, st->vid, st->pid, rdesc, size);
        free(rdesc);
    }
    st->raw_t0_set = false;
    return true;
}
