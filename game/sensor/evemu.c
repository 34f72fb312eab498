/* sensor/evemu: evemu captures, parsed strictly (every problem with its line) and written in the
 * form evemu-play reads back (see the header). */
#include "sensor/evemu.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <linux/input-event-codes.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/str.h"
#include "sensor/capture_util.h"

void evemu_free(EvemuCapture *c)
{
    free(c->events);
    memset(c, 0, sizeof *c);
}

void evemu_append(EvemuCapture *c, double t_s, unsigned type, unsigned code, int32_t value)
{
    void *p = c->events;
    xgrow(&p, &c->cap, c->count + 1, sizeof *c->events);
    c->events = p;
    c->events[c->count++] = (EvemuEvent){t_s, (uint16_t)type, (uint16_t)code, value};
}

typedef struct Parser {
    const char *name;
    EvemuCapture *c;
    Diag *diag;
    bool seen_anything;
    int last_event_line;
} Parser;

/* A field ends at a blank, the end of the line or a '#' comment. */
static bool at_field_end(const char *p) { return !*p || *p == ' ' || *p == '\t' || *p == '#'; }

static bool at_line_end(const char *p)
{
    p = capture_skip_blanks(p);
    return !*p || *p == '#';
}

static bool field_hex(const char **p, int max_digits, unsigned long *v)
{
    *p = capture_skip_blanks(*p);
    return capture_parse_hex(p, max_digits, v) && at_field_end(*p);
}

static bool field_int(const char **pp, long *v)
{
    const char *p = capture_skip_blanks(*pp);
    const char *start = p;
    if (*p == '-' || *p == '+')
        p++;
    if (!isdigit((unsigned char)*p))
        return false;
    while (isdigit((unsigned char)*p))
        p++;
    if (!at_field_end(p) || p - start > 11)
        return false;
    errno = 0;
    long x = strtol(start, NULL, 10);
    if (errno == ERANGE || x < INT32_MIN || x > INT32_MAX)
        return false;
    *v = x;
    *pp = p;
    return true;
}

/* The first line may name the format version: "# EVEMU 1.3". */
static void check_version(Parser *ps, const char *s, int line)
{
    const char *p = capture_skip_blanks(s + 1);
    if (strncmp(p, "EVEMU", 5) != 0)
        return;
    p = capture_skip_blanks(p + 5);
    long major = 0;
    while (isdigit((unsigned char)*p) && major < 1000)
        major = major * 10 + (*p++ - '0');
    if (major > EVEMU_FORMAT_MAJOR)
        diag_add(ps->diag, ps->name, line, "evemu format %ld.x is newer than this program reads "
                 "(%d.x)", major, EVEMU_FORMAT_MAJOR);
}

static void parse_event(Parser *ps, const char *p, int line)
{
    EvemuCapture *c = ps->c;
    double t;
    unsigned long type, code;
    long value;
    p = capture_skip_blanks(p);
    if (!capture_parse_time(&p, &t) || !at_field_end(p) || !field_hex(&p, 4, &type) ||
        !field_hex(&p, 4, &code) || !field_int(&p, &value) || !at_line_end(p)) {
        diag_add(ps->diag, ps->name, line, "E: expected `SECONDS.MICROSECONDS TYPE CODE VALUE` "
                 "(type and code in hex, value decimal, e.g. `E: 0.000001 0003 0010 1234`)");
        return;
    }
    if (type >= EV_CNT || code >= KEY_CNT) {
        diag_add(ps->diag, ps->name, line, "E: event type %#lx or code %#lx is out of range "
                 "(type < %#x, code < %#x)", type, code, EV_CNT, KEY_CNT);
        return;
    }
    if (c->count && t < c->events[c->count - 1].t_s) {
        diag_add(ps->diag, ps->name, line, "E: time %.6f goes backwards (line %d was at %.6f)", t,
                 ps->last_event_line, c->events[c->count - 1].t_s);
        return;
    }
    evemu_append(c, t, (unsigned)type, (unsigned)code, (int32_t)value);
    ps->last_event_line = line;
}

