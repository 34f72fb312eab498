/* rehab/progression: the zone of each session and the decision for the next one, exactly as
 * CLINICAL.md § Default progression rules states them, each with a plain-language reason. Pure:
 * the same history, ladder and rules always give the same plan. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "rehab/history.h"
#include "rehab/level.h"
#include "rehab/rules.h"

typedef enum Zone { ZONE_RED, ZONE_GREEN, ZONE_AMBER, ZONE_PENDING } Zone;

typedef enum Decision {
    DECISION_ADVANCE,
    DECISION_REPEAT,
    DECISION_REGRESS,
    DECISION_SEE_CLINICIAN,
} Decision;

const char *zone_name(Zone z);         /* "RED", "GREEN", "AMBER", "PENDING" */
const char *decision_name(Decision d); /* "advance", "repeat", "regress", "see_clinician" */

/* What fired, for choosing advice (advice.h) and for the UI's wording. */
enum {
    PLAN_NEXT_MORNING = 1u << 0, /* the last session broke a next-morning limit */
    PLAN_PENDING = 1u << 1,      /* the last session's next morning is not answered yet */
    PLAN_TREND_RISING = 1u << 2, /* the weekly next-morning trend is rising */
    PLAN_AT_TOP = 1u << 3,       /* an advance stopped at the last level */
    PLAN_AT_BOTTOM = 1u << 4,    /* a drop stopped at the first level */
    PLAN_PAIN_HIGH = 1u << 5,    /* pain during or after broke a limit (red or amber) */
    PLAN_QUALITY_LOW = 1u << 6,  /* the last session's quality was under the green limit */
    PLAN_INCOMPLETE = 1u << 7,   /* the last session ended before all prescribed sets */
    PLAN_MORNING_MISSED = 1u << 8, /* the last session's next morning passed unanswered */
    PLAN_SELF_TIMED = 1u << 9,   /* a self-timed session held back by self_timed_may_advance */
};

/* Mean answered next-morning pain over the trend window ending at the last session (recent)
 * and over the window before it (previous). */
typedef struct WeeklyTrend {
    bool known;     /* both windows hold at least one answer */
    bool rising;    /* known and recent - previous >= trend_rise_blocks */
    double recent_mean, previous_mean;
    int recent_n, previous_n;
} WeeklyTrend;

typedef struct Plan {
    char level[16];      /* the current level: the last session's */
    char next_level[16]; /* where the next session is */
    int level_index, next_index;
    Zone zone;           /* of the last session */
    Decision decision;
    unsigned flags;      /* PLAN_* */
    WeeklyTrend trend;
    char last_date[11];  /* YYYY-MM-DD of the last session */
    char reason[1024];   /* plain words naming the rule and its numbers */
} Plan;

/* The zone of one session under r. why (may be NULL) gets the reason, e.g. "pain during 6 > 5".
 * Values within 1e-9 of a limit count as on it, so 1.1 + 3 equals 4.1 — but values are never
 * rounded first: 79.96 % quality is below 80 %. A session ended before all its prescribed sets
 * (sets_done < sets_prescribed) or a self-timed one when r->self_timed_may_advance is false is at
 * best AMBER. Alone, a session without its next-morning answer is PENDING. */
Zone progression_zone(const SessionRecord *s, const Rules *r, char *why, size_t why_cap);
/* The zone of row i of h, which also knows whether its next morning has passed: no answer, and
 * a later session on a later day or today (h->today_day; 0 = the last row's day) more than one
 * day after it, is AMBER ("next-morning answer missed") instead of PENDING. */
Zone progression_zone_at(const History *h, size_t i, const Rules *r, char *why, size_t why_cap);
/* True when row i has no next-morning answer and its next morning is over (see above). */
bool progression_morning_missed(const History *h, size_t i);

/* The weekly trend at the last row of h (unknown when h is empty). */
WeeklyTrend progression_trend(const History *h, const Rules *r);

/* Decides the next session. The current level is the last session's; the thresholds are base
 * with that level's [unlock] applied, then the patient's own overrides (a clinician's
 * prescription, NULL = none: the most specific wins), for every session the rules look at.
 * False with a message in err when h is empty or names a level the ladder lacks. */
bool progression_decide(const History *h, const Ladder *ladder, const Rules *base,
                        const RuleOverrides *patient, Plan *out, char *err, size_t err_cap);
