/* store: prescriptions — a clinician's change with its audit entry (before, after, reason), the
 * level cap read through the prescription, merges from another machine (the later change wins,
 * ties by uid, merging twice changes nothing) and batches that save all or nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store_test_util.h"

typedef struct Fixture {
    char *dir;
    Store *s;
    int64_t pid;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    f->s = tu_store_fresh(&f->dir);
    if (!f->s)
        return -1;
    StoreProfile p = {.name = "Ann", .side = STORE_SIDE_LEFT, .body_mass_kg = NAN};
    if (!store_profile_create(f->s, &p))
        return -1;
    f->pid = p.id;
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

static long long count(Fixture *f, const char *sql) { return tu_sql_int(store_path(f->s), sql); }

static void test_set_and_audit(void **state)
{
    Fixture *f = *state;
    StorePrescription rx;
    bool found = true;
    assert_true(store_prescription_get(f->s, f->pid, &rx, &found));
    assert_false(found);
    assert_true(isnan(rx.hold_s));
    assert_int_equal(rx.profile_id, f->pid);

    strcpy(rx.level_cap, "L04");
    strcpy(rx.start_level, "L02");
    strcpy(rx.overrides, "red_pain_during_above = 4");
    rx.sets = 3;
    rx.hold_s = 30;
    /* a reason and a clinician are required: nothing is written without them */
    assert_false(store_prescription_set(f->s, &rx, "Dr Lee", ""));
    assert_int_equal(store_errkind(f->s), STORE_E_INVALID);
    assert_false(store_prescription_set(f->s, &rx, "", "why"));
    assert_int_equal(count(f, "SELECT count(*) FROM prescriptions"), 0);
    assert_true(store_prescription_set(f->s, &rx, "Dr Lee", "pain settled; cap at bridge"));

    StorePrescription got;
    assert_true(store_prescription_get(f->s, f->pid, &got, &found));
    assert_true(found);
    assert_string_equal(got.level_cap, "L04");
    assert_string_equal(got.start_level, "L02");
    assert_string_equal(got.updated_by, "Dr Lee");
    assert_int_equal(got.sets, 3);
    assert_true(got.hold_s == 30);
    assert_true(isnan(got.rest_s));
    assert_true(store_uid_valid(got.uid));
    assert_true(got.updated > 0);
    /* the profile's cap is the prescription's */
    StoreProfile p;
    assert_true(store_profile_get_by_id(f->s, f->pid, &p, &found));
    assert_string_equal(p.level_cap, "L04");

    /* a second change: the audit keeps both, each with before, after and reason */
    got.level_cap[0] = '\0';
    assert_true(store_prescription_set(f->s, &got, "Dr Kim", "cap lifted after review"));
    StorePrescription again;
    assert_true(store_prescription_get(f->s, f->pid, &again, &found));
    assert_true(again.updated > got.updated); /* a later change always sorts later */
    assert_string_equal(again.uid, got.uid);  /* the row keeps its id */
    StoreAudit *a;
    size_t n;
    assert_true(store_audit_list(f->s, f->pid, &a, &n));
    assert_int_equal(n, 3); /* profile_create, then the two changes */
    assert_string_equal(a[1].action, "prescribe");
    assert_string_equal(a[1].actor, "Dr Lee");
    assert_string_equal(a[1].before, "none");
    assert_non_null(strstr(a[1].after, "cap L04"));
    assert_non_null(strstr(a[1].after, "red_pain_during_above = 4"));
    assert_string_equal(a[1].reason, "pain settled; cap at bridge");
    assert_string_equal(a[2].actor, "Dr Kim");
    assert_non_null(strstr(a[2].before, "cap L04"));
    assert_non_null(strstr(a[2].after, "cap none"));
    assert_true(store_uid_valid(a[2].uid));
    free(a);

    /* a bad level id or a hold of 0 s is refused */
    strcpy(again.level_cap, "L 4");
    assert_false(store_prescription_set(f->s, &again, "Dr Kim", "x"));
    again.level_cap[0] = '\0';
    again.hold_s = 0;
    assert_false(store_prescription_set(f->s, &again, "Dr Kim", "x"));
    assert_false(store_prescription_set(f->s, &(StorePrescription){.profile_id = 999,
                                                                   .hold_s = NAN,
                                                                   .rest_s = NAN},
                                        "Dr Kim", "x"));
    assert_int_equal(store_errkind(f->s), STORE_E_NOTFOUND);
}

static void test_cap_through_profile(void **state)
{
    Fixture *f = *state;
    assert_true(store_profile_set_cap(f->s, f->pid, "L06", "clinician"));
    StorePrescription rx;
    bool found;
    assert_true(store_prescription_get(f->s, f->pid, &rx, &found));
    assert_true(found);
    assert_string_equal(rx.level_cap, "L06");
    assert_string_equal(rx.updated_by, "clinician");
    /* the old column is not used any more */
    assert_int_equal(count(f, "SELECT count(*) FROM profiles WHERE level_cap IS NOT NULL"), 0);
    /* a profile created with a cap starts its prescription */
    StoreProfile q = {.name = "Bo", .body_mass_kg = NAN, .level_cap = "L03"};
    assert_true(store_profile_create(f->s, &q));
    assert_true(store_uid_valid(q.uid));
    assert_true(store_prescription_get(f->s, q.id, &rx, &found));
    assert_true(found);
    assert_string_equal(rx.level_cap, "L03");
}

