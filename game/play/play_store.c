/* play/play_store: what a Play keeps — the profile it loads, each set the moment it ends, pain
 * answers as they are given, the session with where it came from — and the decision the rules
 * make when a live session ends or its morning answer arrives. A storage failure never stops
 * play: the message is kept in st.storage_msg for the screens to show. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/log.h"
#include "core/str.h"
#include "play/play_internal.h"
#include "rehab/history.h"
#include "rehab/retest.h"

#define SITTING_EVERY_DAYS 7 /* the weekly sitting-tolerance question (JOURNEYS.md 2.4) */

void play_storage_failed(Play *p, const char *what)
{
    snprintf(p->st.storage_msg, sizeof p->st.storage_msg, "Could not save %s: %s", what,
             p->store ? store_errmsg(p->store) : "no database");
    log_error("store", "%s", p->st.storage_msg);
}

int64_t play_clock(const Play *p)
{
    /* --today: that day at noon plus the game's own seconds, so runs are repeatable */
    if (p->today_fixed)
        return p->now_unix + (int64_t)p->st.now;
    return store_now();
}

static bool decision_from_name(const char *name, Decision *out)
{
    for (int d = DECISION_ADVANCE; d <= DECISION_SEE_CLINICIAN; d++) {
        if (strcmp(decision_name((Decision)d), name) == 0) {
            *out = (Decision)d;
            return true;
        }
    }
    return false;
}

static bool zone_from_name(const char *name, Zone *out)
{
    for (int z = ZONE_RED; z <= ZONE_PENDING; z++) {
        if (strcmp(zone_name((Zone)z), name) == 0) {
            *out = (Zone)z;
            return true;
        }
    }
    return false;
}

/* The morning question is owed only on the calendar day right after the session it is about
 * (CLINICAL.md "What counts as a session"): later, the answer would be that day's baseline, and
 * the rules count the morning as missed. A practice run answers only a practice session's. */
static void check_morning(Play *p)
{
    p->st.morning_due = false;
    bool found = false;
    StoreHistoryRow row;
    if (!store_history_unanswered_source(p->store, p->profile_id,
                                         p->st.practice ? STORE_PRACTICE : STORE_LIVE, &row,
                                         &found)) {
        play_storage_failed(p, "the morning question");
        return;
    }
    if (!found || !store_next_morning_open(row.date, p->st.today))
        return;
    p->st.morning_due = true;
    p->morning_session = row.session_id;
    str_copy(p->st.morning_date, sizeof p->st.morning_date, row.date);
}

/* The weekly sitting question: owed when no answer was given on any of the last 6 calendar days
 * (counted in days, not seconds, so the time of day of the last answer does not matter). */
static bool sitting_due(Play *p)
{
    StorePain *list = NULL;
    size_t n = 0;
    if (!store_pain_list(p->store, p->profile_id, 0, &list, &n))
        return false;
    int64_t latest = 0;
    for (size_t i = 0; i < n; i++) {
        if (list[i].kind == STORE_PAIN_SITTING_TOLERANCE && list[i].time > latest)
            latest = list[i].time;
    }
    free(list);
    if (latest == 0)
        return true;
    char then[11];
    store_local_date(latest, then);
    SessionRecord a, b;
    if (!history_parse_date(then, &a) || !history_parse_date(p->st.today, &b))
        return true;
    return b.day_number - a.day_number >= SITTING_EVERY_DAYS;
}

static bool retest_due(Play *p)
{
    const Level *lv = p->ladder.count ? &p->ladder.levels[p->st.level_index] : NULL;
    if (!lv || lv->target_kind != TARGET_PCT_MVC || !p->st.input.can_calibrate)
        return false;
    if (p->st.profile.mvc_inconsistent)
        return true;
    StoreMvc m;
    bool found = false;
    if (!store_mvc_latest(p->store, p->profile_id, NULL, &m, &found))
        return false;
    return mvc_retest_due(found, m.date, m.level, p->st.today, lv->id);
}

void play_check_owed(Play *p)
{
    if (!p->store || !p->profile_id)
        return;
    check_morning(p);
    p->st.sitting_due = sitting_due(p);
    p->st.mvc_retest_due = retest_due(p);
}

/* The clinician's prescription: per-patient rule overrides on top of rules.ini and of a level's
 * own [unlock] (the patient's are the more specific), and sets / hold / rest. */
