/* play/play: the Play's life, who is playing, which level, the safety questions and the pain
 * answers. The session itself is play_session.c; the sensor pump play_input.c; storage and
 * decisions play_store.c. */
#include "play/play_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/log.h"
#include "core/str.h"
#include "rehab/history.h"
#include "rehab/retest.h"

static void set_today(Play *p)
{
    if (p->opt.today) {
        SessionRecord r;
        if (history_parse_date(p->opt.today, &r)) {
            p->now_unix = (int64_t)r.day_number * 86400 + 12 * 3600; /* noon: no zone moves it */
            p->today_fixed = true;
            str_copy(p->st.today, sizeof p->st.today, p->opt.today);
            return;
        }
    }
    p->now_unix = store_now();
    store_local_date(p->now_unix, p->st.today);
}

static void open_store(Play *p)
{
    if (p->opt.no_store)
        return;
    StoreError e;
    char dir[1024];
    if (!store_default_dir(p->opt.data_dir, dir, sizeof dir, &e) ||
        !(p->store = store_open(dir, &e))) {
        snprintf(p->st.storage_msg, sizeof p->st.storage_msg,
                 "Sessions are not being saved: %.400s", e.msg);
        log_error("store", "%s", e.msg);
        return;
    }
    p->st.has_store = true;
    if (!store_profile_list(p->store, &p->profiles, &p->n_profiles))
        play_storage_failed(p, "the profile list");
    p->st.n_profiles = (int)p->n_profiles;
}

Play *play_new(const PlayOptions *opt, char *err, size_t errlen, bool *bad_file)
{
    *bad_file = false;
    Play *p = xcalloc(1, sizeof *p);
    p->opt = *opt;
    p->st.latest_force = p->st.latest_pitch = p->st.latest_roll = NAN;
    p->st.cal = (Calibration){1.0, 0.0};
    p->st.pain_before = p->st.pain_after = -1;
    p->st.profile.first_session = true;
    p->st.practice = opt->demo;
    p->st.unit = "N";
    p->st.ladder = &p->ladder;
    p->st.rules = &p->rules;
    Diag d;
    diag_init(&d);
    rules_defaults(&p->rules);
    bool ok = ladder_load_dir(opt->levels_dir, &p->ladder, &d) &&
              rules_load(opt->rules_file, &p->rules, &d);
    if (!ok) {
        snprintf(err, errlen, "%s", diag_first(&d));
        diag_free(&d);
        *bad_file = true;
        play_free(p);
        return NULL;
    }
    diag_free(&d);
    p->base_rules = p->rules;
    if (opt->level) {
        p->st.level_index = ladder_find(&p->ladder, opt->level);
        if (p->st.level_index < 0) {
            snprintf(err, errlen, "no level '%s' in %s (levels are %s to %s)", opt->level,
                     opt->levels_dir, p->ladder.count ? p->ladder.levels[0].id : "?",
                     p->ladder.count ? p->ladder.levels[p->ladder.count - 1].id : "?");
            *bad_file = true;
            play_free(p);
            return NULL;
        }
        p->level_forced = true;
    }
    if (opt->mvc_n > 0) {
        p->st.profile.mvc_n = opt->mvc_n;
        p->st.profile.mvc_from = PLAY_MVC_CLINICIAN; /* practice inputs relabel it below */
    }
    set_today(p);
    open_store(p);
    p->st.top_open_index = play_top_open(p);
    return p;
}

void play_free(Play *p)
{
    if (!p)
        return;
    session_free(p->session);
    sensor_close(p->sensor);
    ladder_free(&p->ladder);
    free(p->ghost);
    free(p->profiles);
    store_close(p->store);
    free(p);
}

const PlayState *play_state(const Play *p) { return &p->st; }

Store *play_store(const Play *p) { return p->store; }

long long play_profile_id(const Play *p) { return p->profile_id; }

/* ---- who is playing ---- */

const char *play_profile_name(const Play *p, int i)
{
    return i >= 0 && (size_t)i < p->n_profiles ? p->profiles[i].name : "";
}