static StorePrescription remote(int64_t pid, const char *uid, int64_t updated, const char *cap)
{
    StorePrescription p = {.profile_id = pid, .hold_s = NAN, .rest_s = 90, .updated = updated};
    strcpy(p.uid, uid);
    strcpy(p.level_cap, cap);
    strcpy(p.updated_by, "Dr Far");
    return p;
}

static void test_merge(void **state)
{
    Fixture *f = *state;
    StorePrescription mine = {.profile_id = f->pid, .hold_s = NAN, .rest_s = NAN};
    strcpy(mine.level_cap, "L02");
    assert_true(store_prescription_set(f->s, &mine, "Dr Home", "start low"));
    bool found, changed = true;
    assert_true(store_prescription_get(f->s, f->pid, &mine, &found));

    /* an older copy loses: nothing changes */
    StorePrescription old = remote(f->pid, "00000000-0000-4000-8000-000000000001",
                                   mine.updated - 100, "L09");
    assert_true(store_prescription_merge(f->s, &old, &changed));
    assert_false(changed);
    StorePrescription now;
    assert_true(store_prescription_get(f->s, f->pid, &now, &found));
    assert_string_equal(now.level_cap, "L02");

    /* a newer one wins, with its uid, and the change is audited */
    StorePrescription newer = remote(f->pid, "00000000-0000-4000-8000-000000000002",
                                     mine.updated + 100, "L05");
    assert_true(store_prescription_merge(f->s, &newer, &changed));
    assert_true(changed);
    assert_true(store_prescription_get(f->s, f->pid, &now, &found));
    assert_string_equal(now.level_cap, "L05");
    assert_string_equal(now.uid, newer.uid);
    assert_string_equal(now.updated_by, "Dr Far");
    assert_true(now.rest_s == 90);
    StoreProfile p;
    assert_true(store_profile_get_by_id(f->s, f->pid, &p, &found));
    assert_string_equal(p.level_cap, "L05");
    assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = "
                              "'prescription_merge' AND before LIKE '%cap L02%' AND after LIKE "
                              "'%cap L05%'"),
                     1);
    /* the same copy again changes nothing and adds no audit entry */
    assert_true(store_prescription_merge(f->s, &newer, &changed));
    assert_false(changed);
    assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = "
                              "'prescription_merge'"),
                     1);
    /* a tie on time: the larger uid wins, the smaller loses */
    StorePrescription tie_lo = remote(f->pid, "00000000-0000-4000-8000-000000000001",
                                      newer.updated, "L01");
    assert_true(store_prescription_merge(f->s, &tie_lo, &changed));
    assert_false(changed);
    StorePrescription tie_hi = remote(f->pid, "ffffffff-0000-4000-8000-000000000001",
                                      newer.updated, "L07");
    assert_true(store_prescription_merge(f->s, &tie_hi, &changed));
    assert_true(changed);
    assert_true(store_prescription_get(f->s, f->pid, &now, &found));
    assert_string_equal(now.level_cap, "L07");
    /* a copy without a proper uid is refused */
    StorePrescription bad = remote(f->pid, "not-a-uuid", newer.updated + 500, "L01");
    assert_false(store_prescription_merge(f->s, &bad, &changed));
    assert_int_equal(store_errkind(f->s), STORE_E_INVALID);
}

static void test_batch_all_or_nothing(void **state)
{
    Fixture *f = *state;
    long long audits = count(f, "SELECT count(*) FROM audit_log");
    assert_true(store_batch_begin(f->s));
    StorePrescription rx = {.profile_id = f->pid, .hold_s = NAN, .rest_s = NAN};
    strcpy(rx.level_cap, "L03");
    assert_true(store_prescription_set(f->s, &rx, "Dr Lee", "in a batch"));
    rx.profile_id = 4242; /* fails: the whole batch goes */
    assert_false(store_prescription_set(f->s, &rx, "Dr Lee", "in a batch"));
    assert_false(store_batch_commit(f->s));
    assert_int_equal(count(f, "SELECT count(*) FROM prescriptions"), 0);
    assert_int_equal(count(f, "SELECT count(*) FROM audit_log"), audits);
    /* a good batch commits everything */
    rx.profile_id = f->pid;
    assert_true(store_batch_begin(f->s));
    assert_true(store_prescription_set(f->s, &rx, "Dr Lee", "in a batch"));
    assert_true(store_audit_add(f->s, f->pid, "Dr Lee", "note", "seen", 0));
    assert_true(store_batch_commit(f->s));
    assert_int_equal(count(f, "SELECT count(*) FROM prescriptions"), 1);
    assert_int_equal(count(f, "SELECT count(*) FROM audit_log"), audits + 2);
    /* and a rolled-back one nothing */
    assert_true(store_batch_begin(f->s));
    assert_true(store_audit_add(f->s, f->pid, "Dr Lee", "note", "gone", 0));
    store_batch_rollback(f->s);
    assert_int_equal(count(f, "SELECT count(*) FROM audit_log"), audits + 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_set_and_audit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cap_through_profile, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_batch_all_or_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
