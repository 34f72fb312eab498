/* ui/game: what the scenes share — the drawing context, sound, the sensor, the level and the
 * session in progress — and the scene stack (C-Dogs' idea): menu → ... → hold → summary.
 * Domain objects (Session, Sensor, Level) are owned here and changed through their own modules;
 * scenes read them and turn input into calls. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "rehab/level.h"
#include "rehab/progression.h"
#include "rehab/rules.h"
#include "sensor/sensor.h"
#include "session/answers.h"
#include "session/session.h"
#include "signal/calibrate.h"
#include "ui/gfx.h"
#include "ui/input.h"

struct Store;
struct StoreProfile;

typedef struct Game Game;
typedef struct Audio Audio;

typedef struct Scene Scene;
struct Scene {
    const char *name;
    bool overlay; /* draw the scene below first (prompts over the hold screen) */
    bool typing;  /* takes text input (Backspace erases instead of going back) */
    void (*enter)(Scene *sc, Game *g);
    void (*input)(Scene *sc, Game *g, const UiInput *in);
    void (*update)(Scene *sc, Game *g); /* one fixed logic tick; the clock is g->now */
    void (*draw)(Scene *sc, Game *g);
    void (*destroy)(Scene *sc);
    void *data;
};

typedef enum Side { SIDE_LEFT, SIDE_RIGHT, SIDE_BOTH } Side;

typedef struct Profile {
    char name[48];
    Side side;
    double body_mass_kg;
    double mvc_n;        /* latest MVC, newtons (0 = none yet) */
    bool mvc_nominal;    /* mvc_n is a stand-in, not a measured test */
    bool first_session;
} Profile;

typedef struct Settings {
    bool sound;          /* spoken-style cues */
    bool feedback_tone;  /* continuous pitch biofeedback */
    double volume;       /* 0..1 */
} Settings;

#define GAME_MAX_SCENES 16
/* Angle holds feed the session pitch + 90°, so values stay positive (a band in % of a target
 * near 0° would collapse). 90 = the pad flat, as when lying down. */
#define ANGLE_OFFSET_DEG 90.0
/* The band around the top position, ± degrees, and the pelvic roll (a hip dropping in a
 * single-leg bridge) past which a moment counts as out of the band. Both [P]. */
#define ANGLE_BAND_DEG 5.0
#define ANGLE_ROLL_LIMIT_DEG 8.0
#define GAME_TICK_S (1.0 / 120.0)

struct Game {
    Gfx *gfx;           /* NULL in headless runs without rendering */
    Audio *audio;       /* NULL = silent */
    bool headless;
    /* The answers file stands in for the patient (headless runs, and window demos): prompts
     * answer themselves and the informative screens are skipped. */
    const Answers *answers;

    Sensor *sensor;
    bool sensor_ended;      /* a finite input (replay, capture) ran out */
    bool sensor_lost;       /* unplugged; cleared when samples come again */
    bool prompt_open;       /* a question is open over the session (the next set waits) */
    double sample_offset;   /* sample time + offset = game clock */
    double last_sample_t;   /* game time of the latest sample pushed */
    bool have_offset;
    bool push;              /* keyboard/mouse push held */
    /* The calibration of the open sensor (scene_calibrate): newtons = scale·reading + offset.
     * Identity (scale 1, offset 0) until the patient tares or calibrates. */
    Calibration cal;
    bool cal_done;          /* zeroed, calibrated or loaded from a saved file in this run */
    double latest_force;    /* the latest calibrated force, whatever the scene (N; NAN = none) */
    double latest_pitch, latest_roll; /* the latest pelvis angles (degrees; NAN = none) */

    Ladder ladder;
    Rules rules;            /* levels/rules.ini */
    int level_index;
    bool level_forced;      /* --level: play this level whatever the profile says */
    Profile profile;
    Settings settings;

    /* storage and progression (ui/persist.c); store may be NULL (no database) */
    struct Store *store;
    struct StoreProfile *profiles;
    size_t n_profiles;
    long long profile_id;
    long long session_id;      /* the session being played, 0 when none */
    long long session_id_done; /* the last session played */
    char level_cap[16];
    char today[11];            /* YYYY-MM-DD the session counts for */
    long long now_unix;        /* --today: that day at noon (see persist_clock) */
    bool today_fixed;          /* --today was given */
    bool morning_due;          /* the last session's next-morning answer is owed */
    long long morning_session;
    char morning_date[11];
    Plan plan;                 /* the latest decision and its reason */
    bool have_plan;
    char storage_msg[512];     /* the last storage failure, shown to the patient */

