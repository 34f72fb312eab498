/* Keyboard mode: with no sensor, the space bar times the holds (self-timed): holding it through
 * a hold counts as held, letting go does not; the screen says no force is measured, and the
 * sets a database keeps carry no newtons, only the share of the hold time held. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "ui/game.h"
#include "ui_game_util.h"

/* The first session of a run starts with a practice hold (get ready 0–5 s, practice 5–15 s, a
 * 5-s pause): set 1's countdown starts at P, its hold at P + 5 s. */
#define P 20.0

static void press(Game *g, bool down) { ui_send(g, down ? ACT_PUSH_ON : ACT_PUSH_OFF); }

static const PlayState *keyboard_game(Game *g, const char *level)
{
    ui_game_at_level(g, level);
    ui_game_input(g, "keyboard");
    game_push(g, scene_hold_new());
    game_apply_scene_changes(g);
    const PlayState *st = game_state(g);
    assert_non_null(st->session);
    assert_int_equal(session_set_number(st->session), 0); /* the practice hold */
    return st;
}

static void test_space_bar_times_the_hold(void **state)
{
    (void)state;
    Game g;
    const PlayState *st = keyboard_game(&g, "L01"); /* 5 × 30 s */
    assert_true(st->self_timed);
    assert_non_null(strstr(st->target_note, "self-timed"));
    assert_non_null(strstr(st->target_note, "no force is measured"));
    /* held (1) or not (0): the band takes a press, nothing in newtons */
    assert_true(st->target == 1.0);
    assert_string_equal(st->unit, "");
    double lo, hi;
    session_band(st->session, &lo, &hi);
    assert_true(fabs(lo - 0.5) < 1e-9 && fabs(hi - 1.5) < 1e-9);
    /* set 1 (hold P + 5 to P + 35 s): press with the start tone, hold to the end */
    ui_run_until(&g, P + 5.0);
    press(&g, true);
    ui_run_until(&g, P + 35.0);
    press(&g, false);
    ui_run_until(&g, P + 35.5);
    assert_string_equal(game_top(&g)->name, "pain"); /* set 1's pain question */
    ui_send(&g, ACT_OK);                            /* 0 */
    /* set 2 (after 120 s of rest: hold P + 160 to P + 190 s): let go halfway through */
    ui_run_until(&g, P + 160.0);
    press(&g, true);
    ui_run_until(&g, P + 175.0);
    press(&g, false);
    ui_run_until(&g, P + 191.0);
    const SetResult *r;
    assert_int_equal(session_results(st->session, &r), 3); /* practice first */
    assert_int_equal(r[0].index, 0);
    assert_true(r[1].measured);
    assert_true(r[1].m.time_in_band_pct > 90);
    if (!(r[2].m.time_in_band_pct > 40 && r[2].m.time_in_band_pct < 60))
        fail_msg("set 2 held %.1f %% of its time, expected about half", r[2].m.time_in_band_pct);
    game_free(&g);
}

static void test_release_under_a_prompt_is_not_lost(void **state)
{
    (void)state;
    /* The patient holds space past the stop; the pain question opens; they let go while it is
     * up, then answer. Set 2, with no key touched, must not count as held. */
    Game g;
    const PlayState *st = keyboard_game(&g, "L01");
    ui_run_until(&g, P + 5.0);
    press(&g, true);
    ui_run_until(&g, P + 35.5); /* set 1 stopped at P + 35 s: the question is up */
    assert_string_equal(game_top(&g)->name, "pain");
    press(&g, true);      /* a key still down, then let go, under the prompt */
    press(&g, false);
    ui_send(&g, ACT_OK);  /* pain 0 */
    ui_run_until(&g, P + 191.0); /* set 2: nobody presses */
    const SetResult *r;
    assert_int_equal(session_results(st->session, &r), 3); /* practice, 1, 2 */
    assert_true(r[2].m.time_in_band_pct < 5);
    game_free(&g);
}

