/* Screenshot tests of the hold screen and the other scenes: render with the software renderer,
 * read pixels back, assert what a patient would notice (the band at the target's height, the
 * gauge following the force, the countdown, the deck sagging below the band). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <SDL.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "ui/game.h"
#include "ui/hold_view.h"
#include "ui/palette.h"

#define W 1280
#define H 720

typedef struct Fixture {
    SDL_Surface *surface;
    SDL_Renderer *r;
    Game g;
    Sensor *sensor;
} Fixture;

/* A sensor that measures force but delivers nothing: the tests push samples themselves. */
static bool quiet_open(Sensor *s, const char *arg, const SensorOptions *o, char *e, size_t n)
{
    (void)arg, (void)o, (void)e, (void)n;
    snprintf(s->info.name, sizeof s->info.name, "Test force sensor");
    s->info.caps = SAMPLE_FORCE;
    return true;
}
static int quiet_poll(Sensor *s, double now, Sample *out, int max)
{
    (void)s, (void)now, (void)out, (void)max;
    return 0;
}
static const SensorBackend QUIET = {.kind = "quiet", .open = quiet_open, .poll = quiet_poll};

static int setup(void **state)
{
    static Fixture f;
    memset(&f, 0, sizeof f);
    game_init(&f.g);
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    assert_int_equal(SDL_Init(SDL_INIT_VIDEO), 0);
    f.surface = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_RGBA32);
    assert_non_null(f.surface);
    f.r = SDL_CreateSoftwareRenderer(f.surface);
    assert_non_null(f.r);
    char err[256];
    f.g.gfx = gfx_new(f.r, BH_SOURCE_DIR "/assets", err, sizeof err);
    assert_non_null(f.g.gfx);
    Diag d;
    diag_init(&d);
    assert_true(ladder_load_dir(BH_TEST_LEVELS, &f.g.ladder, &d));
    diag_free(&d);
    sensor_register(&QUIET);
    f.sensor = sensor_open("quiet", NULL, err, sizeof err);
    assert_non_null(f.sensor);
    f.g.sensor = f.sensor;
    f.g.profile.mvc_n = 500;
    f.g.level_index = ladder_find(&f.g.ladder, "L02");
    assert_true(f.g.level_index >= 0);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    Gfx *gfx = f->g.gfx;
    game_free(&f->g); /* closes the sensor too */
    gfx_free(gfx);
    SDL_DestroyRenderer(f->r);
    SDL_FreeSurface(f->surface);
    SDL_Quit();
    return 0;
}

static void save(Fixture *f, const char *name)
{
    char err[256];
    assert_true(gfx_save_png(f->g.gfx, name, err, sizeof err));
}

static bool same(SDL_Color a, SDL_Color b, int tol)
{
    return abs(a.r - b.r) <= tol && abs(a.g - b.g) <= tol && abs(a.b - b.b) <= tol;
}

/* Pushes a steady value from `from` to `to` seconds at 100 Hz. */
static void feed(Game *g, double from, double to, double value)
{
    for (double t = from; t < to; t += 0.01) {
        ForcePoint p = {t, value, 0, 0, false};
        session_push(g->session, &p);
    }
}

/* Starts a session on L02 and advances into the hold phase, 10 s in, at `value`. */
static void into_hold(Fixture *f, double value)
{
    f->g.now = 0;
    assert_true(game_begin_session(&f->g));
    feed(&f->g, 0, 15, value);
    f->g.now = 15;
    session_update(f->g.session, f->g.now);
    assert_int_equal(session_phase(f->g.session), PHASE_HOLD);
}

/* The gauge column's rows that show the live marker (yellow), top to bottom: first match. */
static int marker_row(Fixture *f)
{
    HoldLayout l = hold_layout(f->g.gfx);
    int x = l.gauge.x + l.gauge.w / 2;
    for (int y = l.gauge.y - 20; y < l.gauge.y + l.gauge.h + 20; y++) {
        if (same(gfx_read_pixel(f->g.gfx, x, y), PAL_ACCENT, 8))
            return y;
    }
    return -1;
}

static void test_band_drawn_at_target_height(void **state)
{
    Fixture *f = *state;
    into_hold(f, 0.2 * 300); /* far below, so the marker is away from the band */
    hold_view_draw(&f->g);
    save(f, "hold-below-band.png");
    HoldLayout l = hold_layout(f->g.gfx);
    int x = l.gauge.x + l.gauge.w / 2;
    int y_target = hold_gauge_y(&l, f->g.target, f->g.target);
    assert_true(same(gfx_read_pixel(f->g.gfx, x, y_target), PAL_BAND, 8));
    /* well outside the band the gauge is plain panel */
    int y_low = hold_gauge_y(&l, f->g.target * 0.5, f->g.target);
    assert_false(same(gfx_read_pixel(f->g.gfx, x, y_low), PAL_BAND, 8));
    /* L02 at 60 % of 500 N */
    assert_true(fabs(f->g.target - 300.0) < 1e-6);
}

