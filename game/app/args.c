/* app/args: long-option helpers shared by the subcommands. */
#include "app/args.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/str.h"

bool args_take(int argc, char **argv, int *i, const char *name, const char **value)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0)
        return false;
    if (a[n] == '=') {
        *value = a + n + 1;
        return true;
    }
    if (a[n] != '\0')
        return false;
    if (*i + 1 < argc) {
        *i += 1;
        *value = argv[*i];
    } else {
        *value = NULL;
    }
    return true;
}

int args_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "bridgehold %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    if (usage)
        fprintf(stderr, "usage: %s\n", usage);
    return 2;
}

bool args_number(const char *cmd, const char *usage, const char *name, const char *value,
                 double lo, double hi, double *out)
{
    double v;
    if (!value) {
        args_usage_error(cmd, usage, "%s needs a value", name);
        return false;
    }
    if (!str_to_double(value, &v)) {
        args_usage_error(cmd, usage, "%s: '%s' is not a number", name, value);
        return false;
    }
    if (v < lo || v > hi) {
        args_usage_error(cmd, usage, "%s: %s is out of range (%g to %g)", name, value, lo, hi);
        return false;
    }
    *out = v;
    return true;
}
