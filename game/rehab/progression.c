/* rehab/progression: CLINICAL.md § Default progression rules, one function per rule. The
 * thresholds come from Rules (levels/rules.ini plus the current level's [unlock]); the only
 * numbers here are the order of the rules themselves. */
#include "rehab/progression.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "rehab/rehab_internal.h"

const char *zone_name(Zone z)
{
    switch (z) {
    case ZONE_RED:
        return "RED";
    case ZONE_GREEN:
        return "GREEN";
    case ZONE_AMBER:
        return "AMBER";
    case ZONE_PENDING:
        return "PENDING";
    }
    return "?";
}

const char *decision_name(Decision d)
{
    switch (d) {
    case DECISION_ADVANCE:
        return "advance";
    case DECISION_REPEAT:
        return "repeat";
    case DECISION_REGRESS:
        return "regress";
    case DECISION_SEE_CLINICIAN:
        return "see_clinician";
    }
    return "?";
}

/* Comparisons that treat "within REHAB_EPS" as equal: file decimals are not exact in binary. */
static bool above(double v, double limit) { return v > limit + REHAB_EPS; }
static bool at_least(double v, double limit) { return v >= limit - REHAB_EPS; }

static const char *num(char *buf, double v)
{
    rehab_fmt_num(buf, 32, v);
    return buf;
}

/* Adds "; " between the parts of a reason. */
static void part(StrBuf *b, const char *fmt, ...) BH_PRINTF(2, 3);
static void part(StrBuf *b, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (b->len)
        strbuf_append(b, "; ");
    strbuf_append(b, tmp);
}

/* RED: pain during or after above its limit, or next morning >= baseline + rise. */
static bool red_parts(const SessionRecord *s, const Rules *r, StrBuf *why, unsigned *flags)
{
    char a[32], b[32], c[32];
    bool red = false;
    if (!isnan(s->pain_during) && above(s->pain_during, r->red_pain_during_above)) {
        part(why, "pain during %s > %s", num(a, s->pain_during), num(b, r->red_pain_during_above));
        *flags |= PLAN_PAIN_HIGH;
        red = true;
    }
    if (!isnan(s->pain_after) && above(s->pain_after, r->red_pain_after_above)) {
        part(why, "pain after %s > %s", num(a, s->pain_after), num(b, r->red_pain_after_above));
        *flags |= PLAN_PAIN_HIGH;
        red = true;
    }
    if (!isnan(s->pain_next_morning) && !isnan(s->pain_before) &&
        at_least(s->pain_next_morning, s->pain_before + r->red_next_morning_rise)) {
        part(why, "next-morning pain %s ≥ baseline %s + %s", num(a, s->pain_next_morning),
             num(b, s->pain_before), num(c, r->red_next_morning_rise));
        *flags |= PLAN_NEXT_MORNING;
        red = true;
    }
    return red;
}

