/* clinic/server: the clinic server as the clinic sees it — which server this workstation uses
 * (a store setting) and the shared patient list read from it through sync/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinic/clinic.h"
#include "clinic/clinic_internal.h"
#include "core/alloc.h"
#include "core/str.h"
#include "sync/sync.h"

bool clinic_server_get(Store *s, char *conninfo, size_t cap)
{
    bool found;
    return store_setting_get(s, CLINIC_SERVER_SETTING, conninfo, cap, &found);
}

bool clinic_server_set(Store *s, const char *conninfo, const char *clinician, char *msg,
                       size_t cap, bool *usage)
{
    *usage = false;
    bool none = !conninfo || !conninfo[0];
    SyncError err = {0};
    if (!none && !sync_conninfo_check(conninfo, &err)) {
        snprintf(msg, cap, "%s", err.msg);
        *usage = true;
        return false;
    }
    if (!store_setting_set(s, CLINIC_SERVER_SETTING, none ? NULL : conninfo, clinician)) {
        snprintf(msg, cap, "%s", store_errmsg(s));
        *usage = store_errkind(s) == STORE_E_INVALID;
        return false;
    }
    return true;
}

bool clinic_server_patients(const char *conninfo, bool include_archived, const char *today,
                            ClinicServerList *out)
{
    memset(out, 0, sizeof *out);
    SyncError err = {0};
    SyncConn *c = sync_connect(conninfo, &err);
    SyncPatient *rows = NULL;
    size_t count = 0;
    bool ok = c && sync_server_ready(c, &err) &&
              sync_patients(c, include_archived, &rows, &count, &err);
    if (c)
        snprintf(out->where, sizeof out->where, "the clinic server %s", sync_describe(c));
    sync_disconnect(c);
    if (!ok) {
        snprintf(out->msg, sizeof out->msg, "%s", err.msg);
        out->usage = err.kind == SYNC_E_USAGE;
        return false;
    }
    out->rows = count ? xcalloc(count, sizeof *out->rows) : NULL;
    out->n = count;
    long t = clinic_day_number(today);
    for (size_t i = 0; i < count; i++) {
        ClinicPatient *p = &out->rows[i];
        const SyncPatient *r = &rows[i];
        str_copy(p->profile.name, sizeof p->profile.name, r->name);
        str_copy(p->profile.level, sizeof p->profile.level, r->level);
        str_copy(p->profile.level_cap, sizeof p->profile.level_cap, r->cap);
        str_copy(p->profile.uid, sizeof p->profile.uid, r->uid);
        p->profile.archived = r->archived;
        str_copy(p->last_session, sizeof p->last_session, r->last_session);
        p->days_since = clinic_days_between(r->last_session, t);
        str_copy(p->zone, sizeof p->zone, r->zone);
        str_copy(p->decision, sizeof p->decision, r->decision);
        str_copy(p->next_level, sizeof p->next_level, r->next_level);
    }
    free(rows);
    return true;
}

void clinic_server_list_free(ClinicServerList *l)
{
    free(l->rows);
    l->rows = NULL;
    l->n = 0;
}

bool clinic_sync_folder(const char *dir, const char *conninfo, char *msg, size_t cap)
{
    StoreError serr = {0};
    Store *s = store_open_existing(dir, &serr);
    if (!s) {
        snprintf(msg, cap, "%s", serr.msg);
        return false;
    }
    SyncError err = {0};
    SyncReport rep;
    SyncConn *c = sync_connect(conninfo, &err);
    bool ok = c && sync_server_ready(c, &err) && sync_run(c, s, 0, &rep, &err);
    if (!ok)
        snprintf(msg, cap, "%s", err.msg);
    sync_disconnect(c);
    store_close(s);
    return ok;
}

bool clinic_patients_match_local(Store *s, ClinicPatient *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        rows[i].profile.id = 0;
        if (rows[i].profile.uid[0] && !store_profile_find_uid(s, rows[i].profile.uid,
                                                              &rows[i].profile.id))
            return false;
    }
    return true;
}