static void test_gauge_moves_with_force(void **state)
{
    Fixture *f = *state;
    into_hold(f, 150);
    hold_view_draw(&f->g);
    int low = marker_row(f);
    feed(&f->g, 15, 15.5, 400);
    f->g.now = 15.5;
    hold_view_draw(&f->g);
    int high = marker_row(f);
    assert_true(low > 0 && high > 0);
    HoldLayout l = hold_layout(f->g.gfx);
    int want = hold_gauge_y(&l, 150, 300) - hold_gauge_y(&l, 400, 300);
    assert_true(abs((low - high) - want) <= 3);
}

static int count_color(Fixture *f, SDL_Rect r, SDL_Color c, int tol)
{
    int n = 0;
    for (int y = r.y; y < r.y + r.h; y += 2) {
        for (int x = r.x; x < r.x + r.w; x += 2) {
            if (same(gfx_read_pixel(f->g.gfx, x, y), c, tol))
                n++;
        }
    }
    return n;
}

static void test_countdown_is_shown(void **state)
{
    Fixture *f = *state;
    f->g.now = 0;
    assert_true(game_begin_session(&f->g));
    f->g.now = 2.5; /* 2.5 s left of the 5-s get-ready: the big "3" */
    session_update(f->g.session, f->g.now);
    hold_view_draw(&f->g);
    save(f, "get-ready.png");
    HoldLayout l = hold_layout(f->g.gfx);
    SDL_Rect digit = {l.world.x + l.world.w / 2 - 80, l.world.y + 60, 160, 160};
    assert_true(count_color(f, digit, PAL_ACCENT, 40) > 100);
    /* the clock in the top right shows the time left in yellow */
    SDL_Rect clock = {W * 3 / 4, 0, W / 4, H / 10};
    assert_true(count_color(f, clock, PAL_ACCENT, 40) > 50);
}

static void test_deck_level_in_band_and_sags_below(void **state)
{
    Fixture *f = *state;
    into_hold(f, 300);
    hold_view_draw(&f->g);
    save(f, "hold-in-band.png");
    HoldLayout l = hold_layout(f->g.gfx);
    int mid_x = l.world.x + l.world.w / 2 + 7; /* between planks */
    int deck_y = hold_deck_y(&l);
    assert_true(same(gfx_read_pixel(f->g.gfx, mid_x, deck_y), PAL_IN, 8));
    feed(&f->g, 15, 15.5, 120);
    f->g.now = 15.5;
    hold_view_draw(&f->g);
    save(f, "hold-sagging.png");
    assert_false(same(gfx_read_pixel(f->g.gfx, mid_x, deck_y), PAL_IN, 8));
    SDL_Rect below = {mid_x - 2, deck_y + 10, 4, l.world.h / 2};
    assert_true(count_color(f, below, PAL_LOW, 8) > 0);
}

static void test_scenes_render(void **state)
{
    /* Every screen of the flow draws without trouble; PNGs for a person to look at. */
    Fixture *f = *state;
    struct { Scene *(*make)(void); const char *png; } scenes[] = {
        {scene_title_new, "title.png"},       {scene_welcome_new, "welcome.png"},
        {scene_redflags_new, "redflags.png"}, {scene_stop_new, "stop.png"},
        {scene_sensor_new, "sensor.png"},     {scene_settings_new, "settings.png"},
    };
    for (size_t i = 0; i < sizeof scenes / sizeof scenes[0]; i++) {
        game_free_scenes(&f->g);
        game_push(&f->g, scenes[i].make());
        game_apply_scene_changes(&f->g);
        game_draw(&f->g);
        save(f, scenes[i].png);
        /* something beyond the background was drawn: text */
        SDL_Rect all = {0, 0, W, H};
        assert_true(count_color(f, all, PAL_TEXT, 30) > 200);
    }
    game_free_scenes(&f->g);
    into_hold(f, 300);
    game_push(&f->g, scene_pain_new(PAIN_BEFORE, 0));
    game_apply_scene_changes(&f->g);
    game_draw(&f->g);
    save(f, "pain.png");
    game_free_scenes(&f->g);
}