/* The GREEN conditions that fail (none: green). */
static void amber_parts(const SessionRecord *s, const Rules *r, bool missed, StrBuf *why,
                        unsigned *flags)
{
    char a[32], b[32], c[32];
    if (isnan(s->pain_during)) {
        part(why, "pain during not answered");
    } else if (above(s->pain_during, r->green_pain_during_max)) {
        part(why, "pain during %s > %s", num(a, s->pain_during), num(b, r->green_pain_during_max));
        *flags |= PLAN_PAIN_HIGH;
    }
    if (isnan(s->pain_after)) {
        part(why, "pain after not answered");
    } else if (above(s->pain_after, r->green_pain_after_max)) {
        part(why, "pain after %s > %s", num(a, s->pain_after), num(b, r->green_pain_after_max));
        *flags |= PLAN_PAIN_HIGH;
    }
    if (missed) {
        /* CLINICAL.md: a next morning that passed unanswered is AMBER, never pending for ever. */
        part(why, "next-morning answer missed");
        *flags |= PLAN_MORNING_MISSED;
    } else if (isnan(s->pain_before)) {
        part(why, "no pain-before rating to compare the next morning with");
    } else if (above(s->pain_next_morning, s->pain_before + r->green_next_morning_rise_max)) {
        part(why, "next-morning pain %s > baseline %s + %s", num(a, s->pain_next_morning),
             num(b, s->pain_before), num(c, r->green_next_morning_rise_max));
        *flags |= PLAN_NEXT_MORNING;
    }
    /* A limit of 0 means quality does not gate this level (tempo and timed levels measure no
     * time in band), so an unmeasured session passes it. */
    if (isnan(s->quality_pct)) {
        if (above(r->green_quality_min_pct, 0))
            part(why, "hold quality not measured");
    } else if (!(s->quality_pct >= r->green_quality_min_pct)) {
        /* Unrounded (CLINICAL.md): 79.96 % is below 80 %, so no tolerance here. */
        part(why, "quality %s %% < %s %%", num(a, s->quality_pct),
             num(b, r->green_quality_min_pct));
        *flags |= PLAN_QUALITY_LOW;
    }
    /* CLINICAL.md: sets lost to the sensor count as done (the caller counts them); only a
     * session the patient ended early is capped. */
    if (s->sets_prescribed > 0 && s->sets_done < s->sets_prescribed) {
        part(why, "ended after %d of %d sets", s->sets_done, s->sets_prescribed);
        *flags |= PLAN_INCOMPLETE;
    }
    if (s->self_timed && !r->self_timed_may_advance) {
        part(why, "a self-timed session (keyboard or trigger, no force measured) does not count "
                  "toward moving up here (rules.ini self_timed_may_advance = no)");
        *flags |= PLAN_SELF_TIMED;
    }
}

static Zone zone_eval(const SessionRecord *s, const Rules *r, bool missed, StrBuf *why,
                      unsigned *flags)
{
    if (red_parts(s, r, why, flags))
        return ZONE_RED;
    if (isnan(s->pain_next_morning) && !missed) {
        part(why, "not red so far, but the next-morning pain is not answered yet");
        *flags |= PLAN_PENDING;
        return ZONE_PENDING;
    }
    amber_parts(s, r, missed, why, flags);
    if (why->len)
        return ZONE_AMBER;
    char a[32], b[32], c[32], d[32], e[32], f[32], g[32], q[160];
    if (isnan(s->quality_pct))
        snprintf(q, sizeof q, "quality not needed here");
    else if (s->self_timed)
        snprintf(q, sizeof q, "held %s %% of the hold time (self-timed) ≥ %s %%",
                 num(a, s->quality_pct), num(b, r->green_quality_min_pct));
    else
        snprintf(q, sizeof q, "quality %s %% ≥ %s %%", num(a, s->quality_pct),
                 num(b, r->green_quality_min_pct));
    part(why, "pain during %s ≤ %s, pain after %s ≤ %s, next morning %s ≤ baseline %s + %s, %s",
         num(a, s->pain_during), num(b, r->green_pain_during_max), num(c, s->pain_after),
         num(d, r->green_pain_after_max), num(e, s->pain_next_morning), num(f, s->pain_before),
         num(g, r->green_next_morning_rise_max), q);
    return ZONE_GREEN;
}

static Zone zone_with(const SessionRecord *s, const Rules *r, bool missed, char *why,
                      size_t why_cap)
{
    StrBuf b;
    strbuf_init(&b);
    unsigned flags = 0;
    Zone z = zone_eval(s, r, missed, &b, &flags);
    if (why && why_cap)
        str_copy(why, why_cap, b.data ? b.data : "");
    strbuf_free(&b);
    return z;
}

Zone progression_zone(const SessionRecord *s, const Rules *r, char *why, size_t why_cap)
{
    return zone_with(s, r, false, why, why_cap);
}

