/* core/log: leveled logging to stderr; the one place the program prints diagnostics. */
#pragma once

typedef enum LogLevel { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR } LogLevel;

/* Messages below this level are dropped. Default LOG_WARN; BRIDGEHOLD_LOG=debug|info lowers it. */
void log_set_level(LogLevel level);
LogLevel log_get_level(void);
void log_init_from_env(void);

#if defined(__GNUC__)
#define BH_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define BH_NORETURN __attribute__((noreturn))
#else
#define BH_PRINTF(a, b)
#define BH_NORETURN
#endif

void log_msg(LogLevel level, const char *module, const char *fmt, ...) BH_PRINTF(3, 4);

#define log_debug(mod, ...) log_msg(LOG_DEBUG, mod, __VA_ARGS__)
#define log_info(mod, ...) log_msg(LOG_INFO, mod, __VA_ARGS__)
#define log_warn(mod, ...) log_msg(LOG_WARN, mod, __VA_ARGS__)
#define log_error(mod, ...) log_msg(LOG_ERROR, mod, __VA_ARGS__)

/* Start-up only: print and exit(1). Recoverable errors return a status instead. */
BH_NORETURN void log_fatal(const char *module, const char *fmt, ...) BH_PRINTF(2, 3);