    Session *session;
    bool angle_mode;        /* a pad on the pelvis: the hold is a hip-height (pitch) hold */
    double target;          /* in the measured unit (angle mode: top pitch + ANGLE_OFFSET_DEG) */
    const char *unit;       /* "N", "°" or "" (timed) */
    char played_level[16];  /* the level the current/last session was played at */
    char target_note[160];  /* how the target was chosen, shown to the patient */
    int pain_before;        /* -1 until answered */
    int pain_after;
    bool red_flag_stop;
    ForcePoint *ghost;      /* best earlier hold at this level (time from 0) */
    size_t n_ghost;
    double ghost_pct;       /* its time in band */

    double now;             /* game clock, seconds */
    bool quit;
    int exit_code;
    char error[512];        /* a headless run that cannot go on says why here */

    Scene *stack[GAME_MAX_SCENES];
    int n_scenes;
    Scene *pending_push[4];
    int n_pending_push;
    int pending_pops;
};

/* Zeroes g and sets the defaults: identity calibration, no pain answers yet, sound on. */
void game_init(Game *g);
/* Releases everything g owns: scenes, session, sensor, ladder, ghost, database. */
void game_free(Game *g);
const Level *game_level(const Game *g);
/* Scene stack; changes asked for during a callback take effect after it. */
void game_push(Game *g, Scene *sc);
void game_pop(Game *g);
void game_replace(Game *g, Scene *sc);
void game_apply_scene_changes(Game *g);
Scene *game_top(Game *g);
void game_free_scenes(Game *g);

/* One fixed logic tick: pump the sensor into the session and update the top scene. */
void game_tick(Game *g);
void game_input(Game *g, const UiInput *in);
/* Draws the stack from the lowest scene that is not covered by an overlay. */
void game_draw(Game *g);

/* Builds the session for the current level and profile and sets the target. False with a reason
 * in g->error when the level cannot be played with this sensor. */
bool game_begin_session(Game *g);
/* True when the open sensor is of this backend kind ("sim", "keyboard", ...). */
bool game_sensor_is(const Game *g, const char *kind);
/* The push state for keyboard/mouse (and the sim's cue). */
void game_set_push(Game *g, bool on);

/* Sound (no-ops when silent). */
void game_cue_events(Game *g, unsigned session_events);
void game_cue_reward(Game *g); /* a well-held set */
void game_feedback(Game *g, bool on, double position);

/* A scene with `data_size` zeroed bytes of its own in sc->data; destroy frees both. */
Scene *scene_alloc(const char *name, size_t data_size);

/* Scenes (ui/scene_*.c). */
Scene *scene_title_new(void);
Scene *scene_welcome_new(void);
Scene *scene_redflags_new(void);
Scene *scene_stop_new(void);
Scene *scene_profile_new(void);
Scene *scene_sensor_new(void);
Scene *scene_settings_new(void);
typedef enum PainKind { PAIN_BEFORE, PAIN_SET, PAIN_AFTER, PAIN_MORNING } PainKind;
Scene *scene_pain_new(PainKind kind, int set_index);
Scene *scene_hold_new(void);
Scene *scene_summary_new(void);
Scene *scene_plan_new(void);
Scene *scene_players_new(void);
Scene *scene_sitting_new(void);
Scene *scene_progress_new(void);  /* charts of level, pain, quality and sitting over time */
Scene *scene_calibrate_new(void); /* tare and optional two-point calibration of the sensor */
Scene *scene_mvc_new(void);       /* the MVC test: 3 maximal efforts */

/* The order of screens (JOURNEYS.md): each scene says it is done, the flow picks what follows. */
typedef enum FlowStep {
    FLOW_TITLE, FLOW_PLAYERS, FLOW_WELCOME, FLOW_MORNING, FLOW_PLAN, FLOW_REDFLAGS, FLOW_PROFILE,
    FLOW_SENSOR, FLOW_PAIN_BEFORE, FLOW_HOLD, FLOW_PAIN_AFTER, FLOW_SUMMARY, FLOW_SITTING,
} FlowStep;
void flow_done(Game *g, FlowStep finished);
