/* tests/unit/hwsensor/test_hidapi: the live HID backends (`scale`, `hid:VID:PID[:PROFILE]`)
 * through the link-time fake of hidapi: open, non-blocking drain, stale first report, tare,
 * unplug → SENSOR_DISCONNECTED → replug (searched for about once a second) → readings again,
 * the permission message, and the device listing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <math.h>

#include "fake_hidapi.h"
#include "sensor/backends.h"
#include "sensor/hwsensor.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-6)

static Sensor *open_with(const SensorBackend *b, const char *arg, char *err, size_t errlen)
{
    Sensor *s = calloc(1, sizeof *s);
    s->backend = b;
    snprintf(s->info.kind, sizeof s->info.kind, "%s", b->kind);
    SensorOptions o = {0};
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

static int setup(void **state)
{
    (void)state;
    fake_hid_reset();
    hwsensor_set_profile_dir(NULL);
    return 0;
}

/* A scale report in grams (status 4 = stable). */
static void grams(int dev, int status, unsigned g)
{
    uint8_t r[6] = {0x03, (uint8_t)status, 2, 0, (uint8_t)(g & 0xff), (uint8_t)(g >> 8)};
    fake_hid_queue(dev, r, sizeof r);
}

static void test_no_scale(void **state)
{
    (void)state;
    char err[512];
    fake_hid_add("/dev/hidraw0", 0x046d, 0xc52b, 0x01, 0x02, L"A mouse");
    assert_null(open_with(&sensor_scale_backend, "", err, sizeof err));
    assert_non_null(strstr(err, "no HID scale found"));
    assert_int_equal(fake_hid_open_handles(), 0);
    assert_null(open_with(&sensor_scale_backend, "x", err, sizeof err));
    assert_non_null(strstr(err, "takes no argument"));
}

static void test_permission_denied(void **state)
{
    (void)state;
    char err[512];
    int dev = fake_hid_add("/dev/hidraw3", 0x0922, 0x8004, 0x8d, 0x20, L"M25");
    fake_hid_set_denied(dev, true);
    assert_null(open_with(&sensor_scale_backend, "", err, sizeof err));
    assert_non_null(strstr(err, "permission denied"));
    assert_non_null(strstr(err, "/dev/hidraw3"));
    assert_non_null(strstr(err, "/usr/lib/udev/rules.d/70-bridgehold.rules"));
}

static void test_read_unplug_replug(void **state)
{
    (void)state;
    char err[512];
    int dev = fake_hid_add("/dev/hidraw1", 0x0922, 0x8004, 0x8d, 0x20, L"M25 10 kg Scale");
    Sensor *s = open_with(&sensor_scale_backend, "", err, sizeof err);
    assert_non_null(s);
    assert_string_equal(s->info.name, "DYMO M25 scale");
    assert_true(s->info.live);
    const SensorBackend *b = s->backend;
    Sample out[8];
    assert_int_equal(b->poll(s, 1.0, out, 8), 0);
    grams(dev, 4, 9999); /* stale: discarded */
    grams(dev, 3, 10000);
    grams(dev, 4, 20000);
    assert_int_equal(b->poll(s, 1.1, out, 8), 2);
    NEAR(out[0].force_n, 98.0665);
    NEAR(out[0].t_s, 1.1);
    NEAR(out[1].force_n, 196.133);
    assert_int_equal(fake_hid_pending(dev), 0);

    /* Unplugged mid-hold. */
    int enums = fake_hid_enumerations();
    fake_hid_set_plugged(dev, false);
    assert_int_equal(b->poll(s, 2.0, out, 8), SENSOR_DISCONNECTED);
    assert_int_equal(fake_hid_open_handles(), 0);
    assert_int_equal(b->poll(s, 2.5, out, 8), SENSOR_DISCONNECTED);
    assert_int_equal(fake_hid_enumerations(), enums); /* not searched again within a second */
    assert_int_equal(b->poll(s, 3.05, out, 8), SENSOR_DISCONNECTED);
    assert_int_equal(fake_hid_enumerations(), enums + 1);
    char why[128];
    assert_false(b->tare(s, why, sizeof why));
    assert_non_null(strstr(why, "disconnected"));

    /* Plugged in again: found at the next search, its first report dropped again. */
    fake_hid_set_plugged(dev, true);
    assert_int_equal(b->poll(s, 3.5, out, 8), SENSOR_DISCONNECTED);
    assert_int_equal(b->poll(s, 4.1, out, 8), 0);
    assert_int_equal(fake_hid_open_handles(), 1);
    grams(dev, 4, 1);
    grams(dev, 4, 15000);
    assert_int_equal(b->poll(s, 4.2, out, 8), 1);
    NEAR(out[0].force_n, 147.09975);
    NEAR(out[0].t_s, 4.2);

    /* And it keeps reading. */
    grams(dev, 4, 15000);
    assert_int_equal(b->poll(s, 4.3, out, 8), 1);
    close_with(s);
    assert_int_equal(fake_hid_open_handles(), 0);
}

