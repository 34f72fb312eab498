/* tests/unit/hwsensor/test_captures: the hid-recorder and evemu formats (parsing, errors with
 * lines, writing back), the hidcapture and evemu backends paced on the caller's clock, and
 * --raw recording. The captures in tests/data/captures/ come from gen_captures.c; the newtons
 * expected here are worked by hand from the bytes written there. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <linux/input-event-codes.h>
#include <math.h>

#include "gen_captures.h"
#include "sensor/backends.h"
#include "sensor/evemu.h"
#include "sensor/hidrec.h"
#include "sensor/hwsensor.h"

#define CAPTURES BH_TEST_DATA "/captures/"
#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-6)

/* Opens a backend directly (as sensor_open does, without the registry). */
static Sensor *open_with(const SensorBackend *b, const char *arg, double speed, char *err,
                         size_t errlen)
{
    Sensor *s = calloc(1, sizeof *s);
    s->backend = b;
    snprintf(s->info.kind, sizeof s->info.kind, "%s", b->kind);
    SensorOptions o = {.speed = speed};
    if (!b->open(s, arg, &o, err, errlen)) {
        free(s);
        return NULL;
    }
    return s;
}

static void close_with(Sensor *s)
{
    s->backend->close(s);
    free(s);
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void test_generated_captures_are_current(void **state)
{
    (void)state;
    for (size_t i = 0; HW_CAPTURE_NAMES[i]; i++) {
        char *mem = NULL;
        size_t mem_len = 0;
        FILE *f = open_memstream(&mem, &mem_len);
        assert_true(hw_capture_generate(HW_CAPTURE_NAMES[i], f));
        fclose(f);
        char path[512];
        snprintf(path, sizeof path, "%s%s", CAPTURES, HW_CAPTURE_NAMES[i]);
        size_t len;
        char *file = read_all(path, &len);
        if (len != mem_len || memcmp(file, mem, len) != 0)
            fprintf(stderr, "%s differs from gen_captures.c: regenerate it with "
                    "hwsensor_gen_captures\n", path);
        assert_int_equal(len, mem_len);
        assert_memory_equal(file, mem, len);
        free(file);
        free(mem);
    }
}

/* ---- hid-recorder ---- */

static void test_hidrec_parse(void **state)
{
    (void)state;
    const char text[] = "# hid-tools style\r\n"
                        "D: 0\n"
                        "R: 4 05 8d 09 20\n"
                        "N: DYMO M25\n"
                        "P: usb-0000:00:14.0-1/input0\n"
                        "I: 3 0922 8004\n"
                        "\n"
                        "E: 000000.000000 6 03 04 02 00 e8 03\n"
                        "E: 000001.500000 2 AB cd  # trailing comment\n"
                        "E: 1.500000 0\n";
    HidCapture c;
    Diag d;
    diag_init(&d);
    assert_true(hidrec_parse_buffer("t.hid", text, sizeof text - 1, &c, &d));
    assert_string_equal(c.name, "DYMO M25");
    assert_string_equal(c.phys, "usb-0000:00:14.0-1/input0");
    assert_true(c.has_info);
    assert_int_equal(c.vid, 0x0922);
    assert_int_equal(c.pid, 0x8004);
    assert_int_equal(c.rdesc_size, 4);
    assert_int_equal(c.rdesc[1], 0x8d);
    assert_int_equal(c.count, 3);
    NEAR(c.events[1].t_s, 1.5);
    assert_int_equal(c.events[1].size, 2);
    assert_int_equal(hidrec_event_data(&c, 1)[0], 0xab);
    assert_int_equal(hidrec_event_data(&c, 0)[4], 0xe8);
    assert_int_equal(c.events[2].size, 0);
    hidrec_free(&c);
    diag_free(&d);
}

static void expect_hidrec_error(const char *text, const char *want)
{
    HidCapture c;
    Diag d;
    diag_init(&d);
    assert_false(hidrec_parse_buffer("bad.hid", text, strlen(text), &c, &d));
    if (strcmp(diag_first(&d), want) != 0)
        fprintf(stderr, "got:  %s\nwant: %s\n", diag_first(&d), want);
    assert_string_equal(diag_first(&d), want);
    assert_int_equal(c.count, 0);
    diag_free(&d);
}

static void test_hidrec_errors(void **state)
{
    (void)state;
    expect_hidrec_error("N: x\nE: 0.000000 2 03 zz\n", "bad.hid:2: E: bytes must be two hex digits "
                        "each, separated by spaces (at most 16384)");
    expect_hidrec_error("N: x\nE: 0.000000 3 03 04\n", "bad.hid:2: E: says 3 bytes but has 2");
    expect_hidrec_error("E: 0.00000 1 03\n", "bad.hid:1: E: expected `SECONDS.MICROSECONDS SIZE "
                        "BYTES` with 6 digits of microseconds (e.g. `E: 0.000000 6 03 04 02 00 "
                        "e8 03`)");
    expect_hidrec_error("E: 2.000000 1 03\nE: 1.000000 1 03\n", "bad.hid:2: E: time 1.000000 goes "
                        "backwards (line 1 was at 2.000000)");
    expect_hidrec_error("N: x\nQ: what\n", "bad.hid:2: unknown line kind `Q:` (a hid-recorder "
                        "capture has N:, P:, I:, R:, D: and E: lines)");
    expect_hidrec_error("hello\n", "bad.hid:1: expected a `#` comment or a line starting `N:`, "
                        "`P:`, `I:`, `R:`, `D:` or `E:`");
    expect_hidrec_error("# only comments\n\n", "bad.hid: is empty: not a hid-recorder capture (no "
                        "N:, I:, R: or E: line)");
    expect_hidrec_error("I: 3 0922\n", "bad.hid:1: I: expects `bus vendor product` in hex (e.g. "
                        "`I: 3 0922 8003`)");
    expect_hidrec_error("R: x 01\n", "bad.hid:1: R: expected a byte count from 0 to 16384, then "
                        "the bytes in hex");
    expect_hidrec_error("E: 0.000000 99999 01\n", "bad.hid:1: E: expected a byte count from 0 to "
                        "16384, then the bytes in hex");
    expect_hidrec_error("D: x\n", "bad.hid:1: D: expected a device index from 0 to 1000");
    HidCapture c;
    Diag d;
    diag_init(&d);
    const char nul[] = "N: a\nE: 0.000000 1 0\0003\n";
    assert_false(hidrec_parse_buffer("nul.hid", nul, sizeof nul - 1, &c, &d));
    assert_string_equal(diag_first(&d), "nul.hid:2: contains a NUL byte; this is not a text "
                        "capture");
    diag_free(&d);
    diag_init(&d);
    assert_false(hidrec_load(CAPTURES "does-not-exist.hid", &c, &d));
    assert_non_null(strstr(diag_first(&d), "cannot open"));
    diag_free(&d);
}

static void test_hidrec_multi_device(void **state)
{
    (void)state;
    const char text[] = "D: 0\nN: first\nE: 0.000000 1 01\nD: 1\nN: second\nE: 0.100000 1 02\n"
                        "D: 0\nE: 0.200000 1 03\n";
    HidCapture c;
    Diag d;
    diag_init(&d);
    assert_true(hidrec_parse_buffer("m.hid", text, sizeof text - 1, &c, &d));
    assert_string_equal(c.name, "first");
    assert_int_equal(c.count, 2);
    assert_int_equal(hidrec_event_data(&c, 1)[0], 3);
    hidrec_free(&c);
    diag_free(&d);
}

static void test_hidrec_round_trip(void **state)
{
    (void)state;
    HidCapture a, b;
    Diag d;
    diag_init(&d);
    assert_true(hidrec_load(CAPTURES "scale-hold.hid", &a, &d));
    char *mem = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&mem, &len);
    hidrec_write(f, &a);
    fclose(f);
    assert_true(hidrec_parse_buffer("rt.hid", mem, len, &b, &d));
    assert_string_equal(a.name, b.name);
    assert_int_equal(a.vid, b.vid);
    assert_int_equal(a.count, b.count);
    for (size_t i = 0; i < a.count; i++) {
        NEAR(a.events[i].t_s, b.events[i].t_s);
        assert_int_equal(a.events[i].size, b.events[i].size);
        assert_memory_equal(hidrec_event_data(&a, i), hidrec_event_data(&b, i), a.events[i].size);
    }
    hidrec_free(&a);
    hidrec_free(&b);
    free(mem);
    diag_free(&d);
}

