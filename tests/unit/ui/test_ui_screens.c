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
#include "sensor/sensor_backend.h"
#include "ui/game.h"
#include "ui/hold_view.h"
#include "ui/palette.h"
#include "ui_game_util.h"

#define W 1280
#define H 720

typedef struct Fixture {
    SDL_Surface *surface;
    SDL_Renderer *r;
    Game g;
} Fixture;

/* A force sensor whose reading is set by the test (the dial): 100 samples a second of whatever
 * the dial says, from the moment the session starts (a recording-like practice input, so the
 * numbers reach the screen exactly as given, with no tremor filter). */
static double g_dial_n;

typedef struct DialState {
    long long next_k; /* the next sample is at k / 100 s on the caller's clock */
} DialState;

static bool dial_open(Sensor *s, const char *arg, const SensorOptions *o, char *e, size_t n)
{
    (void)arg, (void)o, (void)e, (void)n;
    snprintf(s->info.name, sizeof s->info.name, "Test force sensor");
    snprintf(s->info.kind, sizeof s->info.kind, "dial");
    s->info.caps = SAMPLE_FORCE;
    s->state = calloc(1, sizeof(DialState));
    return s->state != NULL;
}

static int dial_poll(Sensor *s, double now, Sample *out, int max)
{
    DialState *d = s->state;
    int n = 0;
    while (n < max && (double)d->next_k / 100.0 <= now + 1e-9) {
        double t = (double)d->next_k++ / 100.0;
        out[n++] = (Sample){.t_s = t, .force_n = g_dial_n, .has = SAMPLE_FORCE};
    }
    return n;
}

static void dial_close(Sensor *s) { free(s->state); }

static const SensorBackend DIAL = {
    .kind = "dial", .open = dial_open, .poll = dial_poll, .close = dial_close};

static int setup(void **state)
{
    static Fixture f;
    memset(&f, 0, sizeof f);
    UiPlaySpec spec = {.level = "L02", .mvc_n = 500};
    ui_game_new(&f.g, &spec);
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    assert_int_equal(SDL_Init(SDL_INIT_VIDEO), 0);
    f.surface = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_RGBA32);
    assert_non_null(f.surface);
    f.r = SDL_CreateSoftwareRenderer(f.surface);
    assert_non_null(f.r);
    char err[256];
    f.g.gfx = gfx_new(f.r, BH_SOURCE_DIR "/assets", err, sizeof err);
    assert_non_null(f.g.gfx);
    sensor_register(&DIAL);
    ui_game_input(&f.g, "dial");
    g_dial_n = 0;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    Gfx *gfx = f->g.gfx;
    game_free(&f->g); /* scenes and the Play (which closes the sensor) */
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

static const PlayState *state_of(Fixture *f) { return game_state(&f->g); }

/* The sensor reads `value` until the game clock reaches `to` seconds. */
static void feed(Fixture *f, double to, double value)
{
    g_dial_n = value;
    ui_run_until(&f->g, to);
}

/* Starts a session on L02 and advances into the hold phase, 10 s in, at `value`. */
static void into_hold(Fixture *f, double value)
{
    assert_true(play_begin_session(f->g.play, false));
    feed(f, 15, value);
    assert_int_equal(session_phase(state_of(f)->session), PHASE_HOLD);
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
    int y_target = hold_gauge_y(&l, state_of(f)->target, state_of(f)->target);
    assert_true(same(gfx_read_pixel(f->g.gfx, x, y_target), PAL_BAND, 8));
    /* well outside the band the gauge is plain panel */
    int y_low = hold_gauge_y(&l, state_of(f)->target * 0.5, state_of(f)->target);
    assert_false(same(gfx_read_pixel(f->g.gfx, x, y_low), PAL_BAND, 8));
    /* L02 at 60 % of 500 N */
    assert_true(fabs(state_of(f)->target - 300.0) < 1e-6);
}

