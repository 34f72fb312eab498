/* rehab/progression: every rule of CLINICAL.md § Default progression rules at its boundary —
 * pain 3 vs 4 and 5 vs 6, next morning +1/+2/+3, 2 vs 3 days, another RED 7 vs 8 days before,
 * a weekly rise of 0.9 vs 1.0, the ends of the ladder and per-level overrides. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rehab/advice.h"
#include "rehab/progression.h"
#include "rehab_fixture.h"

typedef struct Fx {
    Level storage[12];
    Ladder ladder;
    History h;
    Rules rules;
    Plan plan;
} Fx;

static int setup(void **state)
{
    Fx *f = calloc(1, sizeof *f);
    fx_ladder(&f->ladder, f->storage, 12);
    rules_defaults(&f->rules);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fx *f = *state;
    history_free(&f->h);
    free(f);
    return 0;
}

static Plan *decide(Fx *f)
{
    char err[256] = "";
    assert_true(progression_decide(&f->h, &f->ladder, &f->rules, NULL, &f->plan, err, sizeof err));
    return &f->plan;
}

static Zone zone(const Rules *r, double q, double before, double during, double after,
                 double next, char *why)
{
    SessionRecord s = {.quality_pct = q, .pain_before = before, .pain_during = during,
                       .pain_after = after, .pain_next_morning = next};
    return progression_zone(&s, r, why, 512);
}

#define HAS(s, sub) assert_non_null(strstr((s), (sub)))

/* ---- zones ---- */

static void test_pain_during_3_green_4_amber_5_amber_6_red(void **state)
{
    Fx *f = *state;
    char why[512];
    assert_int_equal(zone(&f->rules, 90, 1, 3, 2, 1, why), ZONE_GREEN);
    assert_int_equal(zone(&f->rules, 90, 1, 4, 2, 1, why), ZONE_AMBER);
    HAS(why, "pain during 4 > 3");
    assert_int_equal(zone(&f->rules, 90, 1, 5, 2, 1, why), ZONE_AMBER);
    assert_int_equal(zone(&f->rules, 90, 1, 6, 2, 1, why), ZONE_RED);
    HAS(why, "pain during 6 > 5");
    assert_int_equal(zone(&f->rules, 90, 1, 5.1, 2, 1, why), ZONE_RED);
}

static void test_pain_after_3_green_4_amber_5_amber_6_red(void **state)
{
    Fx *f = *state;
    char why[512];
    assert_int_equal(zone(&f->rules, 90, 1, 2, 3, 1, why), ZONE_GREEN);
    assert_int_equal(zone(&f->rules, 90, 1, 2, 4, 1, why), ZONE_AMBER);
    HAS(why, "pain after 4 > 3");
    assert_int_equal(zone(&f->rules, 90, 1, 2, 5, 1, why), ZONE_AMBER);
    assert_int_equal(zone(&f->rules, 90, 1, 2, 6, 1, why), ZONE_RED);
    HAS(why, "pain after 6 > 5");
}

static void test_next_morning_plus1_green_plus2_amber_plus3_red(void **state)
{
    Fx *f = *state;
    char why[512];
    assert_int_equal(zone(&f->rules, 90, 2, 2, 2, 3, why), ZONE_GREEN);
    assert_int_equal(zone(&f->rules, 90, 2, 2, 2, 4, why), ZONE_AMBER);
    HAS(why, "next-morning pain 4 > baseline 2 + 1");
    assert_int_equal(zone(&f->rules, 90, 2, 2, 2, 5, why), ZONE_RED);
    HAS(why, "next-morning pain 5 ≥ baseline 2 + 3");
    /* decimals: 1.1 + 3 is 4.1, even though binary floating point disagrees */
    assert_int_equal(zone(&f->rules, 90, 1.1, 2, 2, 4.1, why), ZONE_RED);
    assert_int_equal(zone(&f->rules, 90, 1.1, 2, 2, 2.1, why), ZONE_GREEN);
}

static void test_quality_80_green_79_9_amber(void **state)
{
    Fx *f = *state;
    char why[512];
    assert_int_equal(zone(&f->rules, 80, 1, 2, 2, 1, why), ZONE_GREEN);
    assert_int_equal(zone(&f->rules, 79.9, 1, 2, 2, 1, why), ZONE_AMBER);
    HAS(why, "quality 79.9 % < 80 %");
}