static void load_prescription(Play *p, int64_t profile_id)
{
    p->rules = p->base_rules;
    memset(&p->rx_rules, 0, sizeof p->rx_rules);
    p->rx_found = false;
    if (!store_prescription_get(p->store, profile_id, &p->rx, &p->rx_found)) {
        play_storage_failed(p, "the prescription");
        return;
    }
    if (!p->rx_found || !p->rx.overrides[0])
        return;
    Diag d;
    diag_init(&d);
    if (rules_overrides_from_text(&p->rx_rules, p->rx.overrides, "prescription", &d))
        rules_apply_overrides(&p->rules, &p->rx_rules);
    else
        log_warn("play", "%s (the prescription's rules are ignored)", diag_first(&d));
    diag_free(&d);
}

void play_load_profile(Play *p, const StoreProfile *sp)
{
    PlayState *st = &p->st;
    load_prescription(p, sp->id);
    p->profile_id = sp->id;
    st->has_profile = true;
    str_copy(st->profile.name, sizeof st->profile.name, sp->name);
    st->profile.side = sp->side == STORE_SIDE_LEFT ? PLAY_SIDE_LEFT
                       : sp->side == STORE_SIDE_RIGHT ? PLAY_SIDE_RIGHT : PLAY_SIDE_BOTH;
    st->profile.body_mass_kg = isnan(sp->body_mass_kg) ? 0 : sp->body_mass_kg;
    str_copy(st->level_cap, sizeof st->level_cap, sp->level_cap);
    str_copy(st->profile_level, sizeof st->profile_level, sp->level[0] ? sp->level : "L01");
    int idx = ladder_find(&p->ladder, sp->level[0] ? sp->level : "L01");
    if (!p->level_forced)
        st->level_index = idx >= 0 ? idx : 0;
    StoreMvc m;
    bool found = false;
    if (st->profile.mvc_from != PLAY_MVC_CLINICIAN &&
        store_mvc_latest(p->store, sp->id, NULL, &m, &found) && found) {
        st->profile.mvc_n = m.best_n;
        st->profile.mvc_from = PLAY_MVC_TESTED;
        st->profile.mvc_inconsistent = isfinite(m.cv_pct) && m.cv_pct > p->rules.mvc_cv_retest_pct;
    }
    StoreSession *sessions = NULL;
    size_t n = 0;
    if (store_session_list(p->store, sp->id, &sessions, &n))
        st->profile.first_session = n == 0;
    free(sessions);
    StoreDecision d;
    found = false;
    st->have_plan = false;
    if (store_decision_latest(p->store, sp->id, &d, &found) && found) {
        memset(&st->plan, 0, sizeof st->plan);
        str_copy(st->plan.level, sizeof st->plan.level, d.from_level);
        str_copy(st->plan.next_level, sizeof st->plan.next_level, d.to_level);
        str_copy(st->plan.reason, sizeof st->plan.reason, d.reason);
        decision_from_name(d.decision, &st->plan.decision);
        zone_from_name(d.zone, &st->plan.zone);
        st->have_plan = true;
    }
    st->top_open_index = play_top_open(p);
    if (!p->level_forced && st->level_index > st->top_open_index)
        st->level_index = st->top_open_index;
    play_check_owed(p);
}

/* ---- the session ---- */

static StoreOrigin origin_of(const Play *p)
{
    if (p->opt.demo)
        return STORE_ORIGIN_DEMO;
    if (!p->st.input.practice)
        return STORE_ORIGIN_PERSON;
    if (p->st.input.follows_cues)
        return STORE_ORIGIN_SIM;
    /* the record names the kind of recording: a trace replayed, or a device's own capture */
    return strcmp(p->info.kind, "replay") == 0 ? STORE_ORIGIN_REPLAY : STORE_ORIGIN_CAPTURE;
}

static StoreMvcOrigin mvc_origin_of(const Play *p)
{
    const Level *lv = &p->ladder.levels[p->st.level_index];
    if (lv->target_kind != TARGET_PCT_MVC || p->st.angle_mode || p->st.self_timed)
        return STORE_MVC_NONE;
    switch (p->st.profile.mvc_from) {
    case PLAY_MVC_TESTED: return STORE_MVC_TESTED;
    case PLAY_MVC_CLINICIAN: return STORE_MVC_CLINICIAN;
    case PLAY_MVC_NOMINAL: return STORE_MVC_NOMINAL;
    case PLAY_MVC_NONE: break;
    }
    return STORE_MVC_NONE;
}