static void test_end_early_ends_the_session(void **state)
{
    (void)state;
    Game g;
    const PlayState *st = keyboard_game(&g, "L01");
    ui_run_until(&g, P + 5.0);
    press(&g, true);
    ui_run_until(&g, P + 35.5);
    press(&g, false);
    ui_send(&g, ACT_OK);     /* set 1's pain */
    ui_run_until(&g, P + 156.0); /* set 2's countdown */
    ui_send(&g, ACT_BACK);   /* "End the session early?" */
    assert_string_equal(game_top(&g)->name, "end-early");
    ui_send(&g, ACT_DOWN);
    ui_send(&g, ACT_OK);     /* "End the session now" */
    ui_run_until(&g, P + 400.0); /* time goes on under the next screens */
    assert_false(session_completed(st->session));
    const SetResult *r;
    assert_int_equal(session_results(st->session, &r), 2); /* practice and set 1: no phantom */
    assert_string_equal(game_top(&g)->name, "pain");       /* pain after the session */
    game_free(&g);
}

static void remove_tree(const char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void test_stored_keyboard_sets_have_no_newtons(void **state)
{
    (void)state;
    /* A keyboard session with a database: the set keeps its held share and its length, and
     * no made-up force (mean, peak, target, band, trace). */
    char dir[] = "/tmp/bh-keyboard-XXXXXX";
    assert_non_null(mkdtemp(dir));
    Game g;
    UiPlaySpec spec = {.level = "L01", .data_dir = dir, .today = "2025-03-10"};
    ui_game_new(&g, &spec);
    assert_true(play_create_profile(g.play, "Kim", PLAY_SIDE_BOTH, 70, 0));
    ui_game_input(&g, "keyboard");
    const PlayState *st = game_state(&g);
    /* the flow's order, sent straight to the Play: pain before, then the session (no practice
     * hold), space held for the first half of set 1 (hold 5–35 s) */
    play_answer_pain(g.play, PLAY_PAIN_BEFORE, 0);
    assert_true(play_begin_session(g.play, false));
    ui_run_until(&g, 5.0);
    play_set_push(g.play, true);
    ui_run_until(&g, 20.0);
    play_set_push(g.play, false);
    ui_run_until(&g, 35.5);
    assert_int_equal(st->set_pain_owed, 1);
    assert_true(st->storage_msg[0] == '\0');

    Store *store = play_store(g.play);
    assert_non_null(store);
    StoreSession *sessions = NULL;
    size_t n = 0;
    assert_true(store_session_list(store, play_profile_id(g.play), &sessions, &n));
    assert_int_equal(n, 1);
    StoreSession sess = sessions[0];
    free(sessions);
    assert_int_equal(sess.source, STORE_LIVE); /* a person on a key: live, not practice */
    if (sess.measure != STORE_MEASURE_SELF_TIMED)
        fail_msg("the keyboard session is stored as measure '%s', not 'self_timed'",
                 store_measure_name(sess.measure));
    StoreSet *sets = NULL;
    size_t n_sets = 0;
    assert_true(store_session_sets(store, sess.id, &sets, &n_sets));
    assert_int_equal(n_sets, 1);
    assert_int_equal(sets[0].index, 1);
    assert_true(fabs(sets[0].time_in_band_pct - 50) < 3);
    assert_true(fabs(sets[0].duration_s - 30) < 0.1);
    assert_true(isnan(sets[0].mean_n));
    assert_true(isnan(sets[0].peak_n));
    assert_true(isnan(sets[0].target_n));
    assert_true(isnan(sets[0].band_low_n) && isnan(sets[0].band_high_n));
    assert_int_equal(sets[0].trace_n, 0);
    free(sets);
    game_free(&g);
    remove_tree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_space_bar_times_the_hold),
        cmocka_unit_test(test_release_under_a_prompt_is_not_lost),
        cmocka_unit_test(test_end_early_ends_the_session),
        cmocka_unit_test(test_stored_keyboard_sets_have_no_newtons),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
