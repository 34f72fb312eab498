/* clinic/bundle_import: reads a bundle (bundle.h), checks all of it before touching the store,
 * then merges it by uid in one transaction. A malformed, truncated, newer or conflicting bundle
 * is refused whole: the store is exactly as it was. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "clinic/bundle.h"
#include "clinic/bundle_json.h"
#include "core/alloc.h"
#include "core/log.h"
#include "core/str.h"
#include "rehab/history.h"

#define MAX_COLS 32
#define MAX_TEXT 65536
#define MAX_INT 9007199254740992.0 /* 2^53: integers a JSON number holds exactly */

typedef struct Rec {
    int line;
    StoreValue vals[MAX_COLS];
    unsigned char *blob;
} Rec;

typedef struct Checked {
    JsonValue *root;
    StoreProfile profile;
    int64_t level_changed;
    bool has_rx;
    StorePrescription rx;
    size_t n_tables;
    const StoreTable *tables;
    Rec *recs[8];
    size_t n[8];
} Checked;

typedef struct Ctx {
    const char *name;
    char *msg;
    size_t cap;
} Ctx;

static bool bad(const Ctx *c, int line, const char *fmt, ...) BH_PRINTF(3, 4);

static bool bad(const Ctx *c, int line, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(c->msg, c->cap, "%s:%d: %s", c->name, line, what);
    return false;
}

static void checked_free(Checked *k)
{
    for (size_t t = 0; t < 8; t++) {
        for (size_t i = 0; i < k->n[t]; i++)
            free(k->recs[t][i].blob);
        free(k->recs[t]);
    }
    json_free(k->root);
    memset(k, 0, sizeof *k);
}

/* ---- base64 ---- */

static int b64_val(char ch)
{
    if (ch >= 'A' && ch <= 'Z')
        return ch - 'A';
    if (ch >= 'a' && ch <= 'z')
        return ch - 'a' + 26;
    if (ch >= '0' && ch <= '9')
        return ch - '0' + 52;
    return ch == '+' ? 62 : ch == '/' ? 63 : -1;
}

bool bundle_b64_decode(const char *s, size_t len, unsigned char **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (len % 4)
        return false;
    if (!len)
        return true;
    unsigned char *o = xmalloc(len / 4 * 3);
    size_t k = 0;
    for (size_t i = 0; i < len; i += 4) {
        int v[4];
        int pad = 0;
        for (int j = 0; j < 4; j++) {
            char ch = s[i + j];
            if (ch == '=' && i + 4 == len && j >= 2) {
                v[j] = 0;
                pad++;
            } else if (pad || (v[j] = b64_val(ch)) < 0) {
                free(o);
                return false;
            }
        }
        unsigned w = (unsigned)v[0] << 18 | (unsigned)v[1] << 12 | (unsigned)v[2] << 6 |
                     (unsigned)v[3];
        /* canonical: the bits under the padding are zero */
        if ((pad == 1 && (w & 0xFF)) || (pad == 2 && (w & 0xFFFF))) {
            free(o);
            return false;
        }
        o[k++] = (unsigned char)(w >> 16);
        if (pad < 2)
            o[k++] = (unsigned char)(w >> 8);
        if (pad < 1)
            o[k++] = (unsigned char)w;
    }
    *out = o;
    *n = k;
    return true;
}

/* ---- field checks ---- */

static bool is_level(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= STORE_LEVEL_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
              ch == '_' || ch == '-'))
            return false;
    }
    return true;
}

static bool is_date(const char *s)
{
    SessionRecord r;
    return history_parse_date(s, &r);
}

static bool in_set(const char *word, const char *set)
{
    size_t n = strlen(word);
    for (const char *p = set; *p;) {
        size_t k = strcspn(p, "|");
        if (k == n && strncmp(p, word, n) == 0)
            return true;
        p += k + (p[k] == '|');
    }
    return false;
}

