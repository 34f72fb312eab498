/* play: whole sessions through the application layer with no window — a fake live force sensor
 * (a person on a load cell), a simulated one (practice), unplug, stall, ending early, locks,
 * the morning question, self-timed keyboard sets and recordings with a hole. Real SQLite files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "play/play.h"
#include "sensor/sensor_backend.h"
#include "store/store.h"

#define TICK (1.0 / 120.0)
#define FAKE_RATE_HZ 100.0

/* ---- a fake live force sensor: a person who pushes exactly as hard as asked ---- */

typedef enum FakeMode { FAKE_OK, FAKE_UNPLUGGED, FAKE_SILENT } FakeMode;
static struct {
    FakeMode mode;
    double push, target_n;
    double next_t; /* the next sample's time on the caller's clock */
    bool started;
} fake;

static bool fake_open(Sensor *s, const char *arg, const SensorOptions *opt, char *err, size_t n)
{
    (void)arg, (void)opt, (void)err, (void)n;
    memset(&fake, 0, sizeof fake);
    fake.target_n = 200;
    SensorInfo *si = &s->info;
    snprintf(si->name, sizeof si->name, "Test load cell");
    snprintf(si->kind, sizeof si->kind, "fakelive");
    si->caps = SAMPLE_FORCE;
    si->rate_hz = FAKE_RATE_HZ;
    si->resolution_n = 0.1;
    si->live = true;
    return true;
}

static int fake_poll(Sensor *s, double now, Sample *out, int max)
{
    (void)s;
    if (fake.mode == FAKE_UNPLUGGED)
        return SENSOR_DISCONNECTED;
    if (!fake.started) {
        fake.started = true;
        fake.next_t = now;
    }
    int n = 0;
    while (fake.next_t <= now && n < max) {
        if (fake.mode == FAKE_OK)
            out[n++] = (Sample){.t_s = fake.next_t, .force_n = fake.push * fake.target_n,
                                .has = SAMPLE_FORCE};
        fake.next_t += 1.0 / FAKE_RATE_HZ;
    }
    return n;
}

static void fake_close(Sensor *s) { (void)s; }
static void fake_push(Sensor *s, double a) { (void)s, fake.push = a; }
static void fake_target(Sensor *s, double t) { (void)s, fake.target_n = t; }

static const SensorBackend FAKE = {
    .kind = "fakelive", .open = fake_open, .poll = fake_poll, .close = fake_close,
    .set_push = fake_push, .set_target = fake_target,
};

/* ---- set-up ---- */

typedef struct T {
    char dir[256];
    Play *p;
    double now;
} T;

static Play *new_play(T *t, const char *today, const char *level, bool with_store)
{
    PlayOptions o = {0};
    o.levels_dir = BH_TEST_LEVELS;
    o.rules_file = BH_TEST_LEVELS "/rules.ini";
    o.data_dir = t->dir;
    o.no_store = !with_store;
    o.today = today;
    o.level = level;
    char err[512];
    bool bad = false;
    Play *p = play_new(&o, err, sizeof err, &bad);
    assert_non_null(p);
    t->now = 0;
    return p;
}

static void open_input(Play *p, const char *spec)
{
    char err[512];
    SensorOptions so = {.seed = 3, .speed = 1.0};
    bool ok = play_open_input(p, spec, &so, err, sizeof err);
    if (!ok)
        fail_msg("%s", err);
}

static int setup(void **state)
{
    sensor_register(&FAKE);
    T *t = calloc(1, sizeof *t);
    snprintf(t->dir, sizeof t->dir, "/tmp/bh-play-XXXXXX");
    assert_non_null(mkdtemp(t->dir));
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    T *t = *state;
    play_free(t->p);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
    assert_int_equal(system(cmd), 0);
    free(t);
    return 0;
}

/* Ticks until the session is done (or `until` seconds), a person following the cues: pushing
 * from the start tone to the stop, answering each set's pain question with `pain`. */
static void drive(T *t, double until, int pain)
{
    const PlayState *st = play_state(t->p);
    while (t->now < until && st->session && session_phase(st->session) != PHASE_DONE) {
        t->now += TICK;
        play_tick(t->p, t->now);
        if (!st->input.follows_cues) /* the simulated patient follows the Play's own cues */
            play_set_push(t->p, session_phase(st->session) == PHASE_HOLD);
        if (st->set_pain_owed)
            play_answer_pain(t->p, PLAY_PAIN_SET, pain);
    }
}

