/* core/diag: collected user-facing diagnostics in the form "file:line: what is wrong". */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/log.h"

typedef struct Diag {
    char **msgs;
    size_t count;
    size_t cap;
    size_t limit; /* stop keeping messages past this many (0 = 100); count still grows */
    size_t dropped;
} Diag;

void diag_init(Diag *d);
void diag_free(Diag *d);
/* Adds "file:line: message" (or "file: message" when line <= 0). */
void diag_add(Diag *d, const char *file, int line, const char *fmt, ...) BH_PRINTF(4, 5);
bool diag_has_errors(const Diag *d);
/* Prints every message, one a line; mentions how many were left out past the limit. */
void diag_print(const Diag *d, FILE *out);
/* The first message, or "" when none. */
const char *diag_first(const Diag *d);