static void test_summary_shows_every_set(void **state)
{
    Fixture *f = *state;
    into_hold(f, 300);
    /* the rest of L02 (5 × 45 s, 120 s rests), with set 3 sagging below the band */
    for (double t = 15; t < 2000 && session_phase(f->g.session) != PHASE_DONE; t += 0.01) {
        int set = session_set_number(f->g.session);
        /* set 3 swings in and out of the band every second: about half in band */
        double v = set == 3 && ((long)t % 2) ? 200 : 300;
        ForcePoint p = {t, v, 0, 0, false};
        session_push(f->g.session, &p);
        session_update(f->g.session, t);
    }
    for (int set = 1; set <= 5; set++)
        session_set_pain(f->g.session, set, set == 3 ? 4 : 2);
    assert_int_equal(session_phase(f->g.session), PHASE_DONE);
    f->g.pain_before = 2;
    f->g.pain_after = 3;
    game_push(&f->g, scene_summary_new());
    game_apply_scene_changes(&f->g);
    game_draw(&f->g);
    save(f, "summary.png");
    /* five bars: a well-held set is drawn in the in-band colour, the sagging one is not */
    const SetResult *r;
    assert_int_equal(session_results(f->g.session, &r), 5);
    assert_true(r[0].m.time_in_band_pct > 80);
    assert_true(r[2].m.time_in_band_pct > 30 && r[2].m.time_in_band_pct < 70);
    SDL_Rect bars = {W * 30 / 100, 0, W * 40 / 100, H};
    assert_true(count_color(f, bars, PAL_IN, 8) > 100);
    assert_true(count_color(f, bars, PAL_LOW, 8) > 0);
    game_free_scenes(&f->g);
}

static void test_plan_and_sitting_render(void **state)
{
    Fixture *f = *state;
    Scene *(*makers[])(void) = {scene_plan_new, scene_sitting_new, scene_players_new};
    const char *pngs[] = {"plan.png", "sitting.png", "players.png"};
    for (size_t i = 0; i < 3; i++) {
        game_push(&f->g, makers[i]());
        game_apply_scene_changes(&f->g);
        game_draw(&f->g);
        save(f, pngs[i]);
        SDL_Rect all = {0, 0, W, H};
        assert_true(count_color(f, all, PAL_TEXT, 30) > 200);
        game_free_scenes(&f->g);
    }
}

static void send(Game *g, UiAction a, const char *text)
{
    UiInput in;
    memset(&in, 0, sizeof in);
    in.action = a;
    if (text)
        snprintf(in.text, sizeof in.text, "%s", text);
    game_input(g, &in);
}

static void test_taken_name_is_refused(void **state)
{
    /* Two people must never share one history: a new player cannot take a stored name. */
    Fixture *f = *state;
    StoreProfile *stored = calloc(1, sizeof *stored);
    snprintf(stored->name, sizeof stored->name, "Sam");
    f->g.profiles = stored;
    f->g.n_profiles = 1;
    game_push(&f->g, scene_profile_new());
    game_apply_scene_changes(&f->g);
    send(&f->g, ACT_TEXT, "Sam");
    send(&f->g, ACT_UP, NULL); /* from the name up, round to Continue */
    send(&f->g, ACT_OK, NULL);
    assert_string_equal(game_top(&f->g)->name, "profile");
    game_draw(&f->g);
    save(f, "profile-name-taken.png");
    /* another name goes on */
    send(&f->g, ACT_TEXT, "2");
    send(&f->g, ACT_UP, NULL); /* round to Continue, past the clinician's cap: */
    send(&f->g, ACT_UP, NULL);
    send(&f->g, ACT_RIGHT, NULL); /* cap: L01 */
    send(&f->g, ACT_RIGHT, NULL); /* cap: L02 */
    assert_string_equal(f->g.level_cap, "L02");
    send(&f->g, ACT_DOWN, NULL);
    send(&f->g, ACT_OK, NULL);
    assert_string_equal(f->g.profile.name, "Sam2");
    assert_string_equal(game_top(&f->g)->name, "sensor");
    game_free_scenes(&f->g);
    free(stored);
    f->g.profiles = NULL;
    f->g.n_profiles = 0;
    f->g.level_cap[0] = '\0';
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_band_drawn_at_target_height),
        cmocka_unit_test(test_gauge_moves_with_force),
        cmocka_unit_test(test_countdown_is_shown),
        cmocka_unit_test(test_deck_level_in_band_and_sags_below),
        cmocka_unit_test(test_scenes_render),
        cmocka_unit_test(test_summary_shows_every_set),
        cmocka_unit_test(test_plan_and_sitting_render),
        cmocka_unit_test(test_taken_name_is_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
