/* sensor/trace_csv: reading and writing trace CSV files. The reader is strict (a trace feeds
 * clinical numbers, so a damaged file is refused rather than half-read) and tells the user the
 * file, the line and what is wrong. */
#include "sensor/trace_csv.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/alloc.h"
#include "core/atomic_file.h"
#include "core/fastnum.h"
#include "core/str.h"

/* The columns the format knows, in the order they are written. */
enum { COL_IGNORED = -1, COL_T, COL_FORCE, COL_LEFT, COL_RIGHT, COL_PITCH, COL_ROLL, COL_KNOWN };
static const char *const COL_NAMES[COL_KNOWN] = {"t_s",    "force_n",   "left_n",
                                                 "right_n", "pitch_deg", "roll_deg"};

/* The line being assembled: its first bytes (enough for the longest allowed line plus a CR and
 * a byte-order mark) and what is known about the rest. */
#define LINE_KEEP (TRACE_MAX_LINE + 4)

struct TraceReader {
    const char *name;
    Diag *diag;
    TraceRowFn row;
    void *ctx;
    unsigned columns; /* SAMPLE_* bits of the header (SAMPLE_FORCE always) */
    size_t errors;    /* this file's own, whatever else diag holds */
    bool stop;        /* a fatal error (bad header) or too many errors */
    bool gave_up;     /* TRACE_MAX_ERRORS reached: nothing more is reported */
    bool have_header;
    int ncols;
    int role[TRACE_MAX_COLUMNS]; /* COL_* per column of the header */
    bool have_t;
    double last_t; /* the latest time so far, seconds */
    int lineno;
    size_t raw_len;  /* bytes of the current line so far (without its \n) */
    bool has_nul;    /* the current line holds a NUL byte */
    char last_byte;  /* its latest byte */
    char line[LINE_KEEP + 1];
};
typedef struct TraceReader Parser;

static void parse_error(Parser *p, int line, const char *fmt, ...) BH_PRINTF(3, 4);

static void parse_error(Parser *p, int line, const char *fmt, ...)
{
    char msg[384];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (p->gave_up)
        return;
    diag_add(p->diag, p->name, line, "%s", msg);
    if (++p->errors >= TRACE_MAX_ERRORS) {
        diag_add(p->diag, p->name, line, "too many errors; stopped reading here");
        p->gave_up = p->stop = true;
    }
}

/* A field as it may be quoted back to the user: short and printable. */
static void quote_field(const char *field, char *dst, size_t cap)
{
    size_t n = 0;
    for (const char *c = field; *c && n + 4 < cap; c++)
        dst[n++] = isprint((unsigned char)*c) ? *c : '?';
    if (field[n] != '\0') {
        memcpy(dst + n, "...", 3);
        n += 3;
    }
    dst[n] = '\0';
}

/* Splits line in place at commas; returns the number of fields (may exceed max, in which case
 * only the first max are stored). */
static int split_fields(char *line, char **fields, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        if (n < max)
            fields[n] = p;
        n++;
        if (!comma)
            return n;
        p = comma + 1;
    }
}

static int column_role(const char *name)
{
    for (int c = 0; c < COL_KNOWN; c++) {
        if (str_eq_nocase(name, COL_NAMES[c]))
            return c;
    }
    return COL_IGNORED;
}