/* ---- evemu ---- */

static void test_evemu_parse(void **state)
{
    (void)state;
    const char text[] = "# EVEMU 1.3\n"
                        "# Input device name: \"Nintendo Wii Remote Balance Board\"\n"
                        "N: Nintendo Wii Remote Balance Board\n"
                        "I: 0005 057e 0306 8001\n"
                        "P: 00 00 00 00 00 00 00 00\n"
                        "B: 00 0b 00 00 00 00 00 00 00\n"
                        "B: 03 00 00 0f 00 00 00 00 00\n"
                        "A: 10 0 65535 4 0 0\n"
                        "A: 11 0 65535 4 0\n"
                        "L: 00 1\n"
                        "################################\n"
                        "E: 0.000001 0003 0010 1234\t# EV_ABS / ABS_HAT0X          1234\n"
                        "E: 0.000001 0003 0013 -5\n"
                        "E: 0.000001 0000 0000 0000\t# ---- SYN_REPORT (0) ---- +0ms\n";
    EvemuCapture c;
    Diag d;
    diag_init(&d);
    bool ok = evemu_parse_buffer("b.evemu", text, sizeof text - 1, &c, &d);
    if (!ok)
        diag_print(&d, stderr);
    assert_true(ok);
    assert_string_equal(c.name, "Nintendo Wii Remote Balance Board");
    assert_int_equal(c.vid, 0x057e);
    assert_int_equal(c.pid, 0x0306);
    assert_int_equal(c.version, 0x8001);
    assert_int_equal(c.count, 3);
    assert_int_equal(c.events[0].type, EV_ABS);
    assert_int_equal(c.events[0].code, ABS_HAT0X);
    assert_int_equal(c.events[0].value, 1234);
    assert_int_equal(c.events[1].value, -5);
    NEAR(c.events[2].t_s, 0.000001);
    evemu_free(&c);
    diag_free(&d);
}

