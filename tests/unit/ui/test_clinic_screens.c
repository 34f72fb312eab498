/* Screenshot tests of clinic mode: the PIN (set on first use, a wrong one refused), the patient
 * list with its search, a patient's page, and the supervised session view — driven by the keys a
 * clinician presses, drawn with the software renderer, PNGs left for a person to look at. Also
 * the settings kept for the next start, and the clinic server setting behind the PIN.
 *
 * With BH_TEST_CLINIC_SERVER set (a libpq string for a server with the Bridgehold schema, run by
 * tests/sync/sync_e2e.sh against its throwaway cluster), only the shared-list test runs: this
 * computer's patients are synced up, and the list must show them beside the other
 * workstation's. */
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
#include <unistd.h>

#include "clinic/clinic.h"
#include "store/store.h"
#include "sync/sync.h"
#include "ui/game.h"
#include "ui/palette.h"
#include "ui_game_util.h"

#define W 1280
#define H 720

typedef struct Fixture {
    char dir[128];
    SDL_Surface *surface;
    SDL_Renderer *r;
    Game g;
} Fixture;

static int setup(void **state)
{
    static Fixture f;
    memset(&f, 0, sizeof f);
    snprintf(f.dir, sizeof f.dir, "/tmp/bh-clinic-ui-XXXXXX");
    assert_non_null(mkdtemp(f.dir));
    UiPlaySpec spec = {.data_dir = f.dir, .today = "2026-11-20"};
    ui_game_new(&f.g, &spec);
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    assert_int_equal(SDL_Init(SDL_INIT_VIDEO), 0);
    f.surface = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_RGBA32);
    f.r = SDL_CreateSoftwareRenderer(f.surface);
    assert_non_null(f.r);
    char err[256];
    f.g.gfx = gfx_new(f.r, BH_SOURCE_DIR "/assets", err, sizeof err);
    assert_non_null(f.g.gfx);
    ui_game_input(&f.g, "sim");
    /* two patients, one with a clinician's cap */
    Play *p = f.g.play;
    assert_true(play_create_profile(p, "Ann Example", PLAY_SIDE_LEFT, 62, 0));
    assert_true(play_create_profile(p, "Bob Sample", PLAY_SIDE_RIGHT, 80, 1));
    StorePrescription rx;
    memset(&rx, 0, sizeof rx);
    rx.profile_id = play_profile_id(p);
    snprintf(rx.level_cap, sizeof rx.level_cap, "L04");
    rx.hold_s = rx.rest_s = NAN;
    assert_true(store_prescription_set(play_store(p), &rx, "Dr Kim", "post-op, slow ramp"));
    play_clear_profile(p);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    Gfx *gfx = f->g.gfx;
    game_free(&f->g);
    gfx_free(gfx);
    SDL_DestroyRenderer(f->r);
    SDL_FreeSurface(f->surface);
    SDL_Quit();
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    return 0;
}

static void type(Fixture *f, const char *text)
{
    for (const char *c = text; *c; c++) {
        UiInput in = {.action = ACT_TEXT};
        in.text[0] = *c;
        game_input(&f->g, &in);
    }
}

static void key(Fixture *f, UiAction a)
{
    UiInput in = {.action = a};
    game_input(&f->g, &in);
}

static void shot(Fixture *f, const char *name)
{
    game_draw(&f->g);
    char err[256];
    assert_true(gfx_save_png(f->g.gfx, name, err, sizeof err));
}

static const char *top(Fixture *f) { return game_top(&f->g)->name; }

static bool same(SDL_Color a, SDL_Color b)
{
    return abs(a.r - b.r) <= 6 && abs(a.g - b.g) <= 6 && abs(a.b - b.b) <= 6;
}

/* The first list row's left edge: a highlighted panel when a patient is listed there. */
static SDL_Color first_row(Fixture *f)
{
    game_draw(&f->g);
    return gfx_read_pixel(f->g.gfx, W / 20 + 30, (int)(0.30 * H) + 20);
}

static void erase(Fixture *f, int n)
{
    for (int i = 0; i < n; i++)
        key(f, ACT_ERASE);
}

