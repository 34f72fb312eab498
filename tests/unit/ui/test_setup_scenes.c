/* Sensor set-up and strength test, driven headlessly through the game loop: a scripted sensor
 * backend (a live load cell) whose raw force is a function of time; the scenes read the Play's
 * latest_force after it applies its calibration. Checks the tare (offset = −mean, a jittery tare refused), the two-point line,
 * the per-device calibration file (round trip, broken file as file:line and ignored), and the MVC
 * test (best, CV, stored, pain-limited); the pure helpers are tested in test_setup_helpers.c.
 * PNGs of each step are left in the build tree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <SDL.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sensor/calfile.h"
#include "session/mvc_protocol.h"
#include "store/store.h"
#include "sensor/sensor_backend.h"
#include "ui/game.h"
#include "ui/setup_scenes.h"
#include "test_setup_scenes.h"
#include "ui_game_util.h"

#define W 1280
#define H 720
#define G0 9.80665
#define PI 3.14159265358979323846

/* ---- the scripted sensor ---- */

typedef enum Script { SCRIPT_STEADY, SCRIPT_MVC } Script;

/* What the device reports: steady `level` plus a sine of `jitter` amplitude, or three efforts of
 * the given peaks starting at mvc_t0 on the test's schedule. */
static struct {
    Script kind;
    double level, jitter;
    double mvc_t0, peaks[3];
    double device_zero; /* subtracted by a device that tares itself */
    int tare_calls;
} S;

typedef struct ScriptState {
    long long next_k; /* next sample at k / 100 s */
} ScriptState;

static double effort_force(double t)
{
    double base = 3.0;
    for (int i = 0; i < 3; i++) {
        double s = S.mvc_t0 + mvc_test_effort_start_s(i);
        double u = t - s;
        if (u < 0.3 || u > 5.0)
            continue;
        if (u < 0.8) /* a 0.5-s rise, a plateau at the peak, a 0.5-s release */
            return base + (S.peaks[i] - base) * (u - 0.3) / 0.5;
        if (u < 4.5)
            return S.peaks[i];
        return base + (S.peaks[i] - base) * (5.0 - u) / 0.5;
    }
    return base;
}

static double script_force(double t)
{
    if (S.kind == SCRIPT_MVC)
        return effort_force(t);
    return S.level + S.jitter * sin(2 * PI * 1.3 * t) - S.device_zero;
}

static bool script_open(Sensor *s, const char *arg, const SensorOptions *o, char *e, size_t n)
{
    (void)arg, (void)o, (void)e, (void)n;
    snprintf(s->info.name, sizeof s->info.name, "Test load cell #1");
    s->info.caps = SAMPLE_FORCE;
    s->info.rate_hz = 100;
    s->info.live = true; /* a person's load cell: its strength test and calibration are kept */
    s->state = calloc(1, sizeof(ScriptState));
    return s->state != NULL;
}

static int script_poll(Sensor *s, double now, Sample *out, int max)
{
    ScriptState *st = s->state;
    int n = 0;
    while (n < max && (double)st->next_k / 100.0 <= now + 1e-9) {
        double t = (double)st->next_k++ / 100.0;
        out[n++] = (Sample){.t_s = t, .force_n = script_force(t), .has = SAMPLE_FORCE};
    }
    return n;
}

static void script_close(Sensor *s) { free(s->state); }

/* A scale: zeroes itself on the tare command. */
static bool script_tare(Sensor *s, char *err, size_t errlen)
{
    (void)s, (void)err, (void)errlen;
    S.tare_calls++;
    S.device_zero = S.level;
    return true;
}

static bool proxy_open(Sensor *s, const char *arg, const SensorOptions *o, char *e, size_t n)
{
    script_open(s, arg, o, e, n);
    snprintf(s->info.name, sizeof s->info.name, "Test trigger (proxy)");
    s->info.force_is_proxy = true;
    return true;
}

