/* store/profiles: patient profiles, MVC tests, progression decisions and the audit log. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/str.h"
#include "store/store_internal.h"

static const char *const SIDE_NAMES[] = {"left", "right", "both"};

const char *store_side_name(StoreSide side)
{
    return (unsigned)side < 3 ? SIDE_NAMES[side] : "both";
}

bool store_side_parse(const char *name, StoreSide *out)
{
    for (int i = 0; i < 3; i++) {
        if (name && strcmp(name, SIDE_NAMES[i]) == 0) {
            *out = (StoreSide)i;
            return true;
        }
    }
    return false;
}

static bool valid_name(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || n >= STORE_NAME_MAX)
        return false;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            return false;
    }
    return true;
}

/* ---- profiles ---- */

/* The cap comes from the prescription (profiles.level_cap is unused since schema 3). */
#define PROFILE_COLS                                                                              \
    "p.id, p.name, p.affected_side, p.body_mass_kg, p.start_date, p.current_level, "              \
    "r.level_cap, p.created, p.uid, p.archived"
#define PROFILE_FROM " FROM profiles p LEFT JOIN prescriptions r ON r.profile_id = p.id "

static void read_profile(sqlite3_stmt *st, StoreProfile *p)
{
    memset(p, 0, sizeof *p);
    p->id = sqlite3_column_int64(st, 0);
    st_col_text(st, 1, p->name, sizeof p->name);
    char side[8];
    st_col_text(st, 2, side, sizeof side);
    if (!store_side_parse(side, &p->side))
        p->side = STORE_SIDE_BOTH;
    p->body_mass_kg = st_col_real(st, 3);
    st_col_text(st, 4, p->start_date, sizeof p->start_date);
    st_col_text(st, 5, p->level, sizeof p->level);
    st_col_text(st, 6, p->level_cap, sizeof p->level_cap);
    p->created = sqlite3_column_int64(st, 7);
    st_col_text(st, 8, p->uid, sizeof p->uid);
    p->archived = sqlite3_column_int(st, 9) != 0;
}

bool store_profile_create(Store *s, StoreProfile *p)
{
    const char *doing = "creating the profile";
    st_clear(s);
    if (!valid_name(p->name))
        return st_fail(s, STORE_E_INVALID,
                       "a profile name needs 1 to %d characters and no control characters",
                       STORE_NAME_MAX - 1);
    if ((unsigned)p->side > STORE_SIDE_BOTH)
        return st_fail(s, STORE_E_INVALID, "the affected side must be left, right or both");
    if (isfinite(p->body_mass_kg) && (p->body_mass_kg <= 0 || p->body_mass_kg > 500))
        return st_fail(s, STORE_E_INVALID, "body mass %.1f kg is not plausible (1–500 kg)",
                       p->body_mass_kg);
    if (!p->level[0])
        strcpy(p->level, "L01");
    if (!st_valid_level(p->level) || (p->level_cap[0] && !st_valid_level(p->level_cap)))
        return st_fail(s, STORE_E_INVALID, "'%s' is not a level id (like L01)",
                       st_valid_level(p->level) ? p->level_cap : p->level);
    if (!p->created)
        p->created = store_now();
    if (!p->start_date[0])
        store_local_date(p->created, p->start_date);
    if (!st_valid_date(p->start_date))
        return st_fail(s, STORE_E_INVALID, "start date '%s' is not YYYY-MM-DD", p->start_date);

    if (!st_begin(s, doing))
        return false;
    sqlite3_stmt *st;
    if (!st_prepare(s,
                    "INSERT INTO profiles (name, affected_side, body_mass_kg, start_date, "
                    "current_level, created) VALUES (?1, ?2, ?3, ?4, ?5, ?7)",
                    &st, doing)) {
        st_rollback(s);
        return false;
    }
    sqlite3_bind_text(st, 1, p->name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, store_side_name(p->side), -1, SQLITE_STATIC);
    st_bind_real(st, 3, p->body_mass_kg);
    sqlite3_bind_text(st, 4, p->start_date, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, p->level, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 7, p->created);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_CONSTRAINT_UNIQUE) {
        st_rollback(s);
        return st_fail(s, STORE_E_EXISTS, "there is already a profile called '%s'", p->name);
    }
    if (rc != SQLITE_DONE) {
        st_fail_rc(s, rc, doing);
        st_rollback(s);
        return false;
    }
    p->id = sqlite3_last_insert_rowid(s->db);
    if (!st_audit_insert(s, p->id, "patient", "profile_create", p->name, NULL, NULL, NULL,
                         p->created, doing)) {
        st_rollback(s);
        return false;
    }
    if (p->level_cap[0]) { /* a cap given at creation starts the prescription */
        if (!st_prepare(s,
                        "INSERT INTO prescriptions (profile_id, level_cap, updated, updated_by) "
                        "VALUES (?1, ?2, ?3, 'profile creation')",
                        &st, doing)) {
            st_rollback(s);
            return false;
        }
        sqlite3_bind_int64(st, 1, p->id);
        sqlite3_bind_text(st, 2, p->level_cap, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 3, p->created);
        rc = sqlite3_step(st);
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) {
            st_fail_rc(s, rc, doing);
            st_rollback(s);
            return false;
        }
    }
    if (!st_commit(s, doing))
        return false;
    bool found;
    StoreProfile back;
    if (store_profile_get_by_id(s, p->id, &back, &found) && found)
        memcpy(p->uid, back.uid, sizeof p->uid);
    return true;
}

