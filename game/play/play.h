/* play/play: the application layer. A Play owns one patient's running game end to end — the
 * sensor and its pump (calibration, low-pass, device time onto the game clock, unplug and stall
 * handling), the choice of level and target, the Session, the pain answers, where the session
 * came from (live or practice), persistence through store/ and the next decision through rehab/.
 * It knows no screen: the UI's scenes read PlayState and send intents (play_answer_pain, ...),
 * and headless runs send the same intents from an answers file (play_script.h), the way Doom's
 * demos feed the engine the commands a player's keys would.
 *
 * Clock: the caller drives time (seconds on the game clock) through play_tick. Storage times
 * are the wall clock, or with PlayOptions.today that day at noon plus the game clock, so
 * headless runs over many days are repeatable.
 *
 * Practice (ARCHITECTURE.md "provenance"): a session whose input is a simulator, a replayed
 * trace or a capture, or that an answers file plays in a window, is practice: stored and shown
 * with that label, never moving a level, never answering a live session's morning question. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "rehab/level.h"
#include "rehab/progression.h"
#include "rehab/rules.h"
#include "sensor/sensor.h"
#include "session/session.h"
#include "signal/calibrate.h"

/* Angle holds feed the session pitch + 90°, so values stay positive (a band in % of a target
 * near 0° would collapse). 90 = the pad flat, as when lying down. */
#define PLAY_ANGLE_OFFSET_DEG 90.0
/* The band around the top position, ± degrees, and the pelvic roll (a hip dropping in a
 * single-leg bridge) past which a moment counts as out of the band. Both [P]. */
#define PLAY_ANGLE_BAND_DEG 5.0
#define PLAY_ANGLE_ROLL_LIMIT_DEG 8.0
/* Stand-in maximum for practice when no MVC test was done: never used with a real sensor. [P] */
#define PLAY_NOMINAL_MVC_N 400.0
/* Self-timed inputs (a key, a trigger): a press reading at least this counts as holding. The
 * keyboard rises toward 200 N when held; a trigger reads 500 N fully pulled. */
#define PLAY_SELF_TIMED_PRESS_N 100.0
/* A stream silent this long during a hold has stalled: max(1 s, 10 report periods). */
#define PLAY_STALL_MIN_S 1.0
#define PLAY_STALL_PERIODS 10.0
/* The MVC test's protocol: a retest is offered when the efforts' CV is above the rules'
 * mvc_cv_retest_pct (rules.ini [P]). */

typedef enum PlaySide { PLAY_SIDE_LEFT, PLAY_SIDE_RIGHT, PLAY_SIDE_BOTH } PlaySide;
typedef enum PlayPain { PLAY_PAIN_BEFORE, PLAY_PAIN_SET, PLAY_PAIN_AFTER, PLAY_PAIN_MORNING }
    PlayPain;
/* Where the MVC that sets %MVC targets came from. */
typedef enum PlayMvcFrom {
    PLAY_MVC_NONE,      /* none yet */
    PLAY_MVC_TESTED,    /* the patient's strength test */
    PLAY_MVC_CLINICIAN, /* entered by a clinician (--mvc-n on a live input) */
    PLAY_MVC_NOMINAL,   /* practice only: PLAY_NOMINAL_MVC_N */
} PlayMvcFrom;

typedef struct PlayProfile {
    char name[48];
    PlaySide side;
    double body_mass_kg;
    double mvc_n;          /* the MVC in use, newtons (0 = none) */
    PlayMvcFrom mvc_from;
    bool mvc_inconsistent; /* the latest test's efforts varied too much: a retest is offered */
    bool first_session;    /* no session stored yet: a practice hold comes first */
} PlayProfile;

/* What the input can do, so nobody asks which backend it is (STYLE.md). */
typedef struct PlayInput {
    char name[96];       /* "Simulated patient", "DYMO M25 scale", ... ("" = none) */
    char kind[24];       /* the backend kind, for records and exports only */
    bool open;
    bool measures_force; /* newtons from a load cell */
    bool force_is_proxy; /* a trigger or a key: when, not how hard */
    bool measures_angle; /* pelvis pitch */
    bool can_calibrate;  /* force in newtons that a tare / two-point calibration applies to */
    bool practice;       /* simulator, replay, capture: what it produces is practice */
    bool finite;         /* a recording: it runs out */
    bool follows_cues;   /* the simulated patient */
    bool live_device;    /* a real device on the real clock */
    double rate_hz;
    double resolution_n;
} PlayInput;