static void test_pending_and_unanswered(void **state)
{
    Fx *f = *state;
    char why[512];
    assert_int_equal(zone(&f->rules, 90, 1, 2, 2, NA, why), ZONE_PENDING);
    HAS(why, "not answered yet");
    /* pending never hides a red: pain during alone is enough */
    assert_int_equal(zone(&f->rules, 90, 1, 7, 2, NA, why), ZONE_RED);
    /* no baseline: the next morning cannot be compared, so not green */
    assert_int_equal(zone(&f->rules, 90, NA, 2, 2, 1, why), ZONE_AMBER);
    HAS(why, "no pain-before rating");
    assert_int_equal(zone(&f->rules, 90, 1, NA, 2, 1, why), ZONE_AMBER);
    HAS(why, "pain during not answered");
    /* no quality: amber under the default, green where quality does not count */
    assert_int_equal(zone(&f->rules, NA, 1, 2, 2, 1, why), ZONE_AMBER);
    HAS(why, "hold quality not measured");
    Rules r = f->rules;
    r.green_quality_min_pct = 0;
    assert_int_equal(zone(&r, NA, 1, 2, 2, 1, why), ZONE_GREEN);
}

/* ---- issue 8: what counts as a session (CLINICAL.md) ---- */

static void test_quality_79_96_is_below_80(void **state)
{
    Fx *f = *state;
    char why[512];
    assert_int_equal(zone(&f->rules, 79.96, 1, 2, 2, 1, why), ZONE_AMBER);
    HAS(why, "< 80 %");
    assert_int_equal(zone(&f->rules, 79.99999, 1, 2, 2, 1, why), ZONE_AMBER);
}

static void test_ended_early_is_at_best_amber(void **state)
{
    Fx *f = *state;
    char why[512];
    SessionRecord s = {.quality_pct = 95, .pain_before = 1, .pain_during = 1, .pain_after = 1,
                       .pain_next_morning = 1, .sets_done = 2, .sets_prescribed = 4};
    assert_int_equal(progression_zone(&s, &f->rules, why, sizeof why), ZONE_AMBER);
    assert_string_equal(why, "ended after 2 of 4 sets");
    s.sets_done = 4; /* all done (sets lost to the sensor are counted as done by the caller) */
    assert_int_equal(progression_zone(&s, &f->rules, why, sizeof why), ZONE_GREEN);
    s.sets_done = 0;
    s.sets_prescribed = 0; /* unknown: an older record, read as complete */
    assert_int_equal(progression_zone(&s, &f->rules, why, sizeof why), ZONE_GREEN);
    /* red stays red */
    s.sets_done = 1;
    s.sets_prescribed = 4;
    s.pain_during = 7;
    assert_int_equal(progression_zone(&s, &f->rules, why, sizeof why), ZONE_RED);
    /* in a history: an early-ended last session stops an advance */
    fx_green(&f->h, "2025-03-03", "L03");
    fx_green(&f->h, "2025-03-05", "L03");
    fx_green(&f->h, "2025-03-07", "L03");
    f->h.rows[2].sets_done = 3;
    f->h.rows[2].sets_prescribed = 5;
    Plan *p = decide(f);
    assert_int_equal(p->zone, ZONE_AMBER);
    assert_int_equal(p->decision, DECISION_REPEAT);
    assert_true(p->flags & PLAN_INCOMPLETE);
    HAS(p->reason, "ended after 3 of 5 sets");
}

