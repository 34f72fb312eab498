/* rehab/rules: the shipped rules.ini equals the built-in defaults, every rules.ini problem has
 * its line, and overrides change only what they set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "rehab/rules.h"

static Diag g_d;

static bool parse(const char *text, Rules *r)
{
    diag_free(&g_d);
    diag_init(&g_d);
    return rules_parse_string("r.ini", text, r, &g_d);
}

static void expect_only(const char *text, const char *want)
{
    Rules r;
    assert_false(parse(text, &r));
    if (g_d.count != 1 || strcmp(g_d.msgs[0], want) != 0) {
        diag_print(&g_d, stderr);
        fail_msg("want only: %s", want);
    }
}

static void test_defaults_are_clinical(void **state)
{
    (void)state;
    Rules r;
    rules_defaults(&r);
    /* CLINICAL.md § Default progression rules */
    assert_true(r.red_pain_during_above == 5 && r.red_pain_after_above == 5);
    assert_true(r.red_next_morning_rise == 3);
    assert_true(r.green_pain_during_max == 3 && r.green_pain_after_max == 3);
    assert_true(r.green_next_morning_rise_max == 1);
    assert_true(r.green_quality_min_pct == 80);
    assert_int_equal(r.red_window_days, 7);
    assert_int_equal(r.advance_sessions, 3);
    assert_int_equal(r.advance_distinct_days, 3);
    assert_int_equal(r.trend_window_days, 7);
    assert_true(r.trend_rise_blocks == 1.0);
    assert_int_equal(r.regress_levels, 1);
    assert_int_equal(r.see_clinician_levels, 2);
    assert_true(r.self_timed_may_advance); /* issue 8: yes, pain-gated as usual */
    assert_true(r.tempo_min_excursion_pct == 20 && r.tempo_min_excursion_deg == 10);
}

static void test_self_timed_and_reps_keys(void **state)
{
    (void)state;
    Rules r;
    assert_true(parse("[rules]\nversion = 1\n[decision]\nself_timed_may_advance = no\n"
                      "[reps]\ntempo_min_excursion_pct = 30\ntempo_min_excursion_deg = 12.5\n",
                      &r));
    assert_false(r.self_timed_may_advance);
    assert_true(r.tempo_min_excursion_pct == 30 && r.tempo_min_excursion_deg == 12.5);
    assert_true(rules_tempo_min_excursion(&r, false, 200) == 60);
    assert_true(rules_tempo_min_excursion(&r, true, 200) == 12.5);
    assert_true(rules_tempo_min_excursion(&r, false, 0) == 0);
    assert_true(parse("[rules]\nversion = 1\n[decision]\nself_timed_may_advance = YES\n", &r));
    assert_true(r.self_timed_may_advance);
    expect_only("[rules]\nversion = 1\n[decision]\nself_timed_may_advance = maybe\n",
                "r.ini:4: self_timed_may_advance: 'maybe' is not yes or no");
    expect_only("[rules]\nversion = 1\n[zones]\ntempo_min_excursion_pct = 30\n",
                "r.ini:4: tempo_min_excursion_pct belongs in [reps], not [zones]");
    expect_only("[rules]\nversion = 1\n[reps]\ntempo_min_excursion_pct = 0\n",
                "r.ini:4: tempo_min_excursion_pct = 0 is out of range: it must be from 1 to 100 "
                "(% of the target)");
    /* a level's [unlock] may say no for that level alone */
    RuleOverrides o = {0};
    Diag d;
    diag_init(&d);
    assert_true(rules_override_set(&o, "self_timed_may_advance", "no", "L.ini", 9, &d));
    rules_defaults(&r);
    rules_apply_overrides(&r, &o);
    assert_false(r.self_timed_may_advance);
    diag_free(&d);
}

static void test_shipped_rules_file_equals_defaults(void **state)
{
    (void)state;
    Rules shipped, def;
    Diag d;
    diag_init(&d);
    bool ok = rules_load(BH_TEST_LEVELS "/rules.ini", &shipped, &d);
    diag_print(&d, stderr);
    assert_true(ok);
    rules_defaults(&def);
    assert_memory_equal(&shipped, &def, sizeof def);
    diag_free(&d);
}

static void test_values_read_and_missing_keep_defaults(void **state)
{
    (void)state;
    Rules r;
    assert_true(parse("[rules]\nversion = 1\n[zones]\ngreen_pain_during_max = 2.5\n"
                      "[decision]\nadvance_sessions = 4\n",
                      &r));
    assert_true(r.green_pain_during_max == 2.5);
    assert_int_equal(r.advance_sessions, 4);
    assert_true(r.red_pain_during_above == 5);
}

