/* ini/inifile: read INI text with inih and know the line of every key, so that every error can
 * be reported as file:line. Values are trimmed; `;` and `#` start comments. */
#pragma once
#include <stdbool.h>

#include "core/diag.h"

/* Called for each key. `line` is 1-based. Return false to record nothing more (errors are the
 * callback's to add to the Diag it was given through user). */
typedef void (*IniKeyFn)(void *user, const char *section, const char *key, const char *value,
                         int line);

/* Maximum line length the reader accepts (inih's own limit, minus the newline). */
#define INI_LINE_MAX 199

/* Reads path; syntax errors and over-long lines go to diag as "path:line: ...". *n_lines (may be
 * NULL) gets the number of lines read. False when the file cannot be read, or when anything
 * (inih or the callback) added a message to diag while reading it. */
bool ini_read_file(const char *path, IniKeyFn fn, void *user, Diag *diag, int *n_lines);
/* The same over an in-memory text (fuzzers, tests); `name` stands for the file in messages. */
bool ini_read_string(const char *name, const char *text, IniKeyFn fn, void *user, Diag *diag,
                     int *n_lines);
