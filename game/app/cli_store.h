/* app/cli_store: what the clinic, bundle and report subcommands share — opening the data
 * folder's store, finding a profile by name with a message that lists the known ones, reading a
 * PIN from standard input and checking it, and the exit code for a store failure. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"

/* Exit code for a store that could not be opened or read: the data itself is wrong (2) or the
 * machine is (1). */
int cli_exit_for(StoreErrKind k);
/* Opens the store of --data-dir (NULL: the default folder); create = make the folder (0700) and
 * the file (0600) when missing. NULL after printing "bridgehold CMD: why". */
Store *cli_open_store(const char *cmd, const char *data_dir, bool create, int *rc);
/* Finds the profile; prints what is known and returns 2 when there is none, else 0. */
int cli_find_profile(const char *cmd, Store *s, const char *name, StoreProfile *out);
/* Reads one line (without its line end) from stdin; false at the end of input or when the line
 * is longer than cap - 1 bytes (*too_long then). */
bool cli_read_line(char *buf, size_t cap, bool *too_long);
/* Reads the PIN from stdin (pin_stdin) and checks it: 0 when right, else prints why and what to
 * do and returns 3 (wrong, too soon, not set, not given) or 1 (the store failed). */
int cli_check_pin(const char *cmd, Store *s, bool pin_stdin);
/* Wipes a buffer that held a PIN. */
void cli_wipe(void *buf, size_t n);