bool play_store_session_begin(Play *p)
{
    p->session_id = 0;
    if (!p->store || !p->profile_id || !p->ladder.count)
        return false;
    const Level *lv = &p->ladder.levels[p->st.level_index];
    StoreSession s;
    memset(&s, 0, sizeof s);
    s.profile_id = p->profile_id;
    str_copy(s.level, sizeof s.level, lv->id);
    str_copy(s.date, sizeof s.date, p->st.today);
    s.started = play_clock(p);
    s.source = p->st.practice ? STORE_PRACTICE : STORE_LIVE;
    s.origin = origin_of(p);
    s.measure = p->st.angle_mode     ? STORE_MEASURE_ANGLE
                : p->st.self_timed   ? STORE_MEASURE_SELF_TIMED
                : p->st.input.measures_force ? STORE_MEASURE_FORCE : STORE_MEASURE_NONE;
    str_copy(s.input_kind, sizeof s.input_kind, p->info.kind);
    str_copy(s.device_name, sizeof s.device_name, p->info.name);
    if (p->st.cal_done)
        snprintf(s.calibration, sizeof s.calibration, "%.6g N/count, offset %.3g N",
                 p->st.cal.scale_n_per_count, p->st.cal.offset_n);
    s.mvc_origin = mvc_origin_of(p);
    s.mvc_n = s.mvc_origin != STORE_MVC_NONE ? p->st.profile.mvc_n : NAN;
    s.sets_prescribed = p->session ? session_config(p->session)->sets : lv->sets;
    s.supervised = p->st.supervised;
    if (!store_session_begin(p->store, &s)) {
        play_storage_failed(p, "the session");
        return false;
    }
    p->session_id = s.id;
    return true;
}

void play_store_set(Play *p, const SetResult *r)
{
    if (!p->store || !p->session_id)
        return;
    const ForcePoint *pts;
    size_t n = session_last_hold_trace(p->session, &pts);
    StoreSample *trace = xmalloc((n ? n : 1) * sizeof *trace);
    bool lr = false;
    for (size_t i = 0; i < n; i++) {
        trace[i] = (StoreSample){pts[i].t_s, pts[i].force_n, pts[i].left_n, pts[i].right_n};
        lr = lr || pts[i].has_lr;
    }
    double lo = NAN, hi = NAN;
    if (r->measured)
        session_band(p->session, &lo, &hi);
    /* Held time only (keyboard, trigger): no newtons are stored, not even made-up ones. */
    bool newtons = !p->st.self_timed;
    StoreSet s = {
        .index = r->index,
        .duration_s = r->m.duration_s,
        .time_in_band_pct = r->measured ? r->m.time_in_band_pct : NAN,
        .mean_n = newtons ? r->m.mean_n : NAN,
        .peak_n = newtons ? r->m.peak_n : NAN,
        .cv_pct = newtons ? r->m.cv_pct : NAN,
        .drift_pct_per_10s = newtons ? r->m.drift_pct_per_10s : NAN,
        .left_pct = newtons ? r->m.left_pct : NAN,
        .form_lost_s = r->m.form_lost ? r->m.form_lost_s - r->m.start_s : NAN,
        .interrupted = r->interrupted,
        .target_n = r->measured && newtons ? p->st.target : NAN,
        .band_low_n = newtons ? lo : NAN,
        .band_high_n = newtons ? hi : NAN,
        .reps_done = r->reps_done,
        .trace = newtons ? trace : NULL,
        .trace_n = newtons ? n : 0,
        .trace_has_lr = lr,
    };
    str_copy(s.notices, sizeof s.notices, p->set_notices);
    if (!store_set_commit(p->store, p->session_id, &s, NULL))
        play_storage_failed(p, "the set");
    else /* the crash-safety test reads this line (BRIDGEHOLD_LOG=info) */
        log_info("store", "saved set %d of session %lld", r->index, (long long)p->session_id);
    free(trace);
}

static bool add_answer(Play *p, int64_t session, StorePainKind kind, int set_index,
                       double value, const char *what)
{
    StorePain sp;
    memset(&sp, 0, sizeof sp);
    sp.profile_id = p->profile_id;
    sp.session_id = session;
    sp.kind = kind;
    sp.set_index = set_index;
    sp.value = value;
    sp.time = play_clock(p);
    if (store_pain_add(p->store, &sp))
        return true;
    play_storage_failed(p, what);
    return false;
}

void play_store_pain(Play *p, StorePainKind kind, int set_index, int value)
{
    if (p->store && p->session_id)
        add_answer(p, p->session_id, kind, set_index, value, "the pain answer");
}

