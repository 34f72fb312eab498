/* clinic/patients: the clinic's patient list — each patient's level and cap, their latest
 * session and the latest decision with its zone and next level. */
#include <stdlib.h>
#include <string.h>

#include "clinic/clinic.h"
#include "clinic/clinic_internal.h"
#include "core/alloc.h"
#include "core/str.h"
#include "rehab/history.h"

long clinic_day_number(const char *date)
{
    SessionRecord r;
    memset(&r, 0, sizeof r);
    return date && date[0] && history_parse_date(date, &r) ? r.day_number : -1;
}

int clinic_days_between(const char *date, long today)
{
    long d = clinic_day_number(date);
    return d >= 0 && today >= 0 ? (int)(today - d) : -1;
}

static bool fill(Store *s, ClinicPatient *c, long today)
{
    StoreSession *sess = NULL;
    size_t n = 0;
    if (!store_session_list(s, c->profile.id, &sess, &n))
        return false;
    if (n)
        str_copy(c->last_session, sizeof c->last_session, sess[n - 1].date);
    c->days_since = clinic_days_between(c->last_session, today);
    free(sess);
    StoreDecision dec;
    bool found;
    if (!store_decision_latest(s, c->profile.id, &dec, &found))
        return false;
    if (found) {
        str_copy(c->zone, sizeof c->zone, dec.zone);
        str_copy(c->decision, sizeof c->decision, dec.decision);
        str_copy(c->next_level, sizeof c->next_level, dec.to_level);
    }
    return true;
}

bool clinic_patients(Store *s, bool include_archived, const char *today, ClinicPatient **out,
                     size_t *n)
{
    *out = NULL;
    *n = 0;
    StoreProfile *list = NULL;
    size_t count = 0;
    if (!store_profile_list(s, &list, &count))
        return false;
    ClinicPatient *rows = count ? xcalloc(count, sizeof *rows) : NULL;
    long t = clinic_day_number(today);
    size_t k = 0;
    for (size_t i = 0; i < count; i++) {
        if (list[i].archived && !include_archived)
            continue;
        rows[k].profile = list[i];
        if (!fill(s, &rows[k], t)) {
            free(rows);
            free(list);
            return false;
        }
        k++;
    }
    free(list);
    *out = rows;
    *n = k;
    return true;
}