static void test_missed_next_morning_is_amber(void **state)
{
    Fx *f = *state;
    fx_green(&f->h, "2025-03-03", "L03");
    fx_add(&f->h, "2025-03-05", "L03", 90, 1, 2, 2, NA);
    /* the same day and the next day: still pending */
    Plan *p = decide(f);
    assert_int_equal(p->zone, ZONE_PENDING);
    f->h.today_day = history_day_number(2025, 3, 6);
    assert_int_equal(decide(f)->zone, ZONE_PENDING);
    /* the day after the next morning: missed */
    f->h.today_day = history_day_number(2025, 3, 7);
    p = decide(f);
    assert_int_equal(p->zone, ZONE_AMBER);
    assert_true(p->flags & PLAN_MORNING_MISSED);
    assert_false(p->flags & PLAN_PENDING);
    HAS(p->reason, "next-morning answer missed");
    const AdviceCard *cards[ADVICE_COUNT];
    advice_for_plan(p, cards, ADVICE_COUNT);
    assert_string_equal(cards[0]->key, "24_hours"); /* why the morning answer matters */
    /* a later session on a later day: the earlier one's morning is over */
    f->h.today_day = 0;
    fx_green(&f->h, "2025-03-07", "L03");
    p = decide(f);
    assert_int_equal(p->decision, DECISION_REPEAT);
    HAS(p->reason, "the session on 2025-03-05 was amber (next-morning answer missed)");
    assert_true(progression_morning_missed(&f->h, 1));
    assert_false(progression_morning_missed(&f->h, 2));
    char why[512];
    assert_int_equal(progression_zone_at(&f->h, 1, &f->rules, why, sizeof why), ZONE_AMBER);
    /* a second session the same day does not end the first one's next morning */
    history_free(&f->h);
    fx_add(&f->h, "2025-03-05", "L03", 90, 1, 2, 2, NA);
    fx_add(&f->h, "2025-03-05", "L03", 90, 1, 2, 2, NA);
    assert_false(progression_morning_missed(&f->h, 0));
    assert_int_equal(decide(f)->zone, ZONE_PENDING);
}

static void test_self_timed_may_advance_key(void **state)
{
    Fx *f = *state;
    char why[512];
    SessionRecord s = {.quality_pct = 95, .pain_before = 1, .pain_during = 1, .pain_after = 1,
                       .pain_next_morning = 1, .self_timed = true};
    assert_true(f->rules.self_timed_may_advance); /* the default: yes, pain-gated as usual */
    assert_int_equal(progression_zone(&s, &f->rules, why, sizeof why), ZONE_GREEN);
    HAS(why, "held 95 % of the hold time (self-timed)");
    s.pain_during = 6;
    assert_int_equal(progression_zone(&s, &f->rules, why, sizeof why), ZONE_RED);
    s.pain_during = 1;
    f->rules.self_timed_may_advance = false;
    assert_int_equal(progression_zone(&s, &f->rules, why, sizeof why), ZONE_AMBER);
    HAS(why, "self_timed_may_advance = no");
    s.self_timed = false; /* a force session is unaffected by the key */
    assert_int_equal(progression_zone(&s, &f->rules, why, sizeof why), ZONE_GREEN);
}

/* ---- advance / repeat ---- */

static void test_three_green_days_advance(void **state)
{
    Fx *f = *state;
    fx_green(&f->h, "2025-03-01", "L02");
    fx_green(&f->h, "2025-03-03", "L03");
    fx_green(&f->h, "2025-03-05", "L03");
    fx_green(&f->h, "2025-03-07", "L03");
    Plan *p = decide(f);
    assert_int_equal(p->zone, ZONE_GREEN);
    assert_int_equal(p->decision, DECISION_ADVANCE);
    assert_string_equal(p->level, "L03");
    assert_string_equal(p->next_level, "L04");
    HAS(p->reason, "L03 → L04: the last 3 sessions were green on 3 different days");
    HAS(p->reason, "pain during ≤ 3");
    HAS(p->reason, "next morning ≤ baseline + 1");
    HAS(p->reason, "quality ≥ 80 %");
}

static void test_green_on_two_days_repeats(void **state)
{
    Fx *f = *state;
    fx_green(&f->h, "2025-03-03", "L03");
    fx_green(&f->h, "2025-03-05", "L03");
    fx_green(&f->h, "2025-03-05", "L03");
    Plan *p = decide(f);
    assert_int_equal(p->decision, DECISION_REPEAT);
    assert_string_equal(p->next_level, "L03");
    HAS(p->reason, "Stay at L03");
    HAS(p->reason, "only 2 different days; 3 are needed");
}