static bool tilt_open(Sensor *s, const char *arg, const SensorOptions *o, char *e, size_t n)
{
    script_open(s, arg, o, e, n);
    snprintf(s->info.name, sizeof s->info.name, "Test tilt pad");
    s->info.caps = SAMPLE_PITCH | SAMPLE_ROLL;
    return true;
}

static const SensorBackend SCRIPT = {
    .kind = "script", .open = script_open, .poll = script_poll, .close = script_close};
static const SensorBackend SCALE = {.kind = "scriptscale", .open = script_open,
                                    .poll = script_poll, .close = script_close,
                                    .tare = script_tare};
static const SensorBackend PROXY = {
    .kind = "scriptproxy", .open = proxy_open, .poll = script_poll, .close = script_close};
static const SensorBackend TILT = {
    .kind = "scripttilt", .open = tilt_open, .poll = script_poll, .close = script_close};

/* ---- fixture ---- */

typedef struct Fixture {
    SDL_Surface *surface;
    SDL_Renderer *r;
    Game g;
    char dir[256];
    long long tick; /* the game clock is tick · GAME_TICK_S, so it never drifts */
} Fixture;

static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char p[512];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

/* A run of the game on the fixture's database: Alex (left side, 70 kg) at L02 on 10 March. */
static void new_run(Fixture *f)
{
    UiPlaySpec spec = {.level = "L02", .data_dir = f->dir, .today = "2025-03-10"};
    f->g.play = ui_play_new(&spec);
    if (!play_use_profile(f->g.play, "Alex"))
        assert_true(play_create_profile(f->g.play, "Alex", PLAY_SIDE_LEFT, 70,
                                        ladder_find(game_state(&f->g)->ladder, "L02")));
}

static int setup(void **state)
{
    static Fixture f;
    memset(&f, 0, sizeof f);
    memset(&S, 0, sizeof S);
    game_init(&f.g, NULL);
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    assert_int_equal(SDL_Init(SDL_INIT_VIDEO), 0);
    f.surface = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_RGBA32);
    f.r = SDL_CreateSoftwareRenderer(f.surface);
    assert_non_null(f.r);
    char err[256];
    f.g.gfx = gfx_new(f.r, BH_SOURCE_DIR "/assets", err, sizeof err);
    assert_non_null(f.g.gfx);
    sensor_register(&SCRIPT);
    sensor_register(&SCALE);
    sensor_register(&PROXY);
    sensor_register(&TILT);
    snprintf(f.dir, sizeof f.dir, "/tmp/bh-setup-XXXXXX");
    assert_non_null(mkdtemp(f.dir));
    new_run(&f);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    gfx_free(f->g.gfx);
    f->g.gfx = NULL;
    game_free(&f->g); /* scenes and the Play (sensor, database) */
    SDL_DestroyRenderer(f->r);
    SDL_FreeSurface(f->surface);
    SDL_Quit();
    remove_dir(f->dir);
    return 0;
}

static const PlayState *st_of(Fixture *f) { return game_state(&f->g); }

static Store *store_of(Fixture *f) { return play_store(f->g.play); }

static void open_sensor(Fixture *f, const char *spec) { ui_game_input(&f->g, spec); }

static void push_scene(Fixture *f, Scene *sc)
{
    game_push(&f->g, sc);
    game_apply_scene_changes(&f->g);
}

static void key(Fixture *f, UiAction a)
{
    UiInput in = {.action = a};
    game_input(&f->g, &in);
}

static void digit(Fixture *f, int d)
{
    UiInput in = {.action = ACT_DIGIT, .digit = d};
    game_input(&f->g, &in);
}

/* Runs the game loop for `seconds` of game time. */
static void run(Fixture *f, double seconds)
{
    long long n = (long long)llround(seconds / GAME_TICK_S);
    for (long long i = 0; i < n; i++) {
        f->tick++;
        f->g.now = (double)f->tick * GAME_TICK_S;
        game_tick(&f->g);
    }
}

static void snap(Fixture *f, const char *name)
{
    game_draw(&f->g);
    char err[256];
    assert_true(gfx_save_png(f->g.gfx, name, err, sizeof err));
}