static bool profile_query(Store *s, const char *sql, const char *name, int64_t id,
                          StoreProfile *out, bool *found)
{
    st_clear(s);
    *found = false;
    sqlite3_stmt *st;
    if (!st_prepare(s, sql, &st, "reading the profile"))
        return false;
    if (name)
        sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        read_profile(st, out);
        *found = true;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE || st_fail_rc(s, rc, "reading the profile");
}

bool store_profile_get(Store *s, const char *name, StoreProfile *out, bool *found)
{
    return profile_query(s, "SELECT " PROFILE_COLS PROFILE_FROM "WHERE p.name = ?1",
                         name ? name : "", 0, out, found);
}

bool store_profile_get_by_id(Store *s, int64_t id, StoreProfile *out, bool *found)
{
    return profile_query(s, "SELECT " PROFILE_COLS PROFILE_FROM "WHERE p.id = ?1", NULL, id, out,
                         found);
}

static void row_profile(sqlite3_stmt *st, void *row) { read_profile(st, row); }

bool store_profile_list(Store *s, StoreProfile **out, size_t *n)
{
    st_clear(s);
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    if (!st_prepare(s, "SELECT " PROFILE_COLS PROFILE_FROM "ORDER BY p.name", &st,
                    "listing the profiles"))
        return false;
    void *rows = NULL; /* through a void *, not a cast of out: no type punning */
    bool ok = st_collect(s, st, sizeof **out, row_profile, &rows, n, "listing the profiles");
    *out = rows;
    return ok;
}

/* Sets one level column and audits old → new in one transaction. */
static bool set_level_column(Store *s, int64_t profile_id, const char *column_sql,
                             const char *read_sql, const char *value, const char *actor,
                             const char *action)
{
    const char *doing = "changing the profile's level";
    if (!st_begin(s, doing))
        return false;
    char old[STORE_LEVEL_MAX] = "";
    sqlite3_stmt *st;
    int rc = SQLITE_ERROR;
    if (st_prepare(s, read_sql, &st, doing)) {
        sqlite3_bind_int64(st, 1, profile_id);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            st_col_text(st, 0, old, sizeof old);
        sqlite3_finalize(st);
    }
    if (rc == SQLITE_DONE) {
        st_rollback(s);
        return st_fail(s, STORE_E_NOTFOUND, "there is no profile #%lld", (long long)profile_id);
    }
    if (rc != SQLITE_ROW) {
        if (s->err.kind == STORE_OK)
            st_fail_rc(s, rc, doing);
        st_rollback(s);
        return false;
    }
    if (!st_prepare(s, column_sql, &st, doing)) {
        st_rollback(s);
        return false;
    }
    st_bind_text(st, 1, value);
    sqlite3_bind_int64(st, 2, profile_id);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        st_fail_rc(s, rc, doing);
        st_rollback(s);
        return false;
    }
    char detail[64];
    snprintf(detail, sizeof detail, "%s -> %s", old[0] ? old : "none",
             value && value[0] ? value : "none");
    if (!st_audit_insert(s, profile_id, actor, action, detail, old[0] ? old : "none",
                         value && value[0] ? value : "none", NULL, 0, doing)) {
        st_rollback(s);
        return false;
    }
    return st_commit(s, doing);
}

