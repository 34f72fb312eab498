/* Unit tests for the pad and padaxis backends on SDL 2.26 virtual joysticks (no hardware):
 * the right trigger as a labelled force proxy, one sample per poll with rising stamps, unplug
 * → SENSOR_DISCONNECTED and replug → samples again after the ~1 s re-look, a joystick-class
 * load cell on axis 0 with its scale, bad specs, and the device listing.
 *
 * The test plays the app: SDL_Init(GAMECONTROLLER | SENSOR), then an event loop (app_frame)
 * between setting a virtual axis and polling, since SDL applies virtual axis values when its
 * joystick state is updated, as it is from the app's SDL_PollEvent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <SDL.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sensor/sensor.h"
#include "sensor_pad/sensor_pad.h"

#define assert_near(a, b, eps)                                                                   \
    do {                                                                                         \
        double a_ = (a), b_ = (b);                                                               \
        if (!(fabs(a_ - b_) <= (eps)))                                                           \
            fail_msg("%s = %.12g, expected %.12g +- %g", #a, a_, b_, (double)(eps));             \
    } while (0)

/* The app's event loop: SDL_PollEvent updates joystick state and hands over every event. */
static void app_frame(void)
{
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
    }
}

/* Attaches a virtual joystick; a game controller (6 axes, 15 buttons) or a one-axis joystick
 * that SDL must not treat as one. Returns its device index. */
static int attach_virtual(bool controller, const char *name)
{
    SDL_VirtualJoystickDesc desc;
    memset(&desc, 0, sizeof desc);
    desc.version = SDL_VIRTUAL_JOYSTICK_DESC_VERSION;
    desc.type = controller ? SDL_JOYSTICK_TYPE_GAMECONTROLLER : SDL_JOYSTICK_TYPE_UNKNOWN;
    desc.naxes = controller ? 6 : 1;
    desc.nbuttons = controller ? 15 : 0;
    desc.name = name;
    int dev = SDL_JoystickAttachVirtualEx(&desc);
    if (dev < 0)
        fail_msg("cannot attach a virtual joystick: %s", SDL_GetError());
    assert_int_equal(SDL_IsGameController(dev) == SDL_TRUE, controller);
    app_frame();
    return dev;
}

/* The N that pad:N (controller) or padaxis:N (not) needs for device index dev. */
static int spec_index(int dev, bool controller)
{
    int n = 0;
    for (int i = 0; i < dev; i++)
        if ((SDL_IsGameController(i) == SDL_TRUE) == controller)
            n++;
    return n;
}

/* Detaches the virtual joystick called name, wherever it sits now. */
static void detach_virtual(const char *name)
{
    for (int i = 0; i < SDL_NumJoysticks(); i++) {
        const char *n = SDL_JoystickNameForIndex(i);
        if (SDL_JoystickIsVirtual(i) && n && strcmp(n, name) == 0) {
            assert_int_equal(SDL_JoystickDetachVirtual(i), 0);
            app_frame();
            return;
        }
    }
    fail_msg("no virtual joystick '%s' to detach", name);
}

static void set_axis(SDL_Joystick *js, int axis, Sint16 value)
{
    assert_int_equal(SDL_JoystickSetVirtualAxis(js, axis, value), 0);
    app_frame();
}

/* Polls frame by frame until a sample comes: none on the poll that opens the device (SDL has
 * its real state only after the next event pump) nor twice in one millisecond. */
static Sample poll_one(Sensor *s, double now_s)
{
    Sample out[4];
    for (int tries = 0; tries < 50; tries++) {
        int n = sensor_poll(s, now_s, out, 4);
        if (n < 0)
            fail_msg("poll failed with %d", n);
        assert_true(n <= 1); /* one sample per poll */
        if (n == 1)
            return out[0];
        SDL_Delay(2);
        app_frame();
    }
    fail_msg("no sample in 100 ms");
    return out[0];
}

static int setup(void **state)
{
    (void)state;
    if (SDL_Init(SDL_INIT_GAMECONTROLLER | SDL_INIT_SENSOR) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return -1;
    }
    sensor_pad_register();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    SDL_Quit();
    return 0;
}