/* The header decides everything after it, so any problem with it stops the parse. */
static void parse_header(Parser *p, char *line, int lineno)
{
    char *fields[TRACE_MAX_COLUMNS];
    int n = split_fields(line, fields, TRACE_MAX_COLUMNS);
    p->have_header = true;
    p->stop = true; /* until the header proves good */
    if (n > TRACE_MAX_COLUMNS) {
        parse_error(p, lineno, "the header has %d columns; at most %d are allowed", n,
                    TRACE_MAX_COLUMNS);
        return;
    }
    bool any_known = false;
    for (int i = 0; i < n; i++)
        any_known = column_role(str_trim(fields[i])) != COL_IGNORED || any_known;
    double ignored;
    if (!any_known && str_to_double(fields[0], &ignored)) {
        parse_error(p, lineno, "no header: the first line is data; a trace starts with a header "
                               "line naming its columns, e.g. t_s,force_n");
        return;
    }
    int where[COL_KNOWN] = {0}; /* 1-based column of each known name, 0 = absent */
    bool bad = false;
    for (int i = 0; i < n; i++) {
        const char *name = fields[i];
        if (*name == '\0') {
            parse_error(p, lineno, "column %d of the header has no name", i + 1);
            bad = true;
            continue;
        }
        for (int j = 0; j < i; j++) {
            if (str_eq_nocase(fields[j], name)) {
                char q[40];
                quote_field(name, q, sizeof q);
                parse_error(p, lineno, "column '%s' appears twice (columns %d and %d)", q, j + 1,
                            i + 1);
                bad = true;
                break;
            }
        }
        p->role[i] = column_role(name);
        if (p->role[i] != COL_IGNORED && where[p->role[i]] == 0)
            where[p->role[i]] = i + 1;
    }
    if (!where[COL_T] && !where[COL_FORCE]) {
        /* A spreadsheet set to another locale writes semicolons or tabs: say so. */
        bool other_sep = n == 1 && strpbrk(fields[0], ";\t") != NULL;
        parse_error(p, lineno, "the header names neither t_s nor force_n; a trace needs both "
                               "(optional: left_n, right_n, pitch_deg, roll_deg)%s",
                    other_sep ? "; columns must be separated by commas" : "");
        return;
    }
    if (!where[COL_T]) {
        parse_error(p, lineno, "the header has no t_s column (time, seconds)");
        bad = true;
    }
    if (!where[COL_FORCE]) {
        parse_error(p, lineno, "the header has no force_n column (force, newtons)");
        bad = true;
    }
    if (!where[COL_LEFT] != !where[COL_RIGHT]) {
        parse_error(p, lineno, "the header has %s without %s; give both or neither",
                    where[COL_LEFT] ? "left_n" : "right_n", where[COL_LEFT] ? "right_n" : "left_n");
        bad = true;
    }
    if (bad)
        return;
    p->ncols = n;
    p->columns = SAMPLE_FORCE | (where[COL_LEFT] ? SAMPLE_LEFT_RIGHT : 0u) |
                      (where[COL_PITCH] ? SAMPLE_PITCH : 0u) | (where[COL_ROLL] ? SAMPLE_ROLL : 0u);
    p->stop = false;
}

static double *sample_field(Sample *s, int role)
{
    switch (role) {
    case COL_T: return &s->t_s;
    case COL_FORCE: return &s->force_n;
    case COL_LEFT: return &s->left_n;
    case COL_RIGHT: return &s->right_n;
    case COL_PITCH: return &s->pitch_deg;
    default: return &s->roll_deg;
    }
}

static void parse_row(Parser *p, char *line, int lineno)
{
    char *fields[TRACE_MAX_COLUMNS];
    int n = split_fields(line, fields, TRACE_MAX_COLUMNS);
    if (n < p->ncols) {
        parse_error(p, lineno, "short row: %d field%s, the header has %d", n, n == 1 ? "" : "s",
                    p->ncols);
        return;
    }
    if (n > p->ncols) {
        parse_error(p, lineno, "too many fields: %d, the header has %d", n, p->ncols);
        return;
    }
    Sample s = {0};
    s.has = p->columns;
    for (int i = 0; i < n; i++) {
        if (p->role[i] == COL_IGNORED)
            continue;
        if (!fastnum_to_double(fields[i], sample_field(&s, p->role[i]))) {
            char q[40];
            quote_field(fields[i], q, sizeof q);
            parse_error(p, lineno, "%s is not a number ('%s')", COL_NAMES[p->role[i]], q);
            return;
        }
    }
    if (p->have_t && s.t_s < p->last_t) {
        parse_error(p, lineno, "time goes backwards: t_s %.9g comes after %.9g", s.t_s,
                    p->last_t);
        return;
    }
    p->have_t = true;
    p->last_t = s.t_s;
    if (p->errors == 0) /* after an error the caller throws its results away anyway */
        p->row(p->ctx, &s);
}

static bool is_blank_or_comment(const char *line)
{
    while (isspace((unsigned char)*line))
        line++;
    return *line == '\0' || *line == '#';
}

TraceReader *trace_reader_new(const char *name, TraceRowFn row, void *ctx, Diag *diag)
{
    TraceReader *p = xcalloc(1, sizeof *p);
    p->name = name;
    p->diag = diag;
    p->row = row;
    p->ctx = ctx;
    for (int i = 0; i < TRACE_MAX_COLUMNS; i++)
        p->role[i] = COL_IGNORED;
    return p;
}

