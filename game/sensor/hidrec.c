/* sensor/hidrec: hid-recorder captures, parsed strictly (every problem with its line) and
 * written in the form hid-replay reads back (see the header). */
#include "sensor/hidrec.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/str.h"
#include "sensor/capture_util.h"

void hidrec_free(HidCapture *c)
{
    free(c->rdesc);
    free(c->events);
    free(c->bytes);
    memset(c, 0, sizeof *c);
}

const uint8_t *hidrec_event_data(const HidCapture *c, size_t i)
{
    return c->bytes + c->events[i].offset;
}

void hidrec_append(HidCapture *c, double t_s, const uint8_t *data, size_t size)
{
    void *p = c->events;
    xgrow(&p, &c->cap, c->count + 1, sizeof *c->events);
    c->events = p;
    p = c->bytes;
    xgrow(&p, &c->bytes_cap, c->bytes_len + size + 1, 1);
    c->bytes = p;
    if (size)
        memcpy(c->bytes + c->bytes_len, data, size);
    c->events[c->count++] = (HidRecEvent){t_s, c->bytes_len, size, 0};
    c->bytes_len += size;
}

typedef struct Parser {
    const char *name;
    HidCapture *c;
    Diag *diag;
    uint8_t *scratch; /* HIDREC_MAX_REPORT bytes */
    long device;      /* the D: index in force; -1 before any */
    long first_device;
    bool seen_anything;
    int last_line;
} Parser;

/* Copies the rest of the line (trimmed) into dst. */
static void take_text(char *dst, size_t cap, const char *p)
{
    char tmp[256];
    str_copy(tmp, sizeof tmp, capture_skip_blanks(p));
    str_copy(dst, cap, str_trim(tmp));
}

static void parse_info(Parser *ps, const char *p, int line)
{
    unsigned long v[3];
    for (int i = 0; i < 3; i++) {
        p = capture_skip_blanks(p);
        if (!capture_parse_hex(&p, i == 0 ? 4 : 4, &v[i]) || (*p && *p != ' ' && *p != '\t')) {
            diag_add(ps->diag, ps->name, line, "I: expects `bus vendor product` in hex "
                     "(e.g. `I: 3 0922 8003`)");
            return;
        }
    }
    p = capture_skip_blanks(p);
    if (*p && *p != '#') {
        diag_add(ps->diag, ps->name, line, "I: has more than bus, vendor and product");
        return;
    }
    HidCapture *c = ps->c;
    if (!c->has_info) {
        c->has_info = true;
        c->bus = (unsigned)v[0];
        c->vid = (unsigned)v[1];
        c->pid = (unsigned)v[2];
    }
}

/* "SIZE HEX..." as R: and E: lines carry it; returns the byte count or -1 (message given). */
static long parse_sized_bytes(Parser *ps, const char *p, int line, const char *what)
{
    long size;
    char num[16];
    p = capture_skip_blanks(p);
    size_t k = 0;
    while (k + 1 < sizeof num && *p >= '0' && *p <= '9')
        num[k++] = *p++;
    num[k] = '\0';
    if (!k || (*p && *p != ' ' && *p != '\t') || !str_to_long(num, 0, HIDREC_MAX_REPORT, &size)) {
        diag_add(ps->diag, ps->name, line, "%s: expected a byte count from 0 to %d, then the bytes "
                 "in hex", what, HIDREC_MAX_REPORT);
        return -1;
    }
    size_t n;
    if (!capture_parse_hex_bytes(&p, ps->scratch, HIDREC_MAX_REPORT, &n)) {
        diag_add(ps->diag, ps->name, line, "%s: bytes must be two hex digits each, separated by "
                 "spaces (at most %d)", what, HIDREC_MAX_REPORT);
        return -1;
    }
    if ((long)n != size) {
        diag_add(ps->diag, ps->name, line, "%s: says %ld bytes but has %zu", what, size, n);
        return -1;
    }
    return size;
}

static void parse_event(Parser *ps, const char *p, int line)
{
    HidCapture *c = ps->c;
    double t;
    p = capture_skip_blanks(p);
    if (!capture_parse_time(&p, &t) || (*p != ' ' && *p != '\t')) {
        diag_add(ps->diag, ps->name, line, "E: expected `SECONDS.MICROSECONDS SIZE BYTES` with "
                 "6 digits of microseconds (e.g. `E: 0.000000 6 03 04 02 00 e8 03`)");
        return;
    }
    long size = parse_sized_bytes(ps, p, line, "E");
    if (size < 0)
        return;
    if (ps->device != ps->first_device)
        return; /* another device of a multi-device recording */
    if (c->count && t < c->events[c->count - 1].t_s) {
        diag_add(ps->diag, ps->name, line, "E: time %.6f goes backwards (line %d was at %.6f)", t,
                 ps->last_line, c->events[c->count - 1].t_s);
        return;
    }
    hidrec_append(c, t, ps->scratch, (size_t)size);
    c->events[c->count - 1].line = line;
    ps->last_line = line;
}