static void test_trigger_is_a_labelled_force_proxy(void **state)
{
    (void)state;
    int dev = attach_virtual(true, "Test pad A");
    SDL_Joystick *js = SDL_JoystickOpen(dev);
    assert_non_null(js);
    char spec[32], err[256] = "";
    snprintf(spec, sizeof spec, "pad:%d", spec_index(dev, true));
    Sensor *s = sensor_open(spec, NULL, err, sizeof err);
    if (!s)
        fail_msg("%s: %s", spec, err);
    const SensorInfo *info = sensor_info(s);
    assert_true(info->force_is_proxy);
    assert_true(info->live);
    assert_string_equal(info->kind, "pad");
    assert_non_null(strstr(info->name, "Test pad A"));
    assert_non_null(strstr(info->name, "trigger (proxy)"));
    assert_int_equal(info->caps, SAMPLE_FORCE); /* virtual pads have no accelerometer */

    /* Virtual triggers take the full Sint16 range, rest at the minimum (SDL_joystick.h). */
    set_axis(js, SDL_CONTROLLER_AXIS_TRIGGERRIGHT, SDL_JOYSTICK_AXIS_MIN);
    Sample a = poll_one(s, 1.0);
    assert_int_equal(a.has, SAMPLE_FORCE);
    assert_near(a.force_n, 0.0, 1e-9);

    set_axis(js, SDL_CONTROLLER_AXIS_TRIGGERRIGHT, SDL_JOYSTICK_AXIS_MAX);
    Sample b = poll_one(s, 1.1);
    assert_near(b.force_n, SENSOR_PAD_TRIGGER_FULL_SCALE_N, 1e-9);

    set_axis(js, SDL_CONTROLLER_AXIS_TRIGGERRIGHT, 0); /* half pulled */
    Sample c = poll_one(s, 1.2);
    assert_near(c.force_n, SENSOR_PAD_TRIGGER_FULL_SCALE_N / 2, 1.0);

    /* The left trigger and sticks are not the force. */
    set_axis(js, SDL_CONTROLLER_AXIS_TRIGGERLEFT, SDL_JOYSTICK_AXIS_MAX);
    set_axis(js, SDL_CONTROLLER_AXIS_LEFTX, 20000);
    Sample d = poll_one(s, 1.3);
    assert_near(d.force_n, c.force_n, 1e-9);

    /* Stamps: SDL ticks in seconds, strictly rising. */
    assert_true(a.t_s < b.t_s && b.t_s < c.t_s && c.t_s < d.t_s);
    assert_near(d.t_s, (double)SDL_GetTicks64() / 1000.0, 1.0);

    sensor_close(s);
    SDL_JoystickClose(js);
    detach_virtual("Test pad A");
}

/* A frame-rate caller gets one sample per poll; a second poll in the same millisecond none. */
static void test_one_sample_per_poll(void **state)
{
    (void)state;
    int dev = attach_virtual(true, "Test pad B");
    char spec[32], err[256] = "";
    snprintf(spec, sizeof spec, "pad:%d", spec_index(dev, true));
    Sensor *s = sensor_open(spec, NULL, err, sizeof err);
    assert_non_null(s);
    Sample out[8];
    double last = -1;
    int got = 0;
    for (int frame = 0; frame < 10; frame++) {
        app_frame();
        SDL_Delay(2);
        int n = sensor_poll(s, 2.0 + frame / 60.0, out, 8);
        assert_true(n == 0 || n == 1);
        if (n == 1) {
            assert_true(out[0].t_s > last);
            last = out[0].t_s;
            got++;
            /* Again at once: none unless the millisecond has turned meanwhile. */
            Uint64 sample_ms = (Uint64)llround(out[0].t_s * 1000.0);
            int again = sensor_poll(s, 2.0 + frame / 60.0, out, 8);
            if (SDL_GetTicks64() == sample_ms)
                assert_int_equal(again, 0);
            if (again == 1) {
                assert_true(out[0].t_s > last);
                last = out[0].t_s;
            }
        }
    }
    assert_true(got >= 8);
    /* Asked for nothing, gives nothing. */
    assert_int_equal(sensor_poll(s, 3.0, out, 0), 0);
    sensor_close(s);
    detach_virtual("Test pad B");
}

/* Unplug mid-hold: DISCONNECTED on every poll; replugged, it is found again at the next look,
 * about a second later on the caller's clock, and samples resume. */
