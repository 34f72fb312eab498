/* tests/unit/hwsensor/test_decode: the pure decoders — HID POS scale reports, device profiles
 * (parsing, errors with lines, value decoding) and balance-board events. Expected newtons are
 * worked by hand: kg × 9.80665 (standard gravity); 1 lb = 0.45359237 kg; 1 oz = 1/16 lb;
 * one board count = 10 g = 0.0980665 N. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <linux/input-event-codes.h>
#include <math.h>
#include <stdio.h>

#include "sensor/board_decode.h"
#include "sensor/hid_profile.h"
#include "sensor/scale_decode.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-6)


static ScaleReading decode(int id, int status, int unit, int exp, unsigned raw)
{
    uint8_t r[6] = {(uint8_t)id, (uint8_t)status, (uint8_t)unit, (uint8_t)(int8_t)exp,
                    (uint8_t)(raw & 0xff), (uint8_t)(raw >> 8)};
    ScaleReading out;
    memset(&out, 0xA5, sizeof out);
    assert_true(scale_decode_report(r, sizeof r, &out));
    return out;
}

static void test_scale_units(void **state)
{
    (void)state;
    ScaleReading r = decode(3, 4, 3, -3, 2000); /* 2.000 kg */
    assert_true(r.has_force);
    assert_null(r.notice);
    NEAR(r.force_n, 19.6133);
    NEAR(r.step_n, 0.00980665);
    NEAR(decode(3, 4, 2, 0, 1500).force_n, 14.709975);        /* 1500 g */
    NEAR(decode(3, 4, 11, -1, 705).force_n, 19.599976492241); /* 70.5 oz = 1.99864138 kg */
    NEAR(decode(3, 4, 11, -1, 160).force_n, 4.4482216152605); /* 16.0 oz = 1 lb */
    NEAR(decode(3, 4, 12, -1, 10).force_n, 4.4482216152605);  /* 1.0 lb */
    NEAR(decode(3, 4, 12, -1, 44).force_n, 19.5721751071462); /* 4.4 lb */
    NEAR(decode(3, 4, 12, -2, 1000).force_n, 44.482216152605); /* 10.00 lb */
    NEAR(decode(3, 4, 2, 1, 150).force_n, 14.709975);         /* 150 x 10 g */
    NEAR(decode(3, 4, 1, 0, 65535).force_n, 0.065535 * 9.80665); /* mg, the largest field */
    NEAR(decode(3, 4, 4, 0, 5).force_n, 0.001 * 9.80665);     /* 5 carats = 1 g */
    NEAR(decode(3, 4, 6, 0, 7000).force_n, 0.45359237 * 9.80665); /* 7000 grains = 1 lb */
    NEAR(decode(3, 4, 7, 0, 20).force_n, 480 * 0.45359237 / 7000 * 9.80665); /* 20 dwt = 1 ozt */
    NEAR(decode(3, 4, 10, 0, 1).force_n, 0.0311034768 * 9.80665); /* troy ounce */
    NEAR(decode(3, 4, 8, -3, 1).force_n, 9.80665);            /* 0.001 t = 1 kg */
    NEAR(decode(3, 4, 9, -4, 5).force_n, 0.45359237 * 9.80665); /* 0.0005 short ton = 1 lb */
    NEAR(decode(3, 4, 5, 0, 1).force_n, 0.037799364167 * 9.80665); /* Hong Kong tael */
    assert_string_equal(scale_unit_name(12), "lb");
    assert_string_equal(scale_unit_name(13), "?");
}

static void test_scale_statuses(void **state)
{
    (void)state;
    ScaleReading r = decode(3, 2, 2, 0, 0);
    assert_true(r.has_force);
    NEAR(r.force_n, 0.0);
    r = decode(3, 3, 2, 0, 12000); /* in motion: a real reading, kept */
    assert_true(r.has_force);
    NEAR(r.force_n, 117.6798);
    assert_null(r.notice);
    r = decode(3, 5, 2, 0, 150); /* under zero: negative */
    assert_true(r.has_force);
    NEAR(r.force_n, -1.4709975);
    static const struct {
        int status;
        const char *words;
    } BAD[] = {{1, "fault"}, {6, "over its limit"}, {7, "calibrating"}, {8, "re-zeroing"},
               {9, "does not know"}, {0, "does not know"}};
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        r = decode(3, BAD[i].status, 2, 0, 3000);
        assert_false(r.has_force);
        assert_non_null(r.notice);
        assert_non_null(strstr(r.notice, BAD[i].words));
        NEAR(r.force_n, 0.0);
    }
    r = decode(3, 4, 0, 0, 100); /* unknown unit: no number to trust */
    assert_false(r.has_force);
    assert_non_null(strstr(r.notice, "unit"));
    r = decode(3, 4, 13, 0, 100);
    assert_false(r.has_force);
    assert_true(decode(4, 4, 2, 0, 10).has_force); /* report id 4 is seen too */
    assert_string_equal(scale_status_name(3), "in motion");
}