/* A whole line has been read: check it and hand it to the header or row parser. */
static void end_line(Parser *p)
{
    p->lineno++;
    char *start = p->line;
    size_t n = p->raw_len;
    /* A UTF-8 byte-order mark, as spreadsheets write, before the first line. */
    if (p->lineno == 1 && n >= 3 && memcmp(start, "\xEF\xBB\xBF", 3) == 0) {
        start += 3;
        n -= 3;
    }
    if (n > 0 && p->last_byte == '\r')
        n--; /* CRLF */
    bool nul = p->has_nul;
    p->raw_len = 0;
    p->has_nul = false;
    if (nul) {
        parse_error(p, p->lineno, "NUL byte in the line (is this a text file?)");
        return;
    }
    if (n > TRACE_MAX_LINE) {
        parse_error(p, p->lineno, "line is longer than %d characters", TRACE_MAX_LINE);
        return;
    }
    start[n] = '\0';
    if (is_blank_or_comment(start))
        return;
    if (!p->have_header)
        parse_header(p, start, p->lineno);
    else
        parse_row(p, start, p->lineno);
}

/* Adds len bytes (no newline among them) to the current line, keeping only what fits. */
static void add_to_line(Parser *p, const char *data, size_t len)
{
    if (len == 0)
        return;
    if (p->raw_len < LINE_KEEP) {
        size_t keep = LINE_KEEP - p->raw_len;
        memcpy(p->line + p->raw_len, data, len < keep ? len : keep);
    }
    p->raw_len += len;
    p->has_nul = p->has_nul || memchr(data, '\0', len) != NULL;
    p->last_byte = data[len - 1];
}

void trace_reader_feed(TraceReader *p, const char *data, size_t len)
{
    while (len > 0 && !p->stop) {
        const char *nl = memchr(data, '\n', len);
        size_t n = nl ? (size_t)(nl - data) : len;
        add_to_line(p, data, n);
        if (!nl)
            return; /* the line goes on in the next piece */
        end_line(p);
        data += n + 1;
        len -= n + 1;
    }
}

bool trace_reader_finish(TraceReader *p, unsigned *columns)
{
    if (p->raw_len > 0 && !p->stop)
        end_line(p); /* a last line without a line end */
    if (!p->have_header && p->errors == 0) {
        if (p->lineno == 0)
            parse_error(p, 1, "empty file: a trace starts with a header line naming its "
                              "columns, e.g. t_s,force_n");
        else
            parse_error(p, p->lineno, "no header: the file holds only comments and blank lines");
    }
    bool ok = p->errors == 0;
    if (columns)
        *columns = ok ? p->columns : 0;
    free(p);
    return ok;
}

static void append_row(void *ctx, const Sample *s)
{
    trace_append(ctx, s);
}

bool trace_parse_buffer(const char *name, const char *data, size_t len, Trace *out, Diag *diag)
{
    memset(out, 0, sizeof *out);
    TraceReader *r = trace_reader_new(name, append_row, out, diag);
    trace_reader_feed(r, data, len);
    if (!trace_reader_finish(r, &out->columns)) {
        trace_free(out);
        return false;
    }
    return true;
}

/* Reads path through r in fixed-size pieces and finishes r. max_bytes > 0 refuses longer
 * files. */
static bool stream_file(const char *path, TraceReader *r, size_t max_bytes, unsigned *columns,
                        Diag *diag)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_add(diag, path, 0, "cannot open: %s", strerror(errno));
        free(r); /* nothing was read: no verdict on the contents */
        if (columns)
            *columns = 0;
        return false;
    }
    enum { CHUNK = 1 << 16 };
    char *buf = xmalloc(CHUNK);
    size_t total = 0;
    bool ok = true;
    for (;;) {
        size_t got = fread(buf, 1, CHUNK, f);
        total += got;
        if (max_bytes > 0 && total > max_bytes) {
            diag_add(diag, path, 0, "file is larger than %u MiB; not a trace?",
                     (unsigned)(max_bytes >> 20));
            ok = false;
            break;
        }
        if (got == 0) {
            if (ferror(f)) {
                diag_add(diag, path, 0, "cannot read: %s", strerror(errno));
                ok = false;
            }
            break;
        }
        trace_reader_feed(r, buf, got);
    }
    free(buf);
    fclose(f);
    if (!ok) { /* cut short: what was read says nothing about the file as a whole */
        free(r);
        if (columns)
            *columns = 0;
        return false;
    }
    return trace_reader_finish(r, columns);
}