/* A member of obj that must be there; type JSON_NULL accepted when nullable. */
static const JsonValue *member(const Ctx *c, const JsonValue *obj, const char *what,
                               const char *key, JsonType type, bool nullable)
{
    const JsonValue *v = json_get(obj, key);
    if (!v) {
        bad(c, obj->line, "%s has no \"%s\"", what, key);
        return NULL;
    }
    if (v->type == JSON_NULL && nullable)
        return v;
    if (v->type != type) {
        bad(c, v->line, "%s: \"%s\" must be %s%s, not %s", what, key, json_type_name(type),
            nullable ? " or null" : "", json_type_name(v->type));
        return NULL;
    }
    return v;
}

static bool only_keys(const Ctx *c, const JsonValue *obj, const char *what,
                      const char *const *keys, size_t n)
{
    for (size_t i = 0; i < obj->n; i++) {
        bool known = false;
        for (size_t k = 0; k < n && !known; k++)
            known = strcmp(obj->keys[i], keys[k]) == 0;
        if (!known)
            return bad(c, obj->items[i].line, "%s: unknown field \"%.60s\"", what, obj->keys[i]);
    }
    return true;
}

static bool int_value(const Ctx *c, const JsonValue *v, const char *what, const char *key,
                      int64_t *out)
{
    if (!v->integral || fabs(v->number) > MAX_INT)
        return bad(c, v->line, "%s: \"%s\" must be a whole number", what, key);
    *out = (int64_t)v->number;
    return true;
}

static bool text_ok(const Ctx *c, const JsonValue *v, const char *what, const char *key)
{
    if (v->len > MAX_TEXT)
        return bad(c, v->line, "%s: \"%s\" is longer than %d bytes", what, key, MAX_TEXT);
    if ((strcmp(key, "level") == 0 || str_ends_with(key, "_level") ||
         strcmp(key, "level_cap") == 0) &&
        !is_level(v->str))
        return bad(c, v->line, "%s: \"%s\" is not a level id (like L01): \"%.40s\"", what, key,
                   v->str);
    if ((strcmp(key, "date") == 0 || strcmp(key, "start_date") == 0) && !is_date(v->str))
        return bad(c, v->line, "%s: \"%s\" is not a date (YYYY-MM-DD): \"%.40s\"", what, key,
                   v->str);
    if (strcmp(key, "uid") == 0 && !store_uid_valid(v->str))
        return bad(c, v->line, "%s: \"uid\" is not a v4 UUID: \"%.40s\"", what, v->str);
    return true;
}

/* ---- the profile and the prescription ---- */

static bool check_profile(const Ctx *c, const JsonValue *o, Checked *k)
{
    static const char *const keys[] = {"uid", "name", "affected_side", "body_mass_kg",
                                       "start_date", "level", "created", "archived",
                                       "level_changed"};
    const char *what = "profile";
    if (o->type != JSON_OBJECT)
        return bad(c, o->line, "\"profile\" must be an object");
    if (!only_keys(c, o, what, keys, 9))
        return false;
    StoreProfile *p = &k->profile;
    const JsonValue *v;
    if (!(v = member(c, o, what, "uid", JSON_STRING, false)) || !text_ok(c, v, what, "uid"))
        return false;
    str_copy(p->uid, sizeof p->uid, v->str);
    if (!(v = member(c, o, what, "name", JSON_STRING, false)))
        return false;
    bool name_ok = v->len > 0 && v->len < STORE_NAME_MAX;
    for (size_t i = 0; name_ok && i < v->len; i++)
        name_ok = (unsigned char)v->str[i] >= 0x20 && v->str[i] != 0x7f;
    if (!name_ok)
        return bad(c, v->line, "profile: \"name\" needs 1 to %d characters and no control "
                               "characters",
                   STORE_NAME_MAX - 1);
    str_copy(p->name, sizeof p->name, v->str);
    if (!(v = member(c, o, what, "affected_side", JSON_STRING, false)))
        return false;
    if (!store_side_parse(v->str, &p->side))
        return bad(c, v->line, "profile: \"affected_side\" must be left, right or both");
    if (!(v = member(c, o, what, "body_mass_kg", JSON_NUMBER, true)))
        return false;
    p->body_mass_kg = v->type == JSON_NULL ? NAN : v->number;
    if (v->type != JSON_NULL && !(v->number > 0 && v->number <= 500))
        return bad(c, v->line, "profile: \"body_mass_kg\" must be more than 0 and at most 500");
    if (!(v = member(c, o, what, "start_date", JSON_STRING, false)) ||
        !text_ok(c, v, what, "start_date"))
        return false;
    str_copy(p->start_date, sizeof p->start_date, v->str);
    if (!(v = member(c, o, what, "level", JSON_STRING, false)) || !text_ok(c, v, what, "level"))
        return false;
    str_copy(p->level, sizeof p->level, v->str);
    if (!(v = member(c, o, what, "created", JSON_NUMBER, false)) ||
        !int_value(c, v, what, "created", &p->created))
        return false;
    if (!(v = member(c, o, what, "archived", JSON_BOOL, false)))
        return false;
    p->archived = v->boolean;
    if (!(v = member(c, o, what, "level_changed", JSON_NUMBER, false)) ||
        !int_value(c, v, what, "level_changed", &k->level_changed))
        return false;
    return true;
}