static void session_with(T *t, int before, int set_pain, int after)
{
    play_red_flags(t->p, false);
    play_answer_pain(t->p, PLAY_PAIN_BEFORE, before);
    assert_true(play_begin_session(t->p, false));
    drive(t, 1e5, set_pain);
    play_answer_pain(t->p, PLAY_PAIN_AFTER, after);
}

static StoreSession last_session(T *t, StoreSet **sets, size_t *n_sets)
{
    Store *s = play_store(t->p);
    StoreSession *list = NULL;
    size_t n = 0;
    assert_true(store_session_list(s, play_profile_id(t->p), &list, &n));
    assert_true(n > 0);
    StoreSession out = list[n - 1];
    free(list);
    if (sets)
        assert_true(store_session_sets(s, out.id, sets, n_sets));
    return out;
}

/* ---- tests ---- */

/* A person on a real force sensor is never given a made-up maximum: the %MVC level asks for the
 * strength test first; after it, the session runs, is stored as live with its provenance, and
 * the rules decide. */
static void test_live_needs_strength_test_then_decides(void **state)
{
    T *t = *state;
    t->p = new_play(t, "2026-11-20", NULL, true);
    open_input(t->p, "fakelive");
    assert_true(play_create_profile(t->p, "Ana", PLAY_SIDE_LEFT, 60, 0));
    const PlayState *st = play_state(t->p);
    assert_false(st->practice);
    play_answer_pain(t->p, PLAY_PAIN_BEFORE, 2);
    assert_false(play_begin_session(t->p, false));
    assert_non_null(strstr(st->error, "strength test first"));
    assert_true(st->mvc_retest_due); /* the plan screen offers the test */
    assert_true(play_record_mvc(t->p, 500, 4.0, false));
    assert_false(st->profile.mvc_inconsistent);
    assert_true(play_begin_session(t->p, false));
    assert_float_equal(st->target, 200, 1e-9); /* L01: 40 % of 500 N */
    drive(t, 1e5, 1);
    play_answer_pain(t->p, PLAY_PAIN_AFTER, 2);
    assert_true(st->decided_now);
    assert_string_equal(zone_name(st->plan.zone), "PENDING"); /* the morning is still owed */
    StoreSet *sets;
    size_t n;
    StoreSession ss = last_session(t, &sets, &n);
    assert_int_equal(ss.source, STORE_LIVE);
    assert_int_equal(ss.origin, STORE_ORIGIN_PERSON);
    assert_int_equal(ss.measure, STORE_MEASURE_FORCE);
    assert_int_equal(ss.mvc_origin, STORE_MVC_TESTED);
    assert_float_equal(ss.mvc_n, 500, 1e-9);
    assert_string_equal(ss.input_kind, "fakelive");
    assert_string_equal(ss.device_name, "Test load cell");
    assert_int_equal(ss.sets_prescribed, 5);
    assert_int_equal(ss.status, STORE_SESSION_FINISHED);
    assert_int_equal(n, 5);
    for (size_t i = 0; i < n; i++) {
        assert_false(sets[i].interrupted);
        assert_true(sets[i].time_in_band_pct > 90);
        assert_float_equal(sets[i].mean_n, 200, 5);
    }
    free(sets);
}

/* Inconsistent strength-test efforts are flagged and a retest is offered. */
static void test_inconsistent_mvc_is_flagged(void **state)
{
    T *t = *state;
    t->p = new_play(t, "2026-11-20", NULL, true);
    open_input(t->p, "fakelive");
    assert_true(play_create_profile(t->p, "Ben", PLAY_SIDE_BOTH, 80, 0));
    assert_true(play_record_mvc(t->p, 400, 18.0, false)); /* > rules.ini's 10 % */
    assert_true(play_state(t->p)->profile.mvc_inconsistent);
    assert_true(play_state(t->p)->mvc_retest_due);
}

/* The simulator is practice: kept and labelled, never deciding, never moving the level, and it
 * may play a level the patient has not opened. */
