/* Shared set-up for the game-level UI tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ui_game_util.h"

void ui_game_at_level(Game *g, const char *level)
{
    game_init(g);
    Diag d;
    diag_init(&d);
    assert_true(ladder_load_dir(BH_TEST_LEVELS, &g->ladder, &d));
    diag_free(&d);
    g->level_index = ladder_find(&g->ladder, level);
    assert_true(g->level_index >= 0);
}

void ui_run_until(Game *g, double t)
{
    while (g->now < t) {
        g->now += GAME_TICK_S;
        game_tick(g);
    }
}