static bool opt_level(const Ctx *c, const JsonValue *o, const char *key, char *dst)
{
    const JsonValue *v = member(c, o, "prescription", key, JSON_STRING, true);
    if (!v)
        return false;
    if (v->type == JSON_NULL)
        return true;
    if (!text_ok(c, v, "prescription", key))
        return false;
    str_copy(dst, STORE_LEVEL_MAX, v->str);
    return true;
}

static bool opt_seconds(const Ctx *c, const JsonValue *o, const char *key, double *dst)
{
    const JsonValue *v = member(c, o, "prescription", key, JSON_NUMBER, true);
    if (!v)
        return false;
    *dst = v->type == JSON_NULL ? NAN : v->number;
    return true;
}

static bool check_prescription(const Ctx *c, const JsonValue *o, Checked *k)
{
    static const char *const keys[] = {"uid", "start_level", "level_cap", "overrides", "sets",
                                       "hold_s", "rest_s", "updated", "updated_by"};
    const char *what = "prescription";
    if (o->type == JSON_NULL)
        return true;
    if (o->type != JSON_OBJECT)
        return bad(c, o->line, "\"prescription\" must be an object or null");
    if (!only_keys(c, o, what, keys, 9))
        return false;
    StorePrescription *rx = &k->rx;
    memset(rx, 0, sizeof *rx);
    k->has_rx = true;
    const JsonValue *v;
    if (!(v = member(c, o, what, "uid", JSON_STRING, false)) || !text_ok(c, v, what, "uid"))
        return false;
    str_copy(rx->uid, sizeof rx->uid, v->str);
    if (!opt_level(c, o, "start_level", rx->start_level) ||
        !opt_level(c, o, "level_cap", rx->level_cap))
        return false;
    if (!(v = member(c, o, what, "overrides", JSON_STRING, true)))
        return false;
    if (v->type == JSON_STRING && !str_copy(rx->overrides, sizeof rx->overrides, v->str))
        return bad(c, v->line, "prescription: \"overrides\" is longer than %zu bytes",
                   sizeof rx->overrides - 1);
    if (!(v = member(c, o, what, "sets", JSON_NUMBER, true)))
        return false;
    int64_t sets = 0;
    if (v->type == JSON_NUMBER && (!int_value(c, v, what, "sets", &sets) || sets < 1 || sets > 20))
        return c->msg[0] ? false : bad(c, v->line, "prescription: \"sets\" must be 1 to 20");
    rx->sets = (int)sets;
    if (!opt_seconds(c, o, "hold_s", &rx->hold_s) || !opt_seconds(c, o, "rest_s", &rx->rest_s))
        return false;
    if (!(v = member(c, o, what, "updated", JSON_NUMBER, false)) ||
        !int_value(c, v, what, "updated", &rx->updated))
        return false;
    if (rx->updated <= 0)
        return bad(c, v->line, "prescription: \"updated\" must be a time after 1970");
    if (!(v = member(c, o, what, "updated_by", JSON_STRING, false)))
        return false;
    if (!v->len || !str_copy(rx->updated_by, sizeof rx->updated_by, v->str))
        return bad(c, v->line, "prescription: \"updated_by\" needs 1 to %d characters",
                   STORE_NAME_MAX - 1);
    return true;
}

