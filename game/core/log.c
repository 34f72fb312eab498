/* core/log: leveled logging to stderr. */
#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static LogLevel g_level = LOG_WARN;

void log_set_level(LogLevel level) { g_level = level; }
LogLevel log_get_level(void) { return g_level; }

void log_init_from_env(void)
{
    const char *v = getenv("BRIDGEHOLD_LOG");
    if (!v)
        return;
    if (strcmp(v, "debug") == 0)
        g_level = LOG_DEBUG;
    else if (strcmp(v, "info") == 0)
        g_level = LOG_INFO;
    else if (strcmp(v, "warn") == 0)
        g_level = LOG_WARN;
    else if (strcmp(v, "error") == 0)
        g_level = LOG_ERROR;
}

static const char *level_name(LogLevel level)
{
    switch (level) {
    case LOG_DEBUG: return "debug";
    case LOG_INFO: return "info";
    case LOG_WARN: return "warning";
    case LOG_ERROR: return "error";
    }
    return "?";
}

void log_msg(LogLevel level, const char *module, const char *fmt, ...)
{
    if (level < g_level)
        return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "bridgehold: %s: %s: ", module, level_name(level));
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void log_fatal(const char *module, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "bridgehold: %s: fatal: ", module);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}
