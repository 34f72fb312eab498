/* core/str: small, strict string helpers (parsing numbers, trimming, bounded copies, a builder). */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "core/log.h"

/* Parses the whole of s (surrounding blanks allowed) as a finite double. False on junk, empty,
 * NaN, infinity or overflow. */
bool str_to_double(const char *s, double *out);
/* Parses the whole of s as a base-10 integer in [lo, hi]. */
bool str_to_long(const char *s, long lo, long hi, long *out);
/* Trims blanks at both ends in place; returns s. */
char *str_trim(char *s);
/* Copies at most cap-1 bytes and always terminates; returns false when truncated. */
bool str_copy(char *dst, size_t cap, const char *src);
bool str_starts_with(const char *s, const char *prefix);
bool str_ends_with(const char *s, const char *suffix);
/* Case-insensitive ASCII equality. */
bool str_eq_nocase(const char *a, const char *b);

/* A growable, always-terminated string. */
typedef struct StrBuf {
    char *data;
    size_t len;
    size_t cap;
} StrBuf;

void strbuf_init(StrBuf *b);
void strbuf_free(StrBuf *b);
void strbuf_append(StrBuf *b, const char *s);
void strbuf_appendf(StrBuf *b, const char *fmt, ...) BH_PRINTF(2, 3);
/* Appends s as a JSON string literal, quotes included. */
void strbuf_append_json_string(StrBuf *b, const char *s);
/* Appends a JSON number with up to `decimals` decimals (trailing zeros trimmed); non-finite → null. */
void strbuf_append_json_number(StrBuf *b, double v, int decimals);
