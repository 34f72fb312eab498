/* Shared set-up for the game-level UI tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "ui_game_util.h"

Play *ui_play_new(const UiPlaySpec *spec)
{
    PlayOptions o;
    memset(&o, 0, sizeof o);
    o.levels_dir = BH_TEST_LEVELS;
    o.rules_file = UI_TEST_RULES;
    o.level = spec->level;
    o.mvc_n = spec->mvc_n;
    o.data_dir = spec->data_dir;
    o.no_store = spec->data_dir == NULL;
    o.today = spec->today;
    char err[512] = "";
    bool bad_file = false;
    Play *p = play_new(&o, err, sizeof err, &bad_file);
    if (!p)
        fail_msg("play_new: %s", err);
    if (spec->data_dir && !spec->store_may_fail && !play_state(p)->has_store)
        fail_msg("no database in %s: %s", spec->data_dir, play_state(p)->storage_msg);
    return p;
}

void ui_game_new(Game *g, const UiPlaySpec *spec) { game_init(g, ui_play_new(spec)); }

void ui_game_at_level(Game *g, const char *level)
{
    UiPlaySpec s = {.level = level};
    ui_game_new(g, &s);
}

void ui_game_input(Game *g, const char *spec)
{
    char err[512] = "";
    if (!play_open_input(g->play, spec, NULL, err, sizeof err))
        fail_msg("cannot open input %s: %s", spec, err);
}

void ui_run_until(Game *g, double t)
{
    while (g->now < t) {
        g->now += GAME_TICK_S;
        game_tick(g);
    }
}

void ui_send(Game *g, UiAction a)
{
    UiInput in;
    memset(&in, 0, sizeof in);
    in.action = a;
    game_input(g, &in);
}