/* Everything a screen may read. Owned by the Play; valid until the next call that changes it. */
typedef struct PlayState {
    double now;                 /* game clock, s */
    char today[11];             /* YYYY-MM-DD the session counts for */
    const Ladder *ladder;
    const Rules *rules;
    int level_index;            /* the level the next session plays */
    int top_open_index;         /* the highest level a live session may play (rules and cap) */
    char level_cap[16];         /* the clinician's cap, "" = none */
    char profile_level[16];     /* the patient's level as stored ("" = no profile) */
    bool practice;              /* sessions of this run are practice */
    bool supervised;            /* a clinician supervises (clinic mode) */
    char clinician[64];         /* who, for the records */

    bool has_store;             /* a database is open */
    bool has_profile;           /* a stored profile is in use */
    PlayProfile profile;
    int n_profiles;             /* stored profiles (names via play_profile_name) */
    bool morning_due;           /* the morning question about morning_date is owed today */
    char morning_date[11];
    bool sitting_due;           /* the weekly sitting-tolerance question is owed */
    bool mvc_retest_due;        /* weekly, at a new level, or after inconsistent efforts */
    bool have_plan;             /* plan holds the latest decision */
    Plan plan;
    bool decided_now;           /* this run's session produced plan */
    char storage_msg[512];      /* the last storage failure, for the patient to see */

    PlayInput input;
    bool sensor_lost;           /* unplugged (cleared when samples come again) */
    bool sensor_stalled;        /* sent nothing for too long during a hold */
    bool sensor_ended;          /* a recording ran out */
    const char *sensor_notice;  /* the device's own warning (a scale over its limit), or NULL */
    Calibration cal;            /* newtons = scale·reading + offset */
    bool cal_done;              /* zeroed, calibrated or loaded in this run */
    double latest_force;        /* the latest filtered, calibrated force, N (NAN = none) */
    double latest_pitch, latest_roll; /* degrees (NAN = none) */

    const Session *session;     /* the session being played or just played (NULL = none) */
    bool session_open;          /* begun and not yet ended */
    bool angle_mode;            /* a pad on the pelvis: hip-height holds */
    bool self_timed;            /* keyboard or trigger: held time, no newtons */
    double target;              /* in the measured unit */
    const char *unit;           /* "N", "°" or "" (timed) */
    char target_note[160];      /* how the target was chosen, in words */
    char played_level[16];      /* the level of the current / last session */
    int pain_before, pain_after; /* -1 until answered */
    int set_pain_owed;          /* a set whose pain question is open (0 = none) */
    bool red_flag_stop;
    const ForcePoint *ghost;    /* the best earlier hold at this level, time from 0 */
    size_t n_ghost;
    double ghost_pct;
    char error[512];            /* why a session cannot start or a scripted run stopped */
} PlayState;

typedef struct PlayOptions {
    const char *levels_dir;  /* the ladder; rules_file its rules.ini */
    const char *rules_file;
    const char *data_dir;    /* NULL: the default data folder */
    bool no_store;           /* do not open a database (tests of the screens) */
    const char *today;       /* YYYY-MM-DD (NULL: the wall clock's date) */
    const char *level;       /* --level: play this level (live: only when open to the patient) */
    double mvc_n;            /* --mvc-n: a clinician's value (live) or practice's */
    bool demo;               /* an answers file plays the patient: everything is practice */
} PlayOptions;

typedef struct Play Play;
struct Store;

/* Loads the ladder and rules and opens the database. NULL with "file:line: what" or the
 * storage message in err (the bad file exits 2; *bad_file says so). */
Play *play_new(const PlayOptions *opt, char *err, size_t errlen, bool *bad_file);
void play_free(Play *p);
const PlayState *play_state(const Play *p);

/* The database for screens that read records (progress charts, the clinic's lists): NULL when
 * none is open. The Play stays the only writer. */
struct Store *play_store(const Play *p);
/* The stored profile in use (0 = none). */
long long play_profile_id(const Play *p);