/* The PIN's first use, on the PIN screen that is up: the name, the new PIN twice, then it. */
static void first_pin(Fixture *f)
{
    type(f, "Dr Kim");
    key(f, ACT_OK);
    type(f, "tendon42");
    key(f, ACT_OK);
    type(f, "tendon42");
    key(f, ACT_OK);
    type(f, "tendon42");
    key(f, ACT_OK);
}

static void open_clinic(Fixture *f)
{
    game_push(&f->g, scene_clinic_pin_new());
    game_apply_scene_changes(&f->g);
    assert_string_equal(top(f), "clinic-pin");
    /* first use: the name, the new PIN twice */
    type(f, "Dr Kim");
    key(f, ACT_OK);
    type(f, "abc"); /* too short: refused, still asking */
    key(f, ACT_OK);
    shot(f, "clinic-pin-too-short.png");
    for (int i = 0; i < 3; i++) {
        UiInput e = {.action = ACT_ERASE};
        game_input(&f->g, &e);
    }
    type(f, "tendon42");
    key(f, ACT_OK);
    type(f, "tendon42");
    key(f, ACT_OK);
    bool set = false;
    assert_true(clinic_pin_is_set(play_store(f->g.play), &set));
    assert_true(set);
    type(f, "tendon42");
    key(f, ACT_OK);
    assert_string_equal(top(f), "clinic-list");
}

static void test_wrong_pin_stays_locked(void **state)
{
    Fixture *f = *state;
    char msg[200];
    assert_true(clinic_pin_set_cost(play_store(f->g.play), "Dr Kim", "tendon42",
                                    CLINIC_PIN_COST_TEST_MINIMUM, msg, sizeof msg));
    game_push(&f->g, scene_clinic_pin_new());
    game_apply_scene_changes(&f->g);
    type(f, "guess123");
    key(f, ACT_OK);
    assert_string_equal(top(f), "clinic-pin"); /* refused: no patient data shown */
    shot(f, "clinic-pin-wrong.png");
    /* (how long the next try must wait is the clinic module's, tested there without a clock) */
}

static void test_list_page_and_supervised_view(void **state)
{
    Fixture *f = *state;
    open_clinic(f);
    assert_true(same(first_row(f), PAL_PANEL_HI)); /* Ann, selected */
    shot(f, "clinic-list.png");
    type(f, "zz"); /* nobody matches */
    assert_true(same(first_row(f), PAL_BG));
    for (int i = 0; i < 2; i++) {
        UiInput e = {.action = ACT_ERASE};
        game_input(&f->g, &e);
    }
    type(f, "bob");
    assert_true(same(first_row(f), PAL_PANEL_HI));
    key(f, ACT_OK);
    assert_string_equal(top(f), "clinic-patient");
    shot(f, "clinic-patient.png");
    key(f, ACT_OK); /* start a supervised session */
    const PlayState *st = game_state(&f->g);
    assert_true(st->supervised);
    assert_string_equal(st->profile.name, "Bob Sample");
    for (int i = 0; i < 3; i++) /* the safety questions: no, no, no */
        key(f, ACT_OK);
    assert_string_equal(top(f), "sensor");
    key(f, ACT_OK);
    assert_string_equal(top(f), "pain");
    UiInput two = {.action = ACT_DIGIT, .digit = 2};
    game_input(&f->g, &two);
    key(f, ACT_OK);
    assert_string_equal(top(f), "hold");
    /* into set 1's hold (a first session starts with a practice hold), 8 s in */
    while (!(session_set_number(st->session) == 1 && session_phase(st->session) == PHASE_HOLD))
        ui_run_until(&f->g, f->g.now + 0.5);
    ui_run_until(&f->g, f->g.now + 8);
    assert_int_equal(session_phase(st->session), PHASE_HOLD);
    shot(f, "clinic-supervised.png");
    key(f, ACT_DOWN); /* "End this set" */
    key(f, ACT_OK);
    ui_run_until(&f->g, f->g.now + 0.1);
    assert_int_not_equal(session_phase(st->session), PHASE_HOLD);
    assert_string_equal(top(f), "pain"); /* the patient still answers for the set */
}

/* Whether any pixel of the band [y0, y1) of the screen is close to colour c. */
static bool band_has(Fixture *f, double y0, double y1, SDL_Color c)
{
    game_draw(&f->g);
    for (int y = (int)(y0 * H); y < (int)(y1 * H); y += 2)
        for (int x = 0; x < W; x += 2)
            if (same(gfx_read_pixel(f->g.gfx, x, y), c))
                return true;
    return false;
}

