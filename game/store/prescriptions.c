/* store/prescriptions: one prescription per profile — start level, level cap, rule overrides,
 * sets / hold / rest — written by a clinician (audited with before, after and reason) or merged
 * from another machine (the later change wins). The single truth for the level cap since
 * schema 3: StoreProfile.level_cap is read from here. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "store/store_internal.h"

#define RX_COLS "profile_id, uid, start_level, level_cap, overrides, sets, hold_s, rest_s, " \
                "updated, updated_by"

bool store_uid_valid(const char *u)
{
    if (!u || strlen(u) != 36)
        return false;
    for (int i = 0; i < 36; i++) {
        char c = u[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return u[14] == '4' && strchr("89ab", u[19]) != NULL;
}

static void rx_clear(StorePrescription *p, int64_t profile_id)
{
    memset(p, 0, sizeof *p);
    p->profile_id = profile_id;
    p->hold_s = NAN;
    p->rest_s = NAN;
}

static void read_rx(sqlite3_stmt *st, StorePrescription *p)
{
    rx_clear(p, sqlite3_column_int64(st, 0));
    st_col_text(st, 1, p->uid, sizeof p->uid);
    st_col_text(st, 2, p->start_level, sizeof p->start_level);
    st_col_text(st, 3, p->level_cap, sizeof p->level_cap);
    st_col_text(st, 4, p->overrides, sizeof p->overrides);
    p->sets = sqlite3_column_int(st, 5);
    p->hold_s = st_col_real(st, 6);
    p->rest_s = st_col_real(st, 7);
    p->updated = sqlite3_column_int64(st, 8);
    st_col_text(st, 9, p->updated_by, sizeof p->updated_by);
}

bool store_prescription_get(Store *s, int64_t profile_id, StorePrescription *out, bool *found)
{
    const char *doing = "reading the prescription";
    st_clear(s);
    *found = false;
    rx_clear(out, profile_id);
    sqlite3_stmt *st;
    if (!st_prepare(s, "SELECT " RX_COLS " FROM prescriptions WHERE profile_id = ?1", &st, doing))
        return false;
    sqlite3_bind_int64(st, 1, profile_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        read_rx(st, out);
        *found = true;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE || st_fail_rc(s, rc, doing);
}

static void describe_num(StrBuf *b, const char *label, double v, const char *unit)
{
    if (isfinite(v))
        strbuf_appendf(b, "; %s %g %s", label, v, unit);
    else
        strbuf_appendf(b, "; %s level's own", label);
}

void store_prescription_describe(const StorePrescription *p, char *out, size_t cap)
{
    StrBuf b;
    strbuf_init(&b);
    strbuf_appendf(&b, "start %s; cap %s", p->start_level[0] ? p->start_level : "none",
                   p->level_cap[0] ? p->level_cap : "none");
    if (p->sets > 0)
        strbuf_appendf(&b, "; sets %d", p->sets);
    else
        strbuf_append(&b, "; sets level's own");
    describe_num(&b, "hold", p->hold_s, "s");
    describe_num(&b, "rest", p->rest_s, "s");
    strbuf_append(&b, "; rules: ");
    if (!p->overrides[0]) {
        strbuf_append(&b, "none");
    } else { /* the lines joined with ", " */
        bool first = true;
        for (const char *l = p->overrides; *l;) {
            size_t len = strcspn(l, "\n");
            if (len) {
                strbuf_appendf(&b, "%s%.*s", first ? "" : ", ", (int)len, l);
                first = false;
            }
            l += len;
            if (*l == '\n')
                l++;
        }
    }
    str_copy(out, cap, b.data);
    strbuf_free(&b);
}

static bool valid_text(const char *t, size_t cap)
{
    size_t n = strnlen(t, cap);
    if (n >= cap)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        if ((c < 0x20 && c != '\n') || c == 0x7f)
            return false;
    }
    return true;
}

/* The checks both writers share; a message on failure. */
static bool rx_check(Store *s, const StorePrescription *p)
{
    if (p->start_level[0] && !st_valid_level(p->start_level))
        return st_fail(s, STORE_E_INVALID, "'%s' is not a level id (like L01)", p->start_level);
    if (p->level_cap[0] && !st_valid_level(p->level_cap))
        return st_fail(s, STORE_E_INVALID, "'%s' is not a level id (like L01)", p->level_cap);
    if (p->sets < 0 || p->sets > 20)
        return st_fail(s, STORE_E_INVALID, "sets must be 1 to 20 (or 0 for the level's own)");
    if (!isnan(p->hold_s) && !(p->hold_s > 0 && p->hold_s <= 600))
        return st_fail(s, STORE_E_INVALID, "a hold must be more than 0 and at most 600 s");
    if (!isnan(p->rest_s) && !(p->rest_s >= 0 && p->rest_s <= 1800))
        return st_fail(s, STORE_E_INVALID, "a rest must be 0 to 1800 s");
    if (!valid_text(p->overrides, sizeof p->overrides))
        return st_fail(s, STORE_E_INVALID, "the rule overrides are too long or hold control "
                                           "characters");
    return true;
}

