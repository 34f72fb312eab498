/* core/str: strict parsing and a string builder. */
#include "core/str.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

bool str_to_double(const char *s, double *out)
{
    if (!s)
        return false;
    while (isspace((unsigned char)*s))
        s++;
    if (*s == '\0')
        return false;
    /* strtod accepts "nan", "inf" and hex floats; a data file should hold plain decimals. */
    for (const char *p = s; *p; p++) {
        if (isalpha((unsigned char)*p) && *p != 'e' && *p != 'E')
            return false;
    }
    errno = 0;
    char *end = NULL;
    double v = strtod(s, &end);
    if (end == s || errno == ERANGE || !isfinite(v))
        return false;
    while (isspace((unsigned char)*end))
        end++;
    if (*end != '\0')
        return false;
    *out = v;
    return true;
}

bool str_to_long(const char *s, long lo, long hi, long *out)
{
    if (!s)
        return false;
    while (isspace((unsigned char)*s))
        s++;
    if (*s == '\0')
        return false;
    errno = 0;
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (end == s || errno == ERANGE)
        return false;
    while (isspace((unsigned char)*end))
        end++;
    if (*end != '\0' || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

char *str_trim(char *s)
{
    char *start = s;
    while (isspace((unsigned char)*start))
        start++;
    size_t n = strlen(start);
    while (n > 0 && isspace((unsigned char)start[n - 1]))
        n--;
    memmove(s, start, n);
    s[n] = '\0';
    return s;
}

bool str_copy(char *dst, size_t cap, const char *src)
{
    if (cap == 0)
        return false;
    size_t n = strlen(src);
    bool fits = n < cap;
    if (!fits)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
    return fits;
}

bool str_starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool str_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

bool str_eq_nocase(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return false;
    }
    return *a == *b;
}

void strbuf_init(StrBuf *b)
{
    b->cap = 64;
    b->len = 0;
    b->data = xmalloc(b->cap);
    b->data[0] = '\0';
}

void strbuf_free(StrBuf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

static void strbuf_reserve(StrBuf *b, size_t extra)
{
    void *p = b->data;
    xgrow(&p, &b->cap, b->len + extra + 1, 1);
    b->data = p;
}

void strbuf_append(StrBuf *b, const char *s)
{
    size_t n = strlen(s);
    strbuf_reserve(b, n);
    memcpy(b->data + b->len, s, n + 1);
    b->len += n;
}

void strbuf_appendf(StrBuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n > 0) {
        strbuf_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}

void strbuf_append_json_string(StrBuf *b, const char *s)
{
    strbuf_append(b, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': strbuf_append(b, "\\\""); break;
        case '\\': strbuf_append(b, "\\\\"); break;
        case '\n': strbuf_append(b, "\\n"); break;
        case '\r': strbuf_append(b, "\\r"); break;
        case '\t': strbuf_append(b, "\\t"); break;
        default:
            if (*p < 0x20)
                strbuf_appendf(b, "\\u%04x", *p);
            else {
                char c[2] = {(char)*p, '\0'};
                strbuf_append(b, c);
            }
        }
    }
    strbuf_append(b, "\"");
}

void strbuf_append_json_number(StrBuf *b, double v, int decimals)
{
    if (!isfinite(v)) {
        strbuf_append(b, "null");
        return;
    }
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
    char *dot = strchr(tmp, '.');
    if (dot) {
        char *end = tmp + strlen(tmp) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    if (strcmp(tmp, "-0") == 0)
        strcpy(tmp, "0");
    strbuf_append(b, tmp);
}
