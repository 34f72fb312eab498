/* clinic: a clinician's prescription change — levels checked against the shipped ladder, rule
 * overrides checked as a level's [unlock] is, everything or nothing saved, each change in the
 * audit log with before, after and reason — and the patient list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinic/clinic.h"
#include "core/diag.h"
#include "store_test_util.h"

typedef struct Fixture {
    char *dir;
    Store *s;
    Ladder ladder;
    Rules rules;
    int64_t pid;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    f->s = tu_store_fresh(&f->dir);
    Diag d;
    diag_init(&d);
    bool ok = f->s && ladder_load_dir(BH_TEST_LEVELS, &f->ladder, &d) &&
              rules_load(BH_TEST_LEVELS "/rules.ini", &f->rules, &d);
    if (!ok) {
        diag_print(&d, stderr);
        diag_free(&d);
        return -1;
    }
    diag_free(&d);
    StoreProfile p = {.name = "Ann", .body_mass_kg = NAN, .level = "L03"};
    if (!store_profile_create(f->s, &p))
        return -1;
    f->pid = p.id;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    ladder_free(&f->ladder);
    tu_store_drop(f->s, f->dir);
    free(f);
    return 0;
}

static ClinicChange no_change(void)
{
    return (ClinicChange){.hold_s = NAN, .rest_s = NAN};
}

static long long rows(Fixture *f, const char *table)
{
    char q[96];
    snprintf(q, sizeof q, "SELECT count(*) FROM %s", table);
    return tu_sql_int(store_path(f->s), q);
}

static void test_prescribe_and_audit(void **state)
{
    Fixture *f = *state;
    char msg[512];
    bool usage;
    const char *rules[] = {"red_pain_during_above=4", "green_quality_min_pct = 85"};
    ClinicChange c = no_change();
    c.level = "L02";
    c.cap = "L05";
    c.has_sets = true;
    c.sets = 2;
    c.has_hold = true;
    c.hold_s = 20;
    c.rules = rules;
    c.n_rules = 2;
    assert_true(clinic_prescribe(f->s, &f->ladder, &f->rules, f->pid, &c, "Dr Lee",
                                 "flare after step-up; back to L02, cap L05", msg, sizeof msg,
                                 &usage));
    StoreProfile p;
    bool found;
    assert_true(store_profile_get_by_id(f->s, f->pid, &p, &found));
    assert_string_equal(p.level, "L02"); /* the patient moves to the new start */
    assert_string_equal(p.level_cap, "L05");
    StorePrescription rx;
    assert_true(store_prescription_get(f->s, f->pid, &rx, &found));
    assert_string_equal(rx.overrides, "red_pain_during_above = 4\ngreen_quality_min_pct = 85\n");
    assert_int_equal(rx.sets, 2);
    assert_true(rx.hold_s == 20);

    /* change one rule, drop another: the rest stays */
    const char *more[] = {"red_pain_during_above=3", "green_quality_min_pct="};
    c = no_change();
    c.rules = more;
    c.n_rules = 2;
    assert_true(clinic_prescribe(f->s, &f->ladder, &f->rules, f->pid, &c, "Dr Kim",
                                 "stricter pain limit", msg, sizeof msg, &usage));
    assert_true(store_prescription_get(f->s, f->pid, &rx, &found));
    assert_string_equal(rx.overrides, "red_pain_during_above = 3\n");
    assert_string_equal(rx.level_cap, "L05");

    /* a cap below the current level brings the patient down to it */
    c = no_change();
    c.cap = "L01";
    c.level = "L01";
    assert_true(clinic_prescribe(f->s, &f->ladder, &f->rules, f->pid, &c, "Dr Kim",
                                 "hold at the start", msg, sizeof msg, &usage));
    assert_true(store_profile_get_by_id(f->s, f->pid, &p, &found));
    assert_string_equal(p.level, "L01");

    StoreAudit *a;
    size_t n;
    assert_true(store_audit_list(f->s, f->pid, &a, &n));
    int prescribes = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(a[i].action, "prescribe") != 0)
            continue;
        prescribes++;
        assert_true(a[i].before[0] && a[i].after[0] && a[i].reason[0]);
    }
    assert_int_equal(prescribes, 3);
    /* the second change says what it was and what it became, and why */
    size_t k = 0;
    while (strcmp(a[k].reason, "stricter pain limit") != 0)
        k++;
    assert_string_equal(a[k].actor, "Dr Kim");
    assert_non_null(strstr(a[k].before, "red_pain_during_above = 4"));
    assert_non_null(strstr(a[k].after, "red_pain_during_above = 3"));
    free(a);
}

