/* sensor/trace_csv: the trace CSV format (ARCHITECTURE.md § File formats): a header line naming
 * columns, `#` comment lines, then one sample a row. Columns by name: t_s and force_n required;
 * left_n, right_n, pitch_deg, roll_deg optional; unknown columns ignored. Time never decreases.
 * Also accepted: blank lines and comments anywhere, CRLF line ends, a UTF-8 byte-order mark, and
 * column names in any letter case. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/diag.h"
#include "sensor/sensor.h"

#define TRACE_MAX_LINE 4096          /* bytes in one line, without its line end */
#define TRACE_MAX_COLUMNS 64         /* columns in the header */
#define TRACE_MAX_ERRORS 20          /* a file's errors reported before the reader gives up */
#define TRACE_MAX_FILE (512u << 20)  /* trace_load refuses larger files (bytes) */

typedef struct Trace {
    Sample *samples;
    size_t count;
    size_t cap;
    unsigned columns; /* SAMPLE_* bits the file has (SAMPLE_FORCE always) */
} Trace;

/* Parses a whole file. Every problem goes to diag as "file:line: what is wrong": empty file,
 * missing header (first line is data, or only comments), a header naming neither t_s nor force_n
 * or lacking one of them, left_n without right_n, an unnamed or repeated column, a non-numeric /
 * NaN / infinite field in a known column, time going backwards, a row with fewer or more fields
 * than the header, an over-long line, a NUL byte. A header problem stops the parse; row problems
 * are collected up to TRACE_MAX_ERRORS. A header with no rows is a valid, empty trace.
 * False on any error; *out is then empty. A file that cannot be opened is "file: reason". */
bool trace_load(const char *path, Trace *out, Diag *diag);
/* The same over memory (len bytes, need not be NUL-terminated); name stands for the file. */
bool trace_parse_buffer(const char *name, const char *data, size_t len, Trace *out, Diag *diag);
/* Streaming: calls row(ctx, s) for each good row in file order while reading path in
 * fixed-size pieces, one line held at a time, so memory does not grow with the file. The same
 * checks and messages as trace_load (which is built on it; files of any size are read). Rows
 * stop coming after the first error, but rows before it were delivered: on false, throw away
 * what they built. *columns (may be NULL) gets the header's SAMPLE_* bits (0 on error). */
typedef void (*TraceRowFn)(void *ctx, const Sample *s);
bool trace_stream(const char *path, TraceRowFn row, void *ctx, unsigned *columns, Diag *diag);
/* The same over pieces of any size the caller reads itself: new, feed every piece in order,
 * finish (returns true when the whole input was a good trace, and frees the reader). name
 * stands for the file in messages. */
typedef struct TraceReader TraceReader;
TraceReader *trace_reader_new(const char *name, TraceRowFn row, void *ctx, Diag *diag);
void trace_reader_feed(TraceReader *r, const char *data, size_t len);
bool trace_reader_finish(TraceReader *r, unsigned *columns);
void trace_free(Trace *t);
void trace_append(Trace *t, const Sample *s);

/* Writing: a header for the given SAMPLE_* columns, then rows; numbers printed so that reading
 * them back gives the same trace (to 1e-6 s and 1e-4 units). */
void trace_write_header(FILE *out, unsigned columns);
void trace_write_sample(FILE *out, const Sample *s, unsigned columns);
/* Writes a whole trace to path, mode 0600 (core/atomic_file: temp file, fsync, rename, so a
 * crash never leaves half a file), with the columns t->columns names (force always). Refuses a
 * trace that would not load back (a non-finite value, time going backwards). */
bool trace_save(const char *path, const Trace *t, char *err, size_t errlen);
