/* ui/persist: storage and progression for the game. */
#include "ui/persist.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/log.h"
#include "core/str.h"
#include "rehab/history.h"
#include "rehab/progression.h"
#include "store/store.h"

#define SITTING_EVERY_DAYS 7 /* the weekly sitting-tolerance question (JOURNEYS.md 2.4) */

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

static void storage_failed(Game *g, const char *what)
{
    snprintf(g->storage_msg, sizeof g->storage_msg, "Could not save %s: %s", what,
             g->store ? store_errmsg(g->store) : "no database");
    log_error("store", "%s", g->storage_msg);
}

bool persist_open(Game *g, const char *data_dir, char *err, size_t errlen)
{
    StoreError e;
    char dir[1024];
    if (!store_default_dir(data_dir, dir, sizeof dir, &e)) {
        snprintf(err, errlen, "%s", e.msg);
        return false;
    }
    g->store = store_open(dir, &e);
    if (!g->store) {
        snprintf(err, errlen, "%s", e.msg);
        return false;
    }
    return true;
}

void persist_close(Game *g)
{
    free(g->profiles);
    g->profiles = NULL;
    g->n_profiles = 0;
    store_close(g->store);
    g->store = NULL;
}

size_t persist_profile_count(Game *g)
{
    if (!g->store)
        return 0;
    free(g->profiles);
    g->profiles = NULL;
    g->n_profiles = 0;
    if (!store_profile_list(g->store, &g->profiles, &g->n_profiles))
        storage_failed(g, "the profile list");
    return g->n_profiles;
}

const char *persist_profile_name(Game *g, size_t i)
{
    return i < g->n_profiles ? g->profiles[i].name : "";
}

/* The profile's history as the progression rules read it (rounded as the CSV export is, so
 * the game and `plan` on an export decide on the same numbers). */
static bool load_history(Game *g, History *out)
{
    memset(out, 0, sizeof *out);
    if (!store_history_records(g->store, g->profile_id, out)) {
        storage_failed(g, "the history");
        return false;
    }
    return true;
}

/* Caps a level index at the profile's clinician cap. */
static int capped(const Game *g, int index)
{
    if (g->level_cap[0]) {
        int cap = ladder_find(&g->ladder, g->level_cap);
        if (cap >= 0 && index > cap)
            return cap;
    }
    return index;
}

/* Decides the next session from the stored history, stores the decision and moves the level. */
static void decide(Game *g)
{
    History h;
    if (!load_history(g, &h))
        return;
    if (h.count == 0) {
        history_free(&h);
        return;
    }
    Plan p;
    char err[256];
    if (!progression_decide(&h, &g->ladder, &g->rules, &p, err, sizeof err)) {
        log_warn("rules", "%s", err);
        history_free(&h);
        return;
    }
    history_free(&h);
    int next = capped(g, p.next_index);
    if (next != p.next_index) {
        size_t n = strlen(p.reason);
        snprintf(p.reason + n, sizeof p.reason - n, " Your clinician's cap keeps you at %s.",
                 g->ladder.levels[next].id);
        str_copy(p.next_level, sizeof p.next_level, g->ladder.levels[next].id);
        p.next_index = next;
    }
    g->plan = p;
    g->have_plan = true;
    StoreDecision d;
    memset(&d, 0, sizeof d);
    d.profile_id = g->profile_id;
    str_copy(d.from_level, sizeof d.from_level, p.level);
    str_copy(d.to_level, sizeof d.to_level, p.next_level);
    str_copy(d.decision, sizeof d.decision, decision_name(p.decision));
    str_copy(d.zone, sizeof d.zone, zone_name(p.zone));
    str_copy(d.reason, sizeof d.reason, p.reason);
    d.source = STORE_BY_RULES;
    d.time = persist_clock(g);
    if (!store_decision_add(g->store, &d))
        storage_failed(g, "the decision");
    if (!store_profile_set_level(g->store, g->profile_id, p.next_level, "rules"))
        storage_failed(g, "the new level");
    if (!g->level_forced) /* --level plays the asked level; the decision is still stored */
        g->level_index = next;
}

long long persist_clock(const Game *g)
{
    /* --today: that day at noon plus the game's own seconds, so runs are repeatable */
    if (g->today_fixed)
        return g->now_unix + (long long)g->now;
    return store_now();
}

static void check_morning(Game *g)
{
    g->morning_due = false;
    bool found = false;
    StoreHistoryRow row;
    if (!store_history_unanswered(g->store, g->profile_id, &row, &found)) {
        storage_failed(g, "the morning question");
        return;
    }
    /* Only a session on an earlier day can have had its next morning. */
    if (found && strcmp(row.date, g->today) < 0) {
        g->morning_due = true;
        g->morning_session = row.session_id;
        str_copy(g->morning_date, sizeof g->morning_date, row.date);
    }
}

