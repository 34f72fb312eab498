/* The ghost on the hold screen is the patient's best earlier hold at this level, read back from
 * the database when a session begins: the set with the highest time in band, never an
 * interrupted one, never one from another level or from a hold that measured no force, with its
 * time starting at 0. */
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

static long long add_session(Store *s, long long profile, const char *level, const char *date,
                             StoreMeasure measure)
{
    StoreSession sess;
    memset(&sess, 0, sizeof sess);
    sess.profile_id = profile;
    snprintf(sess.level, sizeof sess.level, "%s", level);
    snprintf(sess.date, sizeof sess.date, "%s", date);
    sess.measure = measure;
    sess.mvc_n = NAN;
    assert_true(store_session_begin(s, &sess));
    return sess.id;
}

/* A set whose trace holds `n` samples at `force` newtons from t0. */
static void add_set(Store *s, long long session, int index, double pct, bool interrupted,
                    double force, size_t n, double t0)
{
    StoreSample *tr = calloc(n, sizeof *tr);
    for (size_t i = 0; i < n; i++)
        tr[i] = (StoreSample){t0 + i * 0.01, force, 0, 0};
    StoreSet set = {.index = index, .duration_s = n * 0.01, .time_in_band_pct = pct,
                    .mean_n = force, .peak_n = force, .cv_pct = 1, .drift_pct_per_10s = 0,
                    .left_pct = NAN, .form_lost_s = NAN, .interrupted = interrupted,
                    .target_n = 300, .band_low_n = 255, .band_high_n = 345,
                    .trace = tr, .trace_n = n};
    assert_true(store_set_commit(s, session, &set, NULL));
    free(tr);
}

static void test_best_earlier_hold_at_this_level(void **state)
{
    (void)state;
    char dir[] = "/tmp/bh-ghost-XXXXXX";
    assert_non_null(mkdtemp(dir));
    /* the history, written as earlier runs left it */
    StoreError e;
    Store *store = store_open(dir, &e);
    assert_non_null(store);
    StoreProfile p;
    memset(&p, 0, sizeof p);
    snprintf(p.name, sizeof p.name, "Sam");
    p.body_mass_kg = NAN; /* not given */
    snprintf(p.level, sizeof p.level, "L02");
    assert_true(store_profile_create(store, &p));
    long long a = add_session(store, p.id, "L02", "2026-11-01", STORE_MEASURE_FORCE);
    add_set(store, a, 1, 80, false, 280, 300, 5.0);
    add_set(store, a, 2, 99, true, 290, 400, 60.0);  /* best number, but interrupted */
    long long b = add_session(store, p.id, "L02", "2026-11-02", STORE_MEASURE_FORCE);
    add_set(store, b, 1, 95, false, 301, 450, 200.0); /* the one */
    long long c = add_session(store, p.id, "L03", "2026-11-03", STORE_MEASURE_FORCE);
    add_set(store, c, 1, 100, false, 320, 500, 5.0);  /* another level */
    long long k = add_session(store, p.id, "L02", "2026-11-04", STORE_MEASURE_SELF_TIMED);
    add_set(store, k, 1, 100, false, 1, 500, 5.0);    /* a key's 1s and 0s: no force */
    store_close(store);

    /* a new run on that database: Sam on a force sensor at L02 */
    Game g;
    UiPlaySpec spec = {.level = "L02", .mvc_n = 500, .data_dir = dir, .today = "2026-11-05"};
    ui_game_new(&g, &spec);
    assert_true(play_use_profile(g.play, "Sam"));
    ui_game_input(&g, "sim");
    const PlayState *st = game_state(&g);
    assert_null(st->ghost); /* no session yet: no ghost */
    assert_true(play_begin_session(g.play, false));
    assert_int_equal(st->n_ghost, 450);
    assert_true(fabs(st->ghost[0].t_s) < 1e-9);
    assert_true(fabs(st->ghost[449].t_s - 4.49) < 1e-3);
    assert_true(fabs(st->ghost[10].force_n - 301) < 1e-3);
    assert_true(fabs(st->ghost_pct - 95) < 1e-9);

    /* a level never played has no ghost: the previous level's is not kept */
    assert_true(play_choose_level(g.play, ladder_find(st->ladder, "L05")));
    assert_true(play_begin_session(g.play, false));
    assert_int_equal(st->n_ghost, 0);
    assert_null(st->ghost);

    /* nor does a self-timed hold (a key), even at a level with a force ghost */
    assert_true(play_choose_level(g.play, ladder_find(st->ladder, "L02")));
    ui_game_input(&g, "keyboard");
    assert_true(play_begin_session(g.play, false));
    assert_true(st->self_timed);
    assert_int_equal(st->n_ghost, 0);

    game_free(&g);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_best_earlier_hold_at_this_level),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
