/* play/play_session: one session of the chosen level — its target (MVC, body weight, angle,
 * timed, self-timed), its clock, the simulated patient's cues, each set stored the moment it
 * ends, and ending early. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "play/play_internal.h"

/* The simulated patient follows the game's cues: it starts lifting this long before "start",
 * the way a person reacts to the 3-2-1. */
#define SIM_ANTICIPATION_S 0.3
#define DEFAULT_BODY_MASS_KG 70.0 /* when no mass was given: an adult's, said so on screen */
#define SIM_DEFAULT_AIM_N 200.0

static const Level *current_level(const Play *p)
{
    return p->ladder.count ? &p->ladder.levels[p->st.level_index] : NULL;
}

/* The %MVC target's strength: a tested or clinician-entered value; practice may use the nominal
 * stand-in, a person on a real force sensor never does (false: the strength test comes first). */
static bool mvc_for_target(Play *p, double *mvc)
{
    PlayProfile *pr = &p->st.profile;
    if (pr->mvc_n > 0 && pr->mvc_from != PLAY_MVC_NONE) {
        *mvc = pr->mvc_n;
        return true;
    }
    if (p->st.practice) {
        pr->mvc_from = PLAY_MVC_NOMINAL;
        pr->mvc_n = PLAY_NOMINAL_MVC_N;
        *mvc = pr->mvc_n;
        return true;
    }
    return false;
}

static const char *mvc_words(const PlayProfile *pr)
{
    switch (pr->mvc_from) {
    case PLAY_MVC_TESTED: return "your tested";
    case PLAY_MVC_CLINICIAN: return "your clinician's";
    case PLAY_MVC_NOMINAL: return "a practice-only nominal";
    case PLAY_MVC_NONE: break;
    }
    return "a";
}

/* Sets the target, unit and words; fills c. False with st.error when it cannot be played. */
static bool choose_target(Play *p, const Level *lv, SessionConfig *c)
{
    PlayState *st = &p->st;
    const PlayInput *in = &st->input;
    st->unit = "N";
    st->target_note[0] = '\0';
    /* A pad with a motion sensor on the pelvis turns any hold level into a hip-height hold,
     * and tempo levels count reps from hip height (unless a real load cell measures force). */
    st->angle_mode = in->measures_angle && (!in->measures_force || in->force_is_proxy);
    st->self_timed = !st->angle_mode && in->force_is_proxy;
    switch (lv->target_kind) {
    case TARGET_PCT_MVC: {
        double mvc = 0;
        if (!st->angle_mode && !st->self_timed && in->measures_force && !mvc_for_target(p, &mvc)) {
            snprintf(st->error, sizeof st->error,
                     "%s asks for a share of your strength: do the strength test first "
                     "(Sensor set-up and strength test), or ask your clinician for a value.",
                     lv->id);
            return false;
        }
        st->target = level_target_value(lv, mvc, 0);
        if (mvc > 0)
            snprintf(st->target_note, sizeof st->target_note, "%.0f %% of %s %.0f N maximum",
                     lv->target_value, mvc_words(&st->profile), mvc);
        c->measured = in->measures_force;
        break;
    }
    case TARGET_PCT_BODYWEIGHT: {
        double mass = st->profile.body_mass_kg > 0 ? st->profile.body_mass_kg
                                                   : DEFAULT_BODY_MASS_KG;
        st->target = level_target_value(lv, 0, mass);
        snprintf(st->target_note, sizeof st->target_note, "%.0f %% of body weight (%.0f kg)",
                 lv->target_value, mass);
        c->measured = in->measures_force;
        break;
    }
    case TARGET_ANGLE:
        st->target = lv->target_value;
        st->unit = "°";
        c->measured = in->measures_angle;
        break;
    case TARGET_TIMED:
    case TARGET_TEMPO:
        st->target = 0;
        c->measured = false;
        break;
    }
    if (st->angle_mode && c->tempo) {
        st->unit = "°";
        snprintf(st->target_note, sizeof st->target_note,
                 "Reps counted from your hip height: up and down with the ball");
    } else if (st->angle_mode) {
        /* The band is set at each start tone from where the hips are (play_tick). */
        st->target = PLAY_ANGLE_OFFSET_DEG;
        st->unit = "°";
        c->measured = true;
        c->tolerance_pct = 100.0 * PLAY_ANGLE_BAND_DEG / st->target;
        snprintf(st->target_note, sizeof st->target_note,
                 "Hip-height hold: keep your hips where they were at the start tone "
                 "(± %.0f°), and level", PLAY_ANGLE_BAND_DEG);
    }
    if (st->self_timed && !c->tempo && lv->target_kind != TARGET_TIMED) {
        /* Held time only: pressed counts as held; nothing in newtons is measured or kept. */
        st->target = 1.0;
        st->unit = "";
        c->measured = true;
        c->tolerance_pct = 50;
        snprintf(st->target_note, sizeof st->target_note,
                 "%.60s: self-timed, the share of the hold time you held (no force is measured)",
                 in->name);
    } else if (!c->measured && !c->tempo) {
        st->unit = "";
        snprintf(st->target_note, sizeof st->target_note,
                 lv->target_kind == TARGET_TIMED
                     ? "a timed hold: hold steady for the time shown"
                     : "timed hold: this sensor cannot measure what this level asks for");
    }
    c->target = st->target;
    return true;
}

