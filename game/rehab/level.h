/* rehab/level: one exercise level (levels/NN-name.ini) and the ladder of them. Pure C over inih.
 * Format: ARCHITECTURE.md § File formats and levels/README.md. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "rehab/rules.h"

#define LEVEL_FORMAT_VERSION 1

typedef enum TargetKind {
    TARGET_PCT_MVC,        /* target_value = % of the patient's MVC, newtons */
    TARGET_PCT_BODYWEIGHT, /* target_value = % of body weight on the measured heel(s) */
    TARGET_ANGLE,          /* target_value = degrees of pelvis pitch (pad accelerometer) */
    TARGET_TIMED,          /* hold for time only; nothing measured */
    TARGET_TEMPO,          /* isotonic reps at up_s / down_s tempo (L10–L12) */
} TargetKind;

typedef struct Level {
    int version;
    char id[16];             /* "L01" ... */
    char name[80];
    char stage[24];          /* "reactive" | "settled" ... as in the file */
    char position[160];
    char instructions[1200]; /* plain words for the patient */
    int sets;
    double hold_s;           /* isometric hold time per set (0 for tempo levels) */
    double rest_s;
    TargetKind target_kind;
    double target_value;     /* meaning depends on target_kind */
    double tolerance_pct;    /* band half-width, % of target */
    int reps;                /* tempo levels: reps per set */
    double up_s, down_s;     /* tempo levels: seconds up, seconds down */
    RuleOverrides unlock;    /* [unlock]: per-level overrides of rules.ini */
    char path[512];          /* where it was loaded from */
    int line_of_id;          /* line of `id =`, for duplicate-id messages */
} Level;

/* Parses one level file; every problem goes to diag as "file:line: message". False on any error. */
bool level_load(const char *path, Level *out, Diag *diag);
bool level_parse_string(const char *name, const char *text, Level *out, Diag *diag);

/* The target in the sensor's unit: newtons for pct_mvc (needs mvc_n > 0) and pct_bodyweight
 * (needs body_mass_kg > 0, g = 9.80665), degrees for angle; NAN when it cannot be computed. */
double level_target_value(const Level *lv, double mvc_n, double body_mass_kg);

const char *target_kind_name(TargetKind k); /* "pct_mvc", ... */

typedef struct Ladder {
    Level *levels; /* sorted by id */
    size_t count;
} Ladder;

/* Loads every *.ini in dir except rules.ini; duplicate ids are errors. False on any error. */
bool ladder_load_dir(const char *dir, Ladder *out, Diag *diag);
/* Loads the given files as one ladder (duplicate ids across them are errors). */
bool ladder_load_files(const char *const *paths, size_t n, Ladder *out, Diag *diag);
void ladder_free(Ladder *l);
/* Index of the level with this id, or -1. */
int ladder_find(const Ladder *l, const char *id);
