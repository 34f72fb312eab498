/* session: phase timing, the events that drive sound cues, scoring over exactly each hold, the
 * rest waiting for the pain prompt, interruptions, practice holds and tempo reps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "session/session.h"

#define BH_PI 3.14159265358979323846

static SessionConfig basic(void)
{
    SessionConfig c = {0};
    c.sets = 2;
    c.hold_s = 20;
    c.rest_s = 30;
    c.get_ready_s = 5;
    c.target = 200;
    c.tolerance_pct = 10;
    c.measured = true;
    return c;
}

/* Feeds value at 100 Hz over [from, to) and updates after each sample; returns OR of events. */
static unsigned run(Session *s, double from, double to, double value)
{
    unsigned ev = 0;
    for (long i = lround(from * 100); i < lround(to * 100); i++) {
        double t = i / 100.0;
        ForcePoint p = {t, value, 0, 0, false};
        session_push(s, &p);
        ev |= session_update(s, t);
    }
    return ev;
}

static void test_phases_follow_the_clock(void **state)
{
    (void)state;
    SessionConfig c = basic();
    Session *s = session_new(&c);
    session_start(s, 0);
    assert_int_equal(session_phase(s), PHASE_GET_READY);
    assert_int_equal(session_set_number(s), 1);
    unsigned ev = run(s, 0, 5.5, 0);
    assert_true(ev & SEV_COUNT_3);
    assert_true(ev & SEV_COUNT_2);
    assert_true(ev & SEV_COUNT_1);
    assert_true(ev & SEV_START);
    assert_int_equal(session_phase(s), PHASE_HOLD);
    assert_true(fabs(session_phase_left_s(s, 5.5) - 19.5) < 1e-9);
    ev = run(s, 5.5, 25.5, 200);
    assert_true(ev & SEV_HALFWAY);
    assert_true(ev & SEV_LAST_5);
    assert_true(ev & SEV_STOP);
    assert_int_equal(session_phase(s), PHASE_REST);
    assert_int_equal(session_set_number(s), 2);
    ev = run(s, 25.5, 55.5, 0);
    assert_true(ev & SEV_REST_OVER);
    assert_int_equal(session_phase(s), PHASE_GET_READY);
    ev = run(s, 55.5, 81, 200);
    assert_true(ev & SEV_DONE);
    assert_int_equal(session_phase(s), PHASE_DONE);
    const SetResult *r;
    assert_int_equal(session_results(s, &r), 2);
    session_free(s);
}

static void test_hold_scored_over_exactly_the_hold(void **state)
{
    (void)state;
    SessionConfig c = basic();
    c.sets = 1;
    Session *s = session_new(&c);
    session_start(s, 0);
    run(s, 0, 5, 0);      /* get ready: nothing counts */
    run(s, 5, 20, 200);   /* 15 s in band */
    run(s, 20, 25, 150);  /* 5 s below the 180 N edge */
    run(s, 25, 27, 0);    /* after the hold: does not count */
    const SetResult *r;
    assert_int_equal(session_results(s, &r), 1);
    assert_true(fabs(r[0].m.duration_s - 20.0) < 0.02);
    assert_true(fabs(r[0].m.time_in_band_pct - 75.0) < 0.2);
    assert_true(fabs(session_quality_pct(s) - 75.0) < 0.2);
    session_free(s);
}

static void test_rest_waits_for_the_pain_prompt(void **state)
{
    (void)state;
    SessionConfig c = basic();
    Session *s = session_new(&c);
    session_start(s, 0);
    run(s, 0, 25.5, 200);
    assert_int_equal(session_phase(s), PHASE_REST);
    session_hold_rest(s, true);
    run(s, 25.5, 70, 0); /* rest (30 s) ran out at 55 s, but the prompt is still open */
    assert_int_equal(session_phase(s), PHASE_REST);
    assert_true(session_set_pain(s, 1, 3));
    session_hold_rest(s, false);
    unsigned ev = run(s, 70, 70.5, 0);
    assert_true(ev & SEV_REST_OVER);
    /* the countdown starts when released, whole */
    assert_true(fabs(session_phase_left_s(s, 70.5) - 4.5) < 0.02);
    const SetResult *r;
    session_results(s, &r);
    assert_int_equal(r[0].pain, 3);
    assert_false(session_set_pain(s, 5, 1));
    session_free(s);
}