static void test_fewer_than_three_at_level_repeats(void **state)
{
    Fx *f = *state;
    fx_green(&f->h, "2025-03-01", "L02");
    fx_green(&f->h, "2025-03-03", "L03");
    fx_green(&f->h, "2025-03-05", "L03");
    Plan *p = decide(f);
    assert_int_equal(p->decision, DECISION_REPEAT);
    HAS(p->reason, "only 2 of the last 3 sessions were at L03");

    history_free(&f->h);
    fx_green(&f->h, "2025-03-03", "L01");
    fx_green(&f->h, "2025-03-05", "L01");
    p = decide(f);
    assert_int_equal(p->decision, DECISION_REPEAT);
    HAS(p->reason, "only 2 sessions so far");
}

static void test_amber_or_pending_repeats_and_names_it(void **state)
{
    Fx *f = *state;
    fx_green(&f->h, "2025-03-03", "L03");
    fx_add(&f->h, "2025-03-05", "L03", 90, 1, 4, 2, 1); /* amber: during 4 > 3 */
    fx_green(&f->h, "2025-03-07", "L03");
    Plan *p = decide(f);
    assert_int_equal(p->zone, ZONE_GREEN);
    assert_int_equal(p->decision, DECISION_REPEAT);
    HAS(p->reason, "the session on 2025-03-05 was amber (pain during 4 > 3)");

    /* an earlier red among the last three is named as red */
    history_free(&f->h);
    fx_red(&f->h, "2025-03-03", "L03");
    fx_green(&f->h, "2025-03-05", "L03");
    fx_green(&f->h, "2025-03-07", "L03");
    p = decide(f);
    assert_int_equal(p->decision, DECISION_REPEAT);
    HAS(p->reason, "the session on 2025-03-03 was red (pain during 6 > 5)");

    history_free(&f->h);
    fx_green(&f->h, "2025-03-03", "L03");
    fx_green(&f->h, "2025-03-05", "L03");
    fx_add(&f->h, "2025-03-07", "L03", 90, 1, 2, 2, NA);
    p = decide(f);
    assert_int_equal(p->zone, ZONE_PENDING);
    assert_int_equal(p->decision, DECISION_REPEAT);
    assert_true(p->flags & PLAN_PENDING);
    HAS(p->reason, "2025-03-07 is pending");
}

/* ---- red: regress or see a clinician ---- */

static void test_red_regresses_one_level_and_names_the_pain(void **state)
{
    Fx *f = *state;
    fx_green(&f->h, "2025-03-01", "L05");
    fx_add(&f->h, "2025-03-07", "L05", 90, 1, 2, 7, NA); /* red by pain after */
    Plan *p = decide(f);
    assert_int_equal(p->zone, ZONE_RED);
    assert_int_equal(p->decision, DECISION_REGRESS);
    assert_string_equal(p->next_level, "L04");
    HAS(p->reason, "L05 → L04");
    HAS(p->reason, "pain after 7 > 5");
    HAS(p->reason, "drop one level");
}

static void test_another_red_7_days_before_sees_clinician_8_does_not(void **state)
{
    Fx *f = *state;
    fx_red(&f->h, "2025-03-01", "L05");
    fx_green(&f->h, "2025-03-04", "L05");
    fx_red(&f->h, "2025-03-08", "L05"); /* 7 days after the first red */
    Plan *p = decide(f);
    assert_int_equal(p->decision, DECISION_SEE_CLINICIAN);
    assert_string_equal(p->next_level, "L03");
    HAS(p->reason, "See your clinician");
    HAS(p->reason, "2025-03-01, 7 days before it");
    HAS(p->reason, "drop two levels");

    history_free(&f->h);
    fx_red(&f->h, "2025-03-01", "L05");
    fx_green(&f->h, "2025-03-04", "L05");
    fx_red(&f->h, "2025-03-09", "L05"); /* 8 days after */
    p = decide(f);
    assert_int_equal(p->decision, DECISION_REGRESS);
    assert_string_equal(p->next_level, "L04");
}