static void test_scale_not_a_report(void **state)
{
    (void)state;
    uint8_t r[8] = {3, 4, 2, 0, 1, 0, 0, 0};
    ScaleReading out = {.status = 42};
    assert_false(scale_decode_report(r, 5, &out)); /* short */
    assert_int_equal(out.status, 42);               /* untouched */
    assert_true(scale_decode_report(r, 8, &out));  /* longer is fine */
    r[0] = 5;
    assert_false(scale_decode_report(r, 6, &out));
    assert_false(scale_decode_report(NULL, 6, &out));
}

/* ---- device profiles ---- */

static const char GOOD[] = "; a profile\n"
                           "[device]\n"
                           "version = 1\n"
                           "name = Test cell\n"
                           "vid = 0xCAFE\n"
                           "pid = 4004\n"
                           "usage_page = ff00\n"
                           "[value]\n"
                           "report_id = 2\n"
                           "byte_offset = 3\n"
                           "size = 3\n"
                           "endian = big\n"
                           "signed = yes\n"
                           "scale_n = 0.5\n"
                           "offset_n = -1.25\n"
                           "rate_hz = 80\n";

static void test_profile_parse_good(void **state)
{
    (void)state;
    DeviceProfile p;
    Diag d;
    diag_init(&d);
    assert_true(device_profile_parse("good.ini", GOOD, &p, &d));
    assert_int_equal(d.count, 0);
    assert_string_equal(p.name, "Test cell");
    assert_int_equal(p.vid, 0xcafe);
    assert_int_equal(p.pid, 0x4004);
    assert_int_equal(p.usage_page, 0xff00);
    assert_int_equal(p.report_id, 2);
    assert_int_equal(p.byte_offset, 3);
    assert_int_equal(p.size, 3);
    assert_true(p.big_endian);
    assert_true(p.is_signed);
    NEAR(p.scale_n, 0.5);
    NEAR(p.offset_n, -1.25);
    NEAR(p.rate_hz, 80);
    diag_free(&d);
}

static void test_profile_shipped(void **state)
{
    (void)state;
    DeviceProfile p;
    Diag d;
    diag_init(&d);
    bool ok = device_profile_load(BH_SOURCE_DIR "/assets/devices/hx711-vendor.ini", &p, &d);
    if (!ok)
        diag_print(&d, stderr);
    assert_true(ok);
    assert_int_equal(p.vid, 0xcafe);
    assert_int_equal(p.usage_page, 0xff00);
    assert_int_equal(p.report_id, 0);
    assert_int_equal(p.size, 4);
    assert_false(p.big_endian);
    assert_true(p.is_signed);
    NEAR(p.scale_n, 0.00980665);
    diag_free(&d);
}

/* Parses text expecting exactly one error, equal to want. */
static void expect_error(const char *text, const char *want)
{
    DeviceProfile p;
    Diag d;
    diag_init(&d);
    assert_false(device_profile_parse("p.ini", text, &p, &d));
    if (d.count != 1 || strcmp(diag_first(&d), want) != 0) {
        diag_print(&d, stderr);
        fprintf(stderr, "wanted: %s\n", want);
    }
    assert_int_equal(d.count, 1);
    assert_string_equal(diag_first(&d), want);
    diag_free(&d);
}

#define HEAD "[device]\nversion = 1\nvid = cafe\npid = 4004\n[value]\n"
#define TAIL "byte_offset = 0\nsize = 2\nscale_n = 1\n"