static void expect_evemu_error(const char *text, const char *want)
{
    EvemuCapture c;
    Diag d;
    diag_init(&d);
    assert_false(evemu_parse_buffer("bad.evemu", text, strlen(text), &c, &d));
    if (strcmp(diag_first(&d), want) != 0)
        fprintf(stderr, "got:  %s\nwant: %s\n", diag_first(&d), want);
    assert_string_equal(diag_first(&d), want);
    diag_free(&d);
}

#define EVEMU_E_SHAPE "E: expected `SECONDS.MICROSECONDS TYPE CODE VALUE` (type and code in hex, " \
                      "value decimal, e.g. `E: 0.000001 0003 0010 1234`)"

static void test_evemu_errors(void **state)
{
    (void)state;
    expect_evemu_error("# EVEMU 2.0\nN: x\n", "bad.evemu:1: evemu format 2.x is newer than this "
                       "program reads (1.x)");
    expect_evemu_error("N: x\nE: 0.000001 0003 0010\n", "bad.evemu:2: " EVEMU_E_SHAPE);
    expect_evemu_error("E: 0.000001 0003 0010 99999999999\n", "bad.evemu:1: " EVEMU_E_SHAPE);
    expect_evemu_error("E: 0.000001 0003 0010 12x\n", "bad.evemu:1: " EVEMU_E_SHAPE);
    expect_evemu_error("E: 0.000001 0003 0010 1 2\n", "bad.evemu:1: " EVEMU_E_SHAPE);
    expect_evemu_error("E: 0.000001 0020 0010 1\n", "bad.evemu:1: E: event type 0x20 or code 0x10 "
                       "is out of range (type < 0x20, code < 0x300)");
    expect_evemu_error("E: 0.000001 0003 0300 1\n", "bad.evemu:1: E: event type 0x3 or code 0x300 "
                       "is out of range (type < 0x20, code < 0x300)");
    expect_evemu_error("E: 1.000000 0 0 0\nE: 0.500000 0 0 0\n", "bad.evemu:2: E: time 0.500000 "
                       "goes backwards (line 1 was at 1.000000)");
    expect_evemu_error("A: 10 0 65535\n", "bad.evemu:1: A: line has the wrong fields (1 hex then "
                       "decimal numbers, see evemu's README)");
    expect_evemu_error("B: 03 00 00\n", "bad.evemu:1: B: line has the wrong fields (9 hex)");
    expect_evemu_error("I: 0005 057e 0306\n", "bad.evemu:1: I: expected `bus vendor product "
                       "version` in hex (e.g. `I: 0005 057e 0306 8001`)");
    expect_evemu_error("X: 1\n", "bad.evemu:1: unknown line kind `X:` (an evemu capture has N:, "
                       "I:, P:, B:, A:, L:, S: and E: lines)");
    expect_evemu_error("", "bad.evemu: is empty: not an evemu capture (no N:, I: or E: line)");
}