static void test_sim_is_practice(void **state)
{
    T *t = *state;
    t->p = new_play(t, "2026-11-20", NULL, true);
    open_input(t->p, "sim");
    assert_true(play_create_profile(t->p, "Cas", PLAY_SIDE_RIGHT, 70, 0));
    const PlayState *st = play_state(t->p);
    assert_true(st->practice);
    assert_true(play_choose_level(t->p, 4)); /* L05: locked for a patient, fine for practice */
    play_red_flags(t->p, false);
    play_answer_pain(t->p, PLAY_PAIN_BEFORE, 1);
    assert_true(play_begin_session(t->p, false));
    assert_non_null(strstr(st->target_note, "practice-only nominal"));
    drive(t, 1e5, 1);
    play_answer_pain(t->p, PLAY_PAIN_AFTER, 1);
    assert_false(st->decided_now);
    assert_string_equal(st->profile_level, "L01");
    StoreSession ss = last_session(t, NULL, NULL);
    assert_int_equal(ss.source, STORE_PRACTICE);
    assert_int_equal(ss.origin, STORE_ORIGIN_SIM);
    assert_int_equal(ss.mvc_origin, STORE_MVC_NOMINAL);
    StoreDecision d;
    bool found = true;
    assert_true(store_decision_latest(play_store(t->p), play_profile_id(t->p), &d, &found));
    assert_false(found);
}

/* A live session cannot start on a locked level or past the clinician's cap. */
static void test_live_levels_locked(void **state)
{
    T *t = *state;
    t->p = new_play(t, "2026-11-20", NULL, true);
    open_input(t->p, "fakelive");
    assert_true(play_create_profile(t->p, "Dee", PLAY_SIDE_LEFT, 60, 1)); /* starts at L02 */
    const PlayState *st = play_state(t->p);
    assert_int_equal(st->level_index, 1);
    assert_true(play_choose_level(t->p, 0)); /* easier levels are always open */
    assert_false(play_choose_level(t->p, 5));
    assert_non_null(strstr(st->error, "L06 is not open yet"));
    assert_int_equal(st->level_index, 0);
    play_free(t->p);
    t->p = new_play(t, "2026-11-20", "L06", true); /* --level on a live input */
    open_input(t->p, "fakelive");
    assert_true(play_use_profile(t->p, "Dee"));
    assert_true(play_record_mvc(t->p, 400, 3, false));
    assert_false(play_begin_session(t->p, false));
    assert_non_null(strstr(play_state(t->p)->error, "L06 is not open to you yet"));
}

/* Unplugging mid-hold stops the set (kept, interrupted); the next set waits for the sensor. */
static void test_unplug_mid_hold(void **state)
{
    T *t = *state;
    t->p = new_play(t, "2026-11-20", NULL, true);
    open_input(t->p, "fakelive");
    assert_true(play_create_profile(t->p, "Eli", PLAY_SIDE_LEFT, 60, 0));
    assert_true(play_record_mvc(t->p, 500, 3, false));
    play_answer_pain(t->p, PLAY_PAIN_BEFORE, 1);
    assert_true(play_begin_session(t->p, false));
    const PlayState *st = play_state(t->p);
    drive(t, 5.0 + 10.0, 1); /* 10 s into set 1 */
    assert_int_equal(session_phase(st->session), PHASE_HOLD);
    fake.mode = FAKE_UNPLUGGED;
    drive(t, t->now + 60, 1);
    assert_true(st->sensor_lost);
    const SetResult *res;
    assert_int_equal(session_results(st->session, &res), 1);
    assert_true(res[0].interrupted);
    assert_int_equal(session_set_number(st->session), 2);
    assert_int_not_equal(session_phase(st->session), PHASE_HOLD); /* waiting for the sensor */
    fake.mode = FAKE_OK;
    drive(t, 1e5, 1);
    assert_false(st->sensor_lost);
    assert_int_equal(session_results(st->session, &res), 5);
}

/* A stream that goes silent mid-hold for longer than max(1 s, 10 periods) stops the hold like an
 * unplug: kept, interrupted, never scored as held. */
static void test_stall_mid_hold(void **state)
{
    T *t = *state;
    t->p = new_play(t, "2026-11-20", NULL, false);
    open_input(t->p, "fakelive");
    play_record_mvc(t->p, 500, 3, false);
    assert_true(play_begin_session(t->p, false));
    const PlayState *st = play_state(t->p);
    drive(t, 5.0 + 10.0, 1);
    fake.mode = FAKE_SILENT;
    drive(t, t->now + 0.9, 1);
    assert_false(st->sensor_stalled); /* under a second is not a stall */
    drive(t, t->now + 0.3, 1);
    assert_true(st->sensor_stalled);
    const SetResult *res;
    assert_int_equal(session_results(st->session, &res), 1);
    assert_true(res[0].interrupted);
    fake.mode = FAKE_OK;
    drive(t, t->now + 1, 1);
    assert_false(st->sensor_stalled);
}