bool progression_morning_missed(const History *h, size_t i)
{
    if (i >= h->count || !isnan(h->rows[i].pain_next_morning))
        return false;
    long day = h->rows[i].day_number;
    long last = h->rows[h->count - 1].day_number;
    long today = h->today_day ? h->today_day : last;
    /* The answer belongs to the calendar day after the session (CLINICAL.md): once a later day
     * has a session, or today is past that day, the morning is over. */
    return last > day || today > day + 1;
}

Zone progression_zone_at(const History *h, size_t i, const Rules *r, char *why, size_t why_cap)
{
    if (i >= h->count) {
        if (why && why_cap)
            why[0] = '\0';
        return ZONE_PENDING;
    }
    return zone_with(&h->rows[i], r, progression_morning_missed(h, i), why, why_cap);
}

WeeklyTrend progression_trend(const History *h, const Rules *r)
{
    WeeklyTrend t = {0};
    if (!h->count)
        return t;
    long last = h->rows[h->count - 1].day_number;
    long w = r->trend_window_days;
    double recent = 0, previous = 0;
    for (size_t i = 0; i < h->count; i++) {
        const SessionRecord *s = &h->rows[i];
        long ago = last - s->day_number;
        if (isnan(s->pain_next_morning) || ago < 0)
            continue;
        if (ago < w) { /* the w days ending at the last session, its own day included */
            recent += s->pain_next_morning;
            t.recent_n++;
        } else if (ago < 2 * w) { /* the w days before those */
            previous += s->pain_next_morning;
            t.previous_n++;
        }
    }
    t.known = t.recent_n > 0 && t.previous_n > 0;
    if (t.known) {
        t.recent_mean = recent / t.recent_n;
        t.previous_mean = previous / t.previous_n;
        t.rising = at_least(t.recent_mean - t.previous_mean, r->trend_rise_blocks);
    }
    return t;
}

static void date_of(const SessionRecord *s, char out[11])
{
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)s->year % 10000u, (unsigned)s->month % 100u,
             (unsigned)s->day % 100u);
}

static void trend_words(const WeeklyTrend *t, const Rules *r, StrBuf *b)
{
    char a[32], c[32], d[32], e[32];
    if (!t->known) {
        strbuf_appendf(b, "there are not enough next-morning answers to compare the last %d days "
                          "with the %d before",
                       r->trend_window_days, r->trend_window_days);
        return;
    }
    strbuf_appendf(b, "next-morning pain averaged %s over the last %d days against %s the %d "
                      "days before (up by %s; a rise of %s or more blocks moving up)",
                   num(a, t->recent_mean), r->trend_window_days, num(c, t->previous_mean),
                   r->trend_window_days, num(d, t->recent_mean - t->previous_mean),
                   num(e, r->trend_rise_blocks));
}

/* Small counts in words read better in a sentence for a patient: "drop two levels". */
static const char *count_word(int n, char buf[16])
{
    static const char *const WORDS[] = {"zero", "one", "two", "three", "four", "five",
                                        "six", "seven", "eight", "nine", "ten"};
    if (n >= 0 && n <= 10)
        return WORDS[n];
    snprintf(buf, 16, "%d", n);
    return buf;
}

static void set_next(Plan *p, const Ladder *ladder)
{
    str_copy(p->next_level, sizeof p->next_level, ladder->levels[p->next_index].id);
}

