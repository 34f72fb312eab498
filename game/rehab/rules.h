/* rehab/rules: the progression thresholds of levels/rules.ini (CLINICAL.md § Default progression
 * rules) and a level's [unlock] overrides of them. Every number is clinician-editable; the
 * defaults and their sources are in rules.c and levels/rules.ini. */
#pragma once
#include <stdbool.h>

#include "core/diag.h"

#define RULES_FORMAT_VERSION 1

/* Pain values are NRS 0–10; quality is percent (time in band). Day counts are calendar days. */
typedef struct Rules {
    /* RED: pain_during > red_pain_during_above, or pain_after > red_pain_after_above, or
     * pain_next_morning >= pain_before + red_next_morning_rise. */
    double red_pain_during_above;
    double red_pain_after_above;
    double red_next_morning_rise;
    /* Another RED at most this many days before a RED session means see_clinician. */
    int red_window_days;
    /* GREEN: pain_during <= green_pain_during_max and pain_after <= green_pain_after_max and the
     * next morning answered and <= pain_before + green_next_morning_rise_max and
     * quality_pct >= green_quality_min_pct. */
    double green_pain_during_max;
    double green_pain_after_max;
    double green_next_morning_rise_max;
    double green_quality_min_pct;
    /* advance: the last advance_sessions sessions at the level, all GREEN, on at least
     * advance_distinct_days different dates, and the weekly trend not rising. */
    int advance_sessions;
    int advance_distinct_days;
    /* Weekly trend: mean next-morning pain over the trend_window_days ending at the last session
     * against the trend_window_days before; a rise of trend_rise_blocks or more blocks advance. */
    int trend_window_days;
    double trend_rise_blocks;
    /* How many levels a regress and a see_clinician decision drop. */
    int regress_levels;
    int see_clinician_levels;
    /* A strength test whose efforts' CV is above this is flagged and a retest offered. */
    double mvc_cv_retest_pct;
    /* [decision] Keyboard and trigger sessions measure no force (self-timed: quality is the share
     * of the hold time held). When false, such a session is at best AMBER, so it never counts
     * toward moving up; pain still gates it as usual. rules.ini: yes / no. */
    bool self_timed_may_advance;
    /* [reps] Tempo levels: the least up-and-down movement that counts as a rep, so noise and a
     * steady hold count none: a share of the target for force, degrees for a pelvis angle. */
    double tempo_min_excursion_pct;
    double tempo_min_excursion_deg;
} Rules;

/* A level's [unlock] section: any subset of the Rules fields, each with its has_ flag. */
typedef struct RuleOverrides {
    bool has_red_pain_during_above;
    double red_pain_during_above;
    bool has_red_pain_after_above;
    double red_pain_after_above;
    bool has_red_next_morning_rise;
    double red_next_morning_rise;
    bool has_red_window_days;
    int red_window_days;
    bool has_green_pain_during_max;
    double green_pain_during_max;
    bool has_green_pain_after_max;
    double green_pain_after_max;
    bool has_green_next_morning_rise_max;
    double green_next_morning_rise_max;
    bool has_green_quality_min_pct;
    double green_quality_min_pct;
    bool has_advance_sessions;
    int advance_sessions;
    bool has_advance_distinct_days;
    int advance_distinct_days;
    bool has_trend_window_days;
    int trend_window_days;
    bool has_trend_rise_blocks;
    double trend_rise_blocks;
    bool has_regress_levels;
    int regress_levels;
    bool has_see_clinician_levels;
    int see_clinician_levels;
    bool has_mvc_cv_retest_pct;
    double mvc_cv_retest_pct;
    bool has_self_timed_may_advance;
    bool self_timed_may_advance;
    bool has_tempo_min_excursion_pct;
    double tempo_min_excursion_pct;
    bool has_tempo_min_excursion_deg;
    double tempo_min_excursion_deg;
} RuleOverrides;

/* The defaults of CLINICAL.md (the same numbers levels/rules.ini ships with). */
void rules_defaults(Rules *out);

/* Reads a rules.ini: `[rules] version`, then keys in [zones], [decision] and [reps]. Keys left out keep
 * their defaults. Every problem goes to diag as "file:line: message"; false on any error (out
 * still holds the defaults plus whatever was read). */
bool rules_load(const char *path, Rules *out, Diag *diag);
bool rules_parse_string(const char *name, const char *text, Rules *out, Diag *diag);

/* The least rep movement for SessionConfig.min_excursion, in the measured unit: degrees when
 * angle, else tempo_min_excursion_pct of reference_n (the force the tempo set is scaled to —
 * the patient's MVC, body weight on the heel, or the simulator's aim). 0 when reference_n <= 0
 * (the session then uses 20 % of its own target, if any). */
double rules_tempo_min_excursion(const Rules *r, bool angle, double reference_n);

/* Copies every override that is set into r. */
void rules_apply_overrides(Rules *r, const RuleOverrides *o);

/* True when key names a rules field (as used in rules.ini and a level's [unlock]). */
bool rules_is_key(const char *key);
/* Parses one [unlock] value into o. Unknown keys, wrong types and out-of-range values go to diag
 * at file:line; false then. */
/* Reads "key = value" lines (a patient's prescription overrides, as store/ keeps them) into o.
 * Blank lines are skipped; a bad line goes to diag as "name:line: ..." and leaves o empty. */
bool rules_overrides_from_text(RuleOverrides *o, const char *text, const char *name, Diag *diag);
bool rules_override_set(RuleOverrides *o, const char *key, const char *value, const char *file,
                        int line, Diag *diag);
/* Checks that the thresholds agree with each other (a green limit above the matching red limit,
 * more distinct days than sessions); problems go to diag at file:line. `where` names what
 * combined them in the message ("with L05's [unlock]"), or NULL. */
bool rules_check(const Rules *r, const char *file, int line, const char *where, Diag *diag);
