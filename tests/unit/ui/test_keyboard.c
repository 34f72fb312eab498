/* Keyboard mode: with no sensor, holding the space bar through a hold keeps the bar in the band,
 * letting go drops it out; the screen says the keyboard measures presses, not force. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "ui/game.h"
#include "ui_game_util.h"

static void press(Game *g, bool down)
{
    UiInput in;
    memset(&in, 0, sizeof in);
    in.action = down ? ACT_PUSH_ON : ACT_PUSH_OFF;
    game_input(g, &in);
}

static void test_space_bar_holds_the_band(void **state)
{
    (void)state;
    Game g;
    ui_game_at_level(&g, "L01"); /* 5 × 30 s, ±25 % */
    char err[128];
    g.sensor = sensor_open("keyboard", NULL, err, sizeof err);
    assert_non_null(g.sensor);
    Answers a;
    memset(&a, 0, sizeof a);
    a.n_pain_set = 1;
    g.answers = &a;
    game_push(&g, scene_hold_new());
    game_apply_scene_changes(&g);
    assert_non_null(strstr(g.target_note, "not how hard you push"));
    /* set 1 (hold 5–35 s): press with the start tone, hold to the end */
    ui_run_until(&g, 5.0);
    press(&g, true);
    ui_run_until(&g, 35.0);
    press(&g, false);
    /* set 2 (after 120 s of rest: hold 160–190 s): let go halfway through */
    ui_run_until(&g, 160.0);
    press(&g, true);
    ui_run_until(&g, 175.0);
    press(&g, false);
    ui_run_until(&g, 191.0);
    const SetResult *r;
    assert_int_equal(session_results(g.session, &r), 2);
    assert_true(r[0].measured);
    assert_true(r[0].m.time_in_band_pct > 90);
    assert_true(r[1].m.time_in_band_pct > 40 && r[1].m.time_in_band_pct < 60);
    game_free(&g);
}

static Game *keyboard_game(Game *g, const char *level)
{
    ui_game_at_level(g, level);
    char err[128];
    g->sensor = sensor_open("keyboard", NULL, err, sizeof err);
    assert_non_null(g->sensor);
    game_push(g, scene_hold_new());
    game_apply_scene_changes(g);
    return g;
}

static void send(Game *g, UiAction a)
{
    UiInput in;
    memset(&in, 0, sizeof in);
    in.action = a;
    game_input(g, &in);
}

static void test_release_under_a_prompt_is_not_lost(void **state)
{
    (void)state;
    /* The patient holds space past the stop; the pain question opens; they let go while it is
     * up, then answer. Set 2, with no key touched, must not count as held. */
    Game g;
    keyboard_game(&g, "L01");
    ui_run_until(&g, 5.0);
    press(&g, true);
    ui_run_until(&g, 35.5); /* set 1 stopped at 35 s: the question is up */
    assert_string_equal(game_top(&g)->name, "pain");
    assert_false(g.push); /* the stop itself ends the push */
    press(&g, true);      /* a key still down, then let go, under the prompt */
    press(&g, false);
    assert_false(g.push);
    send(&g, ACT_OK);     /* pain 0 */
    ui_run_until(&g, 191.0); /* set 2: nobody presses */
    const SetResult *r;
    assert_int_equal(session_results(g.session, &r), 2);
    assert_true(r[1].m.time_in_band_pct < 5);
    game_free(&g);
}

static void test_end_early_ends_the_session(void **state)
{
    (void)state;
    Game g;
    keyboard_game(&g, "L01");
    ui_run_until(&g, 5.0);
    press(&g, true);
    ui_run_until(&g, 35.5);
    press(&g, false);
    send(&g, ACT_OK);     /* set 1's pain */
    ui_run_until(&g, 156.0); /* set 2's countdown */
    send(&g, ACT_BACK);   /* "End the session early?" */
    assert_string_equal(game_top(&g)->name, "end-early");
    send(&g, ACT_DOWN);
    send(&g, ACT_OK);     /* "End the session now" */
    ui_run_until(&g, 400.0); /* time goes on under the next screens */
    assert_false(session_completed(g.session));
    const SetResult *r;
    assert_int_equal(session_results(g.session, &r), 1); /* no phantom sets */
    assert_string_equal(game_top(&g)->name, "pain");     /* pain after the session */
    game_free(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_space_bar_holds_the_band),
        cmocka_unit_test(test_release_under_a_prompt_is_not_lost),
        cmocka_unit_test(test_end_early_ends_the_session),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
