/* clinic/bundle_json: the strict JSON reader (see bundle_json.h). Recursive descent with a depth
 * limit, so no input can exhaust the stack; every allocation is bounded by the input's size. */
#include "clinic/bundle_json.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/log.h"

typedef struct Parser {
    const char *p, *end;
    int line;
    int err_line;
    char *err;
    size_t cap;
    bool failed;
} Parser;

static bool fail(Parser *ps, const char *fmt, ...) BH_PRINTF(2, 3);

static bool fail(Parser *ps, const char *fmt, ...)
{
    if (!ps->failed) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(ps->err, ps->cap, fmt, ap);
        va_end(ap);
        ps->err_line = ps->line;
        ps->failed = true;
    }
    return false;
}

static void skip_ws(Parser *ps)
{
    while (ps->p < ps->end) {
        char c = *ps->p;
        if (c == '\n')
            ps->line++;
        else if (c != ' ' && c != '\t' && c != '\r')
            return;
        ps->p++;
    }
}

static bool unexpected(Parser *ps, const char *expected)
{
    if (ps->p >= ps->end)
        return fail(ps, "expected %s, found the end of the file (is it cut short?)", expected);
    unsigned char c = (unsigned char)*ps->p;
    if (c >= 0x20 && c < 0x7f)
        return fail(ps, "expected %s, found '%c'", expected, c);
    return fail(ps, "expected %s, found byte 0x%02x", expected, c);
}

static bool parse_value(Parser *ps, JsonValue *v, int depth);

static int hex4(const char *s)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= c - '0';
        else if (c >= 'a' && c <= 'f')
            v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            v |= c - 'A' + 10;
        else
            return -1;
    }
    return v;
}