static void load_profile(Game *g, const StoreProfile *p)
{
    g->profile_id = p->id;
    str_copy(g->profile.name, sizeof g->profile.name, p->name);
    g->profile.side = p->side == STORE_SIDE_LEFT ? SIDE_LEFT
                      : p->side == STORE_SIDE_RIGHT ? SIDE_RIGHT : SIDE_BOTH;
    g->profile.body_mass_kg = isnan(p->body_mass_kg) ? 0 : p->body_mass_kg;
    str_copy(g->level_cap, sizeof g->level_cap, p->level_cap);
    int idx = ladder_find(&g->ladder, p->level[0] ? p->level : "L01");
    if (!g->level_forced)
        g->level_index = idx >= 0 ? idx : 0;
    StoreMvc m;
    bool found = false;
    if (g->profile.mvc_n <= 0 && store_mvc_latest(g->store, p->id, NULL, &m, &found) && found)
        g->profile.mvc_n = m.best_n;
    StoreSession *sessions = NULL;
    size_t n = 0;
    if (store_session_list(g->store, p->id, &sessions, &n))
        g->profile.first_session = n == 0;
    free(sessions);
    StoreDecision d;
    found = false;
    g->have_plan = false;
    if (store_decision_latest(g->store, p->id, &d, &found) && found) {
        memset(&g->plan, 0, sizeof g->plan);
        str_copy(g->plan.level, sizeof g->plan.level, d.from_level);
        str_copy(g->plan.next_level, sizeof g->plan.next_level, d.to_level);
        str_copy(g->plan.reason, sizeof g->plan.reason, d.reason);
        decision_from_name(d.decision, &g->plan.decision);
        zone_from_name(d.zone, &g->plan.zone);
        g->have_plan = true;
    }
    check_morning(g);
}

bool persist_use_profile(Game *g, const char *name)
{
    if (!g->store)
        return false;
    StoreProfile p;
    bool found = false;
    if (!store_profile_get(g->store, name, &p, &found) || !found)
        return false;
    load_profile(g, &p);
    return true;
}

bool persist_create_profile(Game *g)
{
    if (!g->store)
        return false;
    StoreProfile p;
    memset(&p, 0, sizeof p);
    str_copy(p.name, sizeof p.name, g->profile.name);
    p.side = g->profile.side == SIDE_LEFT ? STORE_SIDE_LEFT
             : g->profile.side == SIDE_RIGHT ? STORE_SIDE_RIGHT : STORE_SIDE_BOTH;
    p.body_mass_kg = g->profile.body_mass_kg > 0 ? g->profile.body_mass_kg : NAN;
    const Level *lv = game_level(g);
    str_copy(p.level, sizeof p.level, lv ? lv->id : "L01");
    str_copy(p.start_date, sizeof p.start_date, g->today);
    str_copy(p.level_cap, sizeof p.level_cap, g->level_cap);
    if (!store_profile_create(g->store, &p)) {
        storage_failed(g, "your profile");
        return false;
    }
    bool forced = g->level_forced;
    g->level_forced = true; /* keep the level chosen on the profile screen */
    load_profile(g, &p);
    g->level_forced = forced;
    return true;
}

void persist_refresh_day(Game *g)
{
    if (!g->today_fixed) /* the game may have stayed open overnight */
        store_local_date(store_now(), g->today);
    if (g->store && g->profile_id)
        check_morning(g);
}

void persist_session_begin(Game *g)
{
    g->session_id = 0;
    if (!g->store || !g->profile_id)
        return;
    StoreSession s;
    memset(&s, 0, sizeof s);
    s.profile_id = g->profile_id;
    const Level *lv = game_level(g);
    str_copy(s.level, sizeof s.level, lv ? lv->id : "");
    str_copy(s.date, sizeof s.date, g->today);
    s.started = persist_clock(g);
    if (!store_session_begin(g->store, &s)) {
        storage_failed(g, "the session");
        return;
    }
    g->session_id = s.id;
}