/* Description lines: only their shape is checked (n hex fields of at most `digits` digits, then
 * `ints` decimal fields, of which the last `optional` may be missing). */
static void parse_desc(Parser *ps, char kind, const char *p, int line, int hexes, int digits,
                       int ints, int optional)
{
    unsigned long h;
    long v;
    bool ok = true;
    for (int i = 0; i < hexes && ok; i++)
        ok = field_hex(&p, digits, &h);
    for (int i = 0; i < ints && ok; i++) {
        if (i >= ints - optional && at_line_end(p))
            break;
        ok = field_int(&p, &v);
    }
    if (ok && !at_line_end(p))
        ok = false;
    if (!ok)
        diag_add(ps->diag, ps->name, line, "%c: line has the wrong fields (%d hex%s%s)", kind,
                 hexes, ints ? " then decimal numbers" : "",
                 optional ? ", see evemu's README" : "");
}

static void parse_ids(Parser *ps, const char *p, int line)
{
    unsigned long v[4];
    for (int i = 0; i < 4; i++) {
        if (!field_hex(&p, 4, &v[i])) {
            diag_add(ps->diag, ps->name, line, "I: expected `bus vendor product version` in hex "
                     "(e.g. `I: 0005 057e 0306 8001`)");
            return;
        }
    }
    if (!at_line_end(p)) {
        diag_add(ps->diag, ps->name, line, "I: has more than bus, vendor, product and version");
        return;
    }
    EvemuCapture *c = ps->c;
    if (!c->has_id) {
        c->has_id = true;
        c->bus = (unsigned)v[0];
        c->vid = (unsigned)v[1];
        c->pid = (unsigned)v[2];
        c->version = (unsigned)v[3];
    }
}

static void parse_line(Parser *ps, const char *s, int line)
{
    const char *p = capture_skip_blanks(s);
    if (*p == '#') {
        if (line == 1)
            check_version(ps, p, line);
        return;
    }
    if (*p == '\0')
        return;
    if (!(p[0] >= 'A' && p[0] <= 'Z') || p[1] != ':') {
        diag_add(ps->diag, ps->name, line, "expected a `#` comment or a line starting `N:`, `I:`, "
                 "`P:`, `B:`, `A:`, `L:`, `S:` or `E:`");
        return;
    }
    char kind = p[0];
    p += 2;
    ps->seen_anything = true;
    switch (kind) {
    case 'N':
        if (!ps->c->name[0]) {
            char tmp[256];
            str_copy(tmp, sizeof tmp, capture_skip_blanks(p));
            str_copy(ps->c->name, sizeof ps->c->name, str_trim(tmp));
        }
        break;
    case 'I': parse_ids(ps, p, line); break;
    case 'P': parse_desc(ps, kind, p, line, 8, 2, 0, 0); break;
    case 'B': parse_desc(ps, kind, p, line, 9, 2, 0, 0); break;
    case 'A': parse_desc(ps, kind, p, line, 1, 2, 5, 1); break;
    case 'L':
    case 'S': parse_desc(ps, kind, p, line, 1, 2, 1, 0); break;
    case 'E': parse_event(ps, p, line); break;
    default:
        diag_add(ps->diag, ps->name, line, "unknown line kind `%c:` (an evemu capture has N:, I:, "
                 "P:, B:, A:, L:, S: and E: lines)", kind);
        break;
    }
}

bool evemu_parse_buffer(const char *name, const char *data, size_t len, EvemuCapture *out,
                        Diag *diag)
{
    memset(out, 0, sizeof *out);
    size_t before = diag->count;
    Parser ps = {.name = name, .c = out, .diag = diag};
    LineReader r;
    line_reader_init(&r, name, data, len);
    while (line_reader_next(&r, diag))
        parse_line(&ps, r.buf, r.line);
    line_reader_free(&r);
    if (!ps.seen_anything && diag->count == before)
        diag_add(diag, name, 0, "is empty: not an evemu capture (no N:, I: or E: line)");
    if (diag->count != before) {
        evemu_free(out);
        return false;
    }
    return true;
}