bool store_profile_set_level(Store *s, int64_t profile_id, const char *level, const char *actor)
{
    st_clear(s);
    if (!st_valid_level(level))
        return st_fail(s, STORE_E_INVALID, "'%s' is not a level id (like L01)", level ? level : "");
    return set_level_column(s, profile_id, "UPDATE profiles SET current_level = ?1 WHERE id = ?2",
                            "SELECT current_level FROM profiles WHERE id = ?1", level, actor,
                            "level_set");
}

bool store_profile_set_cap(Store *s, int64_t profile_id, const char *cap, const char *actor)
{
    st_clear(s);
    if (cap && cap[0] && !st_valid_level(cap))
        return st_fail(s, STORE_E_INVALID, "'%s' is not a level id (like L01)", cap);
    return st_prescription_set_cap(s, profile_id, cap, actor);
}

/* ---- MVC tests ---- */

bool store_mvc_add(Store *s, StoreMvc *m)
{
    const char *doing = "saving the MVC test";
    st_clear(s);
    if (!isfinite(m->best_n) || m->best_n < 0)
        return st_fail(s, STORE_E_INVALID, "an MVC test needs a best force of 0 N or more");
    if (!st_valid_level(m->level))
        return st_fail(s, STORE_E_INVALID, "an MVC test needs the level id of its position");
    if (!m->time)
        m->time = store_now();
    if (!m->date[0])
        store_local_date(m->time, m->date);
    if (!st_valid_date(m->date))
        return st_fail(s, STORE_E_INVALID, "date '%s' is not YYYY-MM-DD", m->date);
    sqlite3_stmt *st;
    if (!st_begin(s, doing))
        return false;
    if (!st_prepare(s,
                    "INSERT INTO mvc_tests (profile_id, date, level, best_n, cv_pct, "
                    "pain_limited, time) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    &st, doing)) {
        st_rollback(s);
        return false;
    }
    sqlite3_bind_int64(st, 1, m->profile_id);
    sqlite3_bind_text(st, 2, m->date, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, m->level, -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(st, 4, m->best_n);
    st_bind_real(st, 5, m->cv_pct);
    sqlite3_bind_int(st, 6, m->pain_limited ? 1 : 0);
    sqlite3_bind_int64(st, 7, m->time);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
        st_rollback(s);
        return st_fail(s, STORE_E_NOTFOUND, "there is no profile #%lld",
                       (long long)m->profile_id);
    }
    if (rc != SQLITE_DONE) {
        st_fail_rc(s, rc, doing);
        st_rollback(s);
        return false;
    }
    m->id = sqlite3_last_insert_rowid(s->db);
    return st_commit(s, doing);
}

bool store_mvc_latest(Store *s, int64_t profile_id, const char *level, StoreMvc *out, bool *found)
{
    st_clear(s);
    *found = false;
    sqlite3_stmt *st;
    if (!st_prepare(s,
                    "SELECT id, profile_id, date, level, best_n, cv_pct, pain_limited, time "
                    "FROM mvc_tests WHERE profile_id = ?1 AND (?2 IS NULL OR level = ?2) "
                    "ORDER BY time DESC, id DESC LIMIT 1",
                    &st, "reading the latest MVC test"))
        return false;
    sqlite3_bind_int64(st, 1, profile_id);
    st_bind_text(st, 2, level);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        out->id = sqlite3_column_int64(st, 0);
        out->profile_id = sqlite3_column_int64(st, 1);
        st_col_text(st, 2, out->date, sizeof out->date);
        st_col_text(st, 3, out->level, sizeof out->level);
        out->best_n = sqlite3_column_double(st, 4);
        out->cv_pct = st_col_real(st, 5);
        out->pain_limited = sqlite3_column_int(st, 6) != 0;
        out->time = sqlite3_column_int64(st, 7);
        *found = true;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ||
           st_fail_rc(s, rc, "reading the latest MVC test");
}

/* ---- decisions ---- */

bool store_decision_add(Store *s, StoreDecision *d)
{
    const char *doing = "saving the progression decision";
    st_clear(s);
    if (!st_valid_level(d->from_level) || !st_valid_level(d->to_level))
        return st_fail(s, STORE_E_INVALID, "a decision needs the levels it goes from and to");
    if (!d->decision[0] || !d->reason[0])
        return st_fail(s, STORE_E_INVALID, "a decision needs its decision word and its reason");
    if ((unsigned)d->source > STORE_BY_CLINICIAN)
        return st_fail(s, STORE_E_INVALID, "a decision comes from the rules or a clinician");
    if (!d->time)
        d->time = store_now();
    if (!st_begin(s, doing))
        return false;
    sqlite3_stmt *st;
    if (!st_prepare(s,
                    "INSERT INTO decisions (profile_id, from_level, to_level, decision, zone, "
                    "reason, source, time, session_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    &st, doing)) {
        st_rollback(s);
        return false;
    }
    sqlite3_bind_int64(st, 1, d->profile_id);
    sqlite3_bind_text(st, 2, d->from_level, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, d->to_level, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, d->decision, -1, SQLITE_TRANSIENT);
    st_bind_text(st, 5, d->zone);
    sqlite3_bind_text(st, 6, d->reason, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 7, d->source == STORE_BY_CLINICIAN ? "clinician" : "rules", -1,
                      SQLITE_STATIC);
    sqlite3_bind_int64(st, 8, d->time);
    st_bind_id(st, 9, d->session_id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
        st_rollback(s);
        return st_fail(s, STORE_E_NOTFOUND, "there is no profile #%lld",
                       (long long)d->profile_id);
    }
    if (rc != SQLITE_DONE) {
        st_fail_rc(s, rc, doing);
        st_rollback(s);
        return false;
    }
    d->id = sqlite3_last_insert_rowid(s->db);
    return st_commit(s, doing);
}

void st_read_decision(sqlite3_stmt *st, StoreDecision *d)
{
    memset(d, 0, sizeof *d);
    d->id = sqlite3_column_int64(st, 0);
    d->profile_id = sqlite3_column_int64(st, 1);
    st_col_text(st, 2, d->from_level, sizeof d->from_level);
    st_col_text(st, 3, d->to_level, sizeof d->to_level);
    st_col_text(st, 4, d->decision, sizeof d->decision);
    st_col_text(st, 5, d->zone, sizeof d->zone);
    st_col_text(st, 6, d->reason, sizeof d->reason);
    const unsigned char *src = sqlite3_column_text(st, 7);
    d->source = src && strcmp((const char *)src, "clinician") == 0 ? STORE_BY_CLINICIAN
                                                                    : STORE_BY_RULES;
    d->time = sqlite3_column_int64(st, 8);
}

#define DECISION_SELECT                                                                           \
    "SELECT id, profile_id, from_level, to_level, decision, zone, reason, source, time "          \
    "FROM decisions WHERE profile_id = ?1 "

bool store_decision_latest(Store *s, int64_t profile_id, StoreDecision *out, bool *found)
{
    st_clear(s);
    *found = false;
    sqlite3_stmt *st;
    if (!st_prepare(s, DECISION_SELECT "ORDER BY time DESC, id DESC LIMIT 1", &st,
                    "reading the latest decision"))
        return false;
    sqlite3_bind_int64(st, 1, profile_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        st_read_decision(st, out);
        *found = true;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ||
           st_fail_rc(s, rc, "reading the latest decision");
}

static void row_decision(sqlite3_stmt *st, void *row) { st_read_decision(st, row); }

bool store_decision_list(Store *s, int64_t profile_id, StoreDecision **out, size_t *n)
{
    st_clear(s);
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    if (!st_prepare(s, DECISION_SELECT "ORDER BY time, id", &st, "listing the decisions"))
        return false;
    sqlite3_bind_int64(st, 1, profile_id);
    void *rows = NULL; /* through a void *, not a cast of out: no type punning */
    bool ok = st_collect(s, st, sizeof **out, row_decision, &rows, n, "listing the decisions");
    *out = rows;
    return ok;
}