/* ---- backends on captures ---- */

static void expect_force(Sample s, double t, double force)
{
    NEAR(s.t_s, t);
    NEAR(s.force_n, force);
    assert_int_equal(s.has, SAMPLE_FORCE);
}

static void test_hidcapture_paced(void **state)
{
    (void)state;
    char err[512];
    Sensor *s = open_with(&sensor_hidcapture_backend, CAPTURES "scale-hold.hid", 0, err,
                          sizeof err);
    assert_non_null(s);
    assert_false(s->info.live);
    assert_int_equal(s->info.caps, SAMPLE_FORCE);
    Sample out[16];
    const SensorBackend *b = s->backend;
    /* The first poll starts the clock; the report at 0 s is the stale one and is dropped. */
    assert_int_equal(b->poll(s, 10.0, out, 16), 0);
    assert_int_equal(b->poll(s, 10.45, out, 16), 2);
    expect_force(out[0], 0.2, 0.0);
    expect_force(out[1], 0.4, 117.6798); /* in motion: kept */
    NEAR(s->info.resolution_n, 0.00980665);
    assert_int_equal(b->poll(s, 10.9, out, 16), 2);
    expect_force(out[0], 0.6, 196.133);
    expect_force(out[1], 0.8, 201.036325);
    assert_null(hwsensor_notice(s));
    assert_int_equal(b->poll(s, 11.1, out, 16), 1);
    expect_force(out[0], 1.0, -1.4709975); /* under zero: negative */
    assert_int_equal(b->poll(s, 11.25, out, 16), 0); /* over limit: no reading, a notice */
    assert_non_null(hwsensor_notice(s));
    assert_non_null(strstr(hwsensor_notice(s), "over its limit"));
    assert_int_equal(b->poll(s, 11.5, out, 16), 1);
    expect_force(out[0], 1.4, 186.32635);
    assert_null(hwsensor_notice(s));
    assert_int_equal(b->poll(s, 12.0, out, 16), SENSOR_END);
    assert_int_equal(b->poll(s, 13.0, out, 16), SENSOR_END);
    close_with(s);

    /* Twice real time. */
    s = open_with(&sensor_hidcapture_backend, CAPTURES "scale-hold.hid", 2.0, err, sizeof err);
    assert_int_equal(s->backend->poll(s, 0.0, out, 16), 0);
    assert_int_equal(s->backend->poll(s, 0.25, out, 16), 2);
    close_with(s);
}