static const char *top_name(Fixture *f)
{
    Scene *top = game_top(&f->g);
    return top ? top->name : "";
}

static void cal_path(Fixture *f, char *out, size_t cap)
{
    SensorInfo si;
    memset(&si, 0, sizeof si);
    snprintf(si.kind, sizeof si.kind, "%s", st_of(f)->input.kind);
    snprintf(si.name, sizeof si.name, "%s", st_of(f)->input.name);
    si.caps = SAMPLE_FORCE;
    assert_true(calstore_path(store_path(store_of(f)), &si, out, cap));
}

/* ---- calibration scene ---- */

static void test_tare_zeroes_the_reading(void **state)
{
    Fixture *f = *state;
    S.level = 37.5;
    S.jitter = 0.3; /* a still sensor's noise */
    open_sensor(f, "script");
    push_scene(f, scene_calibrate_new());
    run(f, 0.5);
    assert_true(fabs(st_of(f)->latest_force - 37.5) < 0.5);
    snap(f, "calibrate-tare.png");
    key(f, ACT_OK);
    run(f, 1.0);
    snap(f, "calibrate-taring.png");
    run(f, 1.2);
    /* newtons = 1·raw + offset, offset = −mean of the no-load window */
    assert_true(fabs(st_of(f)->cal.offset_n + 37.5) < 0.1);
    assert_true(st_of(f)->cal.scale_n_per_count == 1.0);
    run(f, 0.2);
    assert_true(fabs(st_of(f)->latest_force) < 0.45);
    assert_non_null(strstr(scene_calibrate_note(game_top(&f->g)), "Saved"));
    snap(f, "calibrate-weight.png");
    /* the tare is saved for this device */
    char path[1024];
    cal_path(f, path, sizeof path);
    Calibration c;
    bool found = false;
    Diag d;
    diag_init(&d);
    assert_true(calstore_load(path, &c, &found, &d));
    diag_free(&d);
    assert_true(found);
    assert_true(c.offset_n == st_of(f)->cal.offset_n);
}

static void test_jittery_tare_is_refused(void **state)
{
    Fixture *f = *state;
    S.level = 37.5;
    S.jitter = 15; /* a heel resting on it: SD ≈ 10 N */
    open_sensor(f, "script");
    push_scene(f, scene_calibrate_new());
    key(f, ACT_OK);
    run(f, 2.5);
    assert_true(st_of(f)->cal.scale_n_per_count == 1.0 && st_of(f)->cal.offset_n == 0.0);
    const char *note = scene_calibrate_note(game_top(&f->g));
    assert_non_null(strstr(note, "keep still and try again"));
    snap(f, "calibrate-refused.png");
    /* still: Enter again, and it works */
    S.jitter = 0;
    run(f, 0.1); /* the heel is off: the readings are steady before Enter */
    key(f, ACT_OK);
    run(f, 2.5);
    /* to a hundredth of a newton: a live load cell's readings pass the tremor filter */
    if (!(fabs(st_of(f)->cal.offset_n + 37.5) < 0.01))
        fail_msg("offset %.9f N, expected -37.5", st_of(f)->cal.offset_n);
}

