/* clinic: bundles — a bundle imports whole (records, trace, prescription, audit), importing twice
 * is the same as once, a cut, malformed, newer or conflicting bundle changes nothing and says
 * FILE:LINE, the later prescription wins, and an export reads back to the same records with
 * mode 0600 and no PIN hash in it. Works on real SQLite files and real bundle files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinic/bundle.h"
#include "clinic/clinic.h"
#include "store_test_util.h"

#define SMALL BH_TEST_DATA "/bundles/small.json"
#define NEWER BH_TEST_DATA "/bundles/newer.json"

static const char *const TABLES[] = {"profiles", "prescriptions", "mvc_tests", "sessions",
                                     "sets", "pain_entries", "decisions", "audit_log"};
#define N_TABLES (sizeof TABLES / sizeof TABLES[0])

typedef struct Fixture {
    char *dir;
    Store *s;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    f->s = tu_store_fresh(&f->dir);
    if (!f->s)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    tu_store_drop(f->s, f->dir);
    free(f);
    return 0;
}

/* Row counts of every table, and a checksum-like text of the data that matters. */
static void snapshot(Fixture *f, long long out[N_TABLES])
{
    for (size_t i = 0; i < N_TABLES; i++) {
        char q[96];
        snprintf(q, sizeof q, "SELECT count(*) FROM %s", TABLES[i]);
        out[i] = tu_sql_int(store_path(f->s), q);
    }
}

static void assert_same(const long long a[N_TABLES], const long long b[N_TABLES])
{
    for (size_t i = 0; i < N_TABLES; i++) {
        if (a[i] != b[i])
            fail_msg("%s: %lld rows, expected %lld", TABLES[i], b[i], a[i]);
    }
}

static BundleStatus import(Fixture *f, const char *path, BundleImportCounts *n, char *msg)
{
    return bundle_import(f->s, path, n, msg, 1024);
}

static void test_import_whole_and_twice(void **state)
{
    Fixture *f = *state;
    char msg[1024];
    BundleImportCounts n;
    assert_int_equal(import(f, SMALL, &n, msg), BUNDLE_OK);
    assert_true(n.profile_created);
    assert_int_equal(n.added, 8);
    assert_true(n.prescription_changed);
    StoreProfile p;
    bool found;
    assert_true(store_profile_get(f->s, "Zoe", &p, &found));
    assert_true(found);
    assert_string_equal(p.uid, "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa");
    assert_string_equal(p.level, "L02");
    assert_string_equal(p.level_cap, "L04");
    assert_int_equal(p.side, STORE_SIDE_LEFT);
    StoreSession *ss;
    size_t ns;
    assert_true(store_session_list(f->s, p.id, &ss, &ns));
    assert_int_equal(ns, 1);
    assert_true(ss[0].supervised);
    assert_int_equal(ss[0].source, STORE_LIVE);
    assert_string_equal(ss[0].device_name, "USB scale");
    StoreSet *sets;
    size_t nsets;
    assert_true(store_session_sets(f->s, ss[0].id, &sets, &nsets));
    assert_int_equal(nsets, 1);
    StoreSample *tr;
    size_t nt;
    bool lr;
    assert_true(store_set_trace(f->s, sets[0].id, &tr, &nt, &lr));
    assert_int_equal(nt, 4);
    assert_true(fabs(tr[3].force_n - 150.5) < 1e-4);
    assert_true(fabs(tr[3].t_s - 3.53) < 1e-4); /* t0 + 0.03 */
    free(tr);
    free(sets);
    free(ss);
    assert_int_equal(tu_sql_int(store_path(f->s), "SELECT count(*) FROM sets WHERE note = "
                                                  "'good form, \xc3\xa9 \xf0\x9f\x98\x80'"),
                     1);
    StoreHistory h;
    assert_true(store_history(f->s, p.id, &h));
    assert_int_equal(h.count, 1);
    assert_true(h.rows[0].pain_during == 3);
    store_history_free(&h);

    long long once[N_TABLES], twice[N_TABLES];
    snapshot(f, once);
    assert_int_equal(import(f, SMALL, &n, msg), BUNDLE_OK);
    assert_false(n.profile_created);
    assert_int_equal(n.added, 0);
    assert_int_equal(n.skipped, 8);
    assert_false(n.prescription_changed);
    snapshot(f, twice);
    assert_same(once, twice);
}