static void test_red_earlier_the_same_day_counts(void **state)
{
    Fx *f = *state;
    fx_red(&f->h, "2025-03-08", "L05");
    fx_add(&f->h, "2025-03-08", "L05", 90, 1, 2, 2, 5); /* red by the next morning: 5 >= 1 + 3 */
    Plan *p = decide(f);
    assert_int_equal(p->decision, DECISION_SEE_CLINICIAN);
    assert_true(p->flags & PLAN_NEXT_MORNING);
    HAS(p->reason, "earlier the same day");
}

/* ---- weekly trend ---- */

static void trend_history(Fx *f, double previous_morning)
{
    /* previous window (8–13 days before the last session): two answers at previous_morning */
    fx_add(&f->h, "2025-03-01", "L02", 90, 1, 2, 2, previous_morning);
    fx_add(&f->h, "2025-03-03", "L02", 90, 1, 2, 2, previous_morning);
    /* recent window: three green sessions with next morning 2 (baseline 1 + 1) */
    fx_add(&f->h, "2025-03-10", "L03", 90, 1, 2, 2, 2);
    fx_add(&f->h, "2025-03-12", "L03", 90, 1, 2, 2, 2);
    fx_add(&f->h, "2025-03-14", "L03", 90, 1, 2, 2, 2);
}

static void test_trend_rise_0_9_advances_1_0_blocks(void **state)
{
    Fx *f = *state;
    trend_history(f, 1.1); /* 2 - 1.1 = 0.9 */
    Plan *p = decide(f);
    assert_true(p->trend.known);
    assert_false(p->trend.rising);
    assert_int_equal(p->decision, DECISION_ADVANCE);
    HAS(p->reason, "not rising week to week (2 over the last 7 days against 1.1 before)");

    history_free(&f->h);
    trend_history(f, 1.0); /* 2 - 1 = 1.0 */
    p = decide(f);
    assert_true(p->trend.rising);
    assert_true(p->flags & PLAN_TREND_RISING);
    assert_int_equal(p->decision, DECISION_REPEAT);
    HAS(p->reason, "averaged 2 over the last 7 days against 1 the 7 days before (up by 1;");
}

static void test_trend_windows_and_unknown(void **state)
{
    Fx *f = *state;
    Rules *r = &f->rules;
    /* last session 2025-03-14: recent = 03-08..03-14, previous = 03-01..03-07 */
    fx_add(&f->h, "2025-02-28", "L03", 90, 1, 2, 2, 9); /* 14 days before: in neither */
    fx_add(&f->h, "2025-03-01", "L03", 90, 1, 2, 2, 1); /* 13 days: previous */
    fx_add(&f->h, "2025-03-07", "L03", 90, 1, 2, 2, 3); /* 7 days: previous */
    fx_add(&f->h, "2025-03-08", "L03", 90, 1, 2, 2, 4); /* 6 days: recent */
    fx_add(&f->h, "2025-03-14", "L03", 90, 1, 2, 2, NA);
    WeeklyTrend t = progression_trend(&f->h, r);
    assert_true(t.known);
    assert_int_equal(t.previous_n, 2);
    assert_int_equal(t.recent_n, 1);
    assert_true(fabs(t.previous_mean - 2) < 1e-12);
    assert_true(fabs(t.recent_mean - 4) < 1e-12);
    assert_true(t.rising);

    /* the previous window without an answer: unknown, does not block */
    history_free(&f->h);
    fx_add(&f->h, "2025-03-01", "L03", 90, 1, 2, 2, NA);
    fx_green(&f->h, "2025-03-10", "L03");
    fx_green(&f->h, "2025-03-12", "L03");
    fx_green(&f->h, "2025-03-14", "L03");
    Plan *p = decide(f);
    assert_false(p->trend.known);
    assert_int_equal(p->decision, DECISION_ADVANCE);
}

/* ---- ends of the ladder ---- */

static void test_never_below_first_level(void **state)
{
    Fx *f = *state;
    fx_red(&f->h, "2025-03-01", "L01");
    Plan *p = decide(f);
    assert_int_equal(p->decision, DECISION_REGRESS);
    assert_string_equal(p->next_level, "L01");
    assert_true(p->flags & PLAN_AT_BOTTOM);
    HAS(p->reason, "the first level is as low as the ladder goes");

    history_free(&f->h);
    fx_red(&f->h, "2025-03-01", "L02");
    fx_red(&f->h, "2025-03-03", "L02");
    p = decide(f);
    assert_int_equal(p->decision, DECISION_SEE_CLINICIAN);
    assert_string_equal(p->next_level, "L01");
    assert_int_equal(p->next_index, 0);
}