static void test_interrupted_set_is_kept(void **state)
{
    (void)state;
    SessionConfig c = basic();
    Session *s = session_new(&c);
    session_start(s, 0);
    run(s, 0, 12, 200);
    session_interrupt(s, 12);
    session_update(s, 12);
    const SetResult *r;
    assert_int_equal(session_results(s, &r), 1);
    assert_true(r[0].interrupted);
    assert_true(isnan(session_quality_pct(s))); /* an interrupted set is not a failure */
    session_free(s);
}

static void test_abort_stops_everything(void **state)
{
    (void)state;
    SessionConfig c = basic();
    c.sets = 3;
    Session *s = session_new(&c);
    session_start(s, 0);
    run(s, 0, 25.5, 200);            /* set 1 done, resting */
    assert_int_equal(session_abort(s, 30) & SEV_STOP, 0);
    assert_int_equal(session_phase(s), PHASE_DONE);
    assert_false(session_completed(s));
    run(s, 30, 200, 200);             /* time goes on: nothing more is played */
    const SetResult *r;
    assert_int_equal(session_results(s, &r), 1);
    session_free(s);

    s = session_new(&c);
    session_start(s, 0);
    run(s, 0, 12, 200);              /* inside set 1's hold */
    assert_true(session_abort(s, 12) & SEV_STOP);
    assert_int_equal(session_results(s, &r), 1);
    assert_true(r[0].interrupted);
    assert_false(session_completed(s));
    session_free(s);
}

static void test_set_without_samples_is_not_a_zero(void **state)
{
    (void)state;
    SessionConfig c = basic();
    c.sets = 1;
    Session *s = session_new(&c);
    session_start(s, 0);
    assert_int_equal(session_update(s, 26) & SEV_STOP, SEV_STOP); /* no data at all */
    const SetResult *r;
    assert_int_equal(session_results(s, &r), 1);
    assert_true(r[0].interrupted);
    assert_true(isnan(r[0].m.time_in_band_pct));
    assert_true(isnan(session_quality_pct(s)));
    assert_true(session_completed(s));
    session_free(s);
}

static void test_practice_comes_first_and_is_not_a_set(void **state)
{
    (void)state;
    SessionConfig c = basic();
    c.practice = true;
    c.practice_s = 10;
    Session *s = session_new(&c);
    session_start(s, 0);
    assert_int_equal(session_set_number(s), 0);
    run(s, 0, 15.5, 200);
    const SetResult *r;
    assert_int_equal(session_results(s, &r), 1);
    assert_int_equal(r[0].index, 0);
    assert_int_equal(session_set_number(s), 1);
    /* after the practice only a short pause, not a full rest */
    assert_true(session_phase_left_s(s, 15.5) <= 5.0);
    session_free(s);
}

static void test_tempo_counts_reps_at_the_right_pace(void **state)
{
    (void)state;
    SessionConfig c = basic();
    c.sets = 1;
    c.measured = false;
    c.tempo = true;
    c.reps = 4;
    c.up_s = 3;
    c.down_s = 3;
    Session *s = session_new(&c);
    session_start(s, 0);
    run(s, 0, 5, 0);
    unsigned ev = 0;
    /* 4 reps of a 6-s up/down cycle: a sine from 100 to 300 N */
    unsigned last_ev = 0;
    for (long i = 500; i < 2950; i++) {
        double t = i / 100.0;
        double v = 200 - 100 * cos(2 * BH_PI * (t - 5) / 6.0);
        ForcePoint p = {t, v, 0, 0, false};
        session_push(s, &p);
        unsigned e = session_update(s, t);
        if (e & SEV_STOP)
            last_ev = e;
        ev |= e;
    }
    assert_true(ev & SEV_TEMPO_UP);
    assert_true(ev & SEV_TEMPO_DOWN);
    assert_false(last_ev & SEV_TEMPO_UP); /* the stop is not also an "up" click */
    assert_true(last_ev & SEV_STOP);
    const SetResult *r;
    assert_int_equal(session_results(s, &r), 1);
    assert_true(r[0].reps_done >= 3);
    assert_false(r[0].measured);
    session_free(s);
}

