/* sensor/board_backend: `balance-board` (the Wii Balance Board through the kernel's hid-wiimote
 * evdev device, read with libevdev) and `evemu:FILE` (an evemu capture of it). Both feed the same
 * BoardDecoder. Facts (DEVICES.md): data flows only while the node is open; events come at uneven
 * intervals, so each keeps its kernel timestamp, mapped onto the caller's clock.
 *
 * A still board sends nothing: the kernel passes on only changes. So between frames, and through
 * live silence, the backend makes samples of the held cell values at the board's report rate
 * (BOARD_REPORT_HZ); without them a steady hold would look like a stalled sensor and an empty
 * board at zero would give tare nothing to read. */
#include <errno.h>
#include <fcntl.h>
#include <libevdev/libevdev.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/clock.h"
#include "core/str.h"
#include "sensor/backends.h"
#include "sensor/board_decode.h"
#include "sensor/capture_util.h"
#include "sensor/evemu.h"
#include "sensor/hw_private.h"
#include "sensor/hwsensor.h"

#define BOARD_MAX_NODES 8
#define BOARD_MAX_READS 4096 /* per poll: bounds the time one poll can take */

static const unsigned CELL_CODES[BOARD_CELLS] = {
    [BOARD_TR] = ABS_HAT0X, [BOARD_BR] = ABS_HAT0Y, [BOARD_TL] = ABS_HAT1X, [BOARD_BL] = ABS_HAT1Y,
};

typedef struct BoardState {
    bool is_capture;
    BoardDecoder dec;
    double last_t;  /* time of the latest sample given */
    bool primed;    /* a sample has been given (last_t is valid) */
    bool in_frame;  /* events of a frame are being fed (no held samples inside it) */
    /* live */
    struct libevdev *ev;
    int fd;
    char path[64];
    double next_search_s;
    /* capture */
    EvemuCapture cap;
    size_t next;
    CapturePace pace;
    /* raw recording */
    FILE *raw;
    bool raw_t0_set;
    double raw_t0;
} BoardState;

static void raw_write_event(BoardState *st, double t_s, unsigned type, unsigned code, int value)
{
    if (!st->raw)
        return;
    if (!st->raw_t0_set) {
        st->raw_t0_set = true;
        st->raw_t0 = t_s;
    }
    evemu_write_event(st->raw, t_s - st->raw_t0, type, code, value);
}

static void set_info(Sensor *s)
{
    s->info.caps = SAMPLE_FORCE | SAMPLE_LEFT_RIGHT;
    s->info.rate_hz = 0; /* event-driven, uneven */
    s->info.resolution_n = BOARD_NEWTONS_PER_COUNT;
}

/* Gives held samples every report period after the last one, while they fall at or before
 * `until` and (for a capture) are due at now_s. Returns false when a sample was not due. */
static bool fill_held(BoardState *st, double until, double now_s, Sample *out, int *n, int max)
{
    const double period = 1.0 / BOARD_REPORT_HZ;
    while (st->primed && *n < max) {
        double t = st->last_t + period;
        if (t > until + 1e-9)
            return true;
        if (st->is_capture && !capture_pace_due(&st->pace, now_s, t))
            return false;
        board_decoder_sample(&st->dec, t, &out[(*n)++]);
        st->last_t = t;
    }
    return true;
}

/* ---- live ---- */

static void live_close_device(BoardState *st)
{
    if (st->ev)
        libevdev_free(st->ev);
    if (st->fd >= 0)
        close(st->fd);
    st->ev = NULL;
    st->fd = -1;
}

static bool live_open_device(BoardState *st, char *err, size_t errlen)
{
    char nodes[BOARD_MAX_NODES][64];
    int n = hw_find_board_nodes(nodes, BOARD_MAX_NODES);
    char denied[64] = "";
    for (int i = 0; i < n; i++) {
        int fd = open(nodes[i], O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) {
            if ((errno == EACCES || errno == EPERM) && !denied[0])
                str_copy(denied, sizeof denied, nodes[i]);
            continue;
        }
        struct libevdev *ev = NULL;
        if (libevdev_new_from_fd(fd, &ev) != 0) {
            close(fd);
            continue;
        }
        /* Kernel stamps on CLOCK_MONOTONIC, the clock core/clock reads, so they can be mapped. */
        libevdev_set_clock_id(ev, CLOCK_MONOTONIC);
        st->ev = ev;
        st->fd = fd;
        str_copy(st->path, sizeof st->path, nodes[i]);
        board_decoder_init(&st->dec);
        for (int c = 0; c < BOARD_CELLS; c++)
            st->dec.cell[c] = libevdev_get_event_value(ev, EV_ABS, CELL_CODES[c]);
        st->primed = false; /* the first poll gives the state just read */
        st->in_frame = false;
        return true;
    }
    if (!err)
        return false;
    if (denied[0])
        snprintf(err, errlen, "cannot open %s (the balance board): permission denied. %s", denied,
                 HW_UDEV_HINT);
    else if (n > 0)
        snprintf(err, errlen, "found the balance board but could not read it");
    else
        snprintf(err, errlen, "no Wii Balance Board found: pair it over Bluetooth (press the red "
                 "button under the battery cover) so the kernel's hid-wiimote driver shows \"%s\"",
                 BOARD_DEVICE_NAME);
    return false;
}

