/* store/supervision: what a clinician adds during a supervised session — a note on a set, and an
 * override of the rules' decision (the decision, the patient's level and the audit entry with
 * before, after and the required reason, in one transaction). */
#include <string.h>

#include "store/store_internal.h"

bool store_set_note(Store *s, int64_t session_id, int set_index, const char *note)
{
    const char *doing = "saving the set's note";
    st_clear(s);
    sqlite3_stmt *st;
    if (!st_prepare(s, "UPDATE sets SET note = ?3 WHERE session_id = ?1 AND idx = ?2", &st,
                    doing))
        return false;
    sqlite3_bind_int64(st, 1, session_id);
    sqlite3_bind_int(st, 2, set_index);
    st_bind_text(st, 3, note);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return st_fail_rc(s, rc, doing);
    if (sqlite3_changes(s->db) != 1)
        return st_fail(s, STORE_E_NOTFOUND, "set %d of session #%lld is not saved yet",
                       set_index, (long long)session_id);
    return true;
}

bool store_decision_override(Store *s, StoreDecision *d, const char *clinician,
                             const char *reason)
{
    const char *doing = "saving the clinician's decision";
    st_clear(s);
    if (!reason || !reason[0])
        return st_fail(s, STORE_E_INVALID, "overriding a decision needs its reason");
    if (!st_valid_level(d->to_level) || !st_valid_level(d->from_level))
        return st_fail(s, STORE_E_INVALID, "a decision needs its levels (like L01)");
    if (!d->time)
        d->time = store_now();
    if (!st_begin(s, doing))
        return false;
    sqlite3_stmt *st;
    bool ok = st_prepare(s,
                         "INSERT INTO decisions (profile_id, from_level, to_level, decision, zone, "
                         "reason, source, time, session_id) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'clinician', ?7, ?8)",
                         &st, doing);
    if (ok) {
        sqlite3_bind_int64(st, 1, d->profile_id);
        sqlite3_bind_text(st, 2, d->from_level, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, d->to_level, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 4, d->decision[0] ? d->decision : "override", -1,
                          SQLITE_TRANSIENT);
        st_bind_text(st, 5, d->zone);
        sqlite3_bind_text(st, 6, reason, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 7, d->time);
        st_bind_id(st, 8, d->session_id);
        int rc = sqlite3_step(st);
        sqlite3_finalize(st);
        ok = rc == SQLITE_DONE || st_fail_rc(s, rc, doing);
    }
    if (ok)
        d->id = sqlite3_last_insert_rowid(s->db);
    if (ok && st_prepare(s, "UPDATE profiles SET current_level = ?2 WHERE id = ?1", &st, doing)) {
        sqlite3_bind_int64(st, 1, d->profile_id);
        sqlite3_bind_text(st, 2, d->to_level, -1, SQLITE_TRANSIENT);
        int rc = sqlite3_step(st);
        sqlite3_finalize(st);
        ok = rc == SQLITE_DONE || st_fail_rc(s, rc, doing);
    } else {
        ok = false;
    }
    ok = ok && st_audit_insert(s, d->profile_id, clinician, "override",
                               "the clinician overrode the rules' decision", d->from_level,
                               d->to_level, reason, d->time, doing);
    if (!ok) {
        st_rollback(s);
        return false;
    }
    return st_commit(s, doing);
}
