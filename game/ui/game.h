/* ui/game: what the scenes share — the drawing context, sound, settings and the Play — and the
 * scene stack (C-Dogs' idea): menu → ... → hold → summary. The patient's state is the Play's
 * (play/play.h): scenes read it and turn input into its intents; they own none of it. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "play/play.h"
#include "ui/gfx.h"
#include "ui/input.h"

typedef struct Game Game;
typedef struct Audio Audio;
typedef struct BgJob BgJob;

typedef struct Scene Scene;
struct Scene {
    const char *name;
    bool overlay; /* draw the scene below first (prompts over the hold screen) */
    bool typing;  /* takes text input (Backspace erases instead of going back) */
    void (*enter)(Scene *sc, Game *g);
    /* on top again after the scenes above it were popped (e.g. to re-read what they changed) */
    void (*resume)(Scene *sc, Game *g);
    void (*input)(Scene *sc, Game *g, const UiInput *in);
    void (*update)(Scene *sc, Game *g); /* one fixed logic tick; the clock is g->now */
    void (*draw)(Scene *sc, Game *g);
    void (*destroy)(Scene *sc);
    void *data;
};

/* This computer's sound settings, kept in the data folder's store (store_setting_*). */
typedef struct Settings {
    bool sound;          /* spoken-style cues */
    bool feedback_tone;  /* continuous pitch biofeedback */
    double volume;       /* 0..1 */
} Settings;

#define GAME_MAX_SCENES 16
#define GAME_TICK_S (1.0 / 120.0)

/* What the screens share: drawing, sound, settings, the scene stack — and the Play, which owns
 * every piece of the patient's state. Scenes read play_state(g->play) and send it intents. */
struct Game {
    Gfx *gfx;           /* NULL in runs without rendering */
    Audio *audio;       /* NULL = silent */
    Play *play;
    Settings settings;
    bool demo;          /* an answers file plays the patient in a window (app/cmd_play.c) */

    double now;         /* game clock, seconds */
    unsigned events;    /* play_tick's events of the latest tick */
    bool quit;
    char error[512];    /* a run that cannot go on says why here */

    BgJob *sync;        /* this computer's records going to the clinic server (ui/game_sync.c) */
    char sync_note[200]; /* how the last one went, for the title screen; "" = nothing to say */
    bool sync_warn;

    Scene *stack[GAME_MAX_SCENES];
    int n_scenes;
    Scene *pending_push[4];
    int n_pending_push;
    int pending_pops;
};

/* Zeroes g and sets the settings kept in play's store (the defaults, sound on, when there are
 * none or no store); play is the Play the screens drive (owned). */
void game_init(Game *g, Play *play);
/* Keeps g->settings in the store for the next start (a no-op without a store). */
void game_save_settings(Game *g);
/* With a clinic server configured: sends this computer's records there (and takes in
 * prescriptions changed there) in the background, unless a sync is already under way. The
 * title screen starts one, so records go up at start-up and after every session. */
void game_sync_start(Game *g);
/* Called every tick: notes how a finished sync went (g->sync_note). */
void game_sync_poll(Game *g);
/* Releases everything g owns: the scenes and the Play. */
void game_free(Game *g);
/* The Play's state, and the level the next session plays (NULL when none). */
const PlayState *game_state(const Game *g);
const Level *game_level(const Game *g);
/* Scene stack; changes asked for during a callback take effect after it. */
void game_push(Game *g, Scene *sc);
void game_pop(Game *g);
void game_replace(Game *g, Scene *sc);
void game_apply_scene_changes(Game *g);
Scene *game_top(Game *g);
void game_free_scenes(Game *g);

/* One fixed logic tick: the Play (sensor pump, session) and then the top scene. */
void game_tick(Game *g);
void game_input(Game *g, const UiInput *in);
/* Draws the stack from the lowest scene that is not covered by an overlay. */
void game_draw(Game *g);

/* The push state for keyboard/mouse. */
void game_set_push(Game *g, bool on);
/* The play_tick events of the latest tick (the hold scene turns them into cues and prompts). */
unsigned game_events(const Game *g);

/* Sound (no-ops when silent). */
void game_cue_events(Game *g, unsigned session_events);
void game_cue_reward(Game *g); /* a well-held set */
void game_feedback(Game *g, bool on, double position);

/* A scene that takes typed text (on) or no longer does: SDL's text input and sc->typing. */
void scene_typing(Scene *sc, bool on);
/* A scene with `data_size` zeroed bytes of its own in sc->data; destroy frees both. */
Scene *scene_alloc(const char *name, size_t data_size);

/* Scenes (ui/scene_*.c). */
Scene *scene_title_new(void);
Scene *scene_welcome_new(void);
Scene *scene_redflags_new(void);
Scene *scene_stop_new(void);
/* A page saying why something cannot go on (text copied), with a way back to the start. */
Scene *scene_notice_new(const char *title, const char *text);
Scene *scene_profile_new(void);
Scene *scene_sensor_new(void);
Scene *scene_settings_new(void);
Scene *scene_pain_new(PlayPain kind);
Scene *scene_hold_new(void);
Scene *scene_summary_new(void);
Scene *scene_plan_new(void);
Scene *scene_players_new(void);
Scene *scene_sitting_new(void);
Scene *scene_progress_new(void);  /* charts of level, pain, quality and sitting over time */
Scene *scene_calibrate_new(void); /* tare and optional two-point calibration of the sensor */
Scene *scene_mvc_new(void);       /* the MVC test: 3 maximal efforts */
/* Clinic mode: the clinician's PIN, then the patient list (ui/scene_clinic.c). */
Scene *scene_clinic_pin_new(void);
/* The clinician's PIN, then the clinic server setting (pushed; Esc comes back). */
Scene *scene_clinic_server_pin_new(void);
/* The clinic server setting itself (ui/scene_clinic_server.c); clinician = who changes it. */
Scene *scene_clinic_server_new(const char *clinician);
/* A clinician's note on the last finished set (an overlay; supervised sessions). */
Scene *scene_set_note_new(void);
/* The clinician overrides the next level, with a required reason (after a supervised session). */
Scene *scene_override_new(void);
struct Answers;
/* A demo in a window: the answers file (kept by the caller) plays the patient. */
Scene *scene_demo_new(const struct Answers *answers);

/* The order of screens (JOURNEYS.md): each scene says it is done, the flow picks what follows. */
typedef enum FlowStep {
    FLOW_TITLE, FLOW_PLAYERS, FLOW_WELCOME, FLOW_MORNING, FLOW_PLAN, FLOW_REDFLAGS, FLOW_PROFILE,
    FLOW_SENSOR, FLOW_PAIN_BEFORE, FLOW_HOLD, FLOW_PAIN_AFTER, FLOW_SUMMARY, FLOW_SITTING,
} FlowStep;
void flow_done(Game *g, FlowStep finished);