/* Rule 1: the last session was red. */
static void decide_red(const History *h, const Ladder *ladder, const Rules *r,
                       const char *last_why, Plan *p, StrBuf *b)
{
    const SessionRecord *last = &h->rows[h->count - 1];
    const SessionRecord *other = NULL;
    char other_why[512] = "";
    /* Rows are in date order, so every earlier row is on or before the last session's day. */
    for (size_t i = h->count - 1; i-- > 0;) {
        const SessionRecord *s = &h->rows[i];
        if (last->day_number - s->day_number > r->red_window_days)
            break;
        if (progression_zone_at(h, i, r, other_why, sizeof other_why) == ZONE_RED) {
            other = s;
            break;
        }
    }
    int drop = other ? r->see_clinician_levels : r->regress_levels;
    char w[16];
    p->decision = other ? DECISION_SEE_CLINICIAN : DECISION_REGRESS;
    p->next_index = p->level_index - drop;
    if (p->next_index < 0) {
        p->next_index = 0;
        p->flags |= PLAN_AT_BOTTOM;
    }
    set_next(p, ladder);
    if (other) {
        char od[11];
        date_of(other, od);
        long ago = last->day_number - other->day_number;
        char when[48];
        if (ago == 0)
            snprintf(when, sizeof when, "earlier the same day");
        else
            snprintf(when, sizeof when, "%ld day%s before it", ago, ago == 1 ? "" : "s");
        strbuf_appendf(b, "See your clinician. %s → %s: the last session (%s) was red (%s), and "
                          "so was the session on %s, %s (%s): two red sessions within %d days, "
                          "so drop %s level%s",
                       p->level, p->next_level, p->last_date, last_why, od, when, other_why,
                       r->red_window_days, count_word(drop, w), drop == 1 ? "" : "s");
    } else {
        strbuf_appendf(b, "%s → %s: the last session (%s) was red (%s). There was no other red "
                          "session in the %d days before it, so drop %s level%s",
                       p->level, p->next_level, p->last_date, last_why, r->red_window_days,
                       count_word(drop, w), drop == 1 ? "" : "s");
    }
    if (p->flags & PLAN_AT_BOTTOM)
        strbuf_append(b, " (the first level is as low as the ladder goes)");
    strbuf_append(b, ".");
}

/* Rules 2 and 3: advance when the last sessions earn it, else repeat. */
static void decide_green_or_repeat(const History *h, const Ladder *ladder, const Rules *r,
                                   Plan *p, StrBuf *b)
{
    size_t n = (size_t)r->advance_sessions;
    size_t from = h->count > n ? h->count - n : 0;
    StrBuf why;
    strbuf_init(&why);
    if (h->count < n)
        part(&why, "there %s only %zu session%s so far; %zu green ones are needed",
             h->count == 1 ? "is" : "are", h->count, h->count == 1 ? "" : "s", n);
    size_t at_level = 0, days = 0;
    long prev_day = 0;
    for (size_t i = from; i < h->count; i++) {
        const SessionRecord *s = &h->rows[i];
        if (strcmp(s->level, p->level) == 0)
            at_level++;
        if (i == from || s->day_number != prev_day)
            days++; /* rows are in date order: a new day number is a new date */
        prev_day = s->day_number;
    }
    if (h->count >= n && at_level < n)
        part(&why, "only %zu of the last %zu sessions were at %s", at_level, n, p->level);
    for (size_t i = from; i < h->count; i++) {
        const SessionRecord *s = &h->rows[i];
        char zwhy[512], d[11];
        Zone z = progression_zone_at(h, i, r, zwhy, sizeof zwhy);
        if (z == ZONE_GREEN)
            continue;
        date_of(s, d);
        part(&why, "the session on %s %s (%s)", d,
             z == ZONE_PENDING ? "is pending" : z == ZONE_RED ? "was red" : "was amber", zwhy);
    }
    if (h->count >= n && days < (size_t)r->advance_distinct_days)
        part(&why, "the last %zu sessions fell on only %zu different day%s; %d are needed", n,
             days, days == 1 ? "" : "s", r->advance_distinct_days);
    if (p->trend.rising) {
        StrBuf t;
        strbuf_init(&t);
        trend_words(&p->trend, r, &t);
        part(&why, "%s", t.data);
        strbuf_free(&t);
    }
    char a[32], c[32], d[32], e[32], f[32];
    if (why.len == 0) {
        p->decision = DECISION_ADVANCE;
        p->next_index = p->level_index + 1;
        if ((size_t)p->next_index >= ladder->count) {
            p->next_index = (int)ladder->count - 1;
            p->flags |= PLAN_AT_TOP;
        }
        set_next(p, ladder);
        if (p->flags & PLAN_AT_TOP)
            strbuf_appendf(b, "%s is the last level, so you stay there: ", p->level);
        else
            strbuf_appendf(b, "%s → %s: ", p->level, p->next_level);
        char q[64] = "";
        if (above(r->green_quality_min_pct, 0))
            snprintf(q, sizeof q, ", quality ≥ %s %%", num(e, r->green_quality_min_pct));
        strbuf_appendf(b, "the last %zu sessions were green on %zu different days (pain during "
                          "≤ %s, pain after ≤ %s, next morning ≤ baseline + %s%s), and ",
                       n, days, num(a, r->green_pain_during_max), num(c, r->green_pain_after_max),
                       num(d, r->green_next_morning_rise_max), q);
        if (p->trend.known)
            strbuf_appendf(b, "next-morning pain is not rising week to week (%s over the last %d "
                              "days against %s before).",
                           num(f, p->trend.recent_mean), r->trend_window_days,
                           num(a, p->trend.previous_mean));
        else
            strbuf_append(b, "there is no rise in next-morning pain to hold you back.");
    } else {
        p->decision = DECISION_REPEAT;
        p->next_index = p->level_index;
        set_next(p, ladder);
        strbuf_appendf(b, "Stay at %s: moving up needs the last %zu sessions green, at %s, on %d "
                          "different days, with next-morning pain not rising; but %s.",
                       p->level, n, p->level, r->advance_distinct_days, why.data);
    }
    strbuf_free(&why);
}