/* ---- records ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool check_record(const Ctx *c, const StoreTable *t, const JsonValue *o, Rec *r,
                         const char **session_uids, size_t n_sessions)
{
    char what[64];
    snprintf(what, sizeof what, "a record of \"%s\"", t->name);
    if (o->type != JSON_OBJECT)
        return bad(c, o->line, "%s must be an object", what);
    r->line = o->line;
    const char *keys[MAX_COLS];
    for (size_t i = 0; i < t->n_cols; i++)
        keys[i] = t->cols[i].name;
    if (!only_keys(c, o, what, keys, t->n_cols))
        return false;
    int channels = -1;
    for (size_t i = 0; i < t->n_cols; i++) {
        const StoreColumn *col = &t->cols[i];
        StoreValue *sv = &r->vals[i];
        JsonType want = col->type == STORE_COL_INT || col->type == STORE_COL_REAL ? JSON_NUMBER
                                                                                  : JSON_STRING;
        const JsonValue *v = member(c, o, what, col->name, want, !col->required);
        if (!v)
            return false;
        sv->is_null = v->type == JSON_NULL;
        if (sv->is_null)
            continue;
        switch (col->type) {
        case STORE_COL_INT:
            if (!int_value(c, v, what, col->name, &sv->i))
                return false;
            if (strcmp(col->name, "trace_channels") == 0)
                channels = (int)sv->i;
            break;
        case STORE_COL_REAL: sv->r = v->number; break;
        case STORE_COL_BLOB:
            if (!bundle_b64_decode(v->str, v->len, &r->blob, &sv->len))
                return bad(c, v->line, "%s: \"%s\" is not base64", what, col->name);
            sv->blob = r->blob;
            break;
        case STORE_COL_SESSION:
            if (!bsearch(&v->str, session_uids, n_sessions, sizeof *session_uids, cmp_str))
                return bad(c, v->line, "%s: \"session\" %.40s is not one of the bundle's "
                                       "sessions",
                           what, v->str);
            sv->text = v->str;
            sv->len = v->len;
            break;
        default:
            if (!text_ok(c, v, what, col->name))
                return false;
            if (col->one_of && !in_set(v->str, col->one_of))
                return bad(c, v->line, "%s: \"%s\" must be one of %s, not \"%.40s\"", what,
                           col->name, col->one_of, v->str);
            sv->text = v->str;
            sv->len = v->len;
            break;
        }
    }
    if (strcmp(t->name, "sets") == 0) { /* the trace must match its channel count */
        size_t at = 0;
        while (at + 1 < t->n_cols && strcmp(t->cols[at].name, "trace") != 0)
            at++;
        const StoreValue *tr = &r->vals[at];
        size_t rec = (size_t)(channels > 0 ? channels : 0) * 4;
        bool ok = channels == 0 ? tr->is_null || tr->len == 0
                  : channels == 2 || channels == 4
                      ? !tr->is_null && tr->len % rec == 0 &&
                            tr->len / rec <= STORE_TRACE_MAX_SAMPLES
                      : false;
        if (!ok)
            return bad(c, r->line, "a record of \"sets\": its trace does not fit "
                                   "\"trace_channels\" (0, 2 or 4 float32 values per sample)");
    }
    return true;
}

