/* sensor/capture_util: shared capture-text helpers and pacing (see the header). */
#include "sensor/capture_util.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

bool capture_read_file(const char *path, char **data, size_t *len, Diag *diag)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_add(diag, path, 0, "cannot open: %s", strerror(errno));
        return false;
    }
    size_t cap = 4096, n = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (n + 1 >= cap) {
            if (cap >= CAPTURE_MAX_FILE) {
                diag_add(diag, path, 0, "is larger than %u MiB; not a capture this program reads",
                         CAPTURE_MAX_FILE >> 20);
                free(buf);
                fclose(f);
                return false;
            }
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    bool failed = ferror(f);
    int e = errno;
    fclose(f);
    if (failed) {
        diag_add(diag, path, 0, "read error: %s", strerror(e));
        free(buf);
        return false;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return true;
}

void line_reader_init(LineReader *r, const char *name, const char *data, size_t len)
{
    memset(r, 0, sizeof *r);
    r->name = name;
    r->data = data;
    r->len = len;
}

bool line_reader_next(LineReader *r, Diag *diag)
{
    if (r->pos >= r->len)
        return false;
    size_t start = r->pos, end = start;
    while (end < r->len && r->data[end] != '\n')
        end++;
    r->pos = end < r->len ? end + 1 : end;
    r->line++;
    size_t n = end - start;
    const char *nul = memchr(r->data + start, '\0', n);
    if (nul) {
        diag_add(diag, r->name, r->line, "contains a NUL byte; this is not a text capture");
        n = (size_t)(nul - (r->data + start));
    }
    if (n > 0 && r->data[start + n - 1] == '\r')
        n--;
    if (n + 1 > r->cap) {
        void *p = r->buf;
        xgrow(&p, &r->cap, n + 1, 1);
        r->buf = p;
    }
    memcpy(r->buf, r->data + start, n);
    r->buf[n] = '\0';
    return true;
}

void line_reader_free(LineReader *r)
{
    free(r->buf);
    r->buf = NULL;
    r->cap = 0;
}

const char *capture_skip_blanks(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

bool capture_parse_time(const char **pp, double *t_s)
{
    const char *p = *pp;
    int digits = 0;
    double sec = 0;
    while (isdigit((unsigned char)*p)) {
        if (++digits > 10)
            return false;
        sec = sec * 10 + (*p - '0');
        p++;
    }
    /* Both tools write a struct timeval's seconds; up to 2^32 a double still holds every
     * microsecond, so a capture written back out reads back the same. */
    if (digits == 0 || *p != '.' || sec > 4294967295.0)
        return false;
    p++;
    long usec = 0;
    for (int i = 0; i < 6; i++) {
        if (!isdigit((unsigned char)p[i]))
            return false;
        usec = usec * 10 + (p[i] - '0');
    }
    p += 6;
    if (isdigit((unsigned char)*p))
        return false;
    *t_s = sec + (double)usec * 1e-6;
    *pp = p;
    return true;
}

void capture_write_time(FILE *out, double t_s)
{
    long long us = t_s > 0 ? llround(t_s * 1e6) : 0;
    fprintf(out, "%lld.%06lld", us / 1000000, us % 1000000);
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool capture_parse_hex(const char **pp, int max_digits, unsigned long *out)
{
    const char *p = *pp;
    unsigned long v = 0;
    int n = 0;
    for (int h; (h = hex_value(*p)) >= 0; p++) {
        if (++n > max_digits)
            return false;
        v = v << 4 | (unsigned long)h;
    }
    if (n == 0)
        return false;
    *out = v;
    *pp = p;
    return true;
}

bool capture_parse_hex_bytes(const char **pp, uint8_t *out, size_t max, size_t *n)
{
    const char *p = capture_skip_blanks(*pp);
    *n = 0;
    while (*p && *p != '#') {
        int hi = hex_value(p[0]);
        int lo = hi >= 0 ? hex_value(p[1]) : -1;
        if (hi < 0 || lo < 0 || (p[2] && p[2] != ' ' && p[2] != '\t'))
            return false;
        if (*n >= max)
            return false;
        out[(*n)++] = (uint8_t)(hi << 4 | lo);
        p = capture_skip_blanks(p + 2);
    }
    *pp = p;
    return true;
}

void capture_pace_init(CapturePace *p, double speed)
{
    memset(p, 0, sizeof *p);
    p->speed = speed == 0 ? 1.0 : speed;
}

void capture_pace_poll(CapturePace *p, double now_s)
{
    if (!p->started) {
        p->started = true;
        p->start_now = now_s;
    }
}

bool capture_pace_due(const CapturePace *p, double now_s, double rel_t_s)
{
    if (p->speed < 0)
        return true;
    /* A microsecond of slack: capture times are whole microseconds, the caller's clock is not. */
    return rel_t_s <= (now_s - p->start_now) * p->speed + 1e-6;
}
