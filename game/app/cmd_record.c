/* app/cmd_record: `bridgehold record --input SPEC --out FILE [--seconds N] [--raw]` — capture an
 * input as a decoded trace CSV (any input), or with --raw as the device's own capture format
 * (hid-recorder for HID, evemu for evdev), which `--input hidcapture:` / `evemu:` play back
 * through the same decoders. A live device runs on the real clock (until --seconds or Ctrl-C);
 * captures, replays and the simulator run on a virtual clock and finish at once. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/args.h"
#include "app/commands.h"
#include "app/paths.h"
#include "core/atomic_file.h"
#include "core/clock.h"
#include "core/str.h"
#include "sensor/hwsensor.h"
#include "sensor/sensor.h"
#include "sensor/trace_csv.h"

static const char *USAGE =
    "bridgehold record --input SPEC --out FILE [--seconds N] [--raw]";

#define RECORD_POLL_S 0.01          /* 100 Hz: faster than any supported sensor reports */
#define RECORD_VIRTUAL_CAP_S 86400.0 /* a virtual-clock run without an end stops after a day */
#define RECORD_BATCH 256

static volatile sig_atomic_t g_stop;

static void on_sigint(int sig)
{
    (void)sig;
    g_stop = 1;
}

typedef struct RecordArgs {
    const char *input, *out;
    double seconds;
    bool have_seconds, raw;
} RecordArgs;

static int parse_args(int argc, char **argv, RecordArgs *a)
{
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: %s\n\nWrites the input's samples as a trace CSV (t_s, force_n, and "
                   "left_n/right_n when the sensor has them).\n--raw writes the device's raw "
                   "reports instead (hid-recorder format for scale/hid inputs, evemu for the "
                   "balance board),\n  to play back later with --input hidcapture:FILE or "
                   "evemu:FILE.\nA live device records until --seconds or Ctrl-C; a capture, "
                   "replay or sim input finishes at once\n(sim needs --seconds).\n", USAGE);
            return -1;
        }
        if (strcmp(argv[i], "--raw") == 0) {
            a->raw = true;
        } else if (args_take(argc, argv, &i, "--input", &v)) {
            if (!v)
                return args_usage_error("record", USAGE, "--input needs a SPEC (e.g. scale, "
                                        "hid:0922:8004, balance-board, sim)");
            a->input = v;
        } else if (args_take(argc, argv, &i, "--out", &v)) {
            if (!v)
                return args_usage_error("record", USAGE, "--out needs a file name");
            a->out = v;
        } else if (args_take(argc, argv, &i, "--seconds", &v)) {
            if (!args_number("record", USAGE, "--seconds", v, 0.01, 86400, &a->seconds))
                return EXIT_USAGE;
            a->have_seconds = true;
        } else {
            return args_usage_error("record", USAGE, "unknown argument '%s'", argv[i]);
        }
    }
    if (!a->input)
        return args_usage_error("record", USAGE, "no --input given");
    if (!a->out)
        return args_usage_error("record", USAGE, "no --out file given");
    return EXIT_OK;
}

/* Inputs read from a file: a failure to open them is a bad input file (exit 2). */
static bool input_is_file(const char *spec)
{
    return str_starts_with(spec, "replay:") || str_starts_with(spec, "hidcapture:") ||
           str_starts_with(spec, "evemu:");
}

static void sleep_s(double s)
{
    struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR && !g_stop) {
    }
}

typedef struct Run {
    Sensor *sensor;
    Trace trace;
    bool live, have_first;
    double first_t;
    const RecordArgs *args;
    bool said_disconnected;
    const char *last_notice; /* said once per change, not at every poll */
} Run;

/* Takes what one poll gave; false once --seconds of samples are in. */
static bool take(Run *r, const Sample *s, int n)
{
    for (int i = 0; i < n; i++) {
        if (!r->have_first) {
            r->have_first = true;
            r->first_t = s[i].t_s;
        }
        if (r->args->have_seconds && s[i].t_s - r->first_t >= r->args->seconds)
            return false;
        trace_append(&r->trace, &s[i]);
    }
    return true;
}

