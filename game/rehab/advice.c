/* rehab/advice: the advice cards. The topics come from the physio background in CLINICAL.md and
 * JOURNEYS.md; the wording is ours, kept short enough for one card on screen. */
#include "rehab/advice.h"

static const AdviceCard CARDS[ADVICE_COUNT] = {
    {ADVICE_SITTING, "sitting", "Sitting",
     "Sitting presses straight on the sore spot at the sit-bone. A folded towel or soft cushion "
     "under the backs of your thighs lifts the sit-bones off the seat. Hard chairs, long sits and "
     "seats that keep your legs reaching forward, like driving, tend to stir it up: get up and "
     "move now and then."},
    {ADVICE_RUNNING, "running", "Running",
     "If you run, stay on flat ground and take shorter steps while the tendon settles. Hills, "
     "sprints, hurdles and lunges load the tendon with the hip bent, the hardest position for it: "
     "they come back at the later levels."},
    {ADVICE_STRETCHING, "stretching", "Stretching",
     "Deep hamstring stretches feel as if they should help, but holding the hip bent with the "
     "leg straight squeezes the tendon against the bone. Leave out long toe-touch stretches and "
     "the deepest yoga or pilates forward bends for now."},
    {ADVICE_24_HOURS, "24_hours", "The morning after",
     "A tendon often answers a day late: a session can feel fine and still leave you sorer the "
     "next morning. That is why the game asks how the tendon feels the morning after, and why "
     "that answer counts as much as the session itself."},
    {ADVICE_PATIENCE, "patience", "Slow and steady",
     "Tendons get stronger slowly: expect three to six months of gradual loading. Dropping a "
     "level after a flare is part of the plan, not a failure; most people go up and down a few "
     "times on the way."},
    {ADVICE_HEALTH, "health", "Tell your clinician",
     "Some health conditions make tendons more sensitive and slower to settle, for example the "
     "menopause, diabetes, high cholesterol and inflammatory arthritis. If any of these apply to "
     "you, mention it to your clinician: it can change the plan."},
};

const AdviceCard *advice_card(AdviceId id)
{
    return (unsigned)id < ADVICE_COUNT ? &CARDS[id] : &CARDS[ADVICE_PATIENCE];
}

typedef struct Pick {
    const AdviceCard **out;
    size_t max, n;
} Pick;

static void pick(Pick *p, AdviceId id)
{
    for (size_t i = 0; i < p->n; i++) {
        if (p->out[i]->id == id)
            return;
    }
    if (p->n < p->max)
        p->out[p->n++] = &CARDS[id];
}

size_t advice_for_plan(const Plan *plan, const AdviceCard **out, size_t max)
{
    Pick p = {out, max, 0};
    unsigned f = plan->flags;
    bool morning =
        (f & (PLAN_PENDING | PLAN_NEXT_MORNING | PLAN_TREND_RISING | PLAN_MORNING_MISSED)) != 0;
    switch (plan->decision) {
    case DECISION_SEE_CLINICIAN:
        /* Two flares in a week: what to raise with the clinician, then how to offload. */
        pick(&p, ADVICE_HEALTH);
        pick(&p, ADVICE_SITTING);
        pick(&p, ADVICE_STRETCHING);
        pick(&p, ADVICE_PATIENCE);
        break;
    case DECISION_REGRESS:
        /* A flare: offload first (JOURNEYS.md 3), and say a drop is normal. */
        if (f & PLAN_NEXT_MORNING)
            pick(&p, ADVICE_24_HOURS);
        pick(&p, ADVICE_SITTING);
        pick(&p, ADVICE_STRETCHING);
        pick(&p, ADVICE_PATIENCE);
        break;
    case DECISION_REPEAT:
        if (morning)
            pick(&p, ADVICE_24_HOURS);
        if (f & PLAN_PAIN_HIGH) {
            pick(&p, ADVICE_SITTING);
            pick(&p, ADVICE_STRETCHING);
        }
        pick(&p, ADVICE_PATIENCE);
        break;
    case DECISION_ADVANCE:
        /* A new level is a new load: the morning after it matters most. */
        pick(&p, ADVICE_24_HOURS);
        pick(&p, ADVICE_RUNNING);
        pick(&p, ADVICE_PATIENCE);
        break;
    }
    return p.n;
}
