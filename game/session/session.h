/* session/session: the flow of one exercise session — optional practice hold, then for each set
 * a get-ready countdown, the hold, and a rest — timed on the samples' clock, scored with
 * signal/hold. Pure C (core + signal): the game's scenes and the headless runner both drive it,
 * so a headless replay scores exactly what a patient would have seen. Pain answers are attached
 * to sets by the caller (the UI asks; the session only keeps them). */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "signal/hold.h"

#define SESSION_MAX_SETS 12
#define SESSION_TRACE_WINDOW_S 10.0 /* the live trace shows the last 10 s */
#define SESSION_PAIN_UNANSWERED (-1)

typedef enum SessionPhase {
    PHASE_IDLE,      /* not started */
    PHASE_GET_READY, /* countdown before a hold */
    PHASE_HOLD,      /* holding (or doing tempo reps) */
    PHASE_REST,      /* between sets */
    PHASE_DONE,      /* all sets finished */
} SessionPhase;

/* Things that happened in one update, for sound cues and scene changes (bit set). */
enum {
    SEV_COUNT_3 = 1u << 0, SEV_COUNT_2 = 1u << 1, SEV_COUNT_1 = 1u << 2,
    SEV_START = 1u << 3,     /* a hold begins */
    SEV_HALFWAY = 1u << 4,
    SEV_LAST_5 = 1u << 5,    /* each of the last 5 s of a hold longer than 10 s */
    SEV_STOP = 1u << 6,      /* the hold ends: a set result is ready */
    SEV_REST_OVER = 1u << 7, /* rest ended, next countdown begins */
    SEV_DONE = 1u << 8,      /* the last set ended */
    SEV_TEMPO_UP = 1u << 9,  /* tempo levels: metronome says "up" */
    SEV_TEMPO_DOWN = 1u << 10,
};

typedef struct SessionConfig {
    int sets;               /* 1..SESSION_MAX_SETS */
    double hold_s;          /* hold time per set (tempo: derived from reps·(up+down)) */
    double rest_s;
    double get_ready_s;     /* countdown length (0 = 5 s) */
    double target;          /* in the measured unit (N or degrees); 0 for timed levels */
    double tolerance_pct;
    bool measured;          /* false: a timed hold, nothing scored against a band */
    bool practice;          /* a short practice hold before set 1 (first session) */
    double practice_s;      /* its length (0 = 10 s) */
    bool tempo;             /* isotonic reps instead of a hold */
    int reps;
    double up_s, down_s;
    /* Tempo levels: the least rise from a low and fall from a high that counts as a rep, in the
     * measured unit (rules.ini [reps]: tempo_min_excursion_pct of the force reference, or
     * tempo_min_excursion_deg). 0 = 20 % of target when target > 0, else no minimum. */
    double min_excursion;
    /* Keyboard, pad trigger: the pushed value is 1 while held and 0 when not (no newtons). A
     * set's time_in_band_pct is then the share of the PRESCRIBED hold time actually held
     * (CLINICAL.md "self-timed"), and mean/peak/CV/drift are NAN. */
    bool self_timed;
} SessionConfig;

typedef struct SetResult {
    int index;          /* 1-based set number; 0 for the practice hold */
    bool measured;      /* time_in_band_pct is meaningful (self-timed: the share held) */
    bool self_timed;    /* m.time_in_band_pct is the share of the prescribed time held */
    bool interrupted;   /* the sensor went away during the hold: never counted as a failure */
    HoldMetrics m;      /* over exactly the hold phase */
    int pain;           /* NRS 0–10 or SESSION_PAIN_UNANSWERED */
    int reps_done;      /* tempo levels */
} SetResult;

typedef struct Session Session;

Session *session_new(const SessionConfig *cfg);
void session_free(Session *s);
/* Starts the first countdown at time now_s (seconds on the samples' clock). */
void session_start(Session *s, double now_s);
/* Adds one sample (value in the target's unit). Samples must arrive in time order. */
void session_push(Session *s, const ForcePoint *p);
/* Advances phase timing to now_s; returns the SEV_* events that happened. */
unsigned session_update(Session *s, double now_s);
/* While held, a finished rest does not start the next countdown (a prompt is open). */
void session_hold_rest(Session *s, bool hold);
/* Sets the target and band of the current and later holds (angle holds capture the top
 * position at each start). */
void session_set_target(Session *s, double target, double tolerance_pct);
/* In the get-ready phase, starts the countdown again from now (the sensor dropped out). */
void session_restart_countdown(Session *s, double now_s);
/* Marks the current hold as interrupted (sensor lost); the set ends now and is kept. */
void session_interrupt(Session *s, double now_s);
/* Ends the whole session now (the patient chose to stop, or the input ran out). A hold in
 * progress is kept, marked interrupted. Returns SEV_STOP when it ended a hold. */
unsigned session_abort(Session *s, double now_s);
/* Every set was done (not ended early). */
bool session_completed(const Session *s);
/* Ends the current phase early (the patient asks to stop the set / skip the rest). */
void session_skip(Session *s, double now_s);

SessionPhase session_phase(const Session *s);
const SessionConfig *session_config(const Session *s);
/* The set being done or about to be done: 0 during practice, else 1..sets. */
int session_set_number(const Session *s);
double session_phase_left_s(const Session *s, double now_s);
double session_phase_elapsed_s(const Session *s, double now_s);
/* Live time-in-band of the current hold so far, % (self-timed: the share of the elapsed hold
 * time held). */
double session_live_in_band_pct(const Session *s);
/* Self-timed sessions: seconds held in the current (or last finished) hold. */
double session_held_s(const Session *s);
/* The latest value pushed (NAN before any). */
double session_latest_value(const Session *s);
HoldZone session_zone(const Session *s);
void session_band(const Session *s, double *low, double *high);
/* The recent trace (last SESSION_TRACE_WINDOW_S seconds), oldest first. */
size_t session_recent(const Session *s, const ForcePoint **pts);
/* Tempo levels: reps finished in the current set, and where the metronome is (0 = bottom,
 * 1 = top) right now. */
int session_reps(const Session *s);
double session_tempo_position(const Session *s, double now_s);

/* Results of finished sets (practice first when there was one). */
size_t session_results(const Session *s, const SetResult **out);
/* Attaches a pain answer to set `index` (1-based; 0 = practice). False when no such set. */
bool session_set_pain(Session *s, int index, int pain);
/* Session quality, %: the mean time in band over the measured, uninterrupted sets; on tempo
 * levels the mean share of prescribed reps done at the right pace. Practice excluded; NAN when
 * nothing was measured (timed holds). */
double session_quality_pct(const Session *s);
/* The hold samples of the last finished set (for storage and the ghost). */
size_t session_last_hold_trace(const Session *s, const ForcePoint **pts);