static void test_disconnect_after_data(void **state)
{
    (void)state;
    char err[512];
    int dev = fake_hid_add("/dev/hidraw1", 0x0922, 0x8003, 0x8d, 0x20, NULL);
    Sensor *s = open_with(&sensor_hid_backend, "0922:8003", err, sizeof err);
    assert_non_null(s);
    assert_string_equal(s->info.name, "DYMO M10 scale");
    Sample out[8];
    grams(dev, 4, 1);
    assert_int_equal(s->backend->poll(s, 0.0, out, 8), 0);
    close_with(s);
    assert_int_equal(fake_hid_open_handles(), 0);
}

static void test_drain_and_status(void **state)
{
    (void)state;
    char err[512];
    int dev = fake_hid_add("/dev/hidraw2", 0x1446, 0x6a73, 0x8d, 0x20, L"USB Scale");
    Sensor *s = open_with(&sensor_scale_backend, "", err, sizeof err);
    Sample out[10];
    grams(dev, 4, 0); /* stale */
    for (unsigned i = 0; i < 50; i++)
        grams(dev, 3, 1000 + i);
    /* More waiting than fits: the newest max are lost, never left to go stale in the kernel. */
    assert_int_equal(s->backend->poll(s, 1.0, out, 10), 10);
    assert_int_equal(fake_hid_pending(dev), 0);
    grams(dev, 6, 0); /* over limit */
    assert_int_equal(s->backend->poll(s, 1.2, out, 10), 0);
    assert_non_null(hwsensor_notice(s));
    grams(dev, 8, 0); /* needs re-zeroing */
    assert_int_equal(s->backend->poll(s, 1.4, out, 10), 0);
    assert_non_null(strstr(hwsensor_notice(s), "re-zero"));
    grams(dev, 5, 200);
    assert_int_equal(s->backend->poll(s, 1.6, out, 10), 1);
    NEAR(out[0].force_n, -1.96133);
    assert_null(hwsensor_notice(s));

    /* Tare: output report 2 with the "zero scale" bit. */
    assert_true(s->backend->tare(s, err, sizeof err));
    uint8_t w[8];
    assert_int_equal(fake_hid_last_write(dev, w, sizeof w), 2);
    assert_int_equal(w[0], 0x02);
    assert_int_equal(w[1], 0x02);
    close_with(s);
}

static void test_hid_profile_device(void **state)
{
    (void)state;
    char err[512];
    /* The same path twice, as hidapi 0.13 lists one per top-level collection. */
    fake_hid_add("/dev/hidraw5", 0xcafe, 0x4004, 0x01, 0x06, L"kbd part");
    int dev = fake_hid_add("/dev/hidraw6", 0xcafe, 0x4004, 0xff00, 0x01, L"TinyUSB Device");
    assert_null(open_with(&sensor_hid_backend, "cafe:4004", err, sizeof err));
    assert_non_null(strstr(err, "no HID scale cafe:4004"));
    assert_null(open_with(&sensor_hid_backend, "cafe", err, sizeof err));
    assert_non_null(strstr(err, "expected hid:VID:PID"));
    assert_null(open_with(&sensor_hid_backend, "cafe:4004:hx711-vendor", err, sizeof err));
    assert_non_null(strstr(err, "give the path"));

    hwsensor_set_profile_dir(BH_SOURCE_DIR "/assets/devices");
    Sensor *s = open_with(&sensor_hid_backend, "cafe:4004:hx711-vendor", err, sizeof err);
    if (!s)
        fprintf(stderr, "%s\n", err);
    assert_non_null(s);
    assert_string_equal(s->info.name, "DIY HX711 load cell (TinyUSB vendor page)");
    uint8_t r[64] = {0x10, 0x27, 0, 0}; /* 10000 g */
    fake_hid_queue(dev, r, sizeof r);
    Sample out[4];
    assert_int_equal(s->backend->poll(s, 0.5, out, 4), 1); /* profiles have no stale report */
    NEAR(out[0].force_n, 98.0665);
    assert_false(s->backend->tare(s, err, sizeof err));
    assert_non_null(strstr(err, "zeroed in software"));
    close_with(s);

    /* Without :PROFILE, a matching profile in the folder is found. */
    s = open_with(&sensor_hid_backend, "cafe:4004", err, sizeof err);
    assert_non_null(s);
    close_with(s);
    /* A profile for another device is refused. */
    assert_null(open_with(&sensor_hid_backend, "cafe:4005:hx711-vendor", err, sizeof err));
    assert_non_null(strstr(err, "is for cafe:4004"));
}

