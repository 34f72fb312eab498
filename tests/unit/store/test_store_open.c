/* store: opening, the schema and its migrations, and every way a database can be refused —
 * newer, damaged, another program's, read-only, locked, full — with the file left as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/store_internal.h"
#include "store_test_util.h"

static int setup(void **state)
{
    *state = tu_tempdir();
    return 0;
}

static int teardown(void **state)
{
    tu_rmtree(*state);
    free(*state);
    return 0;
}

static int64_t add_profile(Store *s, const char *name)
{
    StoreProfile p = {.side = STORE_SIDE_LEFT, .body_mass_kg = NAN};
    strcpy(p.name, name);
    assert_true(store_profile_create(s, &p));
    return p.id;
}

static void test_create_and_reopen(void **state)
{
    const char *root = *state;
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/a/b/data", root);
    StoreError err;
    Store *s = store_open(dir, &err);
    assert_non_null(s);
    assert_int_equal(tu_mode(dir), 0700);
    char dbp[1100];
    snprintf(dbp, sizeof dbp, "%s/bridgehold.db", dir);
    assert_string_equal(store_path(s), dbp);
    assert_int_equal(tu_mode(dbp), 0600);
    add_profile(s, "Ann");
    /* the WAL and its index get the file's mode */
    assert_int_equal(tu_mode(tu_path(dir, "bridgehold.db-wal")), 0600);
    assert_int_equal(tu_mode(tu_path(dir, "bridgehold.db-shm")), 0600);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(s->db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    assert_int_equal(sqlite3_prepare_v2(s->db, "PRAGMA foreign_keys", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1);
    sqlite3_finalize(st);
    store_close(s);

    assert_int_equal(tu_sql_int(dbp, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    s = store_open(dir, &err);
    assert_non_null(s);
    StoreProfile p;
    bool found;
    assert_true(store_profile_get(s, "Ann", &p, &found));
    assert_true(found);
    assert_int_equal(p.side, STORE_SIDE_LEFT);
    assert_string_equal(p.level, "L01");
    assert_true(isnan(p.body_mass_kg));
    store_close(s);
}

static void test_existing_file_gets_0600(void **state)
{
    const char *dir = *state;
    Store *s = store_open(dir, NULL);
    assert_non_null(s);
    store_close(s);
    char dbp[1100];
    snprintf(dbp, sizeof dbp, "%s/bridgehold.db", dir);
    assert_int_equal(chmod(dbp, 0644), 0);
    s = store_open(dir, NULL);
    assert_non_null(s);
    assert_int_equal(tu_mode(dbp), 0600);
    store_close(s);
}

static void test_open_existing_needs_a_database(void **state)
{
    const char *dir = *state;
    StoreError err;
    assert_null(store_open_existing(dir, &err));
    assert_int_equal(err.kind, STORE_E_NOTFOUND);
    assert_non_null(strstr(err.msg, "no Bridgehold data in"));
    assert_int_equal(tu_mode(tu_path(dir, "bridgehold.db")), -1); /* not created */
    char missing[1100];
    snprintf(missing, sizeof missing, "%s/nowhere", dir);
    assert_null(store_open_existing(missing, &err));
    assert_int_equal(tu_mode(missing), -1);
}

static void test_default_dir(void **state)
{
    const char *root = *state;
    char out[1024], want[1100];
    StoreError err;
    setenv("HOME", root, 1);
    unsetenv("BRIDGEHOLD_DATA_DIR");
    unsetenv("XDG_DATA_HOME");
    assert_true(store_resolve_dir(NULL, out, sizeof out, &err));
    snprintf(want, sizeof want, "%s/.local/share/bridgehold", root);
    assert_string_equal(out, want);
    setenv("XDG_DATA_HOME", "relative/ignored", 1);
    assert_true(store_resolve_dir("", out, sizeof out, &err));
    assert_string_equal(out, want);
    snprintf(want, sizeof want, "%s/xdg", root);
    setenv("XDG_DATA_HOME", want, 1);
    assert_true(store_resolve_dir(NULL, out, sizeof out, &err));
    strcat(want, "/bridgehold");
    assert_string_equal(out, want);
    setenv("BRIDGEHOLD_DATA_DIR", "/env/dir", 1);
    assert_true(store_resolve_dir(NULL, out, sizeof out, &err));
    assert_string_equal(out, "/env/dir");
    assert_true(store_resolve_dir("/arg/dir", out, sizeof out, &err));
    assert_string_equal(out, "/arg/dir");
    unsetenv("BRIDGEHOLD_DATA_DIR");
    assert_true(store_default_dir(NULL, out, sizeof out, &err));
    assert_string_equal(out, want);
    assert_int_equal(tu_mode(out), 0700);
    unsetenv("XDG_DATA_HOME");
    unsetenv("HOME");
    assert_false(store_resolve_dir(NULL, out, sizeof out, &err));
    assert_non_null(strstr(err.msg, "--data-dir"));
}

/* A zero-length file is what a crash between creating the file and the first migration leaves. */
static void test_migrate_from_v0(void **state)
{
    const char *dir = *state;
    char dbp[1100];
    snprintf(dbp, sizeof dbp, "%s/bridgehold.db", dir);
    assert_true(tu_write_file(dbp, "", 0));
    Store *s = store_open(dir, NULL);
    assert_non_null(s);
    add_profile(s, "Bo");
    store_close(s);
    assert_int_equal(tu_sql_int(dbp, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
}

static void test_migrate_from_v1(void **state)
{
    const char *dir = *state;
    char dbp[1100];
    snprintf(dbp, sizeof dbp, "%s/bridgehold.db", dir);
    /* A version-1 database made by hand, with a session, a set and pains in it. */
    assert_true(tu_sql(dbp, st_migration_sql(1, 0)));
    assert_true(tu_sql(dbp,
                       "PRAGMA user_version=1;"
                       "INSERT INTO profiles VALUES (1,'Old','right',80,'2024-01-01','L02',NULL,1);"
                       "INSERT INTO sessions VALUES (1,1,'L02',1704100000,1704100600,'2024-01-01',"
                       " 88,'finished');"
                       "INSERT INTO sets (session_id, idx, duration_s, time_in_band_pct, saved)"
                       " VALUES (1,1,45,88,1704100100);"
                       "INSERT INTO pain_entries VALUES (1,1,1,'before',NULL,2,1704100000);"
                       "INSERT INTO pain_entries VALUES (2,1,1,'set',1,3,1704100100);"));
    assert_int_equal(tu_sql_int(dbp, "PRAGMA user_version"), 1);
    Store *s = store_open(dir, NULL);
    assert_non_null(s);
    assert_int_equal(tu_sql_int(dbp, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    StoreSession ss;
    bool found;
    assert_true(store_session_get(s, 1, &ss, &found));
    assert_true(found);
    assert_false(ss.supervised); /* the column version 2 added, with its default */
    /* version 3: an old session is live, by a person, and has a stable v4 UUID */
    assert_int_equal(ss.source, STORE_LIVE);
    assert_int_equal(ss.origin, STORE_ORIGIN_PERSON);
    assert_int_equal(strlen(ss.uid), 36);
    assert_int_equal(ss.uid[14], '4');
    assert_int_equal(tu_sql_int(dbp, "SELECT count(DISTINCT uid) FROM pain_entries"), 2);
    StoreSet *sets;
    size_t n;
    assert_true(store_session_sets(s, 1, &sets, &n));
    assert_int_equal(n, 1);
    assert_int_equal(sets[0].reps_done, 0);
    free(sets);
    StoreHistory h;
    assert_true(store_history(s, 1, &h));
    assert_int_equal(h.count, 1);
    assert_true(h.rows[0].pain_during == 3);
    assert_true(h.rows[0].quality_pct == 88);
    store_history_free(&h);
    store_close(s);
}

static void test_refuses_newer_schema(void **state)
{
    const char *dir = *state;
    char dbp[1100];
    snprintf(dbp, sizeof dbp, "%s/bridgehold.db", dir);
    assert_true(tu_sql(dbp, "CREATE TABLE future (x); INSERT INTO future VALUES (42);"
                            "PRAGMA user_version=99;"));
    size_t n0, n1;
    unsigned char *before = tu_read_file(dbp, &n0);
    assert_non_null(before);
    StoreError err;
    assert_null(store_open(dir, &err));
    assert_int_equal(err.kind, STORE_E_NEWER);
    assert_non_null(strstr(err.msg, dbp));
    char want[160];
    snprintf(want, sizeof want,
             "was written by a newer Bridgehold (schema 99, this one knows %d); nothing was changed",
             STORE_SCHEMA_VERSION);
    assert_non_null(strstr(err.msg, want));
    unsigned char *after = tu_read_file(dbp, &n1);
    assert_int_equal(n0, n1);
    assert_memory_equal(before, after, n0);
    assert_int_equal(tu_mode(tu_path(dir, "bridgehold.db-wal")), -1);
    free(before);
    free(after);
}

/* The same with the newer data still in the WAL, as a newer Bridgehold that was killed leaves
 * it: neither the file nor its WAL may change (no checkpoint on close). */
static void test_refuses_newer_schema_in_wal(void **state)
{
    const char *root = *state;
    char src[1100], dir[1100], dbp[1200], walp[1200];
    snprintf(src, sizeof src, "%s/src.db", root);
    snprintf(dir, sizeof dir, "%s/data", root);
    snprintf(dbp, sizeof dbp, "%s/bridgehold.db", dir);
    snprintf(walp, sizeof walp, "%s/bridgehold.db-wal", dir);
    assert_int_equal(mkdir(dir, 0700), 0);
    sqlite3 *newer;
    assert_int_equal(sqlite3_open(src, &newer), SQLITE_OK);
    assert_int_equal(sqlite3_exec(newer, "PRAGMA journal_mode=WAL; CREATE TABLE future (x);"
                                         "PRAGMA user_version=7; INSERT INTO future VALUES (1);",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    /* copy the file and its WAL while the writer still has them open: a crash snapshot */
    size_t n0, w0, n1, w1;
    unsigned char *db0 = tu_read_file(src, &n0);
    char srcwal[1200];
    snprintf(srcwal, sizeof srcwal, "%s-wal", src);
    unsigned char *wal0 = tu_read_file(srcwal, &w0);
    sqlite3_close(newer);
    assert_non_null(wal0);
    assert_true(w0 > 0);
    assert_true(tu_write_file(dbp, db0, n0));
    assert_true(tu_write_file(walp, wal0, w0));
    StoreError err;
    assert_null(store_open(dir, &err));
    assert_int_equal(err.kind, STORE_E_NEWER);
    char want[64];
    snprintf(want, sizeof want, "(schema 7, this one knows %d)", STORE_SCHEMA_VERSION);
    assert_non_null(strstr(err.msg, want));
    unsigned char *db1 = tu_read_file(dbp, &n1), *wal1 = tu_read_file(walp, &w1);
    assert_non_null(wal1);
    assert_int_equal(n0, n1);
    assert_memory_equal(db0, db1, n0);
    assert_int_equal(w0, w1);
    assert_memory_equal(wal0, wal1, w0);
    free(db0);
    free(db1);
    free(wal0);
    free(wal1);
}

static void check_untouched_refusal(const char *dir, const void *content, size_t len,
                                    StoreErrKind kind, const char *needle)
{
    char dbp[1100];
    snprintf(dbp, sizeof dbp, "%s/bridgehold.db", dir);
    StoreError err;
    assert_null(store_open(dir, &err));
    assert_int_equal(err.kind, kind);
    assert_non_null(strstr(err.msg, dbp));
    assert_non_null(strstr(err.msg, needle));
    size_t n;
    unsigned char *after = tu_read_file(dbp, &n);
    assert_non_null(after);
    assert_int_equal(n, len);
    assert_memory_equal(after, content, len);
    free(after);
}

static void test_refuses_junk(void **state)
{
    const char *dir = *state;
    char junk[3000];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)("this is not a database\n"[i % 23]);
    assert_true(tu_write_file(tu_path(dir, "bridgehold.db"), junk, sizeof junk));
    check_untouched_refusal(dir, junk, sizeof junk, STORE_E_CORRUPT, "damaged");
    check_untouched_refusal(dir, junk, sizeof junk, STORE_E_CORRUPT, "move it aside");
}

static void test_refuses_other_programs_database(void **state)
{
    const char *dir = *state;
    char dbp[1100];
    snprintf(dbp, sizeof dbp, "%s/bridgehold.db", dir);
    assert_true(tu_sql(dbp, "CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('mine');"));
    size_t n;
    unsigned char *content = tu_read_file(dbp, &n);
    check_untouched_refusal(dir, content, n, STORE_E_CORRUPT, "another program");
    free(content);
}

/* A database whose header is fine but whose table pages were overwritten: opening may work,
 * reading fails with a clear message, and nothing crashes or is rewritten. */
static void test_damaged_pages(void **state)
{
    const char *dir = *state;
    Store *s = store_open(dir, NULL);
    assert_non_null(s);
    for (int i = 0; i < 50; i++) {
        char name[32];
        snprintf(name, sizeof name, "patient %d", i);
        add_profile(s, name);
    }
    store_close(s);
    char dbp[1100];
    snprintf(dbp, sizeof dbp, "%s/bridgehold.db", dir);
    size_t n;
    unsigned char *content = tu_read_file(dbp, &n);
    assert_true(n > 8192);
    memset(content + 4096, 0xA5, n - 4096); /* every page after the first */
    assert_true(tu_write_file(dbp, content, n));
    StoreError err;
    s = store_open(dir, &err);
    if (s) {
        StoreProfile *list;
        size_t count;
        assert_false(store_profile_list(s, &list, &count));
        assert_int_equal(store_errkind(s), STORE_E_CORRUPT);
        assert_non_null(strstr(store_errmsg(s), "damaged"));
        store_close(s);
    } else {
        assert_int_equal(err.kind, STORE_E_CORRUPT);
    }
    size_t n2;
    unsigned char *after = tu_read_file(dbp, &n2);
    assert_int_equal(n2, n);
    assert_memory_equal(after, content, n);
    free(after);
    free(content);
}

/* Read-only checks run as an unprivileged user: root may write anything. Returns 0 when all
 * passed, else the number of the failed check. */
static int readonly_checks(const char *root)
{
    char ro_file_dir[1100], ro_dir[1100], sub[1200];
    snprintf(ro_file_dir, sizeof ro_file_dir, "%s/rofile", root);
    snprintf(ro_dir, sizeof ro_dir, "%s/rodir", root);
    snprintf(sub, sizeof sub, "%s/new", ro_dir);
    StoreError err;
    Store *s = store_open(ro_file_dir, &err);
    if (s)
        return 1;
    if (err.kind != STORE_E_READONLY || !strstr(err.msg, "rofile/bridgehold.db") ||
        !strstr(err.msg, "chmod"))
        return 2;
    s = store_open(ro_dir, &err);
    if (s)
        return 3;
    if (err.kind != STORE_E_READONLY || !strstr(err.msg, "rodir") || !strstr(err.msg, "--data-dir"))
        return 4;
    s = store_open(sub, &err);
    if (s || err.kind != STORE_E_READONLY || !strstr(err.msg, "cannot create"))
        return 5;
    return 0;
}

static void test_read_only(void **state)
{
    const char *root = *state;
    char d1[1100], d2[1100];
    snprintf(d1, sizeof d1, "%s/rofile", root);
    snprintf(d2, sizeof d2, "%s/rodir", root);
    Store *s = store_open(d1, NULL);
    assert_non_null(s);
    add_profile(s, "Ann");
    store_close(s);
    s = store_open(d2, NULL);
    assert_non_null(s);
    add_profile(s, "Bo");
    store_close(s);
    char f1[1200], f2[1200];
    snprintf(f1, sizeof f1, "%s/bridgehold.db", d1);
    snprintf(f2, sizeof f2, "%s/bridgehold.db", d2);
    size_t n1, n2;
    unsigned char *c1 = tu_read_file(f1, &n1), *c2 = tu_read_file(f2, &n2);
    assert_int_equal(chmod(f1, 0444), 0);
    assert_int_equal(chmod(d2, 0555), 0);
    assert_int_equal(chmod(f2, 0644), 0); /* writable file, read-only folder */
    int rc;
    if (geteuid() == 0) {
        /* let the unprivileged user in, then drop to it in a child */
        assert_int_equal(chmod(root, 0755), 0);
        assert_int_equal(chmod(d1, 0777), 0); /* the folder is writable, the file is not */
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            if (setgid(65534) != 0 || setuid(65534) != 0)
                _exit(100);
            _exit(readonly_checks(root));
        }
        int status = 0;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFEXITED(status));
        rc = WEXITSTATUS(status);
        if (rc == 100) {
            chmod(d2, 0700);
            skip(); /* root without the right to drop privileges (a restricted container) */
        }
    } else {
        rc = readonly_checks(root);
    }
    assert_int_equal(rc, 0);
    size_t m1, m2;
    unsigned char *a1 = tu_read_file(f1, &m1), *a2 = tu_read_file(f2, &m2);
    assert_int_equal(m1, n1);
    assert_int_equal(m2, n2);
    assert_memory_equal(a1, c1, n1);
    assert_memory_equal(a2, c2, n2);
    free(a1);
    free(a2);
    free(c1);
    free(c2);
    chmod(d2, 0700);
}

static void test_locked(void **state)
{
    const char *dir = *state;
    Store *s = store_open(dir, NULL);
    assert_non_null(s);
    int64_t id = add_profile(s, "Ann");
    store_set_busy_timeout(s, 100);
    sqlite3 *other;
    assert_int_equal(sqlite3_open(store_path(s), &other), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE; INSERT INTO audit_log (time, actor, "
                                         "action) VALUES (1, 'x', 'y');",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    StoreSession ss = {.profile_id = id, .level = "L01"};
    assert_false(store_session_begin(s, &ss));
    assert_int_equal(store_errkind(s), STORE_E_BUSY);
    assert_non_null(strstr(store_errmsg(s), store_path(s)));
    assert_non_null(strstr(store_errmsg(s), "another Bridgehold"));
    /* reading still works while another program writes (WAL) */
    StoreProfile p;
    bool found;
    assert_true(store_profile_get(s, "Ann", &p, &found));
    assert_true(found);
    assert_int_equal(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(other);
    assert_true(store_session_begin(s, &ss));
    store_close(s);
}

static void test_disk_full(void **state)
{
    const char *dir = *state;
    Store *s = store_open(dir, NULL);
    assert_non_null(s);
    int64_t id = add_profile(s, "Ann");
    StoreSession ss = {.profile_id = id, .level = "L01"};
    assert_true(store_session_begin(s, &ss));
    StoreSample tr[2000];
    for (int i = 0; i < 2000; i++)
        tr[i] = (StoreSample){i * 0.01, 100 + i % 7, 0, 0};
    StoreSet set = {.index = 1, .duration_s = 20, .time_in_band_pct = 90, .mean_n = 100,
                    .left_pct = NAN, .form_lost_s = NAN, .trace = tr, .trace_n = 2000};
    assert_true(store_set_commit(s, ss.id, &set, NULL));
    /* The disk "fills up": no more pages may be added to the file. */
    assert_int_equal(sqlite3_exec(s->db, "PRAGMA max_page_count = 1", NULL, NULL, NULL),
                     SQLITE_OK);
    set.index = 2;
    assert_false(store_set_commit(s, ss.id, &set, NULL));
    assert_int_equal(store_errkind(s), STORE_E_FULL);
    assert_non_null(strstr(store_errmsg(s), "is full"));
    assert_non_null(strstr(store_errmsg(s), "saving set 2"));
    assert_non_null(strstr(store_errmsg(s), "everything saved before is safe"));
    assert_int_equal(sqlite3_exec(s->db, "PRAGMA max_page_count = 1000000", NULL, NULL, NULL),
                     SQLITE_OK);
    assert_true(store_set_commit(s, ss.id, &set, NULL)); /* space again: the set saves */
    StoreSet *sets;
    size_t n;
    assert_true(store_session_sets(s, ss.id, &sets, &n));
    assert_int_equal(n, 2);
    free(sets);
    store_close(s);
}

/* This machine's settings survive closing the store, and a wrong value changes nothing. */
static void test_settings_kept(void **state)
{
    const char *root = *state;
    StoreError err;
    Store *s = store_open(root, &err);
    assert_non_null(s);
    char v[STORE_SETTING_MAX];
    bool found = true;
    assert_true(store_setting_get(s, "clinic_server", v, sizeof v, &found));
    assert_false(found);
    assert_string_equal(v, "");
    assert_true(store_setting_set(s, "clinic_server", "host=db.clinic dbname=bh user=room1",
                                  "Dr Lee"));
    assert_true(store_setting_set(s, "volume", "0.6", NULL));
    assert_false(store_setting_set(s, "volume", "0.5\nDROP", NULL));
    assert_int_equal(store_errkind(s), STORE_E_INVALID);
    char huge[STORE_SETTING_MAX + 1];
    memset(huge, 'x', sizeof huge - 1);
    huge[sizeof huge - 1] = '\0';
    assert_false(store_setting_set(s, "volume", huge, NULL));
    store_close(s);
    s = store_open(root, &err);
    assert_non_null(s);
    assert_true(store_setting_get(s, "clinic_server", v, sizeof v, &found));
    assert_true(found);
    assert_string_equal(v, "host=db.clinic dbname=bh user=room1");
    assert_true(store_setting_get(s, "volume", v, sizeof v, &found));
    assert_string_equal(v, "0.6");
    assert_true(store_setting_set(s, "clinic_server", NULL, "Dr Lee"));
    assert_true(store_setting_get(s, "clinic_server", v, sizeof v, &found));
    assert_false(found);
    /* the clinician's two changes are in the audit log, the sound settings are not */
    char dbp[1100];
    snprintf(dbp, sizeof dbp, "%s/bridgehold.db", root);
    assert_int_equal(tu_sql_int(dbp, "SELECT count(*) FROM audit_log WHERE action = 'setting' "
                                     "AND actor = 'Dr Lee' AND detail = 'clinic_server'"),
                     2);
    assert_int_equal(tu_sql_int(dbp, "SELECT count(*) FROM audit_log WHERE action = 'setting' "
                                     "AND before = 'host=db.clinic dbname=bh user=room1' AND "
                                     "after = 'none'"),
                     1);
    assert_int_equal(tu_sql_int(dbp, "SELECT count(*) FROM audit_log WHERE detail = 'volume'"),
                     0);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_and_reopen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_existing_file_gets_0600, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_existing_needs_a_database, setup, teardown),
        cmocka_unit_test_setup_teardown(test_default_dir, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrate_from_v0, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrate_from_v1, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_newer_schema, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_newer_schema_in_wal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_junk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_other_programs_database, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_locked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_disk_full, setup, teardown),
        cmocka_unit_test_setup_teardown(test_settings_kept, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