/* Ending early keeps the hold in progress (interrupted) and stores the session interrupted. */
static void test_end_early(void **state)
{
    T *t = *state;
    t->p = new_play(t, "2026-11-20", NULL, true);
    open_input(t->p, "fakelive");
    assert_true(play_create_profile(t->p, "Fay", PLAY_SIDE_LEFT, 60, 0));
    play_record_mvc(t->p, 500, 3, false);
    play_answer_pain(t->p, PLAY_PAIN_BEFORE, 1);
    assert_true(play_begin_session(t->p, false));
    const PlayState *st = play_state(t->p);
    drive(t, 5 + 30 + 120 + 5 + 10, 1); /* 10 s into set 2 */
    play_end_early(t->p);
    assert_int_equal(session_phase(st->session), PHASE_DONE);
    assert_false(session_completed(st->session));
    play_answer_pain(t->p, PLAY_PAIN_AFTER, 1);
    StoreSet *sets;
    size_t n;
    StoreSession ss = last_session(t, &sets, &n);
    assert_int_equal(ss.status, STORE_SESSION_INTERRUPTED);
    assert_int_equal(n, 2);
    assert_true(sets[1].interrupted);
    free(sets);
    assert_true(st->decided_now);
    assert_int_not_equal(st->plan.zone, ZONE_GREEN);
}

/* The morning question is owed only on the day right after the session: two days later it is not
 * asked (the answer would be that day's baseline). */
static void test_morning_only_next_day(void **state)
{
    T *t = *state;
    t->p = new_play(t, "2026-11-20", NULL, true);
    open_input(t->p, "fakelive");
    assert_true(play_create_profile(t->p, "Gus", PLAY_SIDE_LEFT, 60, 0));
    play_record_mvc(t->p, 500, 3, false);
    session_with(t, 1, 1, 1);
    play_free(t->p);
    t->p = new_play(t, "2026-11-22", NULL, true);
    open_input(t->p, "fakelive");
    assert_true(play_use_profile(t->p, "Gus"));
    assert_false(play_state(t->p)->morning_due);
    play_free(t->p);
    t->p = new_play(t, "2026-11-21", NULL, true);
    open_input(t->p, "fakelive");
    assert_true(play_use_profile(t->p, "Gus"));
    assert_true(play_state(t->p)->morning_due);
    assert_string_equal(play_state(t->p)->morning_date, "2026-11-20");
    /* a practice run the next morning never answers for the live session */
    play_free(t->p);
    t->p = new_play(t, "2026-11-21", NULL, true);
    open_input(t->p, "sim");
    assert_true(play_use_profile(t->p, "Gus"));
    assert_false(play_state(t->p)->morning_due);
}

/* The keyboard measures no force: its sets are self-timed (the share of the hold held) and store
 * no newtons. */
static void test_keyboard_self_timed(void **state)
{
    T *t = *state;
    t->p = new_play(t, "2026-11-20", NULL, true);
    open_input(t->p, "keyboard");
    assert_true(play_create_profile(t->p, "Hal", PLAY_SIDE_LEFT, 60, 0));
    const PlayState *st = play_state(t->p);
    play_answer_pain(t->p, PLAY_PAIN_BEFORE, 1);
    assert_true(play_begin_session(t->p, false));
    assert_true(st->self_timed);
    assert_string_equal(st->unit, "");
    /* set 1 held throughout; set 2 let go at half time */
    while (session_set_number(st->session) <= 2 && session_phase(st->session) != PHASE_DONE) {
        t->now += TICK;
        play_tick(t->p, t->now);
        bool hold = session_phase(st->session) == PHASE_HOLD;
        if (session_set_number(st->session) == 2 &&
            session_phase_elapsed_s(st->session, t->now) > 15)
            hold = false;
        play_set_push(t->p, hold);
        if (st->set_pain_owed)
            play_answer_pain(t->p, PLAY_PAIN_SET, 1);
    }
    play_end_early(t->p);
    play_answer_pain(t->p, PLAY_PAIN_AFTER, 1);
    StoreSet *sets;
    size_t n;
    StoreSession ss = last_session(t, &sets, &n);
    assert_int_equal(ss.source, STORE_LIVE);
    assert_int_equal(ss.measure, STORE_MEASURE_SELF_TIMED);
    assert_true(n >= 2);
    assert_true(sets[0].time_in_band_pct > 90);
    assert_true(sets[1].time_in_band_pct > 35 && sets[1].time_in_band_pct < 55);
    for (size_t i = 0; i < n; i++) {
        assert_true(isnan(sets[i].mean_n) && isnan(sets[i].peak_n) && isnan(sets[i].target_n));
        assert_int_equal(sets[i].trace_n, 0);
    }
    free(sets);
}