static bool board_open(Sensor *s, const char *arg, const SensorOptions *opt, char *err,
                       size_t errlen)
{
    (void)opt;
    if (*arg) {
        snprintf(err, errlen, "balance-board takes no argument (got 'balance-board:%s')", arg);
        return false;
    }
    BoardState *st = xcalloc(1, sizeof *st);
    st->fd = -1;
    if (!live_open_device(st, err, errlen)) {
        free(st);
        return false;
    }
    s->state = st;
    set_info(s);
    s->info.live = true;
    str_copy(s->info.name, sizeof s->info.name, "Wii Balance Board");
    return true;
}

static int live_poll(Sensor *s, BoardState *st, double now_s, Sample *out, int max)
{
    (void)s;
    if (!st->ev) {
        if (now_s < st->next_search_s)
            return SENSOR_DISCONNECTED;
        st->next_search_s = now_s + HW_REOPEN_INTERVAL_S;
        if (!live_open_device(st, NULL, 0))
            return SENSOR_DISCONNECTED;
    }
    double mono_now = clock_now_s();
    unsigned flag = LIBEVDEV_READ_FLAG_NORMAL;
    int n = 0;
    if (!st->primed && max > 0) { /* the state on opening, even an empty board at zero */
        board_decoder_sample(&st->dec, now_s > st->last_t ? now_s : st->last_t, &out[n++]);
        st->last_t = out[0].t_s;
        st->primed = true;
    }
    for (int reads = 0; reads < BOARD_MAX_READS; reads++) {
        struct input_event e;
        int rc = libevdev_next_event(st->ev, flag, &e);
        if (rc == -EAGAIN) {
            if (flag == LIBEVDEV_READ_FLAG_SYNC) {
                flag = LIBEVDEV_READ_FLAG_NORMAL;
                continue;
            }
            break;
        }
        if (rc == LIBEVDEV_READ_STATUS_SYNC && flag == LIBEVDEV_READ_FLAG_NORMAL) {
            /* SYN_DROPPED: libevdev now hands out the events that bring the state up to date. */
            flag = LIBEVDEV_READ_FLAG_SYNC;
            continue;
        }
        if (rc < 0) { /* -ENODEV: the board went away (out of range, battery, unpaired) */
            live_close_device(st);
            st->next_search_s = now_s + HW_REOPEN_INTERVAL_S;
            return n > 0 ? n : SENSOR_DISCONNECTED;
        }
        double t_ev = (double)e.input_event_sec + (double)e.input_event_usec * 1e-6;
        /* The event's age on the monotonic clock, taken off the caller's now. */
        double t = now_s - (mono_now - t_ev);
        if (t < st->last_t)
            t = st->last_t;
        if (t > now_s)
            t = now_s;
        raw_write_event(st, t_ev, e.type, e.code, e.value);
        if (!st->in_frame) /* the held values up to this frame, half a period clear of it */
            fill_held(st, t - 0.5 / BOARD_REPORT_HZ, now_s, out, &n, max);
        st->in_frame = !(e.type == EV_SYN && e.code == SYN_REPORT);
        Sample smp;
        if (board_decoder_feed(&st->dec, t, e.type, e.code, e.value, &smp) && n < max) {
            st->last_t = t;
            out[n++] = smp;
        }
    }
    if (!st->in_frame) /* silence: the board is still, not gone (that is -ENODEV) */
        fill_held(st, now_s, now_s, out, &n, max);
    return n;
}

/* ---- capture ---- */

static bool evemu_open(Sensor *s, const char *arg, const SensorOptions *opt, char *err,
                       size_t errlen)
{
    if (!*arg) {
        snprintf(err, errlen, "evemu needs a file: evemu:FILE");
        return false;
    }
    BoardState *st = xcalloc(1, sizeof *st);
    st->fd = -1;
    st->is_capture = true;
    Diag d;
    diag_init(&d);
    if (!evemu_load(arg, &st->cap, &d)) {
        hw_err_from_diag(err, errlen, &d);
        diag_free(&d);
        free(st);
        return false;
    }
    diag_free(&d);
    board_decoder_init(&st->dec);
    capture_pace_init(&st->pace, opt->speed);
    s->state = st;
    set_info(s);
    s->info.live = false;
    const char *base = strrchr(arg, '/');
    snprintf(s->info.name, sizeof s->info.name, "Wii Balance Board (capture %.60s)",
             base ? base + 1 : arg);
    return true;
}

