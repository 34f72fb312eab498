/* clinic/bundle_json: a small strict JSON reader (RFC 8259) for bundles. It keeps each value's
 * line so errors read "FILE:LINE: what is wrong". Strict: one value, no trailing commas,
 * comments, NaN or duplicate keys; strings are valid UTF-8 without U+0000; nesting at most
 * JSON_MAX_DEPTH deep. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#define JSON_MAX_DEPTH 32

typedef enum JsonType { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT }
    JsonType;

typedef struct JsonValue JsonValue;
struct JsonValue {
    JsonType type;
    int line;        /* where the value starts (1-based) */
    bool boolean;
    double number;
    bool integral;   /* a number written without fraction or exponent */
    char *str;       /* JSON_STRING: the decoded text, NUL-terminated */
    size_t len;
    JsonValue *items; /* JSON_ARRAY and JSON_OBJECT: the values */
    char **keys;      /* JSON_OBJECT: the keys, one per item */
    size_t n;
};

/* Parses text[0..len). On error returns NULL with *err_line and err set ("expected ',' or ']'").
 * The result is freed with json_free. */
JsonValue *json_parse(const char *text, size_t len, int *err_line, char *err, size_t cap);
void json_free(JsonValue *v);
/* The member of an object named key, or NULL. */
const JsonValue *json_get(const JsonValue *obj, const char *key);
const char *json_type_name(JsonType t);
