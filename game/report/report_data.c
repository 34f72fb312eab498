/* report/report_data: reads one profile from the store and derives what both reports show per
 * session: the four pain answers, the zone the rules gave it, time under load, %MVC and the
 * dose (time under load × %MVC) that the dose–symptom chart sets against next-morning pain. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/str.h"
#include "rehab/history.h"
#include "report/report.h"

double report_day_number(const char *date)
{
    int y, m, d;
    if (!date || strlen(date) != 10 || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 ||
        m > 12 || d < 1 || d > 31)
        return NAN;
    return (double)history_day_number(y, m, d); /* the calendar arithmetic is rehab's */
}

void report_day_format(double day, char *out, size_t cap)
{
    time_t t = (time_t)(floor(day) * 86400.0 + 43200.0);
    struct tm tm;
    if (cap == 0)
        return;
    out[0] = '\0';
    if (gmtime_r(&t, &tm))
        strftime(out, cap, "%d %b", &tm);
}

const ReportSession *report_session_by_id(const ReportData *d, int64_t session_id)
{
    for (size_t i = 0; i < d->n_sessions; i++) {
        if (d->sessions[i].s.id == session_id)
            return &d->sessions[i];
    }
    return NULL;
}

const ReportSession *report_decision_session(const ReportData *d, const StoreReportDecision *x)
{
    if (x->session_id)
        return report_session_by_id(d, x->session_id);
    /* Older rows: the latest session that had ended by then (a decision follows a session's
     * end, or its next-morning answer); a live one wins a tie with practice. */
    const ReportSession *best = NULL;
    for (size_t i = 0; i < d->n_sessions; i++) {
        const ReportSession *r = &d->sessions[i];
        int64_t end = r->s.ended ? r->s.ended : r->s.started;
        if (end > x->decision.time)
            continue;
        int64_t best_end = best ? (best->s.ended ? best->s.ended : best->s.started) : 0;
        if (!best || end > best_end || (end == best_end && best->practice && !r->practice))
            best = r;
    }
    return best;
}

/* The MVC a session's targets came from: the one it stored; else the level's %MVC target read
 * back from a set's target force (target = pct × MVC, the level files); else the latest MVC test
 * before it. NAN when none applies (timed, angle or body-weight targets without a test). */
static double session_mvc(const ReportData *d, const ReportSession *r)
{
    if (r->s.mvc_n > 0)
        return r->s.mvc_n;
    const Ladder *l = d->opt.ladder;
    int li = l ? ladder_find(l, r->s.level) : -1;
    if (li >= 0 && l->levels[li].target_kind == TARGET_PCT_MVC && l->levels[li].target_value > 0) {
        for (size_t k = 0; k < r->n_sets; k++) {
            double t = d->sets[r->first_set + k].set.target_n;
            if (t > 0)
                return t / (l->levels[li].target_value / 100.0);
        }
    }
    double mvc = NAN;
    for (size_t i = 0; i < d->n_mvc; i++) {
        if (d->mvc[i].mvc.time <= r->s.started || d->mvc[i].mvc.time <= r->s.ended)
            mvc = d->mvc[i].mvc.best_n;
    }
    return mvc > 0 ? mvc : NAN;
}

