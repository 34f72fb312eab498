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
    char stage[24];          /* "reactive" | "settled" | "sport" (levels/README.md) */
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
    int line_of_unlock;      /* line of the [unlock] header, 0 when the level has none */
} Level;

/* Parses one level file; every problem goes to diag as "file:line: message". False on any error.
 * A file of a newer format version gets only the "update Bridgehold" message. Missing
 * tolerance_pct defaults to 10 (METRICS: band default); every other key of [level] and [dose]
 * that the target kind needs is required. */
bool level_load(const char *path, Level *out, Diag *diag);
bool level_parse_string(const char *name, const char *text, Level *out, Diag *diag);

/* The target in the sensor's unit: newtons for pct_mvc (needs mvc_n > 0) and pct_bodyweight
 * (needs body_mass_kg > 0, g = 9.80665), degrees for angle; NAN when it cannot be computed. */
double level_target_value(const Level *lv, double mvc_n, double body_mass_kg);

const char *target_kind_name(TargetKind k); /* "pct_mvc", ... */
/* Parses "pct_mvc", "pct_bodyweight", "angle", "timed" or "tempo". */
bool target_kind_parse(const char *name, TargetKind *out);

typedef struct Ladder {
    Level *levels; /* sorted by id */
    size_t count;
} Ladder;

/* Loads every *.ini in dir except rules.ini (and hidden files), in file-name order; duplicate ids
 * are errors naming both files. False on any error, and then *out is empty. */
bool ladder_load_dir(const char *dir, Ladder *out, Diag *diag);
/* Loads the given files as one ladder (duplicate ids across them are errors). */
bool ladder_load_files(const char *const *paths, size_t n, Ladder *out, Diag *diag);
void ladder_free(Ladder *l);
/* Index of the level with this id, or -1. */
int ladder_find(const Ladder *l, const char *id);

/* `bridgehold levels check [PATH...]`: PATH is a folder (its levels as one ladder, plus its
 * rules.ini when present), a file named rules.ini, or a level file (all given level files form
 * one ladder). With no paths, checks default_dir. Each level's [unlock] is also checked against
 * the rules it would combine with (the folder's rules.ini, else the defaults). *n_levels gets the
 * number of levels read. Every problem goes to diag; false on any. */
bool levels_check(const char *const *paths, size_t n_paths, const char *default_dir,
                  size_t *n_levels, Diag *diag);