/* Copies the reason, cut at a character boundary with "..." if it does not fit. */
static void finish_reason(Plan *p, const StrBuf *b)
{
    if (!str_copy(p->reason, sizeof p->reason, b->data ? b->data : "")) {
        size_t end = sizeof p->reason - 4;
        while (end > 0 && ((unsigned char)p->reason[end] & 0xC0) == 0x80)
            end--;
        memcpy(p->reason + end, "...", 4);
    }
}

bool progression_decide(const History *h, const Ladder *ladder, const Rules *base,
                        const RuleOverrides *patient, Plan *out, char *err, size_t err_cap)
{
    memset(out, 0, sizeof *out);
    if (!h->count) {
        snprintf(err, err_cap, "there are no sessions yet; the first session is at %s",
                 ladder->count ? ladder->levels[0].id : "the first level");
        return false;
    }
    const SessionRecord *last = &h->rows[h->count - 1];
    int idx = ladder_find(ladder, last->level);
    if (idx < 0) {
        snprintf(err, err_cap, "the last session's level '%s' is not in the ladder", last->level);
        return false;
    }
    Rules r = *base;
    rules_apply_overrides(&r, &ladder->levels[idx].unlock);
    if (patient)
        rules_apply_overrides(&r, patient);
    str_copy(out->level, sizeof out->level, last->level);
    out->level_index = idx;
    date_of(last, out->last_date);
    StrBuf last_why;
    strbuf_init(&last_why);
    out->zone = zone_eval(last, &r, progression_morning_missed(h, h->count - 1), &last_why,
                          &out->flags);
    out->trend = progression_trend(h, &r);
    if (out->trend.rising)
        out->flags |= PLAN_TREND_RISING;
    StrBuf b;
    strbuf_init(&b);
    if (out->zone == ZONE_RED)
        decide_red(h, ladder, &r, last_why.data, out, &b);
    else
        decide_green_or_repeat(h, ladder, &r, out, &b);
    finish_reason(out, &b);
    strbuf_free(&b);
    strbuf_free(&last_why);
    return true;
}