/* What a tempo set's force is scaled to, for its least rep movement: held or not for a key, the
 * patient's MVC, the simulator's aim, else body weight. */
static double tempo_reference(const Play *p)
{
    const PlayState *st = &p->st;
    if (st->self_timed)
        return 1.0;
    if (st->profile.mvc_n > 0)
        return st->profile.mvc_n;
    if (st->input.follows_cues)
        return SIM_DEFAULT_AIM_N;
    double mass = st->profile.body_mass_kg > 0 ? st->profile.body_mass_kg : DEFAULT_BODY_MASS_KG;
    return mass * 9.80665;
}

bool play_begin_session(Play *p, bool with_practice_hold)
{
    PlayState *st = &p->st;
    const Level *lv = current_level(p);
    st->error[0] = '\0';
    if (!lv) {
        snprintf(st->error, sizeof st->error, "no level to play");
        return false;
    }
    if (!st->practice && st->level_index > st->top_open_index) {
        snprintf(st->error, sizeof st->error,
                 "%s is not open to you yet: the rules open it when your pain allows%s.", lv->id,
                 st->level_cap[0] ? ", and your clinician's limit is " : "");
        if (st->level_cap[0]) {
            size_t n = strlen(st->error);
            snprintf(st->error + n - 1, sizeof st->error - n + 1, "%s.", st->level_cap);
        }
        return false;
    }
    SessionConfig c = {0};
    /* the clinician's prescription may change the dose of every level */
    bool rx = p->rx_found;
    c.sets = rx && p->rx.sets > 0 ? p->rx.sets : lv->sets;
    c.hold_s = rx && p->rx.hold_s > 0 ? p->rx.hold_s : lv->hold_s;
    c.rest_s = rx && p->rx.rest_s >= 0 ? p->rx.rest_s : lv->rest_s;
    c.tolerance_pct = lv->tolerance_pct;
    c.practice = with_practice_hold;
    c.tempo = lv->target_kind == TARGET_TEMPO;
    c.reps = lv->reps;
    c.up_s = lv->up_s;
    c.down_s = lv->down_s;
    if (!choose_target(p, lv, &c))
        return false;
    c.self_timed = st->self_timed;
    if (c.tempo) /* a rep is a real movement, never noise on a steady hold (rules.ini [reps]) */
        c.min_excursion = rules_tempo_min_excursion(&p->rules, st->angle_mode, tempo_reference(p));
    str_copy(st->played_level, sizeof st->played_level, lv->id);
    session_free(p->session);
    p->session = session_new(&c);
    st->session = p->session;
    /* The stored session exists from here, with where it came from and the pain before it. */
    if (play_store_session_begin(p) && st->pain_before >= 0)
        play_store_pain(p, STORE_PAIN_BEFORE, STORE_NO_SET, st->pain_before);
    st->session_open = true;
    st->set_pain_owed = 0;
    st->decided_now = false;
    p->set_stalled = false;
    /* the simulated patient aims at the target (a strength test may have raised its aim) */
    play_set_sim_aim(p, st->target > 0 && !st->angle_mode && !st->self_timed ? st->target
                                                                           : SIM_DEFAULT_AIM_N);
    session_start(p->session, st->now);
    play_load_ghost(p); /* the best earlier hold at this level, to beat */
    return true;
}

