/* store/audit: the audit log — who changed what about a patient, when, from what to what, and
 * why. Rows are only ever appended; each has a stable uid so copies from other machines merge
 * without duplicates (bundles, the clinic server). */
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

bool st_audit_insert(Store *s, int64_t profile_id, const char *actor, const char *action,
                     const char *detail, const char *before, const char *after,
                     const char *reason, int64_t time, const char *doing)
{
    sqlite3_stmt *st;
    if (!st_prepare(s,
                    "INSERT INTO audit_log (time, profile_id, actor, action, detail, before, "
                    "after, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    &st, doing))
        return false;
    sqlite3_bind_int64(st, 1, time ? time : store_now());
    st_bind_id(st, 2, profile_id);
    sqlite3_bind_text(st, 3, actor && actor[0] ? actor : "unknown", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, action, -1, SQLITE_TRANSIENT);
    st_bind_text(st, 5, detail);
    st_bind_text(st, 6, before);
    st_bind_text(st, 7, after);
    st_bind_text(st, 8, reason);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || st_fail_rc(s, rc, doing);
}

bool store_audit_add(Store *s, int64_t profile_id, const char *actor, const char *action,
                     const char *detail, int64_t time)
{
    const char *doing = "saving an audit entry";
    if (!action || !action[0])
        return st_fail(s, STORE_E_INVALID, "an audit entry needs an action");
    if (!st_begin(s, doing))
        return false;
    if (!st_audit_insert(s, profile_id, actor, action, detail, NULL, NULL, NULL, time, doing)) {
        st_rollback(s);
        return false;
    }
    return st_commit(s, doing);
}

static void read_audit(sqlite3_stmt *st, void *row)
{
    StoreAudit *a = row;
    memset(a, 0, sizeof *a);
    a->time = sqlite3_column_int64(st, 0);
    st_col_text(st, 1, a->actor, sizeof a->actor);
    st_col_text(st, 2, a->action, sizeof a->action);
    st_col_text(st, 3, a->detail, sizeof a->detail);
    st_col_text(st, 4, a->before, sizeof a->before);
    st_col_text(st, 5, a->after, sizeof a->after);
    st_col_text(st, 6, a->reason, sizeof a->reason);
    st_col_text(st, 7, a->uid, sizeof a->uid);
}

bool store_audit_list(Store *s, int64_t profile_id, StoreAudit **out, size_t *n)
{
    const char *doing = "reading the audit log";
    st_clear(s);
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    if (!st_prepare(s,
                    "SELECT time, actor, action, detail, before, after, reason, uid FROM "
                    "audit_log WHERE (?1 = 0 AND profile_id IS NULL) OR profile_id = ?1 "
                    "ORDER BY time, id",
                    &st, doing))
        return false;
    sqlite3_bind_int64(st, 1, profile_id);
    void *rows = NULL; /* through a void *, not a cast of out: no type punning */
    bool ok = st_collect(s, st, sizeof **out, read_audit, &rows, n, doing);
    *out = rows;
    return ok;
}
