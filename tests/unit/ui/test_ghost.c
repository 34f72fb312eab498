/* The ghost on the hold screen is the patient's best earlier hold at this level, read back from
 * the database: the set with the highest time in band, never an interrupted one, never one from
 * another level, with its time starting at 0. */
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
#include "ui/persist.h"

static long long add_session(Store *s, long long profile, const char *level, const char *date)
{
    StoreSession sess;
    memset(&sess, 0, sizeof sess);
    sess.profile_id = profile;
    snprintf(sess.level, sizeof sess.level, "%s", level);
    snprintf(sess.date, sizeof sess.date, "%s", date);
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
    Game g;
    game_init(&g);
    Diag d;
    diag_init(&d);
    assert_true(ladder_load_dir(BH_TEST_LEVELS, &g.ladder, &d));
    diag_free(&d);
    char err[512];
    assert_true(persist_open(&g, dir, err, sizeof err));
    StoreProfile p;
    memset(&p, 0, sizeof p);
    snprintf(p.name, sizeof p.name, "Sam");
    p.body_mass_kg = NAN; /* not given */
    assert_true(store_profile_create(g.store, &p));
    g.profile_id = p.id;

    long long a = add_session(g.store, p.id, "L02", "2026-11-01");
    add_set(g.store, a, 1, 80, false, 280, 300, 5.0);
    add_set(g.store, a, 2, 99, true, 290, 400, 60.0);  /* best number, but interrupted */
    long long b = add_session(g.store, p.id, "L02", "2026-11-02");
    add_set(g.store, b, 1, 95, false, 301, 450, 200.0); /* the one */
    long long c = add_session(g.store, p.id, "L03", "2026-11-03");
    add_set(g.store, c, 1, 100, false, 320, 500, 5.0);  /* another level */

    g.level_index = ladder_find(&g.ladder, "L02");
    persist_load_ghost(&g);
    assert_int_equal(g.n_ghost, 450);
    assert_true(fabs(g.ghost[0].t_s) < 1e-9);
    assert_true(fabs(g.ghost[449].t_s - 4.49) < 1e-3);
    assert_true(fabs(g.ghost[10].force_n - 301) < 1e-3);
    assert_true(fabs(g.ghost_pct - 95) < 1e-9);

    /* a level never played has no ghost: the previous level's is not kept */
    g.level_index = ladder_find(&g.ladder, "L05");
    persist_load_ghost(&g);
    assert_int_equal(g.n_ghost, 0);
    assert_null(g.ghost);

    persist_close(&g);
    ladder_free(&g.ladder);
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