static void test_list_devices(void **state)
{
    (void)state;
    HwDeviceList l;
    hwsensor_list(&l);
    assert_int_equal(l.count, 0); /* nothing plugged in (and no balance board on a test box) */
    hwsensor_list_free(&l);

    hwsensor_set_profile_dir(BH_SOURCE_DIR "/assets/devices");
    fake_hid_add("/dev/hidraw0", 0x046d, 0xc52b, 0x01, 0x02, L"A mouse");
    fake_hid_add("/dev/hidraw1", 0x0922, 0x8009, 0x8d, 0x20, L"S180");
    fake_hid_add("/dev/hidraw1", 0x0922, 0x8009, 0x8d, 0x20, L"S180"); /* listed twice */
    int denied = fake_hid_add("/dev/hidraw2", 0x2474, 0x0550, 0x8d, 0x20, NULL);
    fake_hid_set_denied(denied, true);
    fake_hid_add("/dev/hidraw3", 0xcafe, 0x4004, 0xff00, 0x01, L"TinyUSB Device");
    hwsensor_list(&l);
    assert_int_equal(l.profiles, 1);
    assert_string_equal(l.profile_errors, "");
    size_t hid = 0;
    for (size_t i = 0; i < l.count; i++) {
        const HwDevice *d = &l.items[i];
        if (strcmp(d->kind, "balance-board") == 0)
            continue;
        hid++;
        if (strcmp(d->path, "/dev/hidraw1") == 0) {
            assert_string_equal(d->kind, "scale");
            assert_string_equal(d->name, "DYMO S180 scale");
            assert_string_equal(d->input, "hid:0922:8009");
            assert_true(d->can_open);
        } else if (strcmp(d->path, "/dev/hidraw2") == 0) {
            assert_false(d->can_open);
            assert_non_null(strstr(d->problem, "sudo cp assets/udev/70-bridgehold.rules"));
        } else {
            assert_string_equal(d->path, "/dev/hidraw3");
            assert_string_equal(d->kind, "hid");
            assert_string_equal(d->input, "hid:cafe:4004:hx711-vendor");
            assert_non_null(strstr(d->profile, "hx711-vendor.ini"));
        }
    }
    assert_int_equal(hid, 3);
    assert_int_equal(fake_hid_open_handles(), 0);
    hwsensor_list_free(&l);
}

static void test_sdl_ignore_list(void **state)
{
    (void)state;
    char buf[512];
    hwsensor_sdl_ignore_list(buf, sizeof buf);
    assert_non_null(strstr(buf, "0x0922/0x8004"));
    assert_null(strstr(buf, "0xcafe"));
    hwsensor_set_profile_dir(BH_SOURCE_DIR "/assets/devices");
    hwsensor_sdl_ignore_list(buf, sizeof buf);
    assert_non_null(strstr(buf, "0x0922/0x8003,0x0922/0x8004"));
    assert_non_null(strstr(buf, ",0xcafe/0x4004"));
    char tiny[16];
    hwsensor_sdl_ignore_list(tiny, sizeof tiny);
    assert_string_equal(tiny, "0x0922/0x8003");
}

static void test_record_raw_live(void **state)
{
    (void)state;
    char err[512];
    int dev = fake_hid_add("/dev/hidraw1", 0x0922, 0x8004, 0x8d, 0x20, L"M25");
    Sensor *s = open_with(&sensor_scale_backend, "", err, sizeof err);
    char *mem = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&mem, &len);
    assert_true(hwsensor_record_raw(s, f, err, sizeof err));
    Sample out[4];
    grams(dev, 4, 1);
    grams(dev, 4, 2);
    assert_int_equal(s->backend->poll(s, 7.0, out, 4), 1);
    grams(dev, 4, 3);
    assert_int_equal(s->backend->poll(s, 7.25, out, 4), 1);
    fclose(f);
    /* Every report, the stale one too, so a replay decodes exactly as live did. */
    assert_non_null(strstr(mem, "N: DYMO M25 scale\nI: 3 0922 8004\nR: 0\n"));
    assert_non_null(strstr(mem, "E: 0.000000 6 03 04 02 00 01 00\n"
                                "E: 0.000000 6 03 04 02 00 02 00\n"
                                "E: 0.250000 6 03 04 02 00 03 00\n"));
    free(mem);
    close_with(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_no_scale, setup),
        cmocka_unit_test_setup(test_permission_denied, setup),
        cmocka_unit_test_setup(test_read_unplug_replug, setup),
        cmocka_unit_test_setup(test_disconnect_after_data, setup),
        cmocka_unit_test_setup(test_drain_and_status, setup),
        cmocka_unit_test_setup(test_hid_profile_device, setup),
        cmocka_unit_test_setup(test_list_devices, setup),
        cmocka_unit_test_setup(test_sdl_ignore_list, setup),
        cmocka_unit_test_setup(test_record_raw_live, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
