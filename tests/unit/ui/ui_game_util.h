/* Shared set-up for the game-level UI tests: a Game on one level of the shipped ladder, and
 * the fixed-tick loop that headless play runs. */
#pragma once
#include "ui/game.h"

/* game_init, the shipped ladder (the test fails if it does not load), and `level` current. */
void ui_game_at_level(Game *g, const char *level);
/* Advances the game clock tick by tick, as headless play does, until it reaches t seconds. */
void ui_run_until(Game *g, double t);