static size_t put_utf8(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Length of the valid UTF-8 sequence at s (RFC 3629: no overlongs, no surrogates), 0 if bad. */
static size_t utf8_len(const unsigned char *s, const unsigned char *end)
{
    unsigned char c = s[0];
    size_t n;
    uint32_t cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if ((size_t)(end - s) < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

/* A string at ps->p (the opening quote); the decoded text is malloc'd into *out. */
static bool parse_string(Parser *ps, char **out, size_t *out_len)
{
    ps->p++; /* the quote */
    const char *start = ps->p;
    /* the decoded text is never longer than the raw one */
    size_t raw = 0;
    while (start + raw < ps->end && start[raw] != '"') {
        if (start[raw] == '\\' && start + raw + 1 < ps->end)
            raw++;
        raw++;
    }
    char *buf = xmalloc(raw + 1);
    size_t n = 0;
    while (true) {
        if (ps->p >= ps->end) {
            free(buf);
            return fail(ps, "a string is not closed (is the file cut short?)");
        }
        unsigned char c = (unsigned char)*ps->p;
        if (c == '"') {
            ps->p++;
            break;
        }
        if (c < 0x20) {
            free(buf);
            return fail(ps, "a string holds a control character (byte 0x%02x); write it as an "
                            "escape",
                        c);
        }
        if (c == '\\') {
            if (ps->p + 1 >= ps->end) {
                free(buf);
                return fail(ps, "a string is not closed (is the file cut short?)");
            }
            char e = ps->p[1];
            ps->p += 2;
            const char *simple = strchr("\"\\/bfnrt", e);
            if (e && simple) {
                static const char map[] = "\"\\/\b\f\n\r\t";
                buf[n++] = map[simple - "\"\\/bfnrt"];
                continue;
            }
            if (e != 'u') {
                free(buf);
                return fail(ps, "'\\%c' is not a JSON escape", e >= 0x20 && e < 0x7f ? e : '?');
            }
            int u = ps->end - ps->p >= 4 ? hex4(ps->p) : -1;
            if (u < 0) {
                free(buf);
                return fail(ps, "\\u needs four hex digits");
            }
            ps->p += 4;
            uint32_t cp = (uint32_t)u;
            if (cp >= 0xD800 && cp <= 0xDBFF) { /* a surrogate pair */
                int lo = ps->end - ps->p >= 6 && ps->p[0] == '\\' && ps->p[1] == 'u'
                             ? hex4(ps->p + 2)
                             : -1;
                if (lo < 0xDC00 || lo > 0xDFFF) {
                    free(buf);
                    return fail(ps, "\\u%04x is half of a surrogate pair without its other half",
                                u);
                }
                ps->p += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                free(buf);
                return fail(ps, "\\u%04x is a lone low surrogate", u);
            }
            if (cp == 0) {
                free(buf);
                return fail(ps, "a string holds \\u0000, which no Bridgehold text can hold");
            }
            n += put_utf8(buf + n, cp);
            continue;
        }
        size_t k = utf8_len((const unsigned char *)ps->p, (const unsigned char *)ps->end);
        if (!k) {
            free(buf);
            return fail(ps, "a string is not valid UTF-8");
        }
        memcpy(buf + n, ps->p, k);
        n += k;
        ps->p += k;
    }
    buf[n] = '\0';
    *out = buf;
    *out_len = n;
    return true;
}

static bool parse_number(Parser *ps, JsonValue *v)
{
    const char *s = ps->p;
    const char *q = s;
    bool integral = true;
    if (q < ps->end && *q == '-')
        q++;
    if (q < ps->end && *q == '0') {
        q++;
    } else if (q < ps->end && *q >= '1' && *q <= '9') {
        while (q < ps->end && *q >= '0' && *q <= '9')
            q++;
    } else {
        return unexpected(ps, "a value");
    }
    if (q < ps->end && *q == '.') {
        integral = false;
        q++;
        if (q >= ps->end || *q < '0' || *q > '9')
            return fail(ps, "a number needs digits after its '.'");
        while (q < ps->end && *q >= '0' && *q <= '9')
            q++;
    }
    if (q < ps->end && (*q == 'e' || *q == 'E')) {
        integral = false;
        q++;
        if (q < ps->end && (*q == '+' || *q == '-'))
            q++;
        if (q >= ps->end || *q < '0' || *q > '9')
            return fail(ps, "a number needs digits in its exponent");
        while (q < ps->end && *q >= '0' && *q <= '9')
            q++;
    }
    size_t n = (size_t)(q - s);
    if (n > 64)
        return fail(ps, "a number is too long (%zu characters)", n);
    char tmp[72];
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    double d = strtod(tmp, NULL);
    if (!isfinite(d))
        return fail(ps, "the number %s is too large", tmp);
    v->type = JSON_NUMBER;
    v->number = d;
    v->integral = integral;
    ps->p = q;
    return true;
}

static bool literal(Parser *ps, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
        return unexpected(ps, "a value");
    ps->p += n;
    return true;
}

static bool parse_container(Parser *ps, JsonValue *v, int depth, bool object)
{
    char close = object ? '}' : ']';
    ps->p++;
    v->type = object ? JSON_OBJECT : JSON_ARRAY;
    size_t cap_items = 0, cap_keys = 0;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        return true;
    }
    while (true) {
        skip_ws(ps);
        char *key = NULL;
        if (object) {
            if (ps->p >= ps->end || *ps->p != '"')
                return unexpected(ps, "a key in double quotes");
            size_t klen;
            if (!parse_string(ps, &key, &klen))
                return false;
            for (size_t i = 0; i < v->n; i++) {
                if (strcmp(v->keys[i], key) == 0) {
                    fail(ps, "the key \"%.60s\" appears twice in one object", key);
                    free(key);
                    return false;
                }
            }
            skip_ws(ps);
            if (ps->p >= ps->end || *ps->p != ':') {
                free(key);
                return unexpected(ps, "':' after a key");
            }
            ps->p++;
        }
        void *items = v->items, *keys = v->keys; /* through void *: no type punning */
        xgrow(&items, &cap_items, v->n + 1, sizeof *v->items);
        v->items = items;
        if (object) {
            xgrow(&keys, &cap_keys, v->n + 1, sizeof *v->keys);
            v->keys = keys;
        }
        memset(&v->items[v->n], 0, sizeof v->items[v->n]);
        if (object)
            v->keys[v->n] = key;
        v->n++;
        if (!parse_value(ps, &v->items[v->n - 1], depth + 1))
            return false;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            skip_ws(ps);
            if (ps->p < ps->end && *ps->p == close)
                return fail(ps, "a comma before '%c' (JSON allows no trailing comma)", close);
            continue;
        }
        if (ps->p < ps->end && *ps->p == close) {
            ps->p++;
            return true;
        }
        return unexpected(ps, object ? "',' or '}'" : "',' or ']'");
    }
}

static bool parse_value(Parser *ps, JsonValue *v, int depth)
{
    skip_ws(ps);
    v->line = ps->line;
    if (depth > JSON_MAX_DEPTH)
        return fail(ps, "nested more than %d deep", JSON_MAX_DEPTH);
    if (ps->p >= ps->end)
        return unexpected(ps, "a value");
    switch (*ps->p) {
    case '{': return parse_container(ps, v, depth, true);
    case '[': return parse_container(ps, v, depth, false);
    case '"':
        v->type = JSON_STRING;
        return parse_string(ps, &v->str, &v->len);
    case 't':
        v->type = JSON_BOOL;
        v->boolean = true;
        return literal(ps, "true");
    case 'f':
        v->type = JSON_BOOL;
        return literal(ps, "false");
    case 'n': v->type = JSON_NULL; return literal(ps, "null");
    default: return parse_number(ps, v);
    }
}

static void free_inner(JsonValue *v)
{
    free(v->str);
    for (size_t i = 0; i < v->n; i++) {
        free_inner(&v->items[i]);
        if (v->keys)
            free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
}

void json_free(JsonValue *v)
{
    if (!v)
        return;
    free_inner(v);
    free(v);
}

JsonValue *json_parse(const char *text, size_t len, int *err_line, char *err, size_t cap)
{
    Parser ps = {.p = text, .end = text + len, .line = 1, .err = err, .cap = cap};
    err[0] = '\0';
    *err_line = 0;
    JsonValue *v = xcalloc(1, sizeof *v);
    bool ok = parse_value(&ps, v, 0);
    if (ok) {
        skip_ws(&ps);
        if (ps.p < ps.end)
            ok = fail(&ps, "more text after the end of the bundle's JSON");
    }
    if (!ok) {
        *err_line = ps.err_line;
        json_free(v);
        return NULL;
    }
    return v;
}

const JsonValue *json_get(const JsonValue *obj, const char *key)
{
    if (!obj || obj->type != JSON_OBJECT)
        return NULL;
    for (size_t i = 0; i < obj->n; i++) {
        if (strcmp(obj->keys[i], key) == 0)
            return &obj->items[i];
    }
    return NULL;
}

const char *json_type_name(JsonType t)
{
    static const char *const names[] = {"null", "true/false", "a number", "a string",
                                        "an array", "an object"};
    return (unsigned)t < 6 ? names[t] : "?";
}