/* A recording with a 3-s hole inside a hold: that hold is interrupted, not scored as held; the
 * same recording without the hole gives no interrupted set. */
static void write_trace(const char *path, bool hole)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "t_s,force_n\n");
    for (int i = 0; i <= 100 * 60; i++) {
        double t = i / 100.0;
        if (hole && t > 15 && t < 18)
            continue;
        fprintf(f, "%.2f,%.1f\n", t, t >= 4.5 && t < 40 ? 160.0 : 0.0);
    }
    fclose(f);
}

static int interrupted_sets(T *t, const char *trace)
{
    t->p = new_play(t, "2026-11-20", "L01", false);
    char spec[400];
    snprintf(spec, sizeof spec, "replay:%s", trace);
    open_input(t->p, spec);
    const PlayState *st = play_state(t->p);
    assert_true(play_begin_session(t->p, false));
    drive(t, 50, 1);
    const SetResult *res;
    size_t n = session_results(st->session, &res);
    assert_true(n >= 1);
    int k = 0;
    for (size_t i = 0; i < n; i++)
        k += res[i].interrupted;
    play_free(t->p);
    t->p = NULL;
    return k;
}

static void test_recording_with_a_hole(void **state)
{
    T *t = *state;
    char a[300], b[300];
    snprintf(a, sizeof a, "%s/hole.csv", t->dir);
    snprintf(b, sizeof b, "%s/whole.csv", t->dir);
    write_trace(a, true);
    write_trace(b, false);
    assert_int_equal(interrupted_sets(t, b), 0);
    assert_int_equal(interrupted_sets(t, a), 1);
}

/* Tempo levels count real movements: the simulator following the metronome does reps; a steady
 * recording at the same level counts none. */
static int reps_at_l10(T *t, const char *spec)
{
    t->p = new_play(t, "2026-11-20", "L10", false);
    open_input(t->p, spec);
    const PlayState *st = play_state(t->p);
    assert_true(play_begin_session(t->p, false));
    drive(t, 200, 1);
    const SetResult *res;
    size_t n = session_results(st->session, &res);
    assert_true(n >= 1);
    int reps = 0;
    for (size_t i = 0; i < n; i++)
        reps += res[i].reps_done;
    play_free(t->p);
    t->p = NULL;
    return reps;
}

static void test_tempo_reps(void **state)
{
    T *t = *state;
    char steady[300], spec[320];
    snprintf(steady, sizeof steady, "%s/steady.csv", t->dir);
    FILE *f = fopen(steady, "w");
    assert_non_null(f);
    fprintf(f, "t_s,force_n\n");
    for (int i = 0; i <= 100 * 200; i++) /* 200 s at 150 N, with a little noise */
        fprintf(f, "%.2f,%.1f\n", i / 100.0, 150.0 + ((i * 7919) % 11 - 5) * 0.3);
    fclose(f);
    snprintf(spec, sizeof spec, "replay:%s", steady);
    assert_int_equal(reps_at_l10(t, spec), 0);
    int sim_reps = reps_at_l10(t, "sim");
    print_message("simulated L10: %d reps\n", sim_reps);
    assert_true(sim_reps >= 8);
}

