/* sensor/capture_util: what the two capture formats (hidrec, evemu) and their backends share:
 * reading a text file whole, walking it line by line, the SECONDS.MICROS time both formats use,
 * hex bytes, and pacing a capture on the caller's clock. Private to the sensor module. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/diag.h"

#define CAPTURE_MAX_FILE (256u << 20) /* a capture larger than this is refused, not read */

/* Reads a whole file into a fresh NUL-terminated buffer (*data, freed by the caller). */
bool capture_read_file(const char *path, char **data, size_t *len, Diag *diag);

/* A line cursor over len bytes. */
typedef struct LineReader {
    const char *name;
    const char *data;
    size_t len, pos;
    int line;
    char *buf; /* the current line, NUL-terminated, without its newline or '\r' */
    size_t cap;
} LineReader;

void line_reader_init(LineReader *r, const char *name, const char *data, size_t len);
/* Next line into r->buf; false at the end. A NUL byte inside a line goes to diag (once) and the
 * line is cut there. */
bool line_reader_next(LineReader *r, Diag *diag);
void line_reader_free(LineReader *r);

/* Skips blanks (spaces and tabs). */
const char *capture_skip_blanks(const char *p);
/* Parses SECONDS.MICROS (seconds up to 4294967295, a dot, exactly 6 digits) at *p, advancing
 * *p. */
bool capture_parse_time(const char **p, double *t_s);
/* Writes t_s (>= 0) as SECONDS.MICROS, rounded to the microsecond. */
void capture_write_time(FILE *out, double t_s);
/* Parses a hexadecimal number of 1 to max_digits digits at *p (no 0x), advancing *p. */
bool capture_parse_hex(const char **p, int max_digits, unsigned long *out);
/* Parses a run of two-digit hex bytes separated by blanks at *p, appending up to max of them to
 * out (*n counts them). Stops at the end of the line or at '#'. False on a malformed byte or too
 * many bytes. */
bool capture_parse_hex_bytes(const char **p, uint8_t *out, size_t max, size_t *n);

/* Pacing a capture like a replay: events are released on the caller's clock, counted from the
 * first poll, at `speed` times real time, or all at once when speed < 0. */
typedef struct CapturePace {
    double speed;    /* > 0; < 0 = as fast as asked */
    bool started;
    double start_now;
} CapturePace;

/* speed as in SensorOptions: 0 means 1, < 0 means as fast as asked. */
void capture_pace_init(CapturePace *p, double speed);
/* Call at the start of each poll. */
void capture_pace_poll(CapturePace *p, double now_s);
/* True when an event `rel_t_s` seconds after the capture's first event is due at now_s. */
bool capture_pace_due(const CapturePace *p, double now_s, double rel_t_s);