/* Through the sensor interface: a scale's fault, re-zero and over-limit statuses are a notice
 * the game can show while they last (sensor_notice), and the capture says what it is by its
 * capabilities. */
static void test_scale_notices_through_sensor(void **state)
{
    (void)state;
    char err[512];
    SensorOptions o = {0};
    Sensor *s = sensor_open("hidcapture:" CAPTURES "scale-notices.hid", &o, err, sizeof err);
    if (!s)
        fail_msg("%s", err);
    const SensorInfo *in = sensor_info(s);
    assert_true(in->finite && in->practice && in->measures_force);
    assert_false(in->follows_cues || in->zeroes_itself || in->measures_angle || in->self_timed);
    assert_false(sensor_can_tare(s));
    Sample out[16];
    /* (time on the capture clock, readings expected, notice expected: a phrase or NULL) */
    static const struct { double t; int n; const char *notice; } STEPS[] = {
        {0.0, 0, NULL},  {0.25, 1, NULL},          {0.45, 0, "fault"},
        {0.65, 0, "fault"}, {0.85, 1, NULL},       {1.05, 0, "re-zero"},
        {1.25, 1, NULL}, {1.45, 0, "over its limit"}, {1.65, 1, NULL},
    };
    for (size_t i = 0; i < sizeof STEPS / sizeof STEPS[0]; i++) {
        int n = sensor_poll(s, 100.0 + STEPS[i].t, out, 16);
        if (n != STEPS[i].n)
            fail_msg("at %.2f s: %d readings, want %d", STEPS[i].t, n, STEPS[i].n);
        const char *note = sensor_notice(s);
        if (!STEPS[i].notice) {
            if (note)
                fail_msg("at %.2f s: unexpected notice '%s'", STEPS[i].t, note);
        } else if (!note || !strstr(note, STEPS[i].notice)) {
            fail_msg("at %.2f s: notice '%s', want one about '%s'", STEPS[i].t,
                     note ? note : "(none)", STEPS[i].notice);
        }
    }
    assert_int_equal(sensor_poll(s, 103.0, out, 16), SENSOR_END);
    sensor_close(s);
}

/* Capabilities instead of kind names: what each backend says it is. */
static void test_capabilities(void **state)
{
    (void)state;
    char err[512];
    SensorOptions o = {0};
    Sensor *s = sensor_open("evemu:" CAPTURES "board-shift.evemu", &o, err, sizeof err);
    assert_non_null(s);
    assert_true(sensor_info(s)->finite && sensor_info(s)->practice);
    assert_true(hwsensor_has_raw(s));
    assert_null(sensor_notice(s));
    sensor_close(s);
    s = sensor_open("sim", &o, err, sizeof err);
    assert_non_null(s);
    const SensorInfo *in = sensor_info(s);
    assert_true(in->follows_cues && in->practice && in->measures_force);
    assert_false(in->finite || in->zeroes_itself || in->self_timed);
    assert_false(hwsensor_has_raw(s));
    sensor_close(s);
    s = sensor_open("keyboard", &o, err, sizeof err);
    assert_non_null(s);
    in = sensor_info(s);
    assert_true(in->self_timed); /* a key: held or not, no newtons */
    assert_false(in->practice || in->finite || in->follows_cues || in->measures_force);
    sensor_close(s);
    s = sensor_open("replay:" BH_TEST_DATA "/traces/hold-200n-30s.csv", &o, err, sizeof err);
    assert_non_null(s);
    assert_true(sensor_info(s)->finite && sensor_info(s)->practice);
    sensor_close(s);
}