/* A clinician's prescription changes the dose and, per patient, the rules. */
static void test_prescription_applies(void **state)
{
    T *t = *state;
    t->p = new_play(t, "2026-11-20", NULL, true);
    open_input(t->p, "fakelive");
    assert_true(play_create_profile(t->p, "Ivy", PLAY_SIDE_LEFT, 60, 0));
    StorePrescription rx;
    memset(&rx, 0, sizeof rx);
    rx.profile_id = play_profile_id(t->p);
    rx.sets = 2;
    rx.hold_s = 20;
    rx.rest_s = NAN;
    snprintf(rx.overrides, sizeof rx.overrides, "green_pain_during_max = 1\n");
    assert_true(store_prescription_set(play_store(t->p), &rx, "Dr Test", "a slower start"));
    assert_true(play_use_profile(t->p, "Ivy"));
    const PlayState *st = play_state(t->p);
    assert_float_equal(st->rules->green_pain_during_max, 1, 1e-9);
    play_record_mvc(t->p, 500, 3, false);
    session_with(t, 1, 2, 1);
    assert_int_equal(session_config(st->session)->sets, 2);
    assert_float_equal(session_config(st->session)->hold_s, 20, 1e-9);
    assert_float_equal(session_config(st->session)->rest_s, 120, 1e-9); /* the level's own */
    StoreSession ss = last_session(t, NULL, NULL);
    assert_int_equal(ss.sets_prescribed, 2);

    /* a change that arrives between sessions (another workstation's, through the clinic
     * server's sync) is what the next session plays */
    rx.sets = 4;
    snprintf(rx.level_cap, sizeof rx.level_cap, "L05");
    assert_true(store_prescription_set(play_store(t->p), &rx, "Dr Elsewhere", "ready for more"));
    assert_int_equal(st->level_cap[0], '\0');
    play_refresh_day(t->p);
    assert_string_equal(st->level_cap, "L05");
    session_with(t, 1, 2, 1);
    assert_int_equal(session_config(st->session)->sets, 4);
}

/* A supervised session is stored as such; the clinician's set note and override of the rules'
 * decision are kept, the override audited with before, after and its reason. */
static void test_supervised_note_and_override(void **state)
{
    T *t = *state;
    t->p = new_play(t, "2026-11-20", NULL, true);
    open_input(t->p, "fakelive");
    assert_true(play_create_profile(t->p, "Jo", PLAY_SIDE_LEFT, 60, 0));
    assert_false(play_override_decision(t->p, 2, "not supervised")); /* no clinician */
    play_supervise(t->p, "Dr Kim");
    play_record_mvc(t->p, 500, 3, false);
    session_with(t, 1, 1, 1);
    assert_true(play_note_set(t->p, 2, "hips dropped in the last 10 s"));
    assert_false(play_override_decision(t->p, 2, ""));
    assert_true(play_override_decision(t->p, 2, "strong and pain-free: straight to L03"));
    const PlayState *st = play_state(t->p);
    assert_string_equal(st->profile_level, "L03");
    StoreSet *sets;
    size_t n;
    StoreSession ss = last_session(t, &sets, &n);
    assert_true(ss.supervised);
    free(sets);
    Store *db = play_store(t->p);
    StoreDecision d;
    bool found = false;
    assert_true(store_decision_latest(db, play_profile_id(t->p), &d, &found));
    assert_true(found);
    assert_int_equal(d.source, STORE_BY_CLINICIAN);
    assert_string_equal(d.to_level, "L03");
    StoreAudit *a;
    size_t na;
    assert_true(store_audit_list(db, play_profile_id(t->p), &a, &na));
    bool seen = false;
    for (size_t i = 0; i < na; i++) {
        if (strcmp(a[i].action, "override") == 0) {
            seen = true;
            assert_string_equal(a[i].actor, "Dr Kim");
            assert_string_equal(a[i].before, "L01");
            assert_string_equal(a[i].after, "L03");
            assert_string_equal(a[i].reason, "strong and pain-free: straight to L03");
        }
    }
    free(a);
    assert_true(seen);
    StoreProfile pr;
    assert_true(store_profile_get(db, "Jo", &pr, &found));
    assert_string_equal(pr.level, "L03");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_live_needs_strength_test_then_decides, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_inconsistent_mvc_is_flagged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sim_is_practice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_live_levels_locked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unplug_mid_hold, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stall_mid_hold, setup, teardown),
        cmocka_unit_test_setup_teardown(test_end_early, setup, teardown),
        cmocka_unit_test_setup_teardown(test_morning_only_next_day, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keyboard_self_timed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recording_with_a_hole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prescription_applies, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tempo_reps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_supervised_note_and_override, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