/* Writes p's fields over the profile's row (or a new row), uid NULL = keep / let the trigger make
 * one. Inside the caller's transaction. */
static bool rx_write(Store *s, const StorePrescription *p, const char *uid, const char *doing)
{
    sqlite3_stmt *st;
    if (!st_prepare(s,
                    "INSERT INTO prescriptions (profile_id, uid, start_level, level_cap, "
                    "overrides, sets, hold_s, rest_s, updated, updated_by) VALUES (?1, ?2, ?3, "
                    "?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT(profile_id) DO UPDATE SET "
                    "uid = coalesce(excluded.uid, uid), start_level = excluded.start_level, "
                    "level_cap = excluded.level_cap, overrides = excluded.overrides, "
                    "sets = excluded.sets, hold_s = excluded.hold_s, rest_s = excluded.rest_s, "
                    "updated = excluded.updated, updated_by = excluded.updated_by",
                    &st, doing))
        return false;
    sqlite3_bind_int64(st, 1, p->profile_id);
    st_bind_text(st, 2, uid);
    st_bind_text(st, 3, p->start_level);
    st_bind_text(st, 4, p->level_cap);
    st_bind_text(st, 5, p->overrides);
    if (p->sets > 0)
        sqlite3_bind_int(st, 6, p->sets);
    st_bind_real(st, 7, p->hold_s);
    st_bind_real(st, 8, p->rest_s);
    sqlite3_bind_int64(st, 9, p->updated);
    sqlite3_bind_text(st, 10, p->updated_by, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        return st_fail(s, STORE_E_NOTFOUND, "there is no profile #%lld",
                       (long long)p->profile_id);
    if (rc == SQLITE_CONSTRAINT_UNIQUE)
        return st_fail(s, STORE_E_EXISTS, "another profile's prescription has the id %s",
                       uid ? uid : "?");
    return rc == SQLITE_DONE || st_fail_rc(s, rc, doing);
}

/* Reads the current row inside the caller's transaction. */
static bool rx_read_tx(Store *s, int64_t profile_id, StorePrescription *cur, bool *found)
{
    return store_prescription_get(s, profile_id, cur, found);
}

static bool profile_exists(Store *s, int64_t profile_id, const char *doing)
{
    sqlite3_stmt *st;
    if (!st_prepare(s, "SELECT 1 FROM profiles WHERE id = ?1", &st, doing))
        return false;
    sqlite3_bind_int64(st, 1, profile_id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return st_fail(s, STORE_E_NOTFOUND, "there is no profile #%lld", (long long)profile_id);
    return rc == SQLITE_ROW || st_fail_rc(s, rc, doing);
}

/* The audit entry's "before": the current prescription, or "none" when there is none. */
static void rx_describe_before(const StorePrescription *cur, char *buf, size_t cap)
{
    if (cur)
        store_prescription_describe(cur, buf, cap);
    else
        str_copy(buf, cap, "none");
}

/* Checks p, begins the transaction and reads the profile's current prescription in it; false
 * (rolled back, the error set) when p is wrong, the profile is missing or the read fails. */
static bool rx_begin(Store *s, const StorePrescription *p, StorePrescription *cur, bool *found,
                     const char *doing)
{
    if (!rx_check(s, p))
        return false;
    if (!st_begin(s, doing))
        return false;
    if (!profile_exists(s, p->profile_id, doing) || !rx_read_tx(s, p->profile_id, cur, found)) {
        st_rollback(s);
        return false;
    }
    return true;
}

bool store_prescription_set(Store *s, const StorePrescription *p, const char *clinician,
                            const char *reason)
{
    const char *doing = "saving the prescription";
    st_clear(s);
    if (!clinician || !clinician[0] || !valid_text(clinician, STORE_NAME_MAX) ||
        strchr(clinician, '\n'))
        return st_fail(s, STORE_E_INVALID, "a prescription change needs the clinician's name "
                                           "(1 to %d characters)", STORE_NAME_MAX - 1);
    if (!reason || !reason[0] || !valid_text(reason, 512))
        return st_fail(s, STORE_E_INVALID, "a prescription change needs its reason (up to 511 "
                                           "characters)");
    StorePrescription cur;
    bool found;
    if (!rx_begin(s, p, &cur, &found, doing))
        return false;
    StorePrescription next = *p;
    int64_t now = store_now();
    next.updated = found && cur.updated >= now ? cur.updated + 1 : now;
    str_copy(next.updated_by, sizeof next.updated_by, clinician);
    char before[1400], after[1400];
    rx_describe_before(found ? &cur : NULL, before, sizeof before);
    store_prescription_describe(&next, after, sizeof after);
    if (!rx_write(s, &next, NULL, doing) ||
        !st_audit_insert(s, p->profile_id, clinician, "prescribe", "prescription changed",
                         before, after, reason, next.updated, doing)) {
        st_rollback(s);
        return false;
    }
    return st_commit(s, doing);
}

static bool rx_same(const StorePrescription *a, const StorePrescription *b)
{
    bool hold = (isnan(a->hold_s) && isnan(b->hold_s)) || a->hold_s == b->hold_s;
    bool rest = (isnan(a->rest_s) && isnan(b->rest_s)) || a->rest_s == b->rest_s;
    return hold && rest && a->sets == b->sets && a->updated == b->updated &&
           strcmp(a->uid, b->uid) == 0 && strcmp(a->start_level, b->start_level) == 0 &&
           strcmp(a->level_cap, b->level_cap) == 0 && strcmp(a->overrides, b->overrides) == 0 &&
           strcmp(a->updated_by, b->updated_by) == 0;
}

bool store_prescription_merge(Store *s, const StorePrescription *p, bool *changed)
{
    const char *doing = "merging the prescription";
    st_clear(s);
    *changed = false;
    if (!store_uid_valid(p->uid))
        return st_fail(s, STORE_E_INVALID, "a prescription from another machine needs its uid "
                                           "(a v4 UUID), not '%.40s'", p->uid);
    if (p->updated <= 0 || !p->updated_by[0] || !valid_text(p->updated_by, STORE_NAME_MAX))
        return st_fail(s, STORE_E_INVALID, "a prescription from another machine needs when and "
                                           "by whom it was changed");
    StorePrescription cur;
    bool found;
    if (!rx_begin(s, p, &cur, &found, doing))
        return false;
    bool wins = !found || p->updated > cur.updated ||
                (p->updated == cur.updated && strcmp(p->uid, cur.uid) > 0);
    if (!wins || (found && rx_same(p, &cur)))
        return st_commit(s, doing);
    char before[1400], after[1400], reason[160];
    rx_describe_before(found ? &cur : NULL, before, sizeof before);
    store_prescription_describe(p, after, sizeof after);
    char when[11];
    store_local_date(p->updated, when);
    snprintf(reason, sizeof reason, "a later change from another machine (%s by %s)", when,
             p->updated_by);
    if (!rx_write(s, p, p->uid, doing) ||
        !st_audit_insert(s, p->profile_id, p->updated_by, "prescription_merge",
                         "prescription merged", before, after, reason, 0, doing)) {
        st_rollback(s);
        return false;
    }
    if (!st_commit(s, doing))
        return false;
    *changed = true;
    return true;
}

bool st_prescription_set_cap(Store *s, int64_t profile_id, const char *cap, const char *actor)
{
    const char *doing = "changing the level cap";
    if (!st_begin(s, doing))
        return false;
    StorePrescription cur;
    bool found;
    if (!profile_exists(s, profile_id, doing) || !rx_read_tx(s, profile_id, &cur, &found)) {
        st_rollback(s);
        return false;
    }
    char old[STORE_LEVEL_MAX];
    str_copy(old, sizeof old, cur.level_cap);
    str_copy(cur.level_cap, sizeof cur.level_cap, cap ? cap : "");
    int64_t now = store_now();
    cur.updated = found && cur.updated >= now ? cur.updated + 1 : now;
    str_copy(cur.updated_by, sizeof cur.updated_by, actor && actor[0] ? actor : "unknown");
    char detail[64];
    snprintf(detail, sizeof detail, "%s -> %s", old[0] ? old : "none",
             cur.level_cap[0] ? cur.level_cap : "none");
    if (!rx_write(s, &cur, NULL, doing) ||
        !st_audit_insert(s, profile_id, actor, "level_cap_set", detail, old[0] ? old : "none",
                         cur.level_cap[0] ? cur.level_cap : "none", NULL, cur.updated, doing)) {
        st_rollback(s);
        return false;
    }
    return st_commit(s, doing);
}