static bool check_table(const Ctx *c, const JsonValue *arr, const StoreTable *t, Rec **out,
                        size_t *n, const char **session_uids, size_t n_sessions)
{
    if (arr->type != JSON_ARRAY)
        return bad(c, arr->line, "\"%s\" must be an array", t->name);
    *out = arr->n ? xcalloc(arr->n, sizeof **out) : NULL;
    *n = arr->n;
    const char **uids = arr->n ? xcalloc(arr->n, sizeof *uids) : NULL;
    bool ok = true;
    for (size_t i = 0; ok && i < arr->n; i++) {
        ok = check_record(c, t, &arr->items[i], &(*out)[i], session_uids, n_sessions);
        if (ok)
            uids[i] = (*out)[i].vals[0].text;
    }
    if (ok && arr->n > 1) { /* a uid twice in one table is not a copy of a store */
        qsort(uids, arr->n, sizeof *uids, cmp_str);
        for (size_t i = 1; ok && i < arr->n; i++) {
            if (strcmp(uids[i - 1], uids[i]) == 0)
                ok = bad(c, arr->line, "\"%s\" holds the uid %s twice", t->name, uids[i]);
        }
    }
    free(uids);
    return ok;
}

static bool check_all(const Ctx *c, const char *text, size_t len, Checked *k)
{
    memset(k, 0, sizeof *k);
    int line;
    char err[256];
    k->root = json_parse(text, len, &line, err, sizeof err);
    if (!k->root)
        return bad(c, line, "%s", err);
    const JsonValue *root = k->root;
    if (root->type != JSON_OBJECT)
        return bad(c, root->line, "a bundle is a JSON object, not %s",
                   json_type_name(root->type));
    const JsonValue *v = json_get(root, "format");
    if (!v || v->type != JSON_STRING || strcmp(v->str, BUNDLE_FORMAT) != 0)
        return bad(c, v ? v->line : root->line,
                   "not a Bridgehold bundle (\"format\" must be \"%s\")", BUNDLE_FORMAT);
    int64_t version = 0;
    if (!(v = member(c, root, "the bundle", "version", JSON_NUMBER, false)) ||
        !int_value(c, v, "the bundle", "version", &version))
        return false;
    if (version > BUNDLE_VERSION)
        return bad(c, v->line, "bundle version %lld is newer than this Bridgehold reads (%d); "
                               "update Bridgehold to import it",
                   (long long)version, BUNDLE_VERSION);
    if (version < 1)
        return bad(c, v->line, "bundle version %lld does not exist", (long long)version);
    k->tables = store_record_tables(&k->n_tables);
    const char *keys[16] = {"format", "version", "schema", "exported", "profile", "prescription"};
    for (size_t i = 0; i < k->n_tables; i++)
        keys[6 + i] = k->tables[i].name;
    if (!only_keys(c, root, "the bundle", keys, 6 + k->n_tables))
        return false;
    if (!member(c, root, "the bundle", "schema", JSON_NUMBER, false) ||
        !member(c, root, "the bundle", "exported", JSON_STRING, false))
        return false;
    const JsonValue *prof = member(c, root, "the bundle", "profile", JSON_OBJECT, false);
    const JsonValue *rx = json_get(root, "prescription");
    if (!prof || !check_profile(c, prof, k))
        return false;
    if (!rx)
        return bad(c, root->line, "the bundle has no \"prescription\" (null when none)");
    if (!check_prescription(c, rx, k))
        return false;
    /* sessions first: the others refer to them */
    const char **sessions = NULL;
    size_t n_sessions = 0;
    bool ok = true;
    for (size_t pass = 0; ok && pass < 2; pass++) {
        for (size_t i = 0; ok && i < k->n_tables; i++) {
            bool is_sessions = strcmp(k->tables[i].name, "sessions") == 0;
            if (is_sessions != (pass == 0))
                continue;
            const JsonValue *arr = member(c, root, "the bundle", k->tables[i].name, JSON_ARRAY,
                                          false);
            ok = arr && check_table(c, arr, &k->tables[i], &k->recs[i], &k->n[i], sessions,
                                    n_sessions);
            if (ok && is_sessions) {
                n_sessions = k->n[i];
                sessions = n_sessions ? xcalloc(n_sessions, sizeof *sessions) : NULL;
                for (size_t j = 0; j < n_sessions; j++)
                    sessions[j] = k->recs[i][j].vals[0].text;
                qsort(sessions, n_sessions, sizeof *sessions, cmp_str);
            }
        }
    }
    free(sessions);
    return ok;
}