/* The list row `row` (0 = first) drawn as a patient's panel (not the background). */
static bool row_shown(Fixture *f, int row)
{
    game_draw(&f->g);
    SDL_Color px = gfx_read_pixel(f->g.gfx, W / 20 + 30,
                                  (int)(0.30 * H) + (int)(0.085 * H) * row + 20);
    return !same(px, PAL_BG);
}

/* Ticks the game in real time until ready(f) or `seconds` pass (the list is read on a thread). */
static bool wait_for(Fixture *f, bool (*ready)(Fixture *), double seconds)
{
    for (double waited = 0; waited < seconds; waited += 0.02) {
        ui_run_until(&f->g, f->g.now + 0.02);
        if (ready(f))
            return true;
        SDL_Delay(20);
    }
    return false;
}

static bool status_warns(Fixture *f) { return band_has(f, 0.83, 0.92, PAL_WARN); }
static bool fourth_row(Fixture *f) { return row_shown(f, 3); }
static bool synced(Fixture *f) { return f->g.sync == NULL && f->g.sync_note[0]; }

/* The title screen sends this computer's records by itself; *warn says how it went. */
static void title_sync(Fixture *f, const char *png, bool *warn)
{
    game_free_scenes(&f->g);
    f->g.sync_note[0] = '\0';
    game_push(&f->g, scene_title_new());
    game_apply_scene_changes(&f->g);
    assert_non_null(f->g.sync); /* under way, the screen live meanwhile */
    assert_true(wait_for(f, synced, 20));
    shot(f, png);
    *warn = f->g.sync_warn;
}

/* Settings: a changed one is kept for the next start; the clinic server asks the PIN first,
 * refuses a password, and an unreachable server leaves this computer's list up and says so. */
static void test_settings_kept_and_server_unreachable(void **state)
{
    Fixture *f = *state;
    game_push(&f->g, scene_settings_new());
    game_apply_scene_changes(&f->g);
    assert_string_equal(top(f), "settings");
    key(f, ACT_OK); /* sound cues off */
    assert_false(f->g.settings.sound);
    key(f, ACT_DOWN);
    key(f, ACT_DOWN);
    key(f, ACT_RIGHT); /* volume 80 -> 90 % */
    shot(f, "settings.png");
    key(f, ACT_DOWN);
    key(f, ACT_OK); /* the clinic server: a clinician's setting */
    assert_string_equal(top(f), "clinic-pin");
    shot(f, "settings-server-pin.png");
    first_pin(f);
    assert_string_equal(top(f), "clinic-server");
    type(f, "host=db.example dbname=bh user=room1 password=hunter2");
    key(f, ACT_OK);
    assert_string_equal(top(f), "clinic-server"); /* refused: passwords go in .pgpass */
    assert_true(band_has(f, 0.45, 0.75, PAL_WARN));
    shot(f, "clinic-server-refused.png");
    erase(f, (int)strlen(" password=hunter2"));
    erase(f, (int)strlen("host=db.example dbname=bh user=room1"));
    const char *gone = "host=/nonexistent/bridgehold-test dbname=bh user=room1";
    type(f, gone);
    shot(f, "clinic-server.png");
    key(f, ACT_OK);
    assert_string_equal(top(f), "settings"); /* back where the clinician came from */
    shot(f, "settings-server-set.png");
    char conninfo[STORE_SETTING_MAX];
    assert_true(clinic_server_get(play_store(f->g.play), conninfo, sizeof conninfo));
    assert_string_equal(conninfo, gone);

    /* the next start keeps the settings */
    Game again;
    UiPlaySpec spec = {.data_dir = f->dir, .today = "2026-11-20"};
    ui_game_new(&again, &spec);
    assert_false(again.settings.sound);
    assert_true(again.settings.feedback_tone);
    assert_true(fabs(again.settings.volume - 0.9) < 1e-9);
    game_free(&again);

    /* the list: this computer's patients stay up, and the line below says what failed */
    game_free_scenes(&f->g);
    game_push(&f->g, scene_clinic_pin_new());
    game_apply_scene_changes(&f->g);
    type(f, "tendon42");
    key(f, ACT_OK);
    assert_string_equal(top(f), "clinic-list");
    assert_true(wait_for(f, status_warns, 15));
    assert_true(row_shown(f, 0) && row_shown(f, 1) && !row_shown(f, 2));
    shot(f, "clinic-list-server-down.png");

    /* the title's own sync: the patient is told calmly that nothing is lost */
    bool warn = false;
    title_sync(f, "title-server-down.png", &warn);
    assert_true(warn);
    assert_non_null(strstr(f->g.sync_note, "kept here"));
}

