/* store/settings: this machine's settings as key/value rows (schema 5). */
#include <string.h>

#include "store/store_internal.h"

static bool printable(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            return false;
    }
    return true;
}

bool store_setting_get(Store *s, const char *key, char *out, size_t cap, bool *found)
{
    const char *doing = "reading this computer's settings";
    st_clear(s);
    if (cap)
        out[0] = '\0';
    *found = false;
    sqlite3_stmt *st;
    if (!st_prepare(s, "SELECT value FROM settings WHERE key = ?1", &st, doing))
        return false;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        st_col_text(st, 0, out, cap);
        *found = true;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE || st_fail_rc(s, rc, doing);
}

static bool write_value(Store *s, const char *key, const char *value, const char *doing)
{
    sqlite3_stmt *st;
    if (!st_prepare(s,
                    value ? "INSERT INTO settings (key, value, updated) VALUES (?1, ?2, ?3) "
                            "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                            "updated = excluded.updated"
                          : "DELETE FROM settings WHERE key = ?1",
                    &st, doing))
        return false;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    if (value) {
        sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 3, store_now());
    }
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || st_fail_rc(s, rc, doing);
}

bool store_setting_set(Store *s, const char *key, const char *value, const char *actor)
{
    const char *doing = "saving this computer's settings";
    st_clear(s);
    if (!key || !key[0] || !printable(key))
        return st_fail(s, STORE_E_INVALID, "a setting needs a name of printable characters");
    if (value && (strlen(value) >= STORE_SETTING_MAX || !printable(value)))
        return st_fail(s, STORE_E_INVALID,
                       "the setting %s must be one line of at most %d characters", key,
                       STORE_SETTING_MAX - 1);
    if (!actor)
        return write_value(s, key, value, doing);
    char before[STORE_SETTING_MAX];
    bool found;
    if (!store_setting_get(s, key, before, sizeof before, &found) || !st_begin(s, doing))
        return false;
    if (!write_value(s, key, value, doing) ||
        !st_audit_insert(s, 0, actor, "setting", key, found ? before : "none",
                         value ? value : "none", NULL, 0, doing)) {
        st_rollback(s);
        return false;
    }
    return st_commit(s, doing);
}