static void derive_session(ReportData *d, ReportSession *r)
{
    r->pain_before = r->pain_during = r->pain_after = r->pain_next_morning = NAN;
    for (size_t i = 0; i < d->n_pain; i++) {
        const StorePain *p = &d->pain[i].pain;
        if (p->session_id != r->s.id)
            continue;
        switch (p->kind) {
        case STORE_PAIN_BEFORE: r->pain_before = p->value; break;
        case STORE_PAIN_AFTER: r->pain_after = p->value; break;
        case STORE_PAIN_NEXT_MORNING: r->pain_next_morning = p->value; break;
        case STORE_PAIN_SET:
            if (isnan(r->pain_during) || p->value > r->pain_during)
                r->pain_during = p->value;
            break;
        case STORE_PAIN_SITTING_TOLERANCE: break;
        }
    }
    r->mvc_n = session_mvc(d, r);
    double force_s = 0;
    bool measured = false;
    for (size_t k = 0; k < r->n_sets; k++) {
        const StoreReportSet *x = &d->sets[r->first_set + k];
        if (x->set.note[0])
            r->n_notes++;
        if (x->set.index < 1 || x->set.interrupted)
            continue;
        r->tul_s += x->set.duration_s;
        if (!isnan(x->set.mean_n)) {
            force_s += x->set.mean_n * x->set.duration_s;
            measured = true;
        }
    }
    r->pct_mvc = measured && r->mvc_n > 0 && r->tul_s > 0 ? 100.0 * force_s / r->tul_s / r->mvc_n
                                                          : NAN;
    r->dose = isnan(r->pct_mvc) ? NAN : r->tul_s / 60.0 * r->pct_mvc;
}

static bool fail(Store *s, char *err, size_t cap)
{
    str_copy(err, cap, store_errmsg(s));
    return false;
}

bool report_load(Store *s, int64_t profile_id, const ReportOptions *opt, ReportData *out,
                 char *err, size_t cap)
{
    memset(out, 0, sizeof *out);
    if (opt)
        out->opt = *opt;
    out->made_at = out->opt.made_at ? out->opt.made_at : (int64_t)time(NULL);
    bool found = false;
    if (!store_profile_get_by_id(s, profile_id, &out->profile, &found))
        return fail(s, err, cap);
    if (!found) {
        str_copy(err, cap, "the profile is no longer in the database");
        return false;
    }
    StoreSession *list = NULL;
    size_t n = 0;
    if (!store_report_profile_uid(s, profile_id, out->profile_uid) ||
        !store_session_list(s, profile_id, &list, &n) ||
        !store_report_sets(s, profile_id, &out->sets, &out->n_sets) ||
        !store_report_pain(s, profile_id, &out->pain, &out->n_pain) ||
        !store_report_decisions(s, profile_id, &out->decisions, &out->n_decisions) ||
        !store_report_mvc(s, profile_id, &out->mvc, &out->n_mvc)) {
        free(list);
        report_free(out);
        return fail(s, err, cap);
    }
    out->sessions = n ? xcalloc(n, sizeof *out->sessions) : NULL;
    out->n_sessions = n;
    for (size_t i = 0; i < n; i++) {
        ReportSession *r = &out->sessions[i];
        r->s = list[i];
        r->practice = list[i].source == STORE_PRACTICE;
        r->first_set = out->n_sets;
        for (size_t k = 0; k < out->n_sets; k++) {
            if (out->sets[k].set.session_id != r->s.id)
                continue;
            if (r->n_sets == 0)
                r->first_set = k;
            r->n_sets++;
        }
        if (r->practice)
            out->n_practice++;
        else
            out->n_live++;
        if (r->s.supervised)
            out->n_supervised++;
    }
    free(list);
    for (size_t i = 0; i < n; i++)
        derive_session(out, &out->sessions[i]);
    /* The zone of a session is the one in the latest decision about it (a next-morning answer
     * turns PENDING into GREEN, AMBER or RED). */
    for (size_t i = 0; i < out->n_decisions; i++) {
        const ReportSession *r = report_decision_session(out, &out->decisions[i]);
        if (r && out->decisions[i].decision.zone[0]) {
            ReportSession *w = &out->sessions[r - out->sessions];
            str_copy(w->zone, sizeof w->zone, out->decisions[i].decision.zone);
        }
    }
    return true;
}

void report_free(ReportData *d)
{
    free(d->sessions);
    free(d->sets);
    free(d->pain);
    free(d->decisions);
    free(d->mvc);
    memset(d, 0, sizeof *d);
}