static void test_unplug_and_replug(void **state)
{
    (void)state;
    int dev = attach_virtual(true, "Test pad C");
    char spec[32], err[256] = "";
    snprintf(spec, sizeof spec, "pad:%d", spec_index(dev, true));
    Sensor *s = sensor_open(spec, NULL, err, sizeof err);
    assert_non_null(s);
    Sample out[4];
    (void)poll_one(s, 10.0);

    detach_virtual("Test pad C");
    assert_int_equal(sensor_poll(s, 10.1, out, 4), SENSOR_DISCONNECTED);
    assert_int_equal(sensor_poll(s, 10.2, out, 4), SENSOR_DISCONNECTED);
    /* Still gone at the next look. */
    assert_int_equal(sensor_poll(s, 11.2, out, 4), SENSOR_DISCONNECTED);

    dev = attach_virtual(true, "Test pad C");
    SDL_Joystick *js = SDL_JoystickOpen(dev);
    assert_non_null(js);
    set_axis(js, SDL_CONTROLLER_AXIS_TRIGGERRIGHT, SDL_JOYSTICK_AXIS_MAX);
    /* Back, but the backend looks only once a second. */
    assert_int_equal(sensor_poll(s, 11.5, out, 4), SENSOR_DISCONNECTED);
    /* Found at the next look; that poll gives no sample, since SDL puts a newly opened pad's
     * triggers at rest until the app's next event pump brings the held trigger back. */
    assert_int_equal(sensor_poll(s, 12.3, out, 4), 0);
    app_frame();
    Sample b = poll_one(s, 12.4);
    assert_near(b.force_n, SENSOR_PAD_TRIGGER_FULL_SCALE_N, 1e-9);
    assert_true(sensor_info(s)->force_is_proxy);
    assert_non_null(strstr(sensor_info(s)->name, "Test pad C"));

    sensor_close(s);
    SDL_JoystickClose(js);
    detach_virtual("Test pad C");
}

/* A DIY load cell that enumerates as a plain joystick: axis 0, newtons per count above the axis
 * minimum, a real measurement (not a proxy). */
static void test_padaxis_load_cell(void **state)
{
    (void)state;
    int dev = attach_virtual(false, "Test load cell");
    SDL_Joystick *js = SDL_JoystickOpen(dev);
    assert_non_null(js);
    int n = spec_index(dev, false);
    char spec[48], err[256] = "";

    snprintf(spec, sizeof spec, "padaxis:%d:0.05", n);
    Sensor *s = sensor_open(spec, NULL, err, sizeof err);
    if (!s)
        fail_msg("%s: %s", spec, err);
    const SensorInfo *info = sensor_info(s);
    assert_false(info->force_is_proxy);
    assert_int_equal(info->caps, SAMPLE_FORCE);
    assert_string_equal(info->kind, "padaxis");
    assert_non_null(strstr(info->name, "Test load cell"));
    assert_near(info->resolution_n, 0.05, 1e-12);

    set_axis(js, 0, SDL_JOYSTICK_AXIS_MIN); /* no load: bottom of the range */
    assert_near(poll_one(s, 1.0).force_n, 0.0, 1e-9);
    set_axis(js, 0, -32768 + 6000); /* 6000 counts × 0.05 N */
    assert_near(poll_one(s, 1.1).force_n, 300.0, 1e-9);

    /* Unplugged and back, like a pad. */
    SDL_JoystickClose(js);
    detach_virtual("Test load cell");
    Sample out[4];
    assert_int_equal(sensor_poll(s, 2.0, out, 4), SENSOR_DISCONNECTED);
    dev = attach_virtual(false, "Test load cell");
    js = SDL_JoystickOpen(dev);
    set_axis(js, 0, 0);
    assert_near(poll_one(s, 3.1).force_n, 32768 * 0.05, 1e-9);
    sensor_close(s);

    /* The default scale: the whole axis is 1000 N. */
    snprintf(spec, sizeof spec, "padaxis:%d", spec_index(dev, false));
    s = sensor_open(spec, NULL, err, sizeof err);
    assert_non_null(s);
    set_axis(js, 0, SDL_JOYSTICK_AXIS_MAX);
    assert_near(poll_one(s, 1.0).force_n, 65535 * SENSOR_PAD_AXIS_DEFAULT_N_PER_COUNT, 1e-9);
    assert_near(poll_one(s, 1.0).force_n, 1000.0, 1e-9);
    sensor_close(s);

    SDL_JoystickClose(js);
    detach_virtual("Test load cell");
}

/* Specs that cannot be right fail with a message naming the problem; a number past the devices
 * there are says how many were found; a controller is never a padaxis. */