bool evemu_load(const char *path, EvemuCapture *out, Diag *diag)
{
    char *data;
    size_t len;
    memset(out, 0, sizeof *out);
    if (!capture_read_file(path, &data, &len, diag))
        return false;
    bool ok = evemu_parse_buffer(path, data, len, out, diag);
    free(data);
    return ok;
}

/* B: lines for one event type: 8 bytes of code bits a line, enough lines for `max_code`. */
static void write_bits(FILE *out, unsigned type, const unsigned *codes, size_t n, unsigned max_code)
{
    uint8_t mask[KEY_CNT / 8] = {0};
    for (size_t i = 0; i < n; i++) {
        if (codes[i] <= max_code && codes[i] < KEY_CNT)
            mask[codes[i] / 8] |= (uint8_t)(1u << (codes[i] % 8));
    }
    for (unsigned i = 0; i < (max_code + 1 + 7) / 8; i += 8) {
        fprintf(out, "B: %02x", type);
        for (unsigned k = 0; k < 8; k++)
            fprintf(out, " %02x", mask[i + k]);
        fputc('\n', out);
    }
}

void evemu_write_header(FILE *out, const char *name, unsigned bus, unsigned vid, unsigned pid,
                        unsigned version, const EvemuAxis *axes, size_t n_axes,
                        const unsigned *keys, size_t n_keys)
{
    fputs("# EVEMU 1.3\n# Written by Bridgehold\nN: ", out);
    for (const char *p = name && *name ? name : "unknown device"; *p; p++)
        fputc(*p == '\n' || *p == '\r' ? ' ' : *p, out);
    fprintf(out, "\nI: %04x %04x %04x %04x\n", bus, vid, pid, version);
    fputs("P: 00 00 00 00 00 00 00 00\n", out);
    fputs("B: 00 0b 00 00 00 00 00 00 00\n", out); /* EV_SYN, EV_KEY, EV_ABS: as evemu writes */
    if (n_keys)
        write_bits(out, EV_KEY, keys, n_keys, KEY_MAX);
    unsigned codes[ABS_CNT] = {0};
    size_t n = 0;
    for (size_t i = 0; i < n_axes && n < ABS_CNT; i++)
        codes[n++] = axes[i].code;
    write_bits(out, EV_ABS, codes, n, ABS_MAX);
    for (size_t i = 0; i < n_axes; i++)
        fprintf(out, "A: %02x %d %d %d %d %d\n", axes[i].code, axes[i].min, axes[i].max,
                axes[i].fuzz, axes[i].flat, axes[i].resolution);
}

void evemu_write_event(FILE *out, double t_s, unsigned type, unsigned code, int32_t value)
{
    fputs("E: ", out);
    capture_write_time(out, t_s);
    fprintf(out, " %04x %04x %d\n", type, code, (int)value);
}

void evemu_write(FILE *out, const EvemuCapture *c)
{
    /* The description is not kept when parsing: describe the axes and keys the events use. */
    EvemuAxis axes[ABS_CNT];
    unsigned keys[64];
    size_t n_axes = 0, n_keys = 0;
    bool axis_seen[ABS_CNT] = {false};
    for (size_t i = 0; i < c->count; i++) {
        const EvemuEvent *e = &c->events[i];
        if (e->type == EV_ABS && e->code < ABS_CNT && !axis_seen[e->code]) {
            axis_seen[e->code] = true;
            axes[n_axes++] = (EvemuAxis){e->code, 0, 65535, 0, 0, 0};
        } else if (e->type == EV_KEY && n_keys < 64) {
            bool dup = false;
            for (size_t k = 0; k < n_keys; k++)
                dup = dup || keys[k] == e->code;
            if (!dup)
                keys[n_keys++] = e->code;
        }
    }
    evemu_write_header(out, c->name, c->has_id ? c->bus : 0, c->has_id ? c->vid : 0,
                       c->has_id ? c->pid : 0, c->has_id ? c->version : 0, axes, n_axes, keys,
                       n_keys);
    for (size_t i = 0; i < c->count; i++)
        evemu_write_event(out, c->events[i].t_s, c->events[i].type, c->events[i].code,
                          c->events[i].value);
}
