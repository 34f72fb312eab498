/* store/clinician: the one clinician row of a data folder — the PIN's hash and the wrong-attempt
 * counter that slows guessing. The counter lives in the database so a new process (or a restart)
 * does not reset it; clinic/pin.c owns the hashing and the delay policy. */
#include <string.h>

#include "core/str.h"
#include "store/store_internal.h"

bool store_clinician_get(Store *s, StoreClinician *out, bool *found)
{
    const char *doing = "reading the clinician's PIN";
    st_clear(s);
    memset(out, 0, sizeof *out);
    *found = false;
    sqlite3_stmt *st;
    if (!st_prepare(s,
                    "SELECT name, pin_hash, failures, last_attempt_ms, updated FROM clinician "
                    "WHERE id = 1",
                    &st, doing))
        return false;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        st_col_text(st, 0, out->name, sizeof out->name);
        st_col_text(st, 1, out->pin_hash, sizeof out->pin_hash);
        out->failures = sqlite3_column_int(st, 2);
        out->last_attempt_ms = sqlite3_column_int64(st, 3);
        out->updated = sqlite3_column_int64(st, 4);
        *found = true;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE || st_fail_rc(s, rc, doing);
}

bool store_clinician_set(Store *s, const char *name, const char *pin_hash)
{
    const char *doing = "saving the clinician's PIN";
    st_clear(s);
    if (!name || !name[0] || strlen(name) >= STORE_NAME_MAX)
        return st_fail(s, STORE_E_INVALID, "the clinician's name needs 1 to %d characters",
                       STORE_NAME_MAX - 1);
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            return st_fail(s, STORE_E_INVALID, "the clinician's name has control characters");
    }
    if (!pin_hash || !pin_hash[0] || strlen(pin_hash) >= sizeof ((StoreClinician *)0)->pin_hash)
        return st_fail(s, STORE_E_INVALID, "the PIN hash is empty or too long");
    if (!st_begin(s, doing))
        return false;
    sqlite3_stmt *st;
    if (!st_prepare(s,
                    "INSERT INTO clinician (id, name, pin_hash, failures, last_attempt_ms, "
                    "updated) VALUES (1, ?1, ?2, 0, 0, ?3) ON CONFLICT(id) DO UPDATE SET "
                    "name = excluded.name, pin_hash = excluded.pin_hash, failures = 0, "
                    "last_attempt_ms = 0, updated = excluded.updated",
                    &st, doing)) {
        st_rollback(s);
        return false;
    }
    int64_t now = store_now();
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, pin_hash, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, now);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        st_fail_rc(s, rc, doing);
        st_rollback(s);
        return false;
    }
    if (!st_audit_insert(s, 0, name, "pin_set", "the clinician PIN was set", NULL, NULL, NULL,
                         now, doing)) {
        st_rollback(s);
        return false;
    }
    return st_commit(s, doing);
}

bool store_clinician_claim_attempt(Store *s, int64_t now_ms, int64_t (*delay_ms)(int failures),
                                   bool *allowed, int64_t *wait_ms)
{
    const char *doing = "counting a PIN attempt";
    *allowed = false;
    *wait_ms = 0;
    if (!st_begin(s, doing))
        return false;
    StoreClinician c;
    bool found;
    if (!store_clinician_get(s, &c, &found)) {
        st_rollback(s);
        return false;
    }
    if (!found) {
        st_rollback(s);
        return st_fail(s, STORE_E_NOTFOUND, "no clinician PIN is set");
    }
    if (c.failures > 0) {
        int64_t until = c.last_attempt_ms + delay_ms(c.failures);
        /* A clock set back before the last attempt would lock the clinic out until it caught
         * up; the attempt is counted from the new time instead (setting the clock needs root,
         * who can read the database anyway). */
        if (now_ms >= c.last_attempt_ms && now_ms < until) {
            *wait_ms = until - now_ms;
            return st_commit(s, doing);
        }
    }
    sqlite3_stmt *st;
    if (!st_prepare(s,
                    "UPDATE clinician SET failures = failures + 1, last_attempt_ms = ?1 "
                    "WHERE id = 1",
                    &st, doing)) {
        st_rollback(s);
        return false;
    }
    sqlite3_bind_int64(st, 1, now_ms);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        st_fail_rc(s, rc, doing);
        st_rollback(s);
        return false;
    }
    if (!st_commit(s, doing))
        return false;
    *allowed = true;
    return true;
}

bool store_clinician_attempt_ok(Store *s)
{
    st_clear(s);
    return st_exec(s, "UPDATE clinician SET failures = 0 WHERE id = 1",
                   "clearing the PIN attempt counter");
}

bool store_clinician_attempt_failed(Store *s, int64_t now_ms)
{
    const char *doing = "counting a wrong PIN";
    st_clear(s);
    sqlite3_stmt *st;
    if (!st_prepare(s, "UPDATE clinician SET last_attempt_ms = max(last_attempt_ms, ?1) "
                       "WHERE id = 1",
                    &st, doing))
        return false;
    sqlite3_bind_int64(st, 1, now_ms);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || st_fail_rc(s, rc, doing);
}