bool play_good_set(const Play *p, const SetResult *r)
{
    if (!r->measured || r->interrupted)
        return false;
    Rules r2 = p->base_rules; /* as the rules decide: the level's [unlock], then the patient's */
    const Level *lv = current_level(p);
    if (lv)
        rules_apply_overrides(&r2, &lv->unlock);
    rules_apply_overrides(&r2, &p->rx_rules);
    return r->m.time_in_band_pct >= r2.green_quality_min_pct;
}

/* The simulated patient follows the same cues a person does. */
static void cue_sim(Play *p, SessionPhase ph)
{
    if (!p->st.input.follows_cues)
        return;
    const Session *s = p->session;
    double amount;
    if (ph == PHASE_HOLD && session_config(s)->tempo)
        amount = session_tempo_position(s, p->st.now);
    else
        amount = ph == PHASE_HOLD ||
                 (ph == PHASE_GET_READY && session_phase_left_s(s, p->st.now) < SIM_ANTICIPATION_S);
    sensor_set_push(p->sensor, amount);
}

static unsigned set_ended(Play *p)
{
    play_set_push(p, false); /* a key or button still held must not carry into the rest */
    const SetResult *res;
    size_t n = session_results(p->session, &res);
    const SetResult *last = &res[n - 1];
    play_store_set(p, last); /* committed the moment the set ends */
    play_keep_ghost(p, last);
    p->set_stalled = false;
    p->set_notices[0] = '\0';
    unsigned ev = PLAY_EV_SET_SAVED;
    if (play_good_set(p, last))
        ev |= PLAY_EV_GOOD_SET;
    if (last->index > 0) {
        p->st.set_pain_owed = last->index;
        ev |= PLAY_EV_ASK_PAIN;
    }
    return ev;
}

unsigned play_tick(Play *p, double now)
{
    PlayState *st = &p->st;
    st->now = now;
    play_pump(p);
    st->sensor_notice = p->sensor ? sensor_notice(p->sensor) : NULL;
    Session *s = p->session;
    if (!s || !st->session_open)
        return 0;
    if (st->sensor_notice && session_phase(s) == PHASE_HOLD &&
        !strstr(p->set_notices, st->sensor_notice)) { /* kept with the set, once each */
        size_t n = strlen(p->set_notices);
        snprintf(p->set_notices + n, sizeof p->set_notices - n, "%s%s", n ? "; " : "",
                 st->sensor_notice);
    }
    /* The next set waits for an owed pain answer and for a lost or stalled sensor; a countdown
     * that the sensor dropped out of starts again once it is back. */
    bool waiting = st->sensor_lost || st->sensor_stalled;
    session_hold_rest(s, st->set_pain_owed > 0 || waiting);
    if (waiting)
        session_restart_countdown(s, now);
    unsigned ev = session_update(s, now);
    /* A recording or capture that ran out ends the session here: the set in progress is kept
     * (interrupted), and no set is played, and scored, on no data. */
    if (st->sensor_ended && session_phase(s) != PHASE_DONE)
        ev |= session_abort(s, now);
    if ((ev & SEV_START) && st->angle_mode && session_config(s)->measured &&
        !isnan(st->latest_pitch)) {
        /* angle holds: the top position is where the hips are at the start tone */
        st->target = st->latest_pitch + PLAY_ANGLE_OFFSET_DEG;
        session_set_target(s, st->target, 100.0 * PLAY_ANGLE_BAND_DEG / st->target);
    }
    SessionPhase ph = session_phase(s);
    cue_sim(p, ph);
    if (ev & SEV_STOP)
        ev |= set_ended(p);
    return ev;
}

void play_end_early(Play *p)
{
    play_set_push(p, false);
    if (!p->session || !p->st.session_open)
        return;
    /* The session stops here for good: a hold in progress is kept, marked interrupted. */
    if (session_abort(p->session, p->st.now) & SEV_STOP) {
        unsigned ev = set_ended(p);
        (void)ev;
        p->st.set_pain_owed = 0; /* the pain after the session covers it */
    }
}

void play_end_set(Play *p)
{
    if (p->session && p->st.session_open && session_phase(p->session) == PHASE_HOLD)
        session_skip(p->session, p->st.now);
}