bool trace_stream(const char *path, TraceRowFn row, void *ctx, unsigned *columns, Diag *diag)
{
    return stream_file(path, trace_reader_new(path, row, ctx, diag), 0, columns, diag);
}

bool trace_load(const char *path, Trace *out, Diag *diag)
{
    memset(out, 0, sizeof *out);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > TRACE_MAX_FILE) {
        diag_add(diag, path, 0, "file is larger than %u MiB; not a trace?",
                 (unsigned)(TRACE_MAX_FILE >> 20));
        return false;
    }
    TraceReader *r = trace_reader_new(path, append_row, out, diag);
    if (!stream_file(path, r, TRACE_MAX_FILE, &out->columns, diag)) {
        trace_free(out);
        return false;
    }
    return true;
}

void trace_free(Trace *t)
{
    free(t->samples);
    memset(t, 0, sizeof *t);
}

void trace_append(Trace *t, const Sample *s)
{
    void *p = t->samples;
    xgrow(&p, &t->cap, t->count + 1, sizeof *t->samples);
    t->samples = p;
    t->samples[t->count++] = *s;
}

void trace_write_header(FILE *out, unsigned columns)
{
    fputs("t_s,force_n", out);
    if (columns & SAMPLE_LEFT_RIGHT)
        fputs(",left_n,right_n", out);
    if (columns & SAMPLE_PITCH)
        fputs(",pitch_deg", out);
    if (columns & SAMPLE_ROLL)
        fputs(",roll_deg", out);
    fputc('\n', out);
}

/* Microseconds and 1e-4 N / 1e-4 degree are below any sensor's resolution; fixed-point output
 * keeps files diffable and reads back to within half a unit of the last digit. */
void trace_write_sample(FILE *out, const Sample *s, unsigned columns)
{
    fprintf(out, "%.6f,%.4f", s->t_s, s->force_n);
    if (columns & SAMPLE_LEFT_RIGHT)
        fprintf(out, ",%.4f,%.4f", s->left_n, s->right_n);
    if (columns & SAMPLE_PITCH)
        fprintf(out, ",%.4f", s->pitch_deg);
    if (columns & SAMPLE_ROLL)
        fprintf(out, ",%.4f", s->roll_deg);
    fputc('\n', out);
}

/* A trace that would not load back is refused before anything touches the disk. */
static bool trace_check(const Trace *t, unsigned columns, char *err, size_t errlen)
{
    for (size_t i = 0; i < t->count; i++) {
        const Sample *s = &t->samples[i];
        bool finite = isfinite(s->t_s) && isfinite(s->force_n) &&
                      (!(columns & SAMPLE_LEFT_RIGHT) ||
                       (isfinite(s->left_n) && isfinite(s->right_n))) &&
                      (!(columns & SAMPLE_PITCH) || isfinite(s->pitch_deg)) &&
                      (!(columns & SAMPLE_ROLL) || isfinite(s->roll_deg));
        if (!finite) {
            snprintf(err, errlen, "sample %zu has a value that is not a finite number", i + 1);
            return false;
        }
        if (i > 0 && s->t_s < t->samples[i - 1].t_s) {
            snprintf(err, errlen, "sample %zu goes back in time (%.6f s after %.6f s)", i + 1,
                     s->t_s, t->samples[i - 1].t_s);
            return false;
        }
    }
    return true;
}

bool trace_save(const char *path, const Trace *t, char *err, size_t errlen)
{
    unsigned columns = t->columns | SAMPLE_FORCE;
    if (!trace_check(t, columns, err, errlen))
        return false;
    /* All or nothing, and private (0600): a trace is a patient's force data (issue 8). */
    AtomicFile af;
    if (!atomic_file_open(&af, path, err, errlen))
        return false;
    trace_write_header(af.f, columns);
    for (size_t i = 0; i < t->count; i++)
        trace_write_sample(af.f, &t->samples[i], columns);
    return atomic_file_commit(&af, err, errlen);
}