/* Polls until the input ends, --seconds pass, or Ctrl-C. Returns an exit code. */
static int run_loop(Run *r)
{
    Sample buf[RECORD_BATCH];
    double start = r->live ? clock_now_s() : 0.0;
    double now = start;
    /* The raw capture is written as reports are read: with --seconds, read one at a time so
     * the raw file stops where the trace does. */
    int batch = r->args->raw && r->args->have_seconds ? 1 : RECORD_BATCH;
    for (;;) {
        int n = sensor_poll(r->sensor, now, buf, batch);
        if (n == SENSOR_END)
            return EXIT_OK;
        if (n == SENSOR_ERROR) {
            fprintf(stderr, "bridgehold record: %s stopped with an error\n",
                    sensor_info(r->sensor)->name);
            return EXIT_RUNTIME;
        }
        if (n == SENSOR_DISCONNECTED) {
            if (!r->said_disconnected)
                fprintf(stderr, "bridgehold record: %s is disconnected; waiting for it to come "
                        "back (Ctrl-C stops and saves)\n", sensor_info(r->sensor)->name);
            r->said_disconnected = true;
        } else if (n > 0) {
            r->said_disconnected = false;
            if (!take(r, buf, n))
                return EXIT_OK;
        }
        const char *notice = hwsensor_notice(r->sensor);
        if (notice && notice != r->last_notice)
            fprintf(stderr, "bridgehold record: %s\n", notice);
        r->last_notice = notice;
        if (g_stop)
            return EXIT_OK;
        if (r->args->have_seconds && now - start >= r->args->seconds)
            return EXIT_OK;
        if (r->live) {
            sleep_s(RECORD_POLL_S);
            now = clock_now_s();
        } else {
            if (now - start >= RECORD_VIRTUAL_CAP_S) {
                fprintf(stderr, "bridgehold record: stopped after %g s of input\n",
                        RECORD_VIRTUAL_CAP_S);
                return EXIT_OK;
            }
            /* A full batch may leave more due at this instant: ask again before moving on. */
            if (n < batch)
                now += RECORD_POLL_S;
        }
    }
}


int cmd_record(int argc, char **argv)
{
    RecordArgs a = {0};
    int rc = parse_args(argc, argv, &a);
    if (rc == -1)
        return EXIT_OK;
    if (rc != EXIT_OK)
        return rc;
    paths_use_device_profiles();

    /* Speed < 0: captures and replays are read as fast as asked (live devices ignore it). */
    SensorOptions opt = {.speed = -1};
    char err[1024];
    Sensor *s = sensor_open(a.input, &opt, err, sizeof err);
    if (!s) {
        fprintf(stderr, "bridgehold record: %s\n", err);
        return input_is_file(a.input) || str_starts_with(err, "unknown input") ? EXIT_USAGE
                                                                                : EXIT_RUNTIME;
    }
    const SensorInfo *info = sensor_info(s);
    /* An input that is neither a person now nor a file never ends by itself (the simulator). */
    if (!info->live && !info->finite && !a.have_seconds) {
        sensor_close(s);
        return args_usage_error("record", USAGE, "the simulator never ends: give --seconds");
    }
    Run r = {.sensor = s, .live = info->live, .args = &a};
    r.trace.columns =
        SAMPLE_FORCE | (info->caps & (SAMPLE_LEFT_RIGHT | SAMPLE_PITCH | SAMPLE_ROLL));

    /* --raw: the capture goes to a private temporary file beside FILE, synced and renamed into
     * place when done (core/atomic_file), so a crash leaves no half capture under FILE. */
    AtomicFile raw = {0};
    if (a.raw) {
        if (!hwsensor_has_raw(s)) {
            sensor_close(s);
            return args_usage_error("record", USAGE, "--raw needs a HID or evdev input (scale, "
                                    "hid:, hidcapture:, balance-board, evemu:), not '%s'",
                                    a.input);
        }
        if (!atomic_file_open(&raw, a.out, err, sizeof err) ||
            !hwsensor_record_raw(s, raw.f, err, sizeof err)) {
            fprintf(stderr, "bridgehold record: %s\n", err);
            atomic_file_abort(&raw);
            sensor_close(s);
            return EXIT_RUNTIME;
        }
    }
    if (r.live) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_sigint;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, NULL);
        fprintf(stderr, "Recording %s to %s%s\n", info->name, a.out,
                a.have_seconds ? "" : "; press Ctrl-C to stop");
    }
    rc = run_loop(&r);
    char name[sizeof info->name];
    str_copy(name, sizeof name, info->name);
    sensor_close(s);

    double span = r.trace.count ? r.trace.samples[r.trace.count - 1].t_s - r.first_t : 0.0;
    if (a.raw) {
        if (!atomic_file_commit(&raw, err, sizeof err)) {
            fprintf(stderr, "bridgehold record: %s\n", err);
            rc = EXIT_RUNTIME;
        }
    } else if (!trace_save(a.out, &r.trace, err, sizeof err)) {
        fprintf(stderr, "bridgehold record: %s\n", err);
        rc = EXIT_RUNTIME;
    }
    if (rc == EXIT_OK)
        fprintf(stderr, "Recorded %zu samples (%.2f s) from %s to %s%s\n", r.trace.count, span,
                name, a.out, a.raw ? " (raw)" : "");
    trace_free(&r.trace);
    return rc;
}