static void test_two_point_calibration(void **state)
{
    Fixture *f = *state;
    const double scale = 0.05, zero_raw = 1000; /* 0.05 N per count, 1000 counts unloaded */
    S.level = zero_raw;
    open_sensor(f, "script");
    push_scene(f, scene_calibrate_new());
    key(f, ACT_OK);
    run(f, 2.5);
    assert_true(fabs(st_of(f)->cal.offset_n + zero_raw) < 0.01);
    for (int i = 0; i < 20; i++) /* 10 kg → 20 kg */
        key(f, ACT_RIGHT);
    S.level = zero_raw + 20 * G0 / scale;
    run(f, 0.3);
    key(f, ACT_OK);
    run(f, 2.5);
    if (!(fabs(st_of(f)->cal.scale_n_per_count - scale) < scale * 1e-3)) /* 0.1 % */
        fail_msg("scale %.9f N/count, expected %.9f", st_of(f)->cal.scale_n_per_count, scale);
    assert_true(fabs(st_of(f)->cal.offset_n + scale * zero_raw) < 0.05);
    run(f, 0.1);
    if (!(fabs(st_of(f)->latest_force - 20 * G0) < 0.2))
        fail_msg("reads %.4f N with 20 kg on, expected %.4f", st_of(f)->latest_force, 20 * G0);
    snap(f, "calibrate-confirm.png");
    key(f, ACT_OK); /* Keep it: saved */
    assert_non_null(strstr(scene_calibrate_note(game_top(&f->g)), "Saved"));
    char path[1024];
    cal_path(f, path, sizeof path);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    snap(f, "calibrate-menu.png");
    /* the menu offers the strength test, then Done returns */
    key(f, ACT_OK);
    assert_string_equal(top_name(f), "mvc");
    key(f, ACT_BACK);
    assert_string_equal(top_name(f), "calibrate");
    key(f, ACT_BACK);
    assert_int_equal(f->g.n_scenes, 0);
    /* a later run with this sensor starts from the saved line */
    game_free(&f->g);
    Gfx *gfx = f->g.gfx;
    game_init(&f->g, NULL);
    f->g.gfx = gfx;
    new_run(f);
    open_sensor(f, "script");
    assert_true(st_of(f)->cal.scale_n_per_count == 1.0);
    push_scene(f, scene_calibrate_new());
    assert_true(fabs(st_of(f)->cal.scale_n_per_count - scale) < scale * 1e-3);
    assert_non_null(strstr(scene_calibrate_note(game_top(&f->g)), "saved"));
}

static void test_weight_not_seen_is_refused(void **state)
{
    Fixture *f = *state;
    S.level = 500;
    open_sensor(f, "script");
    push_scene(f, scene_calibrate_new());
    key(f, ACT_OK);
    run(f, 2.5);
    key(f, ACT_OK); /* nothing put on it */
    run(f, 2.5);
    assert_true(st_of(f)->cal.scale_n_per_count == 1.0);
    assert_non_null(strstr(scene_calibrate_note(game_top(&f->g)), "hardly changed"));
}

static void test_scale_tares_itself(void **state)
{
    Fixture *f = *state;
    S.level = 25;
    open_sensor(f, "scriptscale");
    push_scene(f, scene_calibrate_new());
    key(f, ACT_OK);
    run(f, 2.5);
    assert_int_equal(S.tare_calls, 1);
    assert_true(st_of(f)->cal.offset_n == 0.0); /* the device's own zero: raw 0 is 0 N */
    run(f, 0.1);
    if (!(fabs(st_of(f)->latest_force) < 0.05))
        fail_msg("reads %.9f N after the device zeroed itself", st_of(f)->latest_force);
}

static void test_proxy_and_tilt_explain(void **state)
{
    Fixture *f = *state;
    open_sensor(f, "scriptproxy");
    push_scene(f, scene_calibrate_new());
    run(f, 0.2);
    snap(f, "calibrate-proxy.png");
    key(f, ACT_OK); /* the only item: Done */
    assert_int_equal(f->g.n_scenes, 0);
    push_scene(f, scene_mvc_new());
    snap(f, "mvc-needs-force.png");
    key(f, ACT_OK); /* the only item: Back; no test */
    assert_int_equal(f->g.n_scenes, 0);
    open_sensor(f, "scripttilt"); /* another input: the trigger is closed */
    push_scene(f, scene_calibrate_new());
    snap(f, "calibrate-tilt.png");
    key(f, ACT_BACK);
    assert_int_equal(f->g.n_scenes, 0);
    assert_true(st_of(f)->cal.scale_n_per_count == 1.0 && st_of(f)->cal.offset_n == 0.0);
}

/* ---- a broken calibration file in the game ---- */