static void test_profile_errors(void **state)
{
    (void)state;
    expect_error(HEAD TAIL "colour = red\n", "p.ini:9: unknown key `colour` in [value]");
    expect_error(HEAD "byte_offset = 0\nsize = 5\nscale_n = 1\n",
                 "p.ini:7: size = 5: expected a size of 1, 2, 3 or 4 bytes");
    expect_error(HEAD "byte_offset = 0\nsize = 0\nscale_n = 1\n",
                 "p.ini:7: size = 0: expected a size of 1, 2, 3 or 4 bytes");
    expect_error(HEAD TAIL "endian = middle\n", "p.ini:9: endian = middle: expected `little` or "
                 "`big`");
    expect_error(HEAD TAIL "signed = maybe\n", "p.ini:9: signed = maybe: expected true or false");
    expect_error(HEAD "byte_offset = 0\nsize = 2\nscale_n = 0\n",
                 "p.ini:8: scale_n = 0: expected newtons per count, a non-zero number (e.g. "
                 "0.00981 for 1 count = 1 g)");
    expect_error(HEAD TAIL "size = 2\n", "p.ini:9: size is given twice (first on line 7)");
    expect_error(HEAD TAIL "report_id = 3\n", "p.ini:6: byte_offset 0 is the report id itself "
                 "(report_id = 3); the value starts at 1 or later");
    expect_error(HEAD TAIL "report_id = 256\n",
                 "p.ini:9: report_id = 256: expected a report id from 0 (unnumbered) to 255");
    expect_error(HEAD TAIL "vid = 1\n", "p.ini:9: vid belongs in [device], not [value]");
    expect_error(HEAD TAIL "[extra]\nx = 1\n",
                 "p.ini:10: unknown section [extra] (a profile has [device] and [value])");
    expect_error("[device]\nversion = 1\nvid = xyz\npid = 4004\n[value]\n" TAIL,
                 "p.ini:3: vid = xyz: expected a USB id in hex, 0000 to ffff (as lsusb shows it)");
    expect_error("[device]\nversion = 1\npid = 4004\n[value]\n" TAIL, "p.ini: missing `vid` in "
                 "[device]");
    expect_error("[device]\nvid = cafe\npid = 4004\n[value]\n" TAIL,
                 "p.ini: missing `version` in [device]");
    expect_error("[device]\nversion = 0\nvid = cafe\npid = 4004\n[value]\n" TAIL,
                 "p.ini:2: version = 0: expected a whole number (1)");
    /* A newer version is refused on its own: its other keys may be fine for it. */
    expect_error("[device]\nversion = 2\nvid = cafe\nwobble = 3\n",
                 "p.ini:2: version 2 is newer than this program understands (1): update "
                 "Bridgehold, or rewrite the profile for version 1");
    expect_error("vid = cafe\n" HEAD TAIL,
                 "p.ini:1: `vid` is outside any section (put it under [device] or [value])");
    expect_error(HEAD "byte_offset = 4095\nsize = 2\nscale_n = 1\n",
                 "p.ini:7: byte_offset 4095 + size 2 runs past the largest report (4096 bytes)");
}

static void test_profile_syntax_and_file(void **state)
{
    (void)state;
    DeviceProfile p;
    Diag d;
    diag_init(&d);
    assert_false(device_profile_parse("s.ini", HEAD "this line is not ini\n" TAIL, &p, &d));
    assert_true(d.count >= 1);
    assert_non_null(strstr(diag_first(&d), "s.ini:6: "));
    diag_free(&d);
    diag_init(&d);
    assert_false(device_profile_load("/nonexistent/x.ini", &p, &d));
    assert_non_null(strstr(diag_first(&d), "/nonexistent/x.ini: cannot open"));
    diag_free(&d);
}

static void test_profile_decode(void **state)
{
    (void)state;
    DeviceProfile p = {.report_id = 2, .byte_offset = 1, .size = 3, .is_signed = true,
                       .scale_n = 0.5, .offset_n = 1.0};
    uint8_t r[] = {2, 0xfe, 0xff, 0xff, 9}; /* little-endian 0xfffffe = -2 in 24 bits */
    double f;
    int64_t c;
    assert_true(device_profile_decode(&p, r, sizeof r, &f, &c));
    assert_int_equal(c, -2);
    NEAR(f, 0.0);
    p.is_signed = false;
    assert_true(device_profile_decode(&p, r, sizeof r, &f, &c));
    assert_int_equal(c, 0xfffffe);
    p.big_endian = true;
    p.size = 2;
    uint8_t b[] = {2, 0x12, 0x34};
    assert_true(device_profile_decode(&p, b, sizeof b, &f, &c));
    assert_int_equal(c, 0x1234);
    NEAR(f, 0x1234 * 0.5 + 1.0);
    assert_false(device_profile_decode(&p, b, 2, &f, &c)); /* too short */
    b[0] = 3;
    assert_false(device_profile_decode(&p, b, sizeof b, &f, &c)); /* another report */
    DeviceProfile q = {.size = 4, .is_signed = true, .scale_n = 0.00980665};
    uint8_t g[] = {0xce, 0xff, 0xff, 0xff}; /* -50 g, unnumbered */
    assert_true(device_profile_decode(&q, g, sizeof g, &f, &c));
    assert_int_equal(c, -50);
    NEAR(f, -0.4903325);
    q.is_signed = false;
    assert_true(device_profile_decode(&q, g, sizeof g, &f, &c));
    assert_int_equal(c, 0xffffffce);
    DeviceProfile one = {.size = 1, .is_signed = true, .scale_n = 1};
    uint8_t m[] = {0x80};
    assert_true(device_profile_decode(&one, m, 1, &f, &c));
    assert_int_equal(c, -128);
}

