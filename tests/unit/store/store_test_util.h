/* Helpers shared by the store tests: scratch folders, whole-file reads, a raw SQLite connection,
 * a small JSON well-formedness check, and filling a store with a known history. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* A fresh empty folder under $TMPDIR (or /tmp); returns a malloc'd path. */
char *tu_tempdir(void);
/* Removes a folder made by tu_tempdir and everything in it (recursively). */
void tu_rmtree(const char *dir);
/* A new store in a fresh tu_tempdir folder (*dir gets the malloc'd folder even on failure);
 * NULL, with the store's message on stderr, when it cannot be opened. */
Store *tu_store_fresh(char **dir);
/* Closes a store made by tu_store_fresh, removes its folder and frees the folder's name. */
void tu_store_drop(Store *s, char *dir);
/* The whole file, malloc'd (NUL-terminated, *n bytes); NULL when it cannot be read. */
unsigned char *tu_read_file(const char *path, size_t *n);
bool tu_write_file(const char *path, const void *data, size_t n);
/* "dir/name" in a static buffer (one at a time). */
const char *tu_path(const char *dir, const char *name);
/* Runs SQL on the file with a plain sqlite3 connection (no Bridgehold code); false on error. */
bool tu_sql(const char *db_path, const char *sql);
/* Reads one integer with a plain connection; -1 on error. */
long long tu_sql_int(const char *db_path, const char *sql);
/* True when text is one well-formed JSON value (RFC 8259), surrounding blanks allowed. */
bool tu_json_valid(const char *text);
/* Mode bits (& 0777) of a path; -1 when it does not exist. */
int tu_mode(const char *path);

/* Local-noon Unix time of a date (so the store's local date is that date in any time zone). */
int64_t tu_noon(int year, int month, int day);

/* Fills `s` with profile "Ann" and the history the CSV test expects (see store_test_util.c). */
int64_t tu_fill_history(Store *s);
extern const char TU_HISTORY_CSV[];
