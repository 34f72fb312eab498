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

static int by_name(const void *a, const void *b)
{
    const ClinicPatient *x = a, *y = b;
    int c = strcmp(x->profile.name, y->profile.name);
    return c ? c : strcmp(x->profile.uid, y->profile.uid);
}

static bool on_server(const ClinicServerList *l, size_t n_server, const char *uid)
{
    for (size_t i = 0; i < n_server; i++) {
        if (strcmp(l->rows[i].profile.uid, uid) == 0)
            return true;
    }
    return false;
}

bool clinic_patients_merge_local(Store *s, ClinicServerList *l, const ClinicPatient *local,
                                 size_t n_local)
{
    for (size_t i = 0; i < l->n; i++) {
        ClinicPatient *p = &l->rows[i];
        p->profile.id = 0;
        if (p->profile.uid[0] && !store_profile_find_uid(s, p->profile.uid, &p->profile.id))
            return false;
    }
    size_t n_server = l->n;
    for (size_t i = 0; i < n_local; i++) {
        if (on_server(l, n_server, local[i].profile.uid))
            continue;
        l->rows = xrealloc(l->rows, (l->n + 1) * sizeof *l->rows);
        l->rows[l->n++] = local[i];
    }
    if (l->n > n_server)
        qsort(l->rows, l->n, sizeof *l->rows, by_name);
    return true;
}