/* ---- the input ---- */
/* Opens SPEC (NULL: the first real sensor found, else the keyboard). False + message. */
bool play_open_input(Play *p, const char *spec, const SensorOptions *opt, char *err,
                     size_t errlen);
/* Loads the calibration saved for this sensor (when none was applied yet). False + msg when a
 * saved file is broken (then the sensor reads uncalibrated). */
bool play_load_calibration(Play *p, char *msg, size_t msglen);
/* Uses cal from now on (sensor set-up); save writes it for this device. */
void play_set_calibration(Play *p, const Calibration *cal);
bool play_save_calibration(Play *p, char *err, size_t errlen);
/* The device's own zeroing, when it has one (play_state()->input). */
bool play_device_tare(Play *p, char *err, size_t errlen);
bool play_can_device_tare(const Play *p);
/* The patient is pushing (keyboard, mouse, pad button) — or a cue for the simulated one. */
void play_set_push(Play *p, bool on);
/* The simulated patient aims at target_n (the strength test raises its aim). */
void play_set_sim_aim(Play *p, double target_n);

/* ---- who is playing ---- */
const char *play_profile_name(const Play *p, int i);
bool play_use_profile(Play *p, const char *name);
/* A new patient (first run). The level cap is a clinician's: not set here. */
bool play_create_profile(Play *p, const char *name, PlaySide side, double body_mass_kg,
                         int start_level_index);
/* Forgets the player (someone else is playing). */
void play_clear_profile(Play *p);
/* Today's date (unless fixed) and what is owed today. */
void play_refresh_day(Play *p);
/* The strength test's result (newtons, CV of the efforts, pain-limited), stored. */
bool play_record_mvc(Play *p, double best_n, double cv_pct, bool pain_limited);

/* ---- the session ---- */
/* Chooses the next session's level. A live session cannot go past top_open_index (practice
 * can): false with the reason in state.error. */
bool play_choose_level(Play *p, int index);
/* The safety questions: any yes stops for the day. */
void play_red_flags(Play *p, bool any_yes);
/* Pain answers (NRS 0–10). BEFORE opens the stored session; SET answers the owed set question
 * (the next set waits for it); AFTER ends the session and lets the rules decide; MORNING is the
 * owed morning load test. */
void play_answer_pain(Play *p, PlayPain kind, int value);
/* Builds the session for the chosen level and input and starts its countdown. False with the
 * reason in state.error (e.g. a force level on a sensor with no strength test yet). */
bool play_begin_session(Play *p, bool with_practice_hold);
/* One logic tick at game time now: pumps the sensor into the session and advances it. Returns
 * the SEV_* events of this tick (sound cues), plus PLAY_EV_* below. */
enum {
    PLAY_EV_SET_SAVED = 1u << 16, /* a set ended and was stored */
    PLAY_EV_GOOD_SET = 1u << 17,  /* ... held well (the rules' quality threshold) */
    PLAY_EV_ASK_PAIN = 1u << 18,  /* ... and its pain question is owed */
};
unsigned play_tick(Play *p, double now);
/* The patient ends the session early: a hold in progress is kept, marked interrupted. */
void play_end_early(Play *p);
/* Whether a set held well: its time in band reaches the rules' green quality (level
 * overrides applied). */
bool play_good_set(const Play *p, const SetResult *r);
/* ---- a supervised session (clinic mode, after the clinician's PIN) ---- */
/* The sessions from now on are supervised by `clinician` (stored as supervised). */
void play_supervise(Play *p, const char *clinician);
/* A clinician's note on a finished set of the current session (1-based). */
bool play_note_set(Play *p, int set_index, const char *note);
/* Ends the set being held now (the clinician marks it done); it is scored as it stands. */
void play_end_set(Play *p);
/* Overrides the rules' decision for the next session: level index, with a required reason;
 * stored as the clinician's decision and audited with before, after and the reason. False with
 * state.error when not supervised, without a reason, or the store refused. */
bool play_override_decision(Play *p, int to_index, const char *reason);

/* A driver (the scripted patient) says why the run stopped; it shows in state.error. */
void play_report_error(Play *p, const char *msg);
/* Weekly sitting tolerance, minutes. */
void play_answer_sitting(Play *p, int minutes);