static void test_too_fast_reps_do_not_count(void **state)
{
    (void)state;
    SessionConfig c = basic();
    c.sets = 1;
    c.tempo = true;
    c.reps = 4;
    c.up_s = 3;
    c.down_s = 3;
    Session *s = session_new(&c);
    session_start(s, 0);
    run(s, 0, 5, 0);
    for (long i = 500; i < 2950; i++) { /* 1-s cycles: far too fast */
        double t = i / 100.0;
        ForcePoint p = {t, 200 - 100 * cos(2 * BH_PI * (t - 5)), 0, 0, false};
        session_push(s, &p);
        session_update(s, t);
    }
    const SetResult *r;
    assert_int_equal(session_results(s, &r), 1);
    assert_int_equal(r[0].reps_done, 0);
    session_free(s);
}

/* The L10 dose (levels/10-slow-single-leg-bridge.ini): 12 reps of 3 s up, 3 s down. Force
 * reference 200 N, so rules.ini's default 20 % gives a 40 N minimum excursion. */
static SessionConfig l10(void)
{
    SessionConfig c = basic();
    c.sets = 1;
    c.measured = false;
    c.tempo = true;
    c.reps = 12;
    c.up_s = 3;
    c.down_s = 3;
    c.target = 0; /* tempo levels have no force band */
    c.min_excursion = 40;
    return c;
}

/* A steady hold with realistic noise — tremor, slow wander with a period near the metronome's,
 * and sensor noise, a few newtons in all — counts no reps: it never moves 40 N. */
static void test_tempo_steady_hold_counts_no_reps(void **state)
{
    (void)state;
    for (int with_minimum = 0; with_minimum < 2; with_minimum++) {
        SessionConfig c = l10();
        if (!with_minimum) { /* no minimum given, but a target: 20 % of it */
            c.min_excursion = 0;
            c.target = 200;
        }
        Session *s = session_new(&c);
        session_start(s, 0);
        run(s, 0, 5, 200);
        uint64_t x = 12345;
        for (long i = 500; i < 500 + 7300; i++) {
            double t = i / 100.0;
            x = x * 6364136223846793005ull + 1442695040888963407ull;
            double noise = ((double)(x >> 11) * 0x1.0p-53 - 0.5) * 1.0;
            double v = 200 + 6 * sin(2 * BH_PI * t / 6.2) + 1.5 * sin(2 * BH_PI * 9.7 * t) + noise;
            ForcePoint p = {t, v, 0, 0, false};
            session_push(s, &p);
            session_update(s, t);
        }
        const SetResult *r;
        assert_int_equal(session_results(s, &r), 1);
        assert_int_equal(r[0].reps_done, 0);
        assert_true(session_quality_pct(s) == 0);
        session_free(s);
    }
}

/* Real reps at the L10 pace, 120 N up and down on top of 100 N, count. A movement of 30 N (less
 * than the 40 N minimum) counts none, however well paced. */