/* ---- balance board ---- */

static bool feed(BoardDecoder *d, double t, unsigned type, unsigned code, int v, Sample *s)
{
    return board_decoder_feed(d, t, type, code, (int32_t)v, s);
}

static void cells(BoardDecoder *d, double t, int tr, int br, int tl, int bl)
{
    Sample s;
    assert_false(feed(d, t, EV_ABS, ABS_HAT0X, tr, &s));
    assert_false(feed(d, t, EV_ABS, ABS_HAT0Y, br, &s));
    assert_false(feed(d, t, EV_ABS, ABS_HAT1X, tl, &s));
    assert_false(feed(d, t, EV_ABS, ABS_HAT1Y, bl, &s));
}

static void test_board_cells(void **state)
{
    (void)state;
    BoardDecoder d;
    board_decoder_init(&d);
    Sample s;
    cells(&d, 0.5, 2000, 2000, 2000, 2000); /* 80 kg spread evenly */
    assert_true(feed(&d, 0.5, EV_SYN, SYN_REPORT, 0, &s));
    NEAR(s.t_s, 0.5);
    NEAR(s.force_n, 784.532);
    NEAR(s.left_n, 392.266);
    NEAR(s.right_n, 392.266);
    assert_int_equal(s.has, SAMPLE_FORCE | SAMPLE_LEFT_RIGHT);
    cells(&d, 0.513, 1000, 1000, 3000, 3000); /* onto the left heel */
    assert_true(feed(&d, 0.513, EV_SYN, SYN_REPORT, 0, &s));
    NEAR(s.t_s, 0.513);
    NEAR(s.left_n, 588.399);
    NEAR(s.right_n, 196.133);
    NEAR(s.force_n, 784.532);
    NEAR(board_cell_n(&d, BOARD_TL), 294.1995);
    /* Only the top-right cell changes: the others keep their values. */
    assert_false(feed(&d, 0.6, EV_ABS, ABS_HAT0X, 1500, &s));
    assert_true(feed(&d, 0.6, EV_SYN, SYN_REPORT, 0, &s));
    NEAR(s.right_n, 2500 * 0.0980665);
    NEAR(s.left_n, 588.399);
}

static void test_board_frames(void **state)
{
    (void)state;
    BoardDecoder d;
    board_decoder_init(&d);
    Sample s;
    /* Every frame is a sample, even with nothing changed: the held cells are the load, and an
     * empty board at zero must still give readings (tare). */
    assert_true(feed(&d, 0.1, EV_SYN, SYN_REPORT, 0, &s));
    NEAR(s.force_n, 0.0);
    NEAR(s.t_s, 0.1);
    assert_false(feed(&d, 0.1, EV_ABS, ABS_X, 500, &s)); /* not a cell */
    assert_false(feed(&d, 0.1, EV_KEY, BTN_A, 1, &s));
    assert_true(feed(&d, 0.1, EV_SYN, SYN_REPORT, 0, &s));
    assert_false(feed(&d, 0.2, EV_ABS, ABS_HAT1Y, 0, &s)); /* same as before */
    assert_true(feed(&d, 0.2, EV_SYN, SYN_REPORT, 0, &s));
    NEAR(s.force_n, 0.0);
    /* SYN_DROPPED: the rest of that frame is thrown away. */
    assert_false(feed(&d, 0.3, EV_SYN, SYN_DROPPED, 0, &s));
    assert_false(feed(&d, 0.3, EV_ABS, ABS_HAT0X, 900, &s));
    assert_false(feed(&d, 0.3, EV_SYN, SYN_REPORT, 0, &s));
    NEAR(board_cell_n(&d, BOARD_TR), 0.0);
    assert_false(feed(&d, 0.4, EV_ABS, ABS_HAT0X, 900, &s));
    assert_true(feed(&d, 0.4, EV_SYN, SYN_REPORT, 0, &s));
    NEAR(s.force_n, 900 * 0.0980665);
    NEAR(s.right_n, 900 * 0.0980665);
    NEAR(s.left_n, 0.0);
    NEAR(board_cell_n(&d, 7), 0.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scale_units),
        cmocka_unit_test(test_scale_statuses),
        cmocka_unit_test(test_scale_not_a_report),
        cmocka_unit_test(test_profile_parse_good),
        cmocka_unit_test(test_profile_shipped),
        cmocka_unit_test(test_profile_errors),
        cmocka_unit_test(test_profile_syntax_and_file),
        cmocka_unit_test(test_profile_decode),
        cmocka_unit_test(test_board_cells),
        cmocka_unit_test(test_board_frames),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