static void test_never_past_last_level(void **state)
{
    Fx *f = *state;
    fx_green(&f->h, "2025-03-03", "L12");
    fx_green(&f->h, "2025-03-05", "L12");
    fx_green(&f->h, "2025-03-07", "L12");
    Plan *p = decide(f);
    assert_int_equal(p->decision, DECISION_ADVANCE);
    assert_string_equal(p->next_level, "L12");
    assert_true(p->flags & PLAN_AT_TOP);
    HAS(p->reason, "L12 is the last level");
}

/* ---- the current level's [unlock] ---- */

static void test_current_level_overrides_apply(void **state)
{
    Fx *f = *state;
    /* L03 asks for pain during <= 2: the same sessions advance from L02 but not from L03 */
    f->storage[2].unlock.has_green_pain_during_max = true;
    f->storage[2].unlock.green_pain_during_max = 2;
    for (int lv = 2; lv <= 3; lv++) {
        history_free(&f->h);
        char id[8];
        snprintf(id, sizeof id, "L%02d", lv);
        fx_add(&f->h, "2025-03-03", id, 90, 1, 3, 2, 1);
        fx_add(&f->h, "2025-03-05", id, 90, 1, 3, 2, 1);
        fx_add(&f->h, "2025-03-07", id, 90, 1, 3, 2, 1);
        Plan *p = decide(f);
        assert_int_equal(p->decision, lv == 2 ? DECISION_ADVANCE : DECISION_REPEAT);
        if (lv == 3)
            HAS(p->reason, "pain during 3 > 2");
    }
    /* L04 needs only 2 sessions, and its wider red window reaches 9 days back */
    f->storage[3].unlock.has_advance_sessions = true;
    f->storage[3].unlock.advance_sessions = 2;
    f->storage[3].unlock.has_advance_distinct_days = true;
    f->storage[3].unlock.advance_distinct_days = 2;
    f->storage[3].unlock.has_red_window_days = true;
    f->storage[3].unlock.red_window_days = 10;
    history_free(&f->h);
    fx_green(&f->h, "2025-03-05", "L04");
    fx_green(&f->h, "2025-03-07", "L04");
    assert_int_equal(decide(f)->decision, DECISION_ADVANCE);
    history_free(&f->h);
    fx_red(&f->h, "2025-03-01", "L05"); /* judged by L04's rules: the current level's */
    fx_red(&f->h, "2025-03-10", "L04");
    Plan *p = decide(f);
    assert_int_equal(p->decision, DECISION_SEE_CLINICIAN);
    HAS(p->reason, "within 10 days");
}

/* A clinician's prescription for this patient is more specific than the level's [unlock]: when
 * both set a key, the patient's value decides. */
static void test_patient_overrides_beat_the_level(void **state)
{
    Fx *f = *state;
    f->storage[2].unlock.has_green_pain_during_max = true; /* L03: pain during <= 2 */
    f->storage[2].unlock.green_pain_during_max = 2;
    fx_add(&f->h, "2025-03-03", "L03", 90, 1, 3, 2, 1);
    fx_add(&f->h, "2025-03-05", "L03", 90, 1, 3, 2, 1);
    fx_add(&f->h, "2025-03-07", "L03", 90, 1, 3, 2, 1);
    RuleOverrides patient;
    Diag d;
    diag_init(&d);
    assert_true(rules_overrides_from_text(&patient, "green_pain_during_max = 3\n", "rx", &d));
    char err[256];
    assert_true(progression_decide(&f->h, &f->ladder, &f->rules, &patient, &f->plan, err,
                                   sizeof err));
    assert_int_equal(f->plan.decision, DECISION_ADVANCE);
    /* and a stricter one holds the patient back where the level would let them go */
    assert_true(rules_overrides_from_text(&patient, "green_pain_during_max = 1", "rx", &d));
    f->storage[2].unlock.green_pain_during_max = 4;
    assert_true(progression_decide(&f->h, &f->ladder, &f->rules, &patient, &f->plan, err,
                                   sizeof err));
    assert_int_equal(f->plan.decision, DECISION_REPEAT);
    /* a bad line leaves no override at all, with file:line */
    assert_false(rules_overrides_from_text(&patient, "green_pain_during_max = 2\nnope", "rx", &d));
    assert_false(patient.has_green_pain_during_max);
    HAS(diag_first(&d), "rx:2");
    diag_free(&d);
}