bool bundle_check_text(const char *name, const char *text, size_t len, char *msg, size_t cap)
{
    Ctx c = {name, msg, cap};
    Checked k;
    msg[0] = '\0';
    bool ok = check_all(&c, text, len, &k);
    checked_free(&k);
    return ok;
}

/* ---- merging ---- */

static BundleStatus merge(Store *s, const Ctx *c, Checked *k, BundleImportCounts *counts)
{
    StoreProfile *p = &k->profile;
    str_copy(counts->profile, sizeof counts->profile, p->name);
    int64_t id = 0, here_level_time = 0;
    if (!store_batch_begin(s)) {
        snprintf(c->msg, c->cap, "%s", store_errmsg(s));
        return BUNDLE_FAILED;
    }
    bool ok = store_profile_find_uid(s, p->uid, &id);
    if (ok && !id) {
        ok = store_profile_import(s, p, &id);
        counts->profile_created = ok;
    } else if (ok) {
        ok = store_profile_level_time(s, id, &here_level_time);
    }
    for (size_t t = 0; ok && t < k->n_tables; t++) {
        for (size_t i = 0; ok && i < k->n[t]; i++) {
            bool added;
            ok = store_record_insert(s, id, &k->tables[t], k->recs[t][i].vals, &added);
            if (!ok) {
                bad(c, k->recs[t][i].line, "%s", store_errmsg(s));
                store_batch_rollback(s);
                return BUNDLE_BAD_FILE;
            }
            added ? counts->added++ : counts->skipped++;
        }
    }
    if (ok && k->has_rx) {
        k->rx.profile_id = id;
        ok = store_prescription_merge(s, &k->rx, &counts->prescription_changed);
    }
    if (ok && !counts->profile_created && k->level_changed > here_level_time) {
        /* the bundle's machine changed the level later than this one did */
        StoreProfile here;
        bool found;
        ok = store_profile_get_by_id(s, id, &here, &found);
        if (ok && strcmp(here.level, p->level) != 0) {
            ok = store_profile_set_level(s, id, p->level, "bundle import");
            counts->level_changed = ok;
        }
    }
    if (ok)
        ok = store_batch_commit(s);
    else
        store_batch_rollback(s);
    if (!ok) {
        StoreErrKind kind = store_errkind(s);
        bool file_fault = kind == STORE_E_EXISTS || kind == STORE_E_INVALID;
        snprintf(c->msg, c->cap, "%s%s%s; nothing was imported", file_fault ? c->name : "",
                 file_fault ? ": " : "", store_errmsg(s));
        return file_fault ? BUNDLE_BAD_FILE : BUNDLE_FAILED;
    }
    return BUNDLE_OK;
}

static char *read_all(const Ctx *c, size_t *len)
{
    FILE *f = fopen(c->name, "rb");
    if (!f) {
        snprintf(c->msg, c->cap, "%s: cannot read it: %s", c->name, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) ||
        (size_t)st.st_size > BUNDLE_MAX_BYTES) {
        snprintf(c->msg, c->cap, "%s: not a regular file of at most 1 GiB", c->name);
        fclose(f);
        return NULL;
    }
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *buf = xmalloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) { /* grew while we read: read what is there, up to the limit */
            if (cap > BUNDLE_MAX_BYTES) {
                snprintf(c->msg, c->cap, "%s: larger than 1 GiB", c->name);
                free(buf);
                fclose(f);
                return NULL;
            }
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
    }
    bool err = ferror(f);
    fclose(f);
    if (err) {
        snprintf(c->msg, c->cap, "%s: reading it failed", c->name);
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

BundleStatus bundle_import(Store *s, const char *path, BundleImportCounts *counts, char *msg,
                           size_t cap)
{
    Ctx c = {path, msg, cap};
    memset(counts, 0, sizeof *counts);
    msg[0] = '\0';
    size_t len;
    char *text = read_all(&c, &len);
    if (!text)
        return BUNDLE_BAD_FILE;
    Checked k;
    BundleStatus st = check_all(&c, text, len, &k) ? merge(s, &c, &k, counts) : BUNDLE_BAD_FILE;
    checked_free(&k);
    free(text);
    return st;
}
