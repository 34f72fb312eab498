/* rehab/advice: short advice cards for the patient (JOURNEYS.md § Advice cards), as data, and
 * the choice of which to show after a progression decision. */
#pragma once
#include <stddef.h>

#include "rehab/progression.h"

typedef enum AdviceId {
    ADVICE_SITTING,
    ADVICE_RUNNING,
    ADVICE_STRETCHING,
    ADVICE_24_HOURS,
    ADVICE_PATIENCE,
    ADVICE_HEALTH,
    ADVICE_COUNT,
} AdviceId;

typedef struct AdviceCard {
    AdviceId id;
    const char *key;   /* stable name: "sitting", "running", ... */
    const char *title; /* a few words */
    const char *text;  /* two or three plain sentences */
} AdviceCard;

/* The card with this id (never NULL for a valid id). */
const AdviceCard *advice_card(AdviceId id);

/* Fills out with up to max cards for this plan, most relevant first; returns how many. A normal
 * day shows out[0] (JOURNEYS.md 2); a flare shows them all (JOURNEYS.md 3). */
size_t advice_for_plan(const Plan *plan, const AdviceCard **out, size_t max);