void play_store_session_end(Play *p, bool completed)
{
    if (!p->store || !p->session_id)
        return;
    if (!store_session_finish(p->store, p->session_id,
                              completed ? STORE_SESSION_FINISHED : STORE_SESSION_INTERRUPTED,
                              play_clock(p),
                              p->session ? session_quality_pct(p->session) : NAN))
        play_storage_failed(p, "the end of the session");
    p->session_id_done = p->session_id;
    p->session_id = 0;
    if (!p->st.practice) /* practice never moves a level */
        play_decide(p);
    p->st.sitting_due = sitting_due(p);
}

void play_store_morning(Play *p, int value)
{
    if (!p->store || !p->st.morning_due)
        return;
    if (!add_answer(p, p->morning_session, STORE_PAIN_NEXT_MORNING, STORE_NO_SET, value,
                    "the morning answer"))
        return;
    p->st.morning_due = false;
    if (!p->st.practice)
        play_decide(p);
}

/* Caps a level index at the clinician's cap. */
static int capped(const Play *p, int index)
{
    if (p->st.level_cap[0]) {
        int cap = ladder_find(&p->ladder, p->st.level_cap);
        if (cap >= 0 && index > cap)
            return cap;
    }
    return index;
}

void play_decide(Play *p)
{
    History h;
    memset(&h, 0, sizeof h);
    if (!store_history_records(p->store, p->profile_id, &h)) {
        play_storage_failed(p, "the history");
        return;
    }
    if (h.count == 0) {
        history_free(&h);
        return;
    }
    SessionRecord today; /* a next morning that has passed unanswered counts as missed */
    if (history_parse_date(p->st.today, &today))
        h.today_day = today.day_number;
    Plan plan;
    char err[256];
    bool ok = progression_decide(&h, &p->ladder, &p->base_rules, &p->rx_rules, &plan, err,
                                 sizeof err);
    history_free(&h);
    if (!ok) {
        log_warn("rules", "%s", err);
        return;
    }
    int next = capped(p, plan.next_index);
    if (next != plan.next_index) {
        size_t n = strlen(plan.reason);
        snprintf(plan.reason + n, sizeof plan.reason - n, " Your clinician's cap keeps you at %s.",
                 p->ladder.levels[next].id);
        str_copy(plan.next_level, sizeof plan.next_level, p->ladder.levels[next].id);
        plan.next_index = next;
    }
    p->st.plan = plan;
    p->st.have_plan = true;
    p->st.decided_now = true;
    StoreDecision d;
    memset(&d, 0, sizeof d);
    d.profile_id = p->profile_id;
    str_copy(d.from_level, sizeof d.from_level, plan.level);
    str_copy(d.to_level, sizeof d.to_level, plan.next_level);
    str_copy(d.decision, sizeof d.decision, decision_name(plan.decision));
    str_copy(d.zone, sizeof d.zone, zone_name(plan.zone));
    str_copy(d.reason, sizeof d.reason, plan.reason);
    d.source = STORE_BY_RULES;
    d.time = play_clock(p);
    d.session_id = p->session_id_done;
    if (!store_decision_add(p->store, &d))
        play_storage_failed(p, "the decision");
    if (!store_profile_set_level(p->store, p->profile_id, plan.next_level, "rules"))
        play_storage_failed(p, "the new level");
    else
        str_copy(p->st.profile_level, sizeof p->st.profile_level, plan.next_level);
    if (!p->level_forced) /* --level plays the asked level; the decision is still stored */
        p->st.level_index = next;
    p->st.top_open_index = play_top_open(p);
}

/* ---- the ghost: the best earlier hold at this level ---- */

static void set_ghost(Play *p, const ForcePoint *pts, size_t n, double pct)
{
    free(p->ghost);
    p->ghost = NULL;
    p->n_ghost = 0;
    if (n >= 2) {
        p->ghost = xmalloc(n * sizeof *p->ghost);
        for (size_t i = 0; i < n; i++) { /* time from the hold's start, as the view wants */
            p->ghost[i] = pts[i];
            p->ghost[i].t_s -= pts[0].t_s;
        }
        p->n_ghost = n;
    }
    p->st.ghost = p->ghost;
    p->st.n_ghost = p->n_ghost;
    p->st.ghost_pct = p->n_ghost ? pct : 0;
}