static void test_refusals_change_nothing(void **state)
{
    Fixture *f = *state;
    char msg[512];
    bool usage;
    long long audit = rows(f, "audit_log");
    ClinicChange c = no_change();
    c.cap = "L99";
    assert_false(clinic_prescribe(f->s, &f->ladder, &f->rules, f->pid, &c, "Dr Lee", "why",
                                  msg, sizeof msg, &usage));
    assert_true(usage);
    assert_non_null(strstr(msg, "no such level"));
    c.cap = "L02";
    c.level = "L04"; /* start above the cap */
    assert_false(clinic_prescribe(f->s, &f->ladder, &f->rules, f->pid, &c, "Dr Lee", "why",
                                  msg, sizeof msg, &usage));
    assert_non_null(strstr(msg, "above the cap"));
    c = no_change();
    const char *bad[] = {"no_such_rule=3"};
    c.rules = bad;
    c.n_rules = 1;
    assert_false(clinic_prescribe(f->s, &f->ladder, &f->rules, f->pid, &c, "Dr Lee", "why",
                                  msg, sizeof msg, &usage));
    assert_non_null(strstr(msg, "not a rule"));
    const char *conflict[] = {"green_pain_during_max=9"}; /* above the red limit */
    c.rules = conflict;
    assert_false(clinic_prescribe(f->s, &f->ladder, &f->rules, f->pid, &c, "Dr Lee", "why",
                                  msg, sizeof msg, &usage));
    c = no_change();
    c.cap = "L04";
    assert_false(clinic_prescribe(f->s, &f->ladder, &f->rules, f->pid, &c, "Dr Lee", "", msg,
                                  sizeof msg, &usage));
    assert_non_null(strstr(msg, "reason"));
    c.has_sets = true;
    c.sets = 50;
    assert_false(clinic_prescribe(f->s, &f->ladder, &f->rules, f->pid, &c, "Dr Lee", "why",
                                  msg, sizeof msg, &usage));
    assert_int_equal(rows(f, "prescriptions"), 0);
    assert_int_equal(rows(f, "audit_log"), audit);
    StoreProfile p;
    bool found;
    assert_true(store_profile_get_by_id(f->s, f->pid, &p, &found));
    assert_string_equal(p.level, "L03");
}

static void test_patient_list(void **state)
{
    Fixture *f = *state;
    StoreProfile bo = {.name = "Bo", .body_mass_kg = NAN};
    StoreProfile cy = {.name = "Cy", .body_mass_kg = NAN};
    assert_true(store_profile_create(f->s, &bo));
    assert_true(store_profile_create(f->s, &cy));
    assert_true(tu_sql(store_path(f->s), "UPDATE profiles SET archived = 1 WHERE name = 'Cy'"));
    StoreSession ss = {.profile_id = f->pid, .level = "L03", .started = tu_noon(2026, 11, 20)};
    assert_true(store_session_begin(f->s, &ss));
    assert_true(store_session_finish(f->s, ss.id, STORE_SESSION_FINISHED, 0, 90));
    StoreDecision d = {.profile_id = f->pid, .from_level = "L03", .to_level = "L04",
                       .decision = "advance", .zone = "GREEN", .reason = "three green"};
    assert_true(store_decision_add(f->s, &d));

    ClinicPatient *list;
    size_t n;
    assert_true(clinic_patients(f->s, false, "2026-11-30", &list, &n));
    assert_int_equal(n, 2); /* Cy is archived */
    assert_string_equal(list[0].profile.name, "Ann");
    assert_string_equal(list[0].last_session, "2026-11-20");
    assert_int_equal(list[0].days_since, 10);
    assert_string_equal(list[0].zone, "GREEN");
    assert_string_equal(list[0].decision, "advance");
    assert_string_equal(list[0].next_level, "L04");
    assert_string_equal(list[1].profile.name, "Bo");
    assert_int_equal(list[1].days_since, -1);
    assert_string_equal(list[1].zone, "");
    free(list);
    assert_true(clinic_patients(f->s, true, "2026-11-30", &list, &n));
    assert_int_equal(n, 3);
    assert_true(list[2].profile.archived);
    free(list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_prescribe_and_audit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusals_change_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_patient_list, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
