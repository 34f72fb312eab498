/* clinic/bundle_export: writes one patient's bundle (bundle.h) atomically with mode 0600
 * (core/atomic_file). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clinic/bundle.h"
#include "core/alloc.h"
#include "core/atomic_file.h"
#include "core/str.h"

static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void bundle_b64_encode(const unsigned char *d, size_t n, char **out)
{
    char *o = xmalloc((n + 2) / 3 * 4 + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)d[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)d[i + 1] << 8;
        if (i + 2 < n)
            v |= d[i + 2];
        o[k++] = B64[(v >> 18) & 63];
        o[k++] = B64[(v >> 12) & 63];
        o[k++] = i + 1 < n ? B64[(v >> 6) & 63] : '=';
        o[k++] = i + 2 < n ? B64[v & 63] : '=';
    }
    o[k] = '\0';
    *out = o;
}

static void real(StrBuf *b, double v)
{
    if (!isfinite(v))
        strbuf_append(b, "null");
    else
        strbuf_appendf(b, "%.17g", v); /* exact: an import reads back the same double */
}

typedef struct RowCtx {
    StrBuf *b;
    const StoreTable *t;
    size_t rows;
} RowCtx;

static bool write_row(void *ctx, const StoreValue *vals)
{
    RowCtx *c = ctx;
    StrBuf *b = c->b;
    strbuf_append(b, c->rows++ ? ",\n  {" : "\n  {");
    for (size_t i = 0; i < c->t->n_cols; i++) {
        const StoreColumn *col = &c->t->cols[i];
        const StoreValue *v = &vals[i];
        strbuf_appendf(b, "%s\"%s\":", i ? "," : "", col->name);
        if (v->is_null) {
            strbuf_append(b, "null");
            continue;
        }
        switch (col->type) {
        case STORE_COL_INT: strbuf_appendf(b, "%lld", (long long)v->i); break;
        case STORE_COL_REAL: real(b, v->r); break;
        case STORE_COL_BLOB: {
            char *enc;
            bundle_b64_encode(v->blob, v->len, &enc);
            strbuf_appendf(b, "\"%s\"", enc);
            free(enc);
            break;
        }
        default: strbuf_append_json_string(b, v->text ? v->text : ""); break;
        }
    }
    strbuf_append(b, "}");
    return true;
}

static void kstr(StrBuf *b, const char *key, const char *v, bool comma)
{
    strbuf_appendf(b, "\"%s\":", key);
    if (v && v[0])
        strbuf_append_json_string(b, v);
    else
        strbuf_append(b, "null");
    if (comma)
        strbuf_append(b, ",");
}

/* The whole bundle as text. */
static bool build(Store *s, int64_t pid, StrBuf *b, char *msg, size_t cap)
{
    StoreProfile p;
    StorePrescription rx;
    bool found, has_rx;
    int64_t level_time;
    if (!store_profile_get_by_id(s, pid, &p, &found) || !found ||
        !store_prescription_get(s, pid, &rx, &has_rx) ||
        !store_profile_level_time(s, pid, &level_time)) {
        snprintf(msg, cap, "%s", found ? store_errmsg(s) : "no such profile");
        return false;
    }
    char when[32] = "";
    time_t now = (time_t)store_now();
    struct tm tm;
    if (gmtime_r(&now, &tm))
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    strbuf_appendf(b, "{\"format\":\"%s\",\"version\":%d,\"schema\":%d,\n\"exported\":\"%s\",\n",
                   BUNDLE_FORMAT, BUNDLE_VERSION, STORE_SCHEMA_VERSION, when);
    strbuf_append(b, "\"profile\":{");
    kstr(b, "uid", p.uid, true);
    kstr(b, "name", p.name, true);
    kstr(b, "affected_side", store_side_name(p.side), true);
    strbuf_append(b, "\"body_mass_kg\":");
    real(b, p.body_mass_kg);
    strbuf_append(b, ",");
    kstr(b, "start_date", p.start_date, true);
    kstr(b, "level", p.level, true);
    strbuf_appendf(b, "\"created\":%lld,\"archived\":%s,\"level_changed\":%lld},\n",
                   (long long)p.created, p.archived ? "true" : "false", (long long)level_time);
    strbuf_append(b, "\"prescription\":");
    if (!has_rx) {
        strbuf_append(b, "null");
    } else {
        strbuf_append(b, "{");
        kstr(b, "uid", rx.uid, true);
        kstr(b, "start_level", rx.start_level, true);
        kstr(b, "level_cap", rx.level_cap, true);
        kstr(b, "overrides", rx.overrides, true);
        if (rx.sets > 0)
            strbuf_appendf(b, "\"sets\":%d,", rx.sets);
        else
            strbuf_append(b, "\"sets\":null,");
        strbuf_append(b, "\"hold_s\":");
        real(b, rx.hold_s);
        strbuf_append(b, ",\"rest_s\":");
        real(b, rx.rest_s);
        strbuf_appendf(b, ",\"updated\":%lld,", (long long)rx.updated);
        kstr(b, "updated_by", rx.updated_by, false);
        strbuf_append(b, "}");
    }
    size_t nt;
    const StoreTable *tables = store_record_tables(&nt);
    for (size_t i = 0; i < nt; i++) {
        strbuf_appendf(b, ",\n\"%s\":[", tables[i].name);
        RowCtx c = {.b = b, .t = &tables[i]};
        if (!store_records_each(s, pid, &tables[i], write_row, &c)) {
            snprintf(msg, cap, "%s", store_errmsg(s));
            return false;
        }
        strbuf_append(b, c.rows ? "\n]" : "]");
    }
    strbuf_append(b, "}\n");
    return true;
}

BundleStatus bundle_export(Store *s, int64_t profile_id, const char *path, char *msg, size_t cap)
{
    StrBuf b;
    strbuf_init(&b);
    if (!build(s, profile_id, &b, msg, cap)) {
        strbuf_free(&b);
        return BUNDLE_FAILED;
    }
    /* beside the target (0600), synced, renamed over it, the folder synced: all or nothing */
    AtomicFile af;
    BundleStatus st = BUNDLE_FAILED;
    if (atomic_file_open(&af, path, msg, cap)) {
        if (fwrite(b.data, 1, b.len, af.f) != b.len) {
            snprintf(msg, cap, "%s: cannot write: %s", path, strerror(errno));
            atomic_file_abort(&af);
        } else if (atomic_file_commit(&af, msg, cap)) {
            st = BUNDLE_OK;
        }
    }
    strbuf_free(&b);
    return st;
}