/* The shared list from a real clinic server (BH_TEST_CLINIC_SERVER): this computer's two
 * patients, synced up, beside the other workstation's, and a third made since the last sync;
 * the other workstation's patient's page says where its records are and offers no supervised
 * session here. */
static void test_shared_list(void **state)
{
    Fixture *f = *state;
    const char *server = getenv("BH_TEST_CLINIC_SERVER");
    SyncError err = {0};
    SyncConn *c = sync_connect(server, &err);
    if (!c)
        fail_msg("the clinic server: %s", err.msg);
    SyncReport rep;
    bool synced = sync_server_ready(c, &err) && sync_run(c, play_store(f->g.play), 0, &rep, &err);
    sync_disconnect(c);
    if (!synced)
        fail_msg("sync: %s", err.msg);
    char msg[1024];
    bool usage;
    assert_true(clinic_server_set(play_store(f->g.play), server, "test", msg, sizeof msg, &usage));
    assert_true(play_create_profile(f->g.play, "Cat New", PLAY_SIDE_BOTH, 70, 0)); /* not synced */
    play_clear_profile(f->g.play);
    open_clinic(f);
    assert_true(wait_for(f, fourth_row, 15));
    assert_false(row_shown(f, 4));
    assert_false(status_warns(f));
    shot(f, "clinic-list-shared.png");
    /* by name: Ann, Bob and Cat (here), then Eve of the other workstation */
    for (int i = 0; i < 3; i++)
        key(f, ACT_DOWN);
    key(f, ACT_OK);
    assert_string_equal(top(f), "clinic-patient");
    shot(f, "clinic-patient-elsewhere.png");
    key(f, ACT_OK); /* the only choice: back to the list */
    assert_string_equal(top(f), "clinic-list");
    assert_false(game_state(&f->g)->supervised);
    /* a patient of this computer still opens its own page, from the shared list */
    assert_true(wait_for(f, fourth_row, 15));
    key(f, ACT_OK);
    assert_string_equal(top(f), "clinic-patient");
    key(f, ACT_OK);
    assert_true(game_state(&f->g)->supervised);
    assert_string_equal(game_state(&f->g)->profile.name, "Ann Example");

    /* a prescription changed here goes up by itself when the title screen comes back */
    StorePrescription rx;
    memset(&rx, 0, sizeof rx);
    rx.profile_id = play_profile_id(f->g.play);
    snprintf(rx.level_cap, sizeof rx.level_cap, "L03");
    rx.hold_s = rx.rest_s = NAN;
    assert_true(store_prescription_set(play_store(f->g.play), &rx, "Dr Kim", "slower"));
    bool warn = true;
    title_sync(f, "title-synced.png", &warn);
    assert_false(warn);
    ClinicServerList l;
    assert_true(clinic_server_patients(server, false, "2026-11-20", &l));
    bool capped = false;
    for (size_t i = 0; i < l.n; i++)
        capped |= strcmp(l.rows[i].profile.name, "Ann Example") == 0 &&
                  strcmp(l.rows[i].profile.level_cap, "L03") == 0;
    clinic_server_list_free(&l);
    assert_true(capped);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_wrong_pin_stays_locked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_page_and_supervised_view, setup, teardown),
        cmocka_unit_test_setup_teardown(test_settings_kept_and_server_unreachable, setup,
                                        teardown),
    };
    const struct CMUnitTest with_server[] = {
        cmocka_unit_test_setup_teardown(test_shared_list, setup, teardown),
    };
    if (getenv("BH_TEST_CLINIC_SERVER"))
        return cmocka_run_group_tests(with_server, NULL, NULL);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