/* Every cut of the bundle is refused with FILE:LINE and changes nothing. */
static void test_truncated_changes_nothing(void **state)
{
    Fixture *f = *state;
    size_t len;
    unsigned char *text = tu_read_file(SMALL, &len);
    assert_non_null(text);
    char msg[1024];
    BundleImportCounts n;
    /* once into an empty store, once over the imported bundle */
    for (int round = 0; round < 2; round++) {
        long long before[N_TABLES], after[N_TABLES];
        snapshot(f, before);
        const char *cut = tu_path(f->dir, "cut.json");
        char cutpath[1200];
        snprintf(cutpath, sizeof cutpath, "%s", cut);
        for (size_t at = 0; at < len - 2; at += 37) {
            assert_true(tu_write_file(cutpath, text, at));
            BundleStatus st = import(f, cutpath, &n, msg);
            if (st != BUNDLE_BAD_FILE)
                fail_msg("cut at %zu: status %d", at, st);
            char want[1300];
            snprintf(want, sizeof want, "%s:", cutpath);
            assert_non_null(strstr(msg, want));
        }
        snapshot(f, after);
        assert_same(before, after);
        assert_int_equal(import(f, SMALL, &n, msg), BUNDLE_OK);
    }
    free(text);
}

static void test_newer_and_malformed(void **state)
{
    Fixture *f = *state;
    char msg[1024];
    BundleImportCounts n;
    long long before[N_TABLES], after[N_TABLES];
    snapshot(f, before);
    assert_int_equal(import(f, NEWER, &n, msg), BUNDLE_BAD_FILE);
    assert_non_null(strstr(msg, "newer.json:1: bundle version 2 is newer"));

    size_t len;
    unsigned char *raw = tu_read_file(SMALL, &len);
    char *text = (char *)raw;
    const char *path = tu_path(f->dir, "bad.json");
    char bad[1200];
    snprintf(bad, sizeof bad, "%s", path);
    struct {
        const char *from, *to, *want;
    } cases[] = {
        {"\"status\":\"finished\"", "\"status\":\"done\"", ":9: a record of \"sessions\": "
                                                          "\"status\" must be one of"},
        {"\"idx\":1,", "\"idx\":1.5,", ":12: a record of \"sets\": \"idx\" must be a whole"},
        {"\"session\":null,\"kind\"", "\"session\":\"12345678-1234-4234-8234-123456789abc\","
                                      "\"kind\"",
         ":17: a record of \"pain_entries\": \"session\" 12345678"},
        {"\"level\":\"L02\",\"created\"", "\"level\":\"L 2\",\"created\"",
         ":3: profile: \"level\" is not a level id"},
        {"\"uid\":\"77777777-7777-4777-8777-777777777777\"", "\"uid\":\"7\"",
         ":23: a record of \"audit_log\": \"uid\" is not a v4 UUID"},
        {"\"trace_channels\":2", "\"trace_channels\":0", ":12: a record of \"sets\": its trace"},
        {"\"value\":2,", "\"value\":2,\"extra\":1,", ":15: a record of \"pain_entries\": unknown "
                                                     "field \"extra\""},
        {"\"archived\":false,", "\"archived\":false,\"archived\":true,",
         ":3: the key \"archived\" appears twice"},
        {"\"mvc_tests\":[", "\"mvc_tests\":[,", ":5: expected a value, found ','"},
        {"\"pain_limited\":0", "\"pain_limited\":7", ":6: record cccccccc-cccc-4ccc-8ccc-cccccccccccc of mvc_tests breaks a rule"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *at = strstr(text, cases[i].from);
        assert_non_null(at);
        FILE *out = fopen(bad, "wb");
        assert_non_null(out);
        fwrite(text, 1, (size_t)(at - text), out);
        fputs(cases[i].to, out);
        fputs(at + strlen(cases[i].from), out);
        fclose(out);
        if (import(f, bad, &n, msg) != BUNDLE_BAD_FILE)
            fail_msg("case %zu was imported", i);
        if (!strstr(msg, cases[i].want))
            fail_msg("case %zu: '%s' does not hold '%s'", i, msg, cases[i].want);
    }
    free(raw);
    snapshot(f, after);
    assert_same(before, after);
}

static void test_same_name_other_patient(void **state)
{
    Fixture *f = *state;
    StoreProfile zoe = {.name = "Zoe", .body_mass_kg = NAN};
    assert_true(store_profile_create(f->s, &zoe));
    long long before[N_TABLES], after[N_TABLES];
    snapshot(f, before);
    char msg[1024];
    BundleImportCounts n;
    assert_int_equal(import(f, SMALL, &n, msg), BUNDLE_BAD_FILE);
    assert_non_null(strstr(msg, "different profile called 'Zoe'"));
    assert_non_null(strstr(msg, "nothing was imported"));
    snapshot(f, after);
    assert_same(before, after);
}

static void test_prescription_later_wins(void **state)
{
    Fixture *f = *state;
    char msg[1024];
    BundleImportCounts n;
    assert_int_equal(import(f, SMALL, &n, msg), BUNDLE_OK);
    StoreProfile p;
    bool found;
    assert_true(store_profile_get(f->s, "Zoe", &p, &found));
    /* a change here, later than the bundle's (2026-11-20): the old bundle does not undo it */
    StorePrescription rx;
    assert_true(store_prescription_get(f->s, p.id, &rx, &found));
    strcpy(rx.level_cap, "L06");
    assert_true(store_prescription_set(f->s, &rx, "Dr Kim", "doing well"));
    assert_int_equal(import(f, SMALL, &n, msg), BUNDLE_OK);
    assert_false(n.prescription_changed);
    assert_true(store_profile_get(f->s, "Zoe", &p, &found));
    assert_string_equal(p.level_cap, "L06");
    /* a bundle carrying a still later change wins, and its audit entry comes with it */
    size_t len;
    unsigned char *raw = tu_read_file(SMALL, &len);
    char *text = (char *)raw;
    char *at = strstr(text, "\"updated\":1795000100");
    assert_non_null(at);
    memcpy(at, "\"updated\":4102444800", 20); /* 2100-01-01 */
    at = strstr(text, "\"level_cap\":\"L04\"");
    memcpy(at, "\"level_cap\":\"L05\"", 17);
    const char *path = tu_path(f->dir, "later.json");
    char later[1200];
    snprintf(later, sizeof later, "%s", path);
    assert_true(tu_write_file(later, text, len));
    free(raw);
    assert_int_equal(import(f, later, &n, msg), BUNDLE_OK);
    assert_true(n.prescription_changed);
    assert_true(store_profile_get(f->s, "Zoe", &p, &found));
    assert_string_equal(p.level_cap, "L05");
    StoreAudit *a;
    size_t na;
    assert_true(store_audit_list(f->s, p.id, &a, &na));
    int merges = 0, first_visit = 0;
    for (size_t i = 0; i < na; i++) {
        merges += strcmp(a[i].action, "prescription_merge") == 0 && strstr(a[i].after, "L05");
        first_visit += strcmp(a[i].reason, "first visit") == 0;
    }
    assert_int_equal(merges, 1);
    assert_int_equal(first_visit, 1); /* the audit rows merged by uid, once */
    free(a);
}

/* The current level follows the machine whose latest level change is later. */
static void test_level_follows_later_change(void **state)
{
    Fixture *f = *state;
    char msg[1024];
    BundleImportCounts n;
    assert_int_equal(import(f, SMALL, &n, msg), BUNDLE_OK);
    StoreProfile p;
    bool found;
    assert_true(store_profile_get(f->s, "Zoe", &p, &found));
    assert_true(store_profile_set_level(f->s, p.id, "L03", "clinician")); /* now: later */
    assert_int_equal(import(f, SMALL, &n, msg), BUNDLE_OK);
    assert_false(n.level_changed);
    assert_true(store_profile_get(f->s, "Zoe", &p, &found));
    assert_string_equal(p.level, "L03");
    /* a bundle whose machine moved the level later still */
    size_t len;
    unsigned char *raw = tu_read_file(SMALL, &len);
    char *text = (char *)raw;
    char *at = strstr(text, "\"level\":\"L02\",\"created\"");
    assert_non_null(at);
    memcpy(at, "\"level\":\"L04\"", 13);
    at = strstr(text, "\"level_changed\":1795000000");
    assert_non_null(at);
    memcpy(at, "\"level_changed\":4102444800", 26);
    char later[1200];
    snprintf(later, sizeof later, "%s", tu_path(f->dir, "moved.json"));
    assert_true(tu_write_file(later, text, len));
    free(raw);
    assert_int_equal(import(f, later, &n, msg), BUNDLE_OK);
    assert_true(n.level_changed);
    assert_true(store_profile_get(f->s, "Zoe", &p, &found));
    assert_string_equal(p.level, "L04");
    assert_int_equal(tu_sql_int(store_path(f->s), "SELECT count(*) FROM audit_log WHERE action = "
                                                  "'level_set' AND actor = 'bundle import' AND "
                                                  "detail = 'L03 -> L04'"),
                     1);
}

static void test_export_reads_back(void **state)
{
    Fixture *f = *state;
    char msg[1024];
    BundleImportCounts n;
    char pinmsg[256];
    assert_true(clinic_pin_set_cost(f->s, "Dr Lee", "246810", CLINIC_PIN_COST_TEST_MINIMUM,
                                    pinmsg, sizeof pinmsg));
    assert_int_equal(import(f, SMALL, &n, msg), BUNDLE_OK);
    StoreProfile p;
    bool found;
    assert_true(store_profile_get(f->s, "Zoe", &p, &found));
    char out[1200];
    snprintf(out, sizeof out, "%s", tu_path(f->dir, "zoe.json"));
    assert_int_equal(bundle_export(f->s, p.id, out, msg, sizeof msg), BUNDLE_OK);
    assert_int_equal(tu_mode(out), 0600);
    size_t len;
    unsigned char *text = tu_read_file(out, &len);
    assert_non_null(text);
    assert_null(strstr((char *)text, "argon2"));
    assert_true(bundle_check_text(out, (char *)text, len, msg, sizeof msg));
    /* the export holds the imported trace bytes exactly */
    assert_non_null(strstr((char *)text, "\"trace\":\"AAAAAAAAFkMK1yM8AAAXQwrXozwAABhDj8L1PACAFkM=\""));
    free(text);

    /* into a second store: the same records */
    char *dir2 = tu_tempdir();
    StoreError err;
    Store *s2 = store_open(dir2, &err);
    assert_non_null(s2);
    assert_int_equal(bundle_import(s2, out, &n, msg, sizeof msg), BUNDLE_OK);
    assert_int_equal(n.added, 9); /* the 8, and the audit entry of the first import's merge */
    long long a = tu_sql_int(store_path(s2), "SELECT count(*) FROM clinician");
    assert_int_equal(a, 0); /* the PIN never travels */
    store_close(s2);
    tu_rmtree(dir2);
    free(dir2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_import_whole_and_twice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truncated_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_and_malformed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_same_name_other_patient, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prescription_later_wins, setup, teardown),
        cmocka_unit_test_setup_teardown(test_level_follows_later_change, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_reads_back, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
