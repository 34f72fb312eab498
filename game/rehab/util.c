/* rehab/util: file reading, inih line classification and ordered messages for the rehab parsers. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/str.h"
#include "ini/inifile.h"
#include "rehab/rehab_internal.h"

char *rehab_read_text(const char *path, Diag *diag)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_add(diag, path, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 4096, len = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (len + 1 >= cap) {
            if (cap > REHAB_MAX_FILE_BYTES) {
                diag_add(diag, path, 0, "is larger than %u bytes; this is not a Bridgehold file",
                         REHAB_MAX_FILE_BYTES);
                free(buf);
                fclose(f);
                return NULL;
            }
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        size_t got = fread(buf + len, 1, cap - 1 - len, f);
        len += got;
        if (got == 0)
            break;
    }
    bool failed = ferror(f);
    int err = errno;
    fclose(f);
    if (failed) {
        diag_add(diag, path, 0, "read error: %s", strerror(err));
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    const char *nul = memchr(buf, '\0', len);
    if (nul) {
        int line = 1;
        for (const char *p = buf; p < nul; p++)
            line += *p == '\n';
        diag_add(diag, path, line, "contains a NUL byte; this is not a text file");
        free(buf);
        return NULL;
    }
    return buf;
}

/* Mirrors inih's own reading of a line (ini.c: comment, continuation, section, key), including
 * the reader's dropping of over-long lines (ini/inifile.c), so both agree on every line. */
static LineKind classify(const char *line, size_t n, bool first, bool have_key, char **section)
{
    *section = NULL;
    if (n >= INI_LINE_MAX)
        return LINE_BLANK;
    size_t i = 0;
    if (first && n >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    size_t start = i;
    while (i < n && isspace((unsigned char)line[i]))
        i++;
    if (i == n || line[i] == ';' || line[i] == '#')
        return LINE_BLANK;
    if (have_key && i > start)
        return LINE_CONT;
    if (line[i] == '[') {
        const char *close = memchr(line + i + 1, ']', n - i - 1);
        if (close) {
            size_t len = (size_t)(close - (line + i + 1));
            char *name = xmalloc(len + 1);
            memcpy(name, line + i + 1, len);
            name[len] = '\0';
            *section = name;
        }
        return LINE_SECTION;
    }
    /* inih rejects a line with no '=' or ':' and leaves the key it continues unchanged */
    if (!memchr(line + i, '=', n - i) && !memchr(line + i, ':', n - i))
        return LINE_BLANK;
    return LINE_KEY;
}

void rehab_lines_scan(RehabLines *l, const char *text)
{
    memset(l, 0, sizeof *l);
    size_t cap_kind = 0, cap_section = 0;
    bool have_key = false;
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *section = NULL;
        LineKind k = classify(p, n, l->count == 0, have_key, &section);
        if (k == LINE_SECTION && section)
            have_key = false; /* inih forgets the key only at a well-formed [section] */
        else if (k == LINE_KEY)
            have_key = true;
        void *kp = l->kind, *sp = l->section;
        xgrow(&kp, &cap_kind, (size_t)l->count + 1, sizeof *l->kind);
        xgrow(&sp, &cap_section, (size_t)l->count + 1, sizeof *l->section);
        l->kind = kp;
        l->section = sp;
        l->kind[l->count] = k;
        l->section[l->count] = section;
        l->count++;
        p = nl ? nl + 1 : p + n;
    }
}

void rehab_lines_free(RehabLines *l)
{
    for (int i = 0; i < l->count; i++)
        free(l->section[i]);
    free(l->section);
    free(l->kind);
    memset(l, 0, sizeof *l);
}

LineKind rehab_lines_kind(const RehabLines *l, int line)
{
    return line >= 1 && line <= l->count ? l->kind[line - 1] : LINE_BLANK;
}

int rehab_lines_section(const RehabLines *l, const char *name, int *repeat)
{
    int first = 0;
    if (repeat)
        *repeat = 0;
    for (int i = 0; i < l->count; i++) {
        if (l->kind[i] != LINE_SECTION || !l->section[i] || strcmp(l->section[i], name) != 0)
            continue;
        if (!first) {
            first = i + 1;
        } else if (repeat && !*repeat) {
            *repeat = i + 1;
        }
    }
    return first;
}

void pending_add(Pending *p, int line, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    void *items = p->items;
    xgrow(&items, &p->cap, p->count + 1, sizeof *p->items);
    p->items = items;
    p->items[p->count] = (PendingMsg){.line = line, .seq = p->count, .text = xstrdup(tmp)};
    p->count++;
}

static int by_line(const void *a, const void *b)
{
    const PendingMsg *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void pending_flush(Pending *p, const char *file, Diag *diag)
{
    if (p->count)
        qsort(p->items, p->count, sizeof *p->items, by_line);
    for (size_t i = 0; i < p->count; i++)
        diag_add(diag, file, p->items[i].line, "%s", p->items[i].text);
    pending_free(p);
}

void pending_free(Pending *p)
{
    for (size_t i = 0; i < p->count; i++)
        free(p->items[i].text);
    free(p->items);
    memset(p, 0, sizeof *p);
}

void pending_take(Pending *p, Diag *from, const char *name)
{
    size_t len = strlen(name);
    for (size_t i = 0; i < from->count - from->dropped; i++) {
        const char *m = from->msgs[i];
        int line = 0;
        if (strncmp(m, name, len) == 0 && m[len] == ':') {
            const char *q = m + len + 1;
            char *end = NULL;
            long l = strtol(q, &end, 10);
            if (end != q && end[0] == ':' && end[1] == ' ' && l > 0 && l < 1000000000L) {
                line = (int)l;
                m = end + 2;
            } else if (q[0] == ' ') {
                m = q + 1;
            }
        }
        pending_add(p, line, "%s", m);
    }
    diag_free(from);
}

void rehab_fmt_num(char *buf, size_t cap, double v)
{
    if (!isfinite(v)) {
        snprintf(buf, cap, "?");
        return;
    }
    snprintf(buf, cap, "%.2f", v);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    if (strcmp(buf, "-0") == 0)
        snprintf(buf, cap, "0");
}