static void parse_line(Parser *ps, const char *s, int line)
{
    const char *p = capture_skip_blanks(s);
    if (*p == '\0' || *p == '#')
        return;
    if (!(p[0] >= 'A' && p[0] <= 'Z') || p[1] != ':') {
        diag_add(ps->diag, ps->name, line, "expected a `#` comment or a line starting `N:`, `P:`, "
                 "`I:`, `R:`, `D:` or `E:`");
        return;
    }
    char kind = p[0];
    p += 2;
    ps->seen_anything = true;
    HidCapture *c = ps->c;
    switch (kind) {
    case 'N':
        if (!c->name[0])
            take_text(c->name, sizeof c->name, p);
        break;
    case 'P':
        if (!c->phys[0])
            take_text(c->phys, sizeof c->phys, p);
        break;
    case 'I':
        parse_info(ps, p, line);
        break;
    case 'R': {
        long size = parse_sized_bytes(ps, p, line, "R");
        if (size >= 0 && !c->rdesc && ps->device == ps->first_device) {
            c->rdesc = xmalloc((size_t)size + 1);
            memcpy(c->rdesc, ps->scratch, (size_t)size);
            c->rdesc_size = (size_t)size;
        }
        break;
    }
    case 'D': {
        char tmp[32];
        long d;
        str_copy(tmp, sizeof tmp, p);
        char *hash = strchr(tmp, '#');
        if (hash)
            *hash = '\0';
        if (!str_to_long(tmp, 0, 1000, &d)) {
            diag_add(ps->diag, ps->name, line, "D: expected a device index from 0 to 1000");
            break;
        }
        if (ps->first_device < 0)
            ps->first_device = d;
        ps->device = d;
        break;
    }
    case 'E':
        parse_event(ps, p, line);
        break;
    default:
        diag_add(ps->diag, ps->name, line, "unknown line kind `%c:` (a hid-recorder capture has "
                 "N:, P:, I:, R:, D: and E: lines)", kind);
        break;
    }
}

bool hidrec_parse_buffer(const char *name, const char *data, size_t len, HidCapture *out,
                         Diag *diag)
{
    memset(out, 0, sizeof *out);
    size_t before = diag->count;
    Parser ps = {.name = name, .c = out, .diag = diag, .device = -1, .first_device = -1};
    ps.scratch = xmalloc(HIDREC_MAX_REPORT);
    LineReader r;
    line_reader_init(&r, name, data, len);
    while (line_reader_next(&r, diag))
        parse_line(&ps, r.buf, r.line);
    line_reader_free(&r);
    free(ps.scratch);
    if (!ps.seen_anything && diag->count == before)
        diag_add(diag, name, 0, "is empty: not a hid-recorder capture (no N:, I:, R: or E: line)");
    if (diag->count != before) {
        hidrec_free(out);
        return false;
    }
    return true;
}

bool hidrec_load(const char *path, HidCapture *out, Diag *diag)
{
    char *data;
    size_t len;
    memset(out, 0, sizeof *out);
    if (!capture_read_file(path, &data, &len, diag))
        return false;
    bool ok = hidrec_parse_buffer(path, data, len, out, diag);
    free(data);
    return ok;
}

static void write_bytes(FILE *out, const uint8_t *data, size_t size)
{
    fprintf(out, " %zu", size);
    for (size_t i = 0; i < size; i++)
        fprintf(out, " %02x", data[i]);
    fputc('\n', out);
}

void hidrec_write_header(FILE *out, const char *name, unsigned bus, unsigned vid, unsigned pid,
                         const uint8_t *rdesc, size_t rdesc_size)
{
    /* Names come from devices: keep them on one line. */
    fputs("N: ", out);
    for (const char *p = name && *name ? name : "unknown device"; *p; p++)
        fputc(*p == '\n' || *p == '\r' ? ' ' : *p, out);
    fputc('\n', out);
    if (vid || pid)
        fprintf(out, "I: %x %04x %04x\n", bus, vid, pid);
    fputs("R:", out);
    write_bytes(out, rdesc, rdesc ? rdesc_size : 0);
}

void hidrec_write_event(FILE *out, double t_s, const uint8_t *data, size_t size)
{
    fputs("E: ", out);
    capture_write_time(out, t_s);
    write_bytes(out, data, size);
}

void hidrec_write(FILE *out, const HidCapture *c)
{
    hidrec_write_header(out, c->name, c->bus, c->has_info ? c->vid : 0,
                        c->has_info ? c->pid : 0, c->rdesc, c->rdesc_size);
    for (size_t i = 0; i < c->count; i++)
        hidrec_write_event(out, c->events[i].t_s, hidrec_event_data(c, i), c->events[i].size);
}