static void test_bad_specs(void **state)
{
    (void)state;
    char err[256];
    const char *bad[] = {"pad:abc", "pad:-1", "pad:1x", "padaxis:x", "padaxis:0:abc",
                         "padaxis:0:0", "padaxis:0:", "padaxis:0:nan"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = '\0';
        Sensor *s = sensor_open(bad[i], NULL, err, sizeof err);
        if (s)
            fail_msg("'%s' opened", bad[i]);
        assert_true(strlen(err) > 0);
    }
    err[0] = '\0';
    assert_null(sensor_open("padaxis:0:abc", NULL, err, sizeof err));
    assert_non_null(strstr(err, "scale"));

    int dev = attach_virtual(true, "Test pad E");
    char spec[32];
    int pads = spec_index(SDL_NumJoysticks(), true);
    snprintf(spec, sizeof spec, "pad:%d", pads); /* one past the last */
    assert_null(sensor_open(spec, NULL, err, sizeof err));
    assert_non_null(strstr(err, "no game controller number"));
    /* Plain joysticks: the controller does not count. */
    snprintf(spec, sizeof spec, "padaxis:%d", spec_index(SDL_NumJoysticks(), false));
    assert_null(sensor_open(spec, NULL, err, sizeof err));
    assert_non_null(strstr(err, "not a game controller"));
    (void)dev;
    detach_virtual("Test pad E");
}

/* `bridgehold devices`: pads first with their trigger proxy, then the plain joysticks. */
static void test_list(void **state)
{
    (void)state;
    int pad = attach_virtual(true, "Test pad F");
    int cell = attach_virtual(false, "Test load cell F");
    char want_pad[128], want_cell[128];
    snprintf(want_pad, sizeof want_pad,
             "pad:%d  Test pad F: force proxy (right trigger), no tilt",
             spec_index(pad, true));
    snprintf(want_cell, sizeof want_cell,
             "padaxis:%d  Test load cell F: force from axis 0 (load cell; calibrate it)",
             spec_index(cell, false));
    char lines[16][128];
    size_t n = sensor_pad_list(lines, 16);
    bool saw_pad = false, saw_cell = false;
    for (size_t i = 0; i < n; i++) {
        saw_pad = saw_pad || strcmp(lines[i], want_pad) == 0;
        saw_cell = saw_cell || strcmp(lines[i], want_cell) == 0;
    }
    assert_true(saw_pad);
    assert_true(saw_cell);

    PadDevice found[16];
    size_t total = sensor_pad_find(found, 16);
    assert_true(total >= 2 && total == n);
    bool proxy_ok = false;
    for (size_t i = 0; i < total; i++)
        if (strcmp(found[i].name, "Test pad F") == 0)
            proxy_ok = found[i].force_is_proxy && found[i].caps == SAMPLE_FORCE &&
                       found[i].axes == 6;
    assert_true(proxy_ok);
    /* Room for one: still counts them all, writes one. */
    assert_true(sensor_pad_find(found, 1) == total);
    assert_int_equal(sensor_pad_list(lines, 1), 1);

    detach_virtual("Test load cell F");
    detach_virtual("Test pad F");
}

/* Without SDL's game controller subsystem: a clear message, no crash; nothing listed. */
static void test_without_sdl(void **state)
{
    (void)state;
    sensor_pad_register();
    char err[256] = "";
    assert_null(sensor_open("pad", NULL, err, sizeof err));
    assert_non_null(strstr(err, "not started"));
    char lines[4][128];
    assert_int_equal(sensor_pad_list(lines, 4), 0);
}

/* SDL hints are set before SDL_Init and do not need it. */
static void test_hints(void **state)
{
    (void)state;
    sensor_pad_set_hints();
    const char *bg = SDL_GetHint(SDL_HINT_JOYSTICK_ALLOW_BACKGROUND_EVENTS);
    assert_non_null(bg);
    assert_string_equal(bg, "1");
    /* The scales bh_sensor knows are always on SDL's ignore list. */
    const char *ignore = SDL_GetHint(SDL_HINT_HIDAPI_IGNORE_DEVICES);
    assert_non_null(ignore);
    assert_non_null(strstr(ignore, "0x"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_without_sdl),
        cmocka_unit_test(test_hints),
        cmocka_unit_test_setup_teardown(test_trigger_is_a_labelled_force_proxy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_one_sample_per_poll, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unplug_and_replug, setup, teardown),
        cmocka_unit_test_setup_teardown(test_padaxis_load_cell, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_specs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list, setup, teardown),
    };
    return cmocka_run_group_tests_name("pad_backend", tests, NULL, NULL);
}