static int capture_poll(BoardState *st, double now_s, Sample *out, int max)
{
    capture_pace_poll(&st->pace, now_s);
    const EvemuCapture *c = &st->cap;
    int n = 0;
    while (n < max && st->next < c->count) {
        const EvemuEvent *e = &c->events[st->next];
        double rel = e->t_s - c->events[0].t_s;
        if (!st->in_frame && !fill_held(st, rel - 0.5 / BOARD_REPORT_HZ, now_s, out, &n, max))
            break;
        if (n >= max || !capture_pace_due(&st->pace, now_s, rel))
            break;
        st->next++;
        st->in_frame = !(e->type == EV_SYN && e->code == SYN_REPORT);
        raw_write_event(st, rel, e->type, e->code, e->value);
        Sample smp;
        if (board_decoder_feed(&st->dec, rel, e->type, e->code, e->value, &smp)) {
            out[n++] = smp;
            st->last_t = rel;
            st->primed = true;
        }
    }
    if (n == 0 && st->next >= c->count)
        return SENSOR_END;
    return n;
}

/* ---- the table ---- */

static int board_poll(Sensor *s, double now_s, Sample *out, int max)
{
    BoardState *st = s->state;
    return st->is_capture ? capture_poll(st, now_s, out, max) : live_poll(s, st, now_s, out, max);
}

static void board_close(Sensor *s)
{
    BoardState *st = s->state;
    if (!st)
        return;
    live_close_device(st);
    evemu_free(&st->cap);
    free(st);
    s->state = NULL;
}

const SensorBackend sensor_balance_board_backend = {
    .kind = "balance-board", .open = board_open, .poll = board_poll, .close = board_close,
    .record_raw = board_backend_record_raw,
};

const SensorBackend sensor_evemu_backend = {
    .kind = "evemu", .flags = SENSOR_BACKEND_FINITE | SENSOR_BACKEND_PRACTICE,
    .open = evemu_open, .poll = board_poll, .close = board_close,
    .record_raw = board_backend_record_raw,
};

/* The board's four cells as evemu axes, 0..65535 (the range hid-wiimote declares). */
static void write_plain_header(FILE *out, const char *name, unsigned bus, unsigned vid,
                               unsigned pid, unsigned version)
{
    EvemuAxis axes[BOARD_CELLS];
    for (int c = 0; c < BOARD_CELLS; c++)
        axes[c] = (EvemuAxis){CELL_CODES[c], 0, 65535, 0, 0, 0};
    evemu_write_header(out, name && *name ? name : BOARD_DEVICE_NAME, bus, vid, pid, version, axes,
                       BOARD_CELLS, NULL, 0);
}

bool board_backend_record_raw(Sensor *s, FILE *out, char *err, size_t errlen)
{
    BoardState *st = s->state;
    (void)err;
    (void)errlen;
    st->raw = out;
    st->raw_t0_set = false;
    if (st->is_capture) { /* a parsed capture keeps no description: write the board's */
        const EvemuCapture *c = &st->cap;
        write_plain_header(out, c->name, c->bus, c->vid, c->pid, c->version);
        return true;
    }
    if (!st->ev) { /* disconnected right now */
        write_plain_header(out, NULL, 0, 0, 0, 0);
        return true;
    }
    EvemuAxis axes[BOARD_CELLS];
    size_t n_axes = 0;
    for (int c = 0; c < BOARD_CELLS; c++) {
        const struct input_absinfo *a = libevdev_get_abs_info(st->ev, CELL_CODES[c]);
        if (a)
            axes[n_axes++] = (EvemuAxis){CELL_CODES[c], a->minimum, a->maximum, a->fuzz, a->flat,
                                         a->resolution};
    }
    unsigned keys[16];
    size_t n_keys = 0;
    for (unsigned code = BTN_MISC; code <= KEY_MAX && n_keys < 16; code++) {
        if (libevdev_has_event_code(st->ev, EV_KEY, code))
            keys[n_keys++] = code;
    }
    evemu_write_header(out, libevdev_get_name(st->ev), (unsigned)libevdev_get_id_bustype(st->ev),
                       (unsigned)libevdev_get_id_vendor(st->ev),
                       (unsigned)libevdev_get_id_product(st->ev),
                       (unsigned)libevdev_get_id_version(st->ev), axes, n_axes, keys, n_keys);
    return true;
}
