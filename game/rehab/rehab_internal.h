/* rehab/rehab_internal: helpers shared by the rehab parsers (not part of the module's API). */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/log.h"

/* Largest level, rules or history file we read; real ones are a few kilobytes. */
#define REHAB_MAX_FILE_BYTES (4u * 1024u * 1024u)

/* Tolerance for comparing decimals read from files: 1.1 + 3 must equal 4.1. */
#define REHAB_EPS 1e-9

/* Reads a whole text file into a malloc'd, terminated buffer; NULL with a message in diag when
 * it cannot be opened or read, is too large, or holds a NUL byte (not a text file). */
char *rehab_read_text(const char *path, Diag *diag);

/* How inih sees each line, so the parsers can tell a continuation line (an indented line after
 * a key: inih calls the handler again with the same key) from a repeated key. */
typedef enum LineKind {
    LINE_BLANK,   /* empty, a comment, or a line inih rejects */
    LINE_SECTION, /* [name] */
    LINE_KEY,     /* key = value */
    LINE_CONT,    /* indented line continuing the previous key's value */
} LineKind;

typedef struct RehabLines {
    LineKind *kind; /* kind[line - 1] */
    char **section; /* for LINE_SECTION lines: the name (malloc'd), else NULL */
    int count;
} RehabLines;

void rehab_lines_scan(RehabLines *l, const char *text);
void rehab_lines_free(RehabLines *l);
LineKind rehab_lines_kind(const RehabLines *l, int line);
/* Line of the first [name] header, 0 when there is none; *repeat gets the line of a second one
 * (0 when it appears once). */
int rehab_lines_section(const RehabLines *l, const char *name, int *repeat);

/* Messages collected while parsing, emitted in line order at the end (so a file's problems read
 * top to bottom, and a refused newer version can replace them all). */
typedef struct PendingMsg {
    int line;
    size_t seq;
    char *text;
} PendingMsg;

typedef struct Pending {
    PendingMsg *items;
    size_t count, cap;
} Pending;

void pending_add(Pending *p, int line, const char *fmt, ...) BH_PRINTF(3, 4);
/* Moves the messages into diag as "file:line: text", sorted by line; empties p. */
void pending_flush(Pending *p, const char *file, Diag *diag);
void pending_free(Pending *p);
/* Moves the messages of `from` (formatted "name:line: text" by diag_add) into p at their lines,
 * so inih's syntax errors sort in with the parser's own; empties `from`. */
void pending_take(Pending *p, Diag *from, const char *name);

/* rules_override_set into a Pending list (level.c collects a file's messages before emitting). */
struct RuleOverrides;
bool rules_override_parse(struct RuleOverrides *o, const char *key, const char *value, int line,
                          Pending *p);

/* Formats a number as the files hold it: at most two decimals, no trailing zeros. */
void rehab_fmt_num(char *buf, size_t cap, double v);