static void test_tempo_real_reps_count_small_ones_do_not(void **state)
{
    (void)state;
    const double amp[2] = {120, 30};
    for (int k = 0; k < 2; k++) {
        SessionConfig c = l10();
        Session *s = session_new(&c);
        session_start(s, 0);
        run(s, 0, 5, 100);
        for (long i = 500; i < 500 + 7300; i++) {
            double t = i / 100.0;
            double v = 100 + amp[k] * 0.5 * (1 - cos(2 * BH_PI * (t - 5) / 6.0));
            ForcePoint p = {t, v, 0, 0, false};
            session_push(s, &p);
            session_update(s, t);
        }
        const SetResult *r;
        assert_int_equal(session_results(s, &r), 1);
        if (k == 0)
            assert_true(r[0].reps_done >= 11 && r[0].reps_done <= 12);
        else
            assert_int_equal(r[0].reps_done, 0);
        session_free(s);
    }
}

/* Keyboard / trigger: values are 1 (held) or 0; quality is the share of the prescribed hold
 * time held, and no newtons are made up. */
static void test_self_timed_share_of_prescribed_time(void **state)
{
    (void)state;
    SessionConfig c = basic(); /* 2 sets of 20 s */
    c.self_timed = true;
    c.target = 1;
    Session *s = session_new(&c);
    session_start(s, 0);
    run(s, 0, 5, 0);
    run(s, 5, 10, 1);  /* held 5 s */
    assert_int_equal(session_phase(s), PHASE_HOLD);
    run(s, 10, 12, 0); /* let go 2 s */
    run(s, 12, 22, 1); /* held 10 s */
    assert_true(fabs(session_held_s(s) - 15) < 0.02);
    assert_true(fabs(session_live_in_band_pct(s) - 100.0 * 15 / 17) < 0.2);
    run(s, 22, 25.5, 0); /* let go for the last 3 s */
    assert_int_equal(session_phase(s), PHASE_REST);
    const SetResult *r;
    assert_int_equal(session_results(s, &r), 1);
    assert_true(r[0].measured);
    assert_true(r[0].self_timed);
    assert_true(fabs(r[0].m.time_in_band_pct - 75) < 0.1); /* 15 of the prescribed 20 s */
    assert_true(isnan(r[0].m.mean_n) && isnan(r[0].m.peak_n));
    assert_true(isnan(r[0].m.cv_pct) && isnan(r[0].m.drift_pct_per_10s));
    assert_true(isnan(r[0].m.left_pct));
    /* set 2: held all along, but the patient ends the session after 8 s: 8 of 20 s */
    run(s, 25.5, 60.5, 0);
    assert_int_equal(session_phase(s), PHASE_HOLD);
    run(s, 60.5, 68.5, 1);
    session_abort(s, 68.5);
    assert_int_equal(session_results(s, &r), 2);
    assert_true(r[1].interrupted);
    assert_true(fabs(r[1].m.time_in_band_pct - 40) < 0.2);
    assert_true(fabs(session_quality_pct(s) - 75) < 0.1); /* the interrupted set is left out */
    session_free(s);

    /* a key held through the whole hold (with few samples: only changes are sent) is 100 % */
    s = session_new(&c);
    session_start(s, 0);
    run(s, 0, 5, 0);
    ForcePoint p = {5.0, 1, 0, 0, false};
    session_push(s, &p);
    session_update(s, 30);
    assert_int_equal(session_results(s, &r), 1);
    assert_true(fabs(r[0].m.time_in_band_pct - 100) < 1e-9);
    session_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phases_follow_the_clock),
        cmocka_unit_test(test_hold_scored_over_exactly_the_hold),
        cmocka_unit_test(test_rest_waits_for_the_pain_prompt),
        cmocka_unit_test(test_interrupted_set_is_kept),
        cmocka_unit_test(test_practice_comes_first_and_is_not_a_set),
        cmocka_unit_test(test_abort_stops_everything),
        cmocka_unit_test(test_set_without_samples_is_not_a_zero),
        cmocka_unit_test(test_tempo_counts_reps_at_the_right_pace),
        cmocka_unit_test(test_tempo_steady_hold_counts_no_reps),
        cmocka_unit_test(test_tempo_real_reps_count_small_ones_do_not),
        cmocka_unit_test(test_self_timed_share_of_prescribed_time),
        cmocka_unit_test(test_too_fast_reps_do_not_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