static void test_errors_have_lines(void **state)
{
    (void)state;
    expect_only("[rules]\nversion = 1\n[zones]\nred_pain = 5\n",
                "r.ini:4: unknown key 'red_pain' in [zones]");
    expect_only("[rules]\nversion = 1\n[zones]\nadvance_sessions = 3\n",
                "r.ini:4: advance_sessions belongs in [decision], not [zones]");
    expect_only("[rules]\nversion = 1\n[zones]\nred_pain_during_above = lots\n",
                "r.ini:4: red_pain_during_above: 'lots' is not a number (NRS points)");
    expect_only("[rules]\nversion = 1\n[decision]\nred_window_days = 7.5\n",
                "r.ini:4: red_window_days: '7.5' is not a whole number (days)");
    expect_only("[rules]\nversion = 1\n[zones]\ngreen_quality_min_pct = 101\n",
                "r.ini:4: green_quality_min_pct = 101 is out of range: it must be from 0 to 100 "
                "(%)");
    expect_only("[rules]\nversion = 1\n[zones]\nred_pain_after_above = 5\n"
                "red_pain_after_above = 6\n",
                "r.ini:5: duplicate key 'red_pain_after_above' in [zones] (first at line 4)");
    expect_only("[rules]\nversion = 1\n[limits]\nx = 1\n",
                "r.ini:3: unknown section [limits] (rules.ini has [rules], [zones], [decision] "
                "and [reps])");
    expect_only("[zones]\nred_pain_during_above = 5\n",
                "r.ini:2: missing 'version = 1' in [rules]");
    expect_only("[rules]\nversion = 1\n[zones]\ngreen_pain_during_max = 3\n   4\n",
                "r.ini:5: green_pain_during_max: an indented line continues the value above; "
                "rules values are single numbers (do not indent keys)");
}

static void test_newer_version_refused(void **state)
{
    (void)state;
    expect_only("; rules\n\n[rules]\nversion = 3\n[zones]\nwhatever = 1\n",
                "r.ini:4: version 3 is newer than this program understands (1); update Bridgehold");
}

static void test_inconsistent_thresholds(void **state)
{
    (void)state;
    expect_only("[rules]\nversion = 1\n[zones]\ngreen_pain_during_max = 6\n",
                "r.ini:4: green_pain_during_max (6) is above red_pain_during_above (5)");
    expect_only("[rules]\nversion = 1\n[zones]\nred_next_morning_rise = 1\n",
                "r.ini:4: green_next_morning_rise_max (1) must be below red_next_morning_rise (1)");
    expect_only("[rules]\nversion = 1\n[decision]\nadvance_distinct_days = 4\n",
                "r.ini:4: advance_distinct_days (4) is more than advance_sessions (3): 3 sessions "
                "cannot fall on 4 different days");
}

static void test_overrides_change_only_what_they_set(void **state)
{
    (void)state;
    Rules r, def;
    rules_defaults(&r);
    rules_defaults(&def);
    RuleOverrides o = {0};
    rules_apply_overrides(&r, &o);
    assert_memory_equal(&r, &def, sizeof r);
    Diag d;
    diag_init(&d);
    assert_true(rules_override_set(&o, "trend_rise_blocks", "1.5", "l.ini", 9, &d));
    assert_true(rules_override_set(&o, "see_clinician_levels", "3", "l.ini", 10, &d));
    assert_false(rules_override_set(&o, "nonsense", "3", "l.ini", 11, &d));
    assert_false(rules_override_set(&o, "regress_levels", "-1", "l.ini", 12, &d));
    assert_int_equal(d.count, 2);
    assert_string_equal(d.msgs[0], "l.ini:11: unknown rule 'nonsense' in [unlock] (the keys are "
                                   "those of rules.ini)");
    assert_string_equal(d.msgs[1], "l.ini:12: regress_levels = -1 is out of range: it must be "
                                   "from 0 to 20 (levels)");
    rules_apply_overrides(&r, &o);
    assert_true(r.trend_rise_blocks == 1.5);
    assert_int_equal(r.see_clinician_levels, 3);
    assert_int_equal(r.regress_levels, 1);
    assert_true(r.green_pain_during_max == 3);
    assert_true(rules_is_key("green_quality_min_pct"));
    assert_false(rules_is_key("version"));
    diag_free(&d);
}

static void test_missing_file(void **state)
{
    (void)state;
    Rules r;
    Diag d;
    diag_init(&d);
    assert_false(rules_load("/nonexistent/rules.ini", &r, &d));
    assert_non_null(strstr(diag_first(&d), "/nonexistent/rules.ini: cannot open"));
    assert_true(r.red_pain_during_above == 5); /* still the defaults */
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_are_clinical),
        cmocka_unit_test(test_shipped_rules_file_equals_defaults),
        cmocka_unit_test(test_values_read_and_missing_keep_defaults),
        cmocka_unit_test(test_errors_have_lines),
        cmocka_unit_test(test_self_timed_and_reps_keys),
        cmocka_unit_test(test_newer_version_refused),
        cmocka_unit_test(test_inconsistent_thresholds),
        cmocka_unit_test(test_overrides_change_only_what_they_set),
        cmocka_unit_test(test_missing_file),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    diag_free(&g_d);
    return rc;
}
