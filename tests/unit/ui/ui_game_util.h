/* Shared set-up for the game-level UI tests: a Game whose Play is on one level of the shipped
 * ladder (and rules), an input opened through the Play, and the fixed-tick loop a window runs. */
#pragma once
#include "ui/game.h"

/* The shipped rules next to the shipped ladder. */
#define UI_TEST_RULES BH_TEST_LEVELS "/rules.ini"

/* What a test's Play starts with: level (NULL = the ladder's first), a clinician's MVC in
 * newtons (0 = none), a data folder (NULL = no database) and a fixed date (NULL = today). */
typedef struct UiPlaySpec {
    const char *level;
    double mvc_n;
    const char *data_dir;
    const char *today;
    bool store_may_fail; /* a test of what the screens say without a database */
} UiPlaySpec;

/* A Play from spec (the test fails if the ladder, the rules or the database do not open). */
Play *ui_play_new(const UiPlaySpec *spec);
/* game_init with ui_play_new(spec). */
void ui_game_new(Game *g, const UiPlaySpec *spec);
/* game_init with a Play on `level`, no database, no input yet. */
void ui_game_at_level(Game *g, const char *level);
/* Opens input SPEC on the game's Play (the test fails with the reason when it cannot). */
void ui_game_input(Game *g, const char *spec);
/* Advances the game clock tick by tick, as a window does, until it reaches t seconds. */
void ui_run_until(Game *g, double t);
/* Sends one input action to the game (what a key press does). */
void ui_send(Game *g, UiAction a);
