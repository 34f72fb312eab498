/* tests/fuzz/fuzz_history: the History CSV parser on arbitrary text, then the progression rules
 * and advice over whatever parsed. Parsed rows must be in range and in date order; a plan must
 * stay on the ladder and follow the zone of the last session. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rehab/advice.h"
#include "rehab/progression.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool pain_ok(double v) { return isnan(v) || (v >= 0 && v <= 10); }

static void check_plan(const History *h, const Ladder *l, const Rules *r)
{
    Plan p;
    char err[256];
    if (!progression_decide(h, l, r, NULL, &p, err, sizeof err)) {
        if (h->count)
            abort(); /* every level was checked against the ladder */
        return;
    }
    if (p.next_index < 0 || (size_t)p.next_index >= l->count || !p.reason[0])
        abort();
    bool red = p.zone == ZONE_RED;
    bool drops = p.decision == DECISION_REGRESS || p.decision == DECISION_SEE_CLINICIAN;
    if (red != drops || (drops && p.next_index > p.level_index))
        abort();
    if (p.decision == DECISION_ADVANCE && (p.zone != ZONE_GREEN || p.next_index < p.level_index))
        abort();
    const AdviceCard *cards[ADVICE_COUNT];
    if (advice_for_plan(&p, cards, ADVICE_COUNT) == 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Level levels[12];
    static Ladder ladder;
    if (!ladder.count) {
        for (int i = 0; i < 12; i++)
            snprintf(levels[i].id, sizeof levels[i].id, "L%02d", i + 1);
        ladder.levels = levels;
        ladder.count = 12;
    }
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    Diag d;
    diag_init(&d);
    History h;
    bool ok = history_parse_string("fuzz.csv", text, &ladder, &h, &d);
    if (ok != (d.count == 0))
        abort();
    for (size_t i = 0; i < h.count; i++) {
        const SessionRecord *s = &h.rows[i];
        if (i && s->day_number < h.rows[i - 1].day_number)
            abort();
        if (!pain_ok(s->pain_before) || !pain_ok(s->pain_during) || !pain_ok(s->pain_after) ||
            !pain_ok(s->pain_next_morning))
            abort();
        if (!isnan(s->quality_pct) && (s->quality_pct < 0 || s->quality_pct > 100))
            abort();
    }
    Rules r;
    rules_defaults(&r);
    check_plan(&h, &ladder, &r);
    /* and under a level's strictest and loosest settings */
    r.red_window_days = 0;
    r.advance_sessions = 1;
    r.advance_distinct_days = 1;
    r.green_quality_min_pct = 0;
    check_plan(&h, &ladder, &r);
    history_free(&h);
    diag_free(&d);
    free(text);
    return 0;
}