static void test_gauge_moves_with_force(void **state)
{
    Fixture *f = *state;
    into_hold(f, 150);
    hold_view_draw(&f->g);
    int low = marker_row(f);
    feed(f, 15.5, 400);
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
    assert_true(play_begin_session(f->g.play, false));
    feed(f, 2.5, 0); /* 2.5 s left of the 5-s get-ready: the big "3" */
    assert_int_equal(session_phase(state_of(f)->session), PHASE_GET_READY);
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
    feed(f, 15.5, 120);
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
    game_push(&f->g, scene_pain_new(PLAY_PAIN_BEFORE));
    game_apply_scene_changes(&f->g);
    game_draw(&f->g);
    save(f, "pain.png");
    game_free_scenes(&f->g);
}

static void test_summary_shows_every_set(void **state)
{
    Fixture *f = *state;
    play_answer_pain(f->g.play, PLAY_PAIN_BEFORE, 2);
    into_hold(f, 300);
    const PlayState *st = state_of(f);
    /* the rest of L02 (5 × 45 s, 120 s rests), with set 3 sagging below the band */
    while (f->g.now < 2000 && session_phase(st->session) != PHASE_DONE) {
        int set = session_set_number(st->session);
        /* set 3 swings in and out of the band every second: about half in band */
        g_dial_n = set == 3 && ((long)f->g.now % 2) ? 200 : 300;
        f->g.now += GAME_TICK_S;
        game_tick(&f->g);
        if (st->set_pain_owed > 0) /* each set's pain question, answered */
            play_answer_pain(f->g.play, PLAY_PAIN_SET, st->set_pain_owed == 3 ? 4 : 2);
    }
    assert_int_equal(session_phase(st->session), PHASE_DONE);
    play_answer_pain(f->g.play, PLAY_PAIN_AFTER, 3);
    assert_int_equal(st->pain_before, 2);
    assert_int_equal(st->pain_after, 3);
    game_push(&f->g, scene_summary_new());
    game_apply_scene_changes(&f->g);
    game_draw(&f->g);
    save(f, "summary.png");
    /* five bars: a well-held set is drawn in the in-band colour, the sagging one is not */
    const SetResult *r;
    assert_int_equal(session_results(st->session, &r), 5);
    assert_true(r[0].m.time_in_band_pct > 80);
    assert_true(r[2].m.time_in_band_pct > 30 && r[2].m.time_in_band_pct < 70);
    assert_int_equal(r[2].pain, 4);
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
    char dir[] = "/tmp/bh-screens-XXXXXX";
    assert_non_null(mkdtemp(dir));
    play_free(f->g.play);
    UiPlaySpec spec = {.data_dir = dir};
    f->g.play = ui_play_new(&spec);
    assert_true(play_create_profile(f->g.play, "Sam", PLAY_SIDE_BOTH, 70, 0));
    play_clear_profile(f->g.play); /* someone else sits down */
    assert_int_equal(state_of(f)->n_profiles, 1);
    game_push(&f->g, scene_profile_new());
    game_apply_scene_changes(&f->g);
    send(&f->g, ACT_TEXT, "Sam");
    send(&f->g, ACT_UP, NULL); /* from the name up, round to Continue */
    send(&f->g, ACT_OK, NULL);
    assert_string_equal(game_top(&f->g)->name, "profile");
    assert_int_equal(state_of(f)->n_profiles, 1);
    game_draw(&f->g);
    save(f, "profile-name-taken.png");
    /* another name goes on */
    send(&f->g, ACT_TEXT, "2");
    send(&f->g, ACT_UP, NULL); /* round to Continue */
    send(&f->g, ACT_OK, NULL);
    assert_string_equal(state_of(f)->profile.name, "Sam2");
    assert_true(state_of(f)->has_profile);
    assert_int_equal(state_of(f)->n_profiles, 2);
    assert_string_equal(state_of(f)->level_cap, ""); /* the cap is the clinician's, not set here */
    assert_string_equal(game_top(&f->g)->name, "sensor");
    game_free_scenes(&f->g);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_band_drawn_at_target_height, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gauge_moves_with_force, setup, teardown),
        cmocka_unit_test_setup_teardown(test_countdown_is_shown, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deck_level_in_band_and_sags_below, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scenes_render, setup, teardown),
        cmocka_unit_test_setup_teardown(test_summary_shows_every_set, setup, teardown),
        cmocka_unit_test_setup_teardown(test_plan_and_sitting_render, setup, teardown),
        cmocka_unit_test_setup_teardown(test_taken_name_is_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