/* The sensor's broken file is reported on screen as file:line and ignored; a tare replaces it. */
static void test_broken_file_ignored_by_scene(void **state)
{
    Fixture *f = *state;
    open_sensor(f, "script");
    char cpath[1024];
    cal_path(f, cpath, sizeof cpath);
    setup_write_file(cpath, "[calibration]\nversion = 1\nscale_n_per_count = oops\noffset_n = 1\n");
    push_scene(f, scene_calibrate_new());
    assert_true(st_of(f)->cal.scale_n_per_count == 1.0 && st_of(f)->cal.offset_n == 0.0);
    const char *note = scene_calibrate_note(game_top(&f->g));
    char want[1100];
    snprintf(want, sizeof want, "%s:3: ", cpath);
    assert_non_null(strstr(note, want));
    snap(f, "calibrate-broken-file.png");
    /* and a fresh tare replaces it */
    S.level = 10;
    key(f, ACT_OK);
    run(f, 2.5);
    Calibration c;
    bool found;
    Diag d;
    diag_init(&d);
    assert_true(calstore_load(cpath, &c, &found, &d));
    diag_free(&d);
    assert_true(fabs(c.offset_n + 10) < 0.01);
}

/* ---- MVC test scene ---- */

/* Runs a whole test with scripted peaks and answers the pain question. */
static void run_mvc(Fixture *f, const double peaks[3], int pain, const char *png_prefix)
{
    S.kind = SCRIPT_MVC;
    memcpy(S.peaks, peaks, sizeof S.peaks);
    push_scene(f, scene_mvc_new());
    run(f, 0.5);
    if (png_prefix)
        snap(f, "mvc-intro.png");
    S.mvc_t0 = f->g.now;
    key(f, ACT_OK); /* Start the test */
    double t0 = f->g.now;
    run(f, 1.5);
    if (png_prefix)
        snap(f, "mvc-countdown.png");
    run(f, mvc_test_effort_start_s(1) + 2.5 - (f->g.now - t0));
    if (png_prefix)
        snap(f, "mvc-effort.png");
    run(f, mvc_test_effort_start_s(1) + 30 - (f->g.now - t0));
    if (png_prefix)
        snap(f, "mvc-rest.png");
    run(f, mvc_test_total_s() + 0.5 - (f->g.now - t0));
    if (png_prefix)
        snap(f, "mvc-pain.png");
    digit(f, pain);
    key(f, ACT_OK);
}

static void test_mvc_three_efforts(void **state)
{
    Fixture *f = *state;
    open_sensor(f, "script");
    const double peaks[3] = {300, 330, 315};
    run_mvc(f, peaks, 2, "mvc");
    snap(f, "mvc-result.png");
    /* the best effort, read through the tremor filter (within 1 %) */
    if (!(fabs(st_of(f)->profile.mvc_n - 330) < 3.3))
        fail_msg("MVC %.6f N, expected 330", st_of(f)->profile.mvc_n);
    assert_int_equal(st_of(f)->profile.mvc_from, PLAY_MVC_TESTED);
    assert_false(st_of(f)->profile.mvc_inconsistent);
    StoreMvc m;
    bool found = false;
    assert_true(store_mvc_latest(store_of(f), play_profile_id(f->g.play), NULL, &m, &found));
    assert_true(found);
    assert_true(fabs(m.best_n - st_of(f)->profile.mvc_n) < 1e-9);
    /* peaks 300, 330, 315: mean 315, sample SD 15 → CV 4.76 % */
    if (!(fabs(m.cv_pct - 100.0 * 15.0 / 315.0) < 0.2))
        fail_msg("CV %.4f %%, expected %.4f %%", m.cv_pct, 100.0 * 15.0 / 315.0);
    assert_false(m.pain_limited);
    assert_string_equal(m.level, "L02");
    assert_string_equal(m.date, "2025-03-10");
    assert_non_null(strstr(scene_mvc_note(game_top(&f->g)), "Saved"));
    key(f, ACT_OK); /* Done */
    assert_int_equal(f->g.n_scenes, 0);
}