void persist_load_ghost(Game *g)
{
    free(g->ghost); /* never a ghost from another level, run or kind of hold */
    g->ghost = NULL;
    g->n_ghost = 0;
    g->ghost_pct = 0;
    const Level *lv = game_level(g);
    if (!g->store || !g->profile_id || !lv || g->angle_mode) /* ghosts are force holds */
        return;
    StoreSession *sessions = NULL;
    size_t n_sessions = 0;
    if (!store_session_list(g->store, g->profile_id, &sessions, &n_sessions))
        return;
    long long best_id = 0;
    double best_pct = -1;
    for (size_t i = 0; i < n_sessions; i++) {
        if (strcmp(sessions[i].level, lv->id) != 0 || sessions[i].id == g->session_id)
            continue;
        StoreSet *sets = NULL;
        size_t n_sets = 0;
        if (!store_session_sets(g->store, sessions[i].id, &sets, &n_sets))
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
    if (!best_id || !store_set_trace(g->store, best_id, &trace, &n, &lr) || n < 2) {
        free(trace);
        return;
    }
    free(g->ghost);
    g->ghost = xmalloc(n * sizeof *g->ghost);
    for (size_t i = 0; i < n; i++) /* time from the hold's start, as the hold view wants */
        g->ghost[i] = (ForcePoint){trace[i].t_s - trace[0].t_s, trace[i].force_n,
                                   trace[i].left_n, trace[i].right_n, lr};
    g->n_ghost = n;
    g->ghost_pct = best_pct;
    free(trace);
}

void persist_set_done(Game *g, const SetResult *r)
{
    if (!g->store || !g->session_id)
        return;
    const ForcePoint *pts;
    size_t n = session_last_hold_trace(g->session, &pts);
    StoreSample *trace = xmalloc((n ? n : 1) * sizeof *trace);
    bool lr = false;
    for (size_t i = 0; i < n; i++) {
        trace[i] = (StoreSample){pts[i].t_s, pts[i].force_n, pts[i].left_n, pts[i].right_n};
        lr = lr || pts[i].has_lr;
    }
    double lo = NAN, hi = NAN;
    if (r->measured)
        session_band(g->session, &lo, &hi);
    StoreSet s = {
        .index = r->index,
        .duration_s = r->m.duration_s,
        .time_in_band_pct = r->measured ? r->m.time_in_band_pct : NAN,
        .mean_n = r->m.mean_n,
        .peak_n = r->m.peak_n,
        .cv_pct = r->m.cv_pct,
        .drift_pct_per_10s = r->m.drift_pct_per_10s,
        .left_pct = r->m.left_pct,
        .form_lost_s = r->m.form_lost ? r->m.form_lost_s - r->m.start_s : NAN,
        .interrupted = r->interrupted,
        .target_n = r->measured ? g->target : NAN,
        .band_low_n = lo,
        .band_high_n = hi,
        .reps_done = r->reps_done,
        .trace = trace,
        .trace_n = n,
        .trace_has_lr = lr,
    };
    if (!store_set_commit(g->store, g->session_id, &s, NULL))
        storage_failed(g, "the set");
    else /* the crash-safety test reads this line (BRIDGEHOLD_LOG=info) */
        log_info("store", "saved set %d of session %lld", r->index, g->session_id);
    free(trace);
}

/* Stores one answer (pain, or sitting minutes) about a session; false when it failed. */
static bool add_answer(Game *g, long long session, StorePainKind kind, int set_index,
                       double value, const char *what)
{
    StorePain p;
    memset(&p, 0, sizeof p);
    p.profile_id = g->profile_id;
    p.session_id = session;
    p.kind = kind;
    p.set_index = set_index;
    p.value = value;
    p.time = persist_clock(g);
    if (store_pain_add(g->store, &p))
        return true;
    storage_failed(g, what);
    return false;
}

void persist_pain(Game *g, PersistPain kind, int set_index, int value)
{
    if (!g->store || !g->session_id)
        return;
    StorePainKind k = kind == PERSIST_BEFORE ? STORE_PAIN_BEFORE
                      : kind == PERSIST_SET  ? STORE_PAIN_SET : STORE_PAIN_AFTER;
    add_answer(g, g->session_id, k, kind == PERSIST_SET ? set_index : STORE_NO_SET, value,
               "the pain answer");
}

void persist_session_end(Game *g, bool completed)
{
    if (!g->store || !g->session_id)
        return;
    if (!store_session_finish(g->store, g->session_id,
                              completed ? STORE_SESSION_FINISHED : STORE_SESSION_INTERRUPTED,
                              persist_clock(g),
                              g->session ? session_quality_pct(g->session) : NAN))
        storage_failed(g, "the end of the session");
    g->session_id_done = g->session_id;
    g->session_id = 0;
    decide(g);
}

void persist_morning(Game *g, int value)
{
    if (!g->store || !g->morning_due)
        return;
    if (!add_answer(g, g->morning_session, STORE_PAIN_NEXT_MORNING, STORE_NO_SET, value,
                    "the morning answer"))
        return;
    g->morning_due = false;
    decide(g);
}

bool persist_sitting_due(Game *g)
{
    if (!g->store || !g->profile_id)
        return false;
    StorePain *list = NULL;
    size_t n = 0;
    if (!store_pain_list(g->store, g->profile_id, 0, &list, &n))
        return false;
    int64_t latest = 0;
    for (size_t i = 0; i < n; i++) {
        if (list[i].kind == STORE_PAIN_SITTING_TOLERANCE && list[i].time > latest)
            latest = list[i].time;
    }
    free(list);
    return latest == 0 || persist_clock(g) - latest >= SITTING_EVERY_DAYS * 86400;
}

void persist_sitting(Game *g, int minutes)
{
    if (!g->store || !g->profile_id)
        return;
    add_answer(g, g->session_id_done, STORE_PAIN_SITTING_TOLERANCE, STORE_NO_SET, minutes,
               "the sitting time");
}