static void test_hidcapture_fast_and_max(void **state)
{
    (void)state;
    char err[512];
    Sensor *s = open_with(&sensor_hidcapture_backend, CAPTURES "scale-hold.hid", -1, err,
                          sizeof err);
    Sample out[4];
    assert_int_equal(s->backend->poll(s, 0.0, out, 2), 2);
    assert_int_equal(s->backend->poll(s, 0.0, out, 2), 2);
    expect_force(out[1], 0.8, 201.036325);
    assert_int_equal(s->backend->poll(s, 0.0, out, 2), 2);
    expect_force(out[1], 1.4, 186.32635);
    assert_int_equal(s->backend->poll(s, 0.0, out, 2), SENSOR_END);
    close_with(s);
}

static void test_hidcapture_units(void **state)
{
    (void)state;
    char err[512];
    Sensor *s = open_with(&sensor_hidcapture_backend, CAPTURES "scale-units.hid", -1, err,
                          sizeof err);
    assert_non_null(s);
    Sample out[16];
    assert_int_equal(s->backend->poll(s, 0.0, out, 16), 6);
    expect_force(out[0], 0.25, 19.6133);         /* 2.000 kg */
    expect_force(out[1], 0.50, 14.709975);       /* 1500 g */
    expect_force(out[2], 0.75, 19.599976492241); /* 70.5 oz */
    expect_force(out[3], 1.00, 19.5721751071462); /* 4.4 lb */
    expect_force(out[4], 1.25, 44.482216152605); /* 10.00 lb */
    expect_force(out[5], 1.50, 14.709975);       /* 150 x 10 g */
    NEAR(s->info.resolution_n, 0.0098066500);    /* from the first reading: 0.001 kg */
    close_with(s);
}

static void test_hidcapture_profile(void **state)
{
    (void)state;
    char err[512];
    Sensor *s = open_with(&sensor_hidcapture_backend,
                          CAPTURES "hx711-vendor.hid:" BH_SOURCE_DIR
                                   "/assets/devices/hx711-vendor.ini",
                          -1, err, sizeof err);
    if (!s)
        fprintf(stderr, "%s\n", err);
    assert_non_null(s);
    Sample out[8];
    assert_int_equal(s->backend->poll(s, 0.0, out, 8), 4); /* no stale report for a profile */
    expect_force(out[0], 0.0, 0.0);
    expect_force(out[1], 0.1, 98.0665);
    expect_force(out[2], 0.2, 199.9968201);
    expect_force(out[3], 0.3, -0.4903325);
    NEAR(s->info.resolution_n, 0.00980665);
    NEAR(s->info.rate_hz, 10);
    close_with(s);

    /* By name, through the profile folder. */
    hwsensor_set_profile_dir(BH_SOURCE_DIR "/assets/devices");
    s = open_with(&sensor_hidcapture_backend, CAPTURES "hx711-vendor.hid:hx711-vendor", -1, err,
                  sizeof err);
    assert_non_null(s);
    assert_int_equal(s->backend->poll(s, 0.0, out, 8), 4);
    close_with(s);
    hwsensor_set_profile_dir(NULL);
    assert_null(open_with(&sensor_hidcapture_backend, CAPTURES "hx711-vendor.hid:hx711-vendor",
                          -1, err, sizeof err));
    assert_non_null(strstr(err, "give the path"));
}