void play_load_ghost(Play *p)
{
    set_ghost(p, NULL, 0, 0); /* never a ghost from another level, run or kind of hold */
    const Level *lv = p->ladder.count ? &p->ladder.levels[p->st.level_index] : NULL;
    if (!p->store || !p->profile_id || !lv || p->st.angle_mode || p->st.self_timed)
        return;
    StoreSession *sessions = NULL;
    size_t n_sessions = 0;
    if (!store_session_list(p->store, p->profile_id, &sessions, &n_sessions))
        return;
    int64_t best_id = 0;
    double best_pct = -1;
    for (size_t i = 0; i < n_sessions; i++) {
        const StoreSession *ss = &sessions[i];
        if (strcmp(ss->level, lv->id) != 0 || ss->id == p->session_id ||
            ss->measure != STORE_MEASURE_FORCE)
            continue;
        StoreSet *sets = NULL;
        size_t n_sets = 0;
        if (!store_session_sets(p->store, ss->id, &sets, &n_sets))
            continue;
        for (size_t k = 0; k < n_sets; k++) {
            const StoreSet *st = &sets[k];
            if (st->index > 0 && !st->interrupted && !isnan(st->time_in_band_pct) &&
                st->time_in_band_pct > best_pct && st->trace_n > 1) {
                best_pct = st->time_in_band_pct;
                best_id = st->id;
            }
        }
        free(sets);
    }
    free(sessions);
    StoreSample *trace = NULL;
    size_t n = 0;
    bool lr = false;
    if (best_id && store_set_trace(p->store, best_id, &trace, &n, &lr) && n >= 2) {
        ForcePoint *pts = xmalloc(n * sizeof *pts);
        for (size_t i = 0; i < n; i++)
            pts[i] = (ForcePoint){trace[i].t_s, trace[i].force_n, trace[i].left_n,
                                  trace[i].right_n, lr};
        set_ghost(p, pts, n, best_pct);
        free(pts);
    }
    free(trace);
}

void play_keep_ghost(Play *p, const SetResult *r)
{
    if (!r->measured || r->interrupted || p->st.angle_mode || p->st.self_timed)
        return;
    if (p->ghost && r->m.time_in_band_pct <= p->st.ghost_pct)
        return;
    const ForcePoint *pts;
    size_t n = session_last_hold_trace(p->session, &pts);
    if (n >= 2)
        set_ghost(p, pts, n, r->m.time_in_band_pct);
}

/* ---- supervision ---- */

void play_supervise(Play *p, const char *clinician)
{
    p->st.supervised = true;
    str_copy(p->st.clinician, sizeof p->st.clinician,
             clinician && clinician[0] ? clinician : "clinician");
}

bool play_note_set(Play *p, int set_index, const char *note)
{
    int64_t session = p->session_id ? p->session_id : p->session_id_done;
    if (!p->st.supervised || !p->store || !session)
        return false;
    if (!store_set_note(p->store, session, set_index, note)) {
        play_storage_failed(p, "the note");
        return false;
    }
    return true;
}

bool play_override_decision(Play *p, int to_index, const char *reason)
{
    PlayState *st = &p->st;
    if (!st->supervised || !p->store || !p->profile_id) {
        snprintf(st->error, sizeof st->error, "only a clinician can override a decision");
        return false;
    }
    if (!reason || !reason[0] || to_index < 0 || (size_t)to_index >= p->ladder.count) {
        snprintf(st->error, sizeof st->error, "an override needs a level and its reason");
        return false;
    }
    StoreDecision d;
    memset(&d, 0, sizeof d);
    d.profile_id = p->profile_id;
    str_copy(d.from_level, sizeof d.from_level, st->profile_level[0] ? st->profile_level : "L01");
    str_copy(d.to_level, sizeof d.to_level, p->ladder.levels[to_index].id);
    str_copy(d.decision, sizeof d.decision, "override");
    str_copy(d.reason, sizeof d.reason, reason);
    d.source = STORE_BY_CLINICIAN;
    d.time = play_clock(p);
    d.session_id = p->session_id_done;
    if (!store_decision_override(p->store, &d, st->clinician, reason)) {
        snprintf(st->error, sizeof st->error, "%s", store_errmsg(p->store));
        return false;
    }
    snprintf(st->plan.reason, sizeof st->plan.reason, "Your clinician chose %s: %s", d.to_level,
             reason);
    str_copy(st->plan.level, sizeof st->plan.level, d.from_level);
    str_copy(st->plan.next_level, sizeof st->plan.next_level, d.to_level);
    st->plan.next_index = to_index;
    st->have_plan = true;
    str_copy(st->profile_level, sizeof st->profile_level, d.to_level);
    st->level_index = to_index;
    st->top_open_index = play_top_open(p);
    return true;
}