static void test_empty_history_and_unknown_level(void **state)
{
    Fx *f = *state;
    char err[256];
    assert_false(progression_decide(&f->h, &f->ladder, &f->rules, NULL, &f->plan, err, sizeof err));
    HAS(err, "no sessions yet; the first session is at L01");
    fx_green(&f->h, "2025-03-03", "L99");
    assert_false(progression_decide(&f->h, &f->ladder, &f->rules, NULL, &f->plan, err, sizeof err));
    HAS(err, "'L99' is not in the ladder");
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(zone_name(ZONE_RED), "RED");
    assert_string_equal(zone_name(ZONE_GREEN), "GREEN");
    assert_string_equal(zone_name(ZONE_AMBER), "AMBER");
    assert_string_equal(zone_name(ZONE_PENDING), "PENDING");
    assert_string_equal(decision_name(DECISION_ADVANCE), "advance");
    assert_string_equal(decision_name(DECISION_REPEAT), "repeat");
    assert_string_equal(decision_name(DECISION_REGRESS), "regress");
    assert_string_equal(decision_name(DECISION_SEE_CLINICIAN), "see_clinician");
}

/* ---- advice ---- */

static void test_advice_follows_the_decision(void **state)
{
    Fx *f = *state;
    const AdviceCard *cards[ADVICE_COUNT];
    fx_red(&f->h, "2025-03-01", "L05");
    fx_red(&f->h, "2025-03-03", "L05");
    size_t n = advice_for_plan(decide(f), cards, ADVICE_COUNT);
    assert_true(n >= 2);
    assert_string_equal(cards[0]->key, "health");

    history_free(&f->h);
    fx_red(&f->h, "2025-03-03", "L05");
    n = advice_for_plan(decide(f), cards, 1);
    assert_int_equal(n, 1);
    assert_string_equal(cards[0]->key, "sitting");

    history_free(&f->h);
    fx_add(&f->h, "2025-03-03", "L05", 90, 1, 2, 2, NA);
    advice_for_plan(decide(f), cards, ADVICE_COUNT);
    assert_string_equal(cards[0]->key, "24_hours");

    for (int i = 0; i < ADVICE_COUNT; i++) {
        const AdviceCard *c = advice_card((AdviceId)i);
        assert_int_equal(c->id, i);
        assert_true(strlen(c->title) > 0 && strlen(c->text) > 40);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(test_pain_during_3_green_4_amber_5_amber_6_red),
        T(test_pain_after_3_green_4_amber_5_amber_6_red),
        T(test_next_morning_plus1_green_plus2_amber_plus3_red),
        T(test_quality_80_green_79_9_amber),
        T(test_pending_and_unanswered),
        T(test_quality_79_96_is_below_80),
        T(test_ended_early_is_at_best_amber),
        T(test_missed_next_morning_is_amber),
        T(test_self_timed_may_advance_key),
        T(test_three_green_days_advance),
        T(test_green_on_two_days_repeats),
        T(test_fewer_than_three_at_level_repeats),
        T(test_amber_or_pending_repeats_and_names_it),
        T(test_red_regresses_one_level_and_names_the_pain),
        T(test_another_red_7_days_before_sees_clinician_8_does_not),
        T(test_red_earlier_the_same_day_counts),
        T(test_trend_rise_0_9_advances_1_0_blocks),
        T(test_trend_windows_and_unknown),
        T(test_never_below_first_level),
        T(test_never_past_last_level),
        T(test_current_level_overrides_apply),
        T(test_patient_overrides_beat_the_level),
        T(test_empty_history_and_unknown_level),
        T(test_names),
        T(test_advice_follows_the_decision),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
