/* sync/pull: prescriptions changed elsewhere (another workstation's sync, or a clinician on the
 * server itself) come back to this machine through store_prescription_merge, which keeps the
 * later change (ties: the larger uid) and audits what it changed. Only prescriptions of patients
 * this machine has are merged: a workstation does not take in another's patients. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "sync/sync_internal.h"

#define PULL_SQL                                                                               \
    "SELECT uid, profile_uid, start_level, level_cap, overrides, sets, hold_s, rest_s,"        \
    " updated, updated_by FROM bridgehold.prescriptions"

/* The local id of the profile with this uid; 0 when this machine does not have it. */
static int64_t local_profile(const StoreRows *profiles, const char *uid)
{
    for (size_t r = 0; r < profiles->nrows; r++) {
        const StoreCell *c = &profiles->cells[r * profiles->ncols];
        if (c->kind == STORE_CELL_TEXT && strcmp(c->text, uid) == 0)
            return profiles->ids[r];
    }
    return 0;
}

/* Fills p from server row r; false with a reason when a value does not fit the store. */
static bool read_prescription(PGresult *res, int r, StorePrescription *p, const char **bad)
{
    memset(p, 0, sizeof *p);
    p->hold_s = p->rest_s = NAN;
    *bad = NULL;
    if (!str_copy(p->uid, sizeof p->uid, PQgetvalue(res, r, 0)))
        *bad = "uid";
    if (!str_copy(p->start_level, sizeof p->start_level, PQgetvalue(res, r, 2)))
        *bad = "start_level";
    if (!str_copy(p->level_cap, sizeof p->level_cap, PQgetvalue(res, r, 3)))
        *bad = "level_cap";
    if (!str_copy(p->overrides, sizeof p->overrides, PQgetvalue(res, r, 4)))
        *bad = "overrides";
    long sets = 0;
    if (!PQgetisnull(res, r, 5) && !str_to_long(PQgetvalue(res, r, 5), 1, 1000, &sets))
        *bad = "sets";
    p->sets = (int)sets;
    if (!PQgetisnull(res, r, 6) && !str_to_double(PQgetvalue(res, r, 6), &p->hold_s))
        *bad = "hold_s";
    if (!PQgetisnull(res, r, 7) && !str_to_double(PQgetvalue(res, r, 7), &p->rest_s))
        *bad = "rest_s";
    long long updated = 0;
    char *end = NULL;
    updated = strtoll(PQgetvalue(res, r, 8), &end, 10);
    if (!end || *end || updated <= 0)
        *bad = "updated";
    p->updated = (int64_t)updated;
    if (!str_copy(p->updated_by, sizeof p->updated_by, PQgetvalue(res, r, 9)))
        *bad = "updated_by";
    return *bad == NULL;
}

bool sync_pull_prescriptions(SyncConn *c, Store *s, size_t *changed, SyncError *err)
{
    *changed = 0;
    StoreRows profiles;
    if (!store_rows_read(s, STORE_TABLE_PROFILES, 0, INT64_MAX, SIZE_MAX, &profiles)) {
        sync_err(err, SYNC_E_STORE, "%s", store_errmsg(s));
        return false;
    }
    if (profiles.nrows == 0) {
        store_rows_free(&profiles);
        return true;
    }
    PGresult *res = PQexec(c->pg, PULL_SQL);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        store_rows_free(&profiles);
        return sync_fail_pg(c, res, "reading the prescriptions", err);
    }
    bool ok = true;
    for (int r = 0; ok && r < PQntuples(res); r++) {
        int64_t id = local_profile(&profiles, PQgetvalue(res, r, 1));
        if (id == 0)
            continue;
        StorePrescription p;
        const char *bad = NULL;
        if (!read_prescription(res, r, &p, &bad)) {
            /* A row someone typed in by hand may be wrong; it must not stop this machine's
             * records from going up. It stays on the server, named, until it is fixed. */
            log_warn("sync", "the clinic server's prescription %s has an unusable %s; it was "
                     "not taken in", PQgetvalue(res, r, 0), bad);
            continue;
        }
        p.profile_id = id;
        bool ch = false;
        if (!store_prescription_merge(s, &p, &ch)) {
            if (store_errkind(s) == STORE_E_INVALID) {
                log_warn("sync", "the clinic server's prescription %s was not taken in: %s",
                         p.uid, store_errmsg(s));
                continue;
            }
            sync_err(err, SYNC_E_STORE, "%s", store_errmsg(s));
            ok = false;
            break;
        }
        if (ch)
            (*changed)++;
    }
    PQclear(res);
    store_rows_free(&profiles);
    return ok;
}
