/* ui/persist: the game's bridge to storage and the progression rules. Every finished set is
 * committed the moment it ends; pain answers as they are given; when a session ends (or a
 * morning answer arrives) the rules decide the next level and the decision is stored with its
 * reason. A storage failure never stops play: the message is shown and kept in g->storage_msg. */
#pragma once
#include <stdbool.h>

#include "ui/game.h"

/* Opens the database in data_dir (NULL: the default folder). False + message in err. */
bool persist_open(Game *g, const char *data_dir, char *err, size_t errlen);
void persist_close(Game *g);
/* Number of profiles stored (0 on a first run); names via persist_profile_name. */
size_t persist_profile_count(Game *g);
const char *persist_profile_name(Game *g, size_t i);
/* Makes `name` the player: loads the profile, its level, latest MVC, whether the morning
 * question is due and the latest decision. False when there is no such profile. */
bool persist_use_profile(Game *g, const char *name);
/* Stores g->profile as a new profile (first run) and makes it the player. */
bool persist_create_profile(Game *g);

/* Unix seconds to stamp on what is stored: the wall clock, or with --today that day at noon
 * plus the game clock. */
long long persist_clock(const Game *g);
/* Today's date (unless --today fixed it) and whether the morning question is owed now. */
void persist_refresh_day(Game *g);
void persist_session_begin(Game *g);
/* Loads the patient's best earlier hold at the current level (highest time in band, not
 * interrupted) as the ghost to beat, into g->ghost. Nothing when there is none. */
void persist_load_ghost(Game *g);
/* Commits one finished set with its trace, in its own transaction. */
void persist_set_done(Game *g, const SetResult *r);
typedef enum PersistPain { PERSIST_BEFORE, PERSIST_SET, PERSIST_AFTER } PersistPain;
void persist_pain(Game *g, PersistPain kind, int set_index, int value);
/* Closes the session (finished or interrupted) and decides the next level. */
void persist_session_end(Game *g, bool completed);
/* Records the morning load test for the session it is about, then decides again. */
void persist_morning(Game *g, int value);
/* True when no sitting-tolerance answer was given in the last 7 days. */
bool persist_sitting_due(Game *g);
void persist_sitting(Game *g, int minutes);