bool play_use_profile(Play *p, const char *name)
{
    if (!p->store)
        return false;
    StoreProfile sp;
    bool found = false;
    if (!store_profile_get(p->store, name, &sp, &found) || !found)
        return false;
    play_load_profile(p, &sp);
    return true;
}

bool play_create_profile(Play *p, const char *name, PlaySide side, double body_mass_kg,
                         int start_level_index)
{
    str_copy(p->st.profile.name, sizeof p->st.profile.name, name);
    p->st.profile.side = side;
    p->st.profile.body_mass_kg = body_mass_kg;
    if (start_level_index < 0 || (size_t)start_level_index >= p->ladder.count)
        start_level_index = 0;
    if (!p->level_forced) /* --level plays that level; the profile still starts where asked */
        p->st.level_index = start_level_index;
    if (!p->store)
        return false;
    StoreProfile sp;
    memset(&sp, 0, sizeof sp);
    str_copy(sp.name, sizeof sp.name, name);
    sp.side = side == PLAY_SIDE_LEFT ? STORE_SIDE_LEFT
              : side == PLAY_SIDE_RIGHT ? STORE_SIDE_RIGHT : STORE_SIDE_BOTH;
    sp.body_mass_kg = body_mass_kg > 0 ? body_mass_kg : NAN;
    str_copy(sp.level, sizeof sp.level,
             p->ladder.count ? p->ladder.levels[start_level_index].id : "L01");
    str_copy(sp.start_date, sizeof sp.start_date, p->st.today);
    if (!store_profile_create(p->store, &sp)) {
        play_storage_failed(p, "your profile");
        return false;
    }
    free(p->profiles);
    p->profiles = NULL;
    p->n_profiles = 0;
    if (store_profile_list(p->store, &p->profiles, &p->n_profiles))
        p->st.n_profiles = (int)p->n_profiles;
    play_load_profile(p, &sp);
    return true;
}

void play_clear_profile(Play *p)
{
    p->profile_id = 0;
    memset(&p->st.profile, 0, sizeof p->st.profile);
    p->st.profile.first_session = true;
    p->st.has_profile = false;
    p->st.have_plan = false;
    p->st.morning_due = false;
    p->st.sitting_due = false;
    p->st.level_cap[0] = '\0';
    p->st.profile_level[0] = '\0';
    p->rx_found = false;
    p->rules = p->base_rules;
    memset(&p->rx_rules, 0, sizeof p->rx_rules);
    p->st.top_open_index = play_top_open(p);
}

void play_refresh_day(Play *p)
{
    if (!p->today_fixed) /* the game may have stayed open overnight */
        store_local_date(store_now(), p->st.today);
    /* A clinician's change may have arrived meanwhile (the clinic server's sync runs beside the
     * game): the profile and its prescription are read again between sessions. */
    StoreProfile sp;
    bool found = false;
    SessionPhase ph = p->session ? session_phase(p->session) : PHASE_IDLE;
    bool between = ph == PHASE_IDLE || ph == PHASE_DONE;
    if (p->st.has_profile && p->store && between &&
        store_profile_get_by_id(p->store, p->profile_id, &sp, &found) && found) {
        play_load_profile(p, &sp);
        return; /* it checks what is owed */
    }
    play_check_owed(p);
}

void play_report_error(Play *p, const char *msg)
{
    str_copy(p->st.error, sizeof p->st.error, msg);
}

/* ---- levels ---- */

/* The highest level a live session may play: the rules' latest decision (or the current level)
 * and never past the clinician's cap. Practice may play any level. */
int play_top_open(const Play *p)
{
    if (!p->st.has_profile) /* no record to lock anything by (no database, or no player yet) */
        return p->ladder.count ? (int)p->ladder.count - 1 : 0;
    int top = ladder_find(&p->ladder, p->st.profile_level);
    if (top < 0)
        top = 0;
    if (p->st.have_plan) {
        int i = ladder_find(&p->ladder, p->st.plan.next_level);
        if (i > top)
            top = i;
    }
    if (p->st.level_cap[0]) {
        int cap = ladder_find(&p->ladder, p->st.level_cap);
        if (cap >= 0 && top > cap)
            top = cap;
    }
    return top;
}

