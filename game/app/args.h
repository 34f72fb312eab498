/* app/args: small helpers for the subcommands' long options (--name VALUE or --name=VALUE). */
#pragma once
#include <stdbool.h>

#include "core/log.h"

/* If argv[*i] is `name` or `name=...`, sets *value, advances *i past a separate value and returns
 * true. A missing value sets *value to NULL (the caller reports it with args_missing). */
bool args_take(int argc, char **argv, int *i, const char *name, const char **value);
/* Prints "bridgehold CMD: message" and the usage line to stderr; returns 2. */
int args_usage_error(const char *cmd, const char *usage, const char *fmt, ...) BH_PRINTF(3, 4);
/* Parses a finite number for option `name`; on failure prints a usage error and returns false. */
bool args_number(const char *cmd, const char *usage, const char *name, const char *value,
                 double lo, double hi, double *out);
