/* sensor/trace_csv: the trace CSV format (ARCHITECTURE.md § File formats): a header line naming
 * columns, `#` comment lines, then one sample a row. Columns by name: t_s and force_n required;
 * left_n, right_n, pitch_deg, roll_deg optional; unknown columns ignored. Time never decreases. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/diag.h"
#include "sensor/sensor.h"

typedef struct Trace {
    Sample *samples;
    size_t count;
    size_t cap;
    unsigned columns; /* SAMPLE_* bits the file has (SAMPLE_FORCE always) */
} Trace;

/* Parses a whole file. Every problem goes to diag as "file:line: what is wrong" (missing header,
 * missing t_s/force_n, non-numeric/NaN/inf field, decreasing time, short row, empty file).
 * False on any error; *out is then empty. */
bool trace_load(const char *path, Trace *out, Diag *diag);
/* The same over memory (len bytes, need not be NUL-terminated); name stands for the file. */
bool trace_parse_buffer(const char *name, const char *data, size_t len, Trace *out, Diag *diag);
void trace_free(Trace *t);
void trace_append(Trace *t, const Sample *s);

/* Writing: a header for the given SAMPLE_* columns, then rows; numbers printed so that reading
 * them back gives the same trace (to 1e-6 s and 1e-4 units). */
void trace_write_header(FILE *out, unsigned columns);
void trace_write_sample(FILE *out, const Sample *s, unsigned columns);
/* Writes a whole trace to path (temp file + rename, so a crash never leaves half a file). */
bool trace_save(const char *path, const Trace *t, char *err, size_t errlen);