bool play_choose_level(Play *p, int index)
{
    if (index < 0 || (size_t)index >= p->ladder.count)
        return false;
    if (!p->st.practice && index > p->st.top_open_index) {
        snprintf(p->st.error, sizeof p->st.error,
                 "%s is not open yet%s: the rules open it when your pain allows.",
                 p->ladder.levels[index].id,
                 p->st.level_cap[0] ? " (or your clinician's limit keeps it closed)" : "");
        return false;
    }
    p->st.level_index = index;
    p->st.error[0] = '\0';
    p->st.mvc_retest_due = false;
    play_check_owed(p); /* the retest rule depends on the level */
    return true;
}

/* ---- questions ---- */

void play_red_flags(Play *p, bool any_yes) { p->st.red_flag_stop = any_yes; }

void play_answer_pain(Play *p, PlayPain kind, int value)
{
    if (value < 0 || value > 10)
        return;
    switch (kind) {
    case PLAY_PAIN_BEFORE:
        /* Stored with the session, which play_begin_session opens the moment the hold screen
         * comes up (the same tick), once its target and provenance are known. */
        p->st.pain_before = value;
        break;
    case PLAY_PAIN_SET: {
        int set = p->st.set_pain_owed;
        if (set <= 0 || !p->session)
            return;
        session_set_pain(p->session, set, value);
        play_store_pain(p, STORE_PAIN_SET, set, value);
        p->st.set_pain_owed = 0;
        break;
    }
    case PLAY_PAIN_AFTER:
        p->st.pain_after = value;
        play_store_pain(p, STORE_PAIN_AFTER, STORE_NO_SET, value);
        play_store_session_end(p, p->session && session_completed(p->session));
        p->st.session_open = false;
        p->st.profile.first_session = false;
        break;
    case PLAY_PAIN_MORNING: play_store_morning(p, value); break;
    }
}

void play_answer_sitting(Play *p, int minutes)
{
    if (minutes < 0 || minutes > 1440 || !p->store || !p->profile_id)
        return;
    StorePain sp;
    memset(&sp, 0, sizeof sp);
    sp.profile_id = p->profile_id;
    sp.session_id = p->session_id_done;
    sp.kind = STORE_PAIN_SITTING_TOLERANCE;
    sp.set_index = STORE_NO_SET;
    sp.value = minutes;
    sp.time = play_clock(p);
    if (!store_pain_add(p->store, &sp))
        play_storage_failed(p, "the sitting time");
    p->st.sitting_due = false;
}

bool play_record_mvc(Play *p, double best_n, double cv_pct, bool pain_limited)
{
    if (!(best_n > 0))
        return false;
    p->st.profile.mvc_n = best_n;
    p->st.profile.mvc_from = p->st.input.practice ? PLAY_MVC_NOMINAL : PLAY_MVC_TESTED;
    p->st.profile.mvc_inconsistent =
        isfinite(cv_pct) && cv_pct > p->rules.mvc_cv_retest_pct;
    p->st.mvc_retest_due = p->st.profile.mvc_inconsistent;
    const Level *lv = p->ladder.count ? &p->ladder.levels[p->st.level_index] : NULL;
    if (!p->store || !p->profile_id || !lv) {
        snprintf(p->st.storage_msg, sizeof p->st.storage_msg,
                 "The strength test is used for this run only: %s",
                 !p->store ? "there is no data folder" : !lv ? "no level is chosen"
                                                          : "no profile is chosen");
        return false;
    }
    if (p->st.input.practice) /* a simulator's strength is nobody's */
        return true;
    StoreMvc m;
    memset(&m, 0, sizeof m);
    m.profile_id = p->profile_id;
    str_copy(m.date, sizeof m.date, p->st.today);
    str_copy(m.level, sizeof m.level, lv->id);
    m.best_n = best_n;
    m.cv_pct = cv_pct;
    m.pain_limited = pain_limited;
    m.time = play_clock(p);
    if (!store_mvc_add(p->store, &m)) {
        play_storage_failed(p, "the strength test");
        return false;
    }
    return true;
}