static void test_mvc_pain_limited_and_weak_effort(void **state)
{
    Fixture *f = *state;
    open_sensor(f, "script");
    /* the second effort, below half the best, would vanish from a whole-trace analysis */
    const double peaks[3] = {300, 100, 310};
    run_mvc(f, peaks, 5, NULL);
    snap(f, "mvc-result-pain-limited.png");
    StoreMvc m;
    bool found = false;
    assert_true(store_mvc_latest(store_of(f), play_profile_id(f->g.play), "L02", &m, &found));
    assert_true(found);
    assert_true(m.pain_limited);
    if (!(fabs(m.best_n - 310) < 3.1))
        fail_msg("best %.6f N, expected 310; cv %.4f", m.best_n, m.cv_pct);
    double mean = (300 + 100 + 310) / 3.0;
    double sd = sqrt((pow(300 - mean, 2) + pow(100 - mean, 2) + pow(310 - mean, 2)) / 2);
    if (!(fabs(m.cv_pct - 100 * sd / mean) < 0.5))
        fail_msg("CV %.4f %%, expected %.4f %%", m.cv_pct, 100 * sd / mean);
    assert_true(st_of(f)->profile.mvc_inconsistent); /* CV far above 10 %: retest offered */
    assert_true(st_of(f)->mvc_retest_due);
    assert_true(fabs(st_of(f)->profile.mvc_n - m.best_n) < 1e-9);
}

static void test_mvc_stopped_saves_nothing(void **state)
{
    Fixture *f = *state;
    open_sensor(f, "script");
    S.kind = SCRIPT_MVC;
    S.peaks[0] = S.peaks[1] = S.peaks[2] = 300;
    push_scene(f, scene_mvc_new());
    S.mvc_t0 = f->g.now;
    key(f, ACT_OK);
    run(f, 20);
    key(f, ACT_BACK);
    assert_non_null(strstr(scene_mvc_note(game_top(&f->g)), "Nothing was saved"));
    StoreMvc m;
    bool found = true;
    assert_true(store_mvc_latest(store_of(f), play_profile_id(f->g.play), NULL, &m, &found));
    assert_false(found);
    assert_true(st_of(f)->profile.mvc_n == 0);
}

/* The simulator follows the test's cues: a plausible maximum, consistent efforts — used for the
 * practice run only, never stored as the patient's strength. */
static void test_mvc_with_simulator(void **state)
{
    Fixture *f = *state;
    SensorOptions o = {.seed = 7};
    char err[256];
    assert_true(play_open_input(f->g.play, "sim", &o, err, sizeof err));
    push_scene(f, scene_mvc_new());
    run(f, 1.0);
    key(f, ACT_OK);
    run(f, mvc_test_total_s() + 0.5);
    digit(f, 1);
    key(f, ACT_OK);
    snap(f, "mvc-result-sim.png");
    const PlayProfile *pr = &st_of(f)->profile;
    assert_true(pr->mvc_n > 300 && pr->mvc_n < 550);
    assert_false(pr->mvc_inconsistent);
    assert_int_equal(pr->mvc_from, PLAY_MVC_NOMINAL); /* practice's, said so */
    StoreMvc m;
    bool found = true;
    assert_true(store_mvc_latest(store_of(f), play_profile_id(f->g.play), NULL, &m, &found));
    assert_false(found);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_tare_zeroes_the_reading, setup, teardown),
        cmocka_unit_test_setup_teardown(test_jittery_tare_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_point_calibration, setup, teardown),
        cmocka_unit_test_setup_teardown(test_weight_not_seen_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scale_tares_itself, setup, teardown),
        cmocka_unit_test_setup_teardown(test_proxy_and_tilt_explain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_broken_file_ignored_by_scene, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mvc_three_efforts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mvc_pain_limited_and_weak_effort, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mvc_stopped_saves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mvc_with_simulator, setup, teardown),
        cmocka_unit_test(test_calstore_round_trip_and_names),
        cmocka_unit_test(test_broken_calibration_files),
        cmocka_unit_test(test_schedule),
        cmocka_unit_test(test_windows_and_words),
        cmocka_unit_test(test_retest_due),
        cmocka_unit_test(test_mvc_consistency_uses_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