static void test_capture_open_errors(void **state)
{
    (void)state;
    char err[512];
    assert_null(open_with(&sensor_hidcapture_backend, "/nonexistent.hid", 0, err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent.hid: cannot open"));
    assert_null(open_with(&sensor_hidcapture_backend, "", 0, err, sizeof err));
    assert_null(open_with(&sensor_evemu_backend, CAPTURES "scale-hold.hid", 0, err, sizeof err));
    /* Not an evemu file: told where and why, not half-read. */
    assert_non_null(strstr(err, "scale-hold.hid:3: I: expected `bus vendor product version`"));
    assert_null(open_with(&sensor_hidcapture_backend, CAPTURES "scale-hold.hid:/nope.ini", 0, err,
                          sizeof err));
    assert_non_null(strstr(err, "/nope.ini: cannot open"));
}

static void test_evemu_board(void **state)
{
    (void)state;
    char err[512];
    Sensor *s = open_with(&sensor_evemu_backend, CAPTURES "board-shift.evemu", 0, err, sizeof err);
    assert_non_null(s);
    assert_int_equal(s->info.caps, SAMPLE_FORCE | SAMPLE_LEFT_RIGHT);
    Sample out[8];
    assert_int_equal(s->backend->poll(s, 5.0, out, 8), 1);
    NEAR(out[0].t_s, 0.0);
    NEAR(out[0].force_n, 392.266); /* 4 x 1000 x 10 g */
    NEAR(out[0].left_n, 196.133);
    NEAR(out[0].right_n, 196.133);
    assert_int_equal(s->backend->poll(s, 5.02, out, 8), 1); /* events keep their own times */
    NEAR(out[0].t_s, 0.010999);
    NEAR(out[0].left_n, 294.1995);
    NEAR(out[0].right_n, 196.133);
    NEAR(out[0].force_n, 490.3325);
    /* Between frames more than a report period apart, the held cells are sampled at the
     * board's 100 Hz (evdev sends only changes); a frame that changes no cell (the button, a
     * repeat) is a sample too. */
    assert_int_equal(s->backend->poll(s, 5.1, out, 8), 6);
    NEAR(out[0].t_s, 0.020999); /* held: the left-leaning load of 0.011 */
    NEAR(out[0].left_n, 294.1995);
    NEAR(out[1].t_s, 0.026999);
    NEAR(out[1].right_n, 392.266);
    NEAR(out[1].left_n, 98.0665);
    NEAR(out[2].t_s, 0.029999); /* the button frame */
    NEAR(out[2].right_n, 392.266);
    NEAR(out[3].t_s, 0.039999); /* held */
    NEAR(out[4].t_s, 0.051999);
    NEAR(out[4].right_n, 402.07265);
    NEAR(out[4].force_n, 500.13915);
    NEAR(out[5].t_s, 0.059999); /* no change: the same load again */
    NEAR(out[5].force_n, 500.13915);
    assert_int_equal(s->backend->poll(s, 5.2, out, 8), SENSOR_END);
    close_with(s);
}

/* A still load keeps producing samples: 3 s in which the kernel sent nothing give a held sample
 * every 10 ms, at the load last reported, and tare has readings to work on. */
static void test_evemu_board_still_load(void **state)
{
    (void)state;
    char err[512];
    Sensor *s = open_with(&sensor_evemu_backend, CAPTURES "board-still.evemu", 0, err,
                          sizeof err);
    assert_non_null(s);
    Sample out[64];
    size_t total = 0;
    double last_t = -1, max_gap = 0;
    int in_window = 0;
    for (int frame = 0; frame <= 60 * 4; frame++) {
        int n = s->backend->poll(s, 10.0 + frame / 60.0, out, 64);
        if (n == SENSOR_END)
            break;
        assert_true(n >= 0);
        for (int k = 0; k < n; k++) {
            if (last_t >= 0) {
                assert_true(out[k].t_s > last_t);
                if (out[k].t_s - last_t > max_gap)
                    max_gap = out[k].t_s - last_t;
            }
            last_t = out[k].t_s;
            if (out[k].t_s > 0.5 && out[k].t_s < 3.0) {
                NEAR(out[k].force_n, 6000 * 0.0980665); /* 60 kg, held */
                NEAR(out[k].left_n, 3000 * 0.0980665);
                in_window++;
            }
            total++;
        }
        /* samples arrive as time passes, not all at the end */
        if (frame == 60)
            assert_true(total >= 95 && total <= 105);
    }
    assert_true(in_window >= 245 && in_window <= 251);
    assert_true(total >= 300 && total <= 303); /* 0 .. 3.01 s at 100 Hz */
    assert_true(max_gap < 0.0101);
    close_with(s);
}

/* Runs a capture input with --raw recording and checks the raw output parses back to the same
 * reports. */
static void test_raw_recording(void **state)
{
    (void)state;
    char err[512];
    Sensor *s = open_with(&sensor_hidcapture_backend, CAPTURES "scale-units.hid", -1, err,
                          sizeof err);
    char *mem = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&mem, &len);
    assert_true(hwsensor_has_raw(s));
    assert_true(hwsensor_record_raw(s, f, err, sizeof err));
    Sample out[16];
    while (s->backend->poll(s, 0, out, 16) != SENSOR_END) {
    }
    fclose(f);
    HidCapture a, b;
    Diag d;
    diag_init(&d);
    assert_true(hidrec_load(CAPTURES "scale-units.hid", &a, &d));
    assert_true(hidrec_parse_buffer("raw.hid", mem, len, &b, &d));
    assert_int_equal(a.count, b.count);
    assert_int_equal(b.vid, 0x1446);
    for (size_t i = 0; i < a.count; i++)
        assert_memory_equal(hidrec_event_data(&a, i), hidrec_event_data(&b, i), 6);
    hidrec_free(&a);
    hidrec_free(&b);
    free(mem);
    close_with(s);

    s = open_with(&sensor_evemu_backend, CAPTURES "board-shift.evemu", -1, err, sizeof err);
    mem = NULL;
    f = open_memstream(&mem, &len);
    assert_true(hwsensor_record_raw(s, f, err, sizeof err));
    while (s->backend->poll(s, 0, out, 16) != SENSOR_END) {
    }
    fclose(f);
    EvemuCapture ea, eb;
    assert_true(evemu_load(CAPTURES "board-shift.evemu", &ea, &d));
    assert_true(evemu_parse_buffer("raw.evemu", mem, len, &eb, &d));
    assert_string_equal(eb.name, "Nintendo Wii Remote Balance Board");
    assert_int_equal(ea.count, eb.count);
    for (size_t i = 0; i < ea.count; i++) {
        assert_int_equal(ea.events[i].code, eb.events[i].code);
        assert_int_equal(ea.events[i].value, eb.events[i].value);
        NEAR(ea.events[i].t_s - ea.events[0].t_s, eb.events[i].t_s);
    }
    evemu_free(&ea);
    evemu_free(&eb);
    free(mem);
    close_with(s);
    diag_free(&d);

    /* Other inputs have no raw form. */
    static const SensorBackend other = {.kind = "sim"};
    Sensor sim = {.backend = &other};
    assert_false(hwsensor_has_raw(&sim));
    assert_false(hwsensor_record_raw(&sim, stdout, err, sizeof err));
    assert_non_null(strstr(err, "no raw form"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_generated_captures_are_current),
        cmocka_unit_test(test_hidrec_parse),
        cmocka_unit_test(test_hidrec_errors),
        cmocka_unit_test(test_hidrec_multi_device),
        cmocka_unit_test(test_hidrec_round_trip),
        cmocka_unit_test(test_evemu_parse),
        cmocka_unit_test(test_evemu_errors),
        cmocka_unit_test(test_hidcapture_paced),
        cmocka_unit_test(test_hidcapture_fast_and_max),
        cmocka_unit_test(test_hidcapture_units),
        cmocka_unit_test(test_hidcapture_profile),
        cmocka_unit_test(test_capture_open_errors),
        cmocka_unit_test(test_evemu_board),
        cmocka_unit_test(test_scale_notices_through_sensor),
        cmocka_unit_test(test_capabilities),
        cmocka_unit_test(test_evemu_board_still_load),
        cmocka_unit_test(test_raw_recording),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
