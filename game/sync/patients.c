/* sync/patients: the clinic's shared patient list, read from the server — every patient any of
 * the clinic's workstations has sent, with the latest session and decision. Row-level security
 * limits it to the connected clinic's rows; nothing here filters by clinic itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "sync/sync_internal.h"

/* The latest session by date then start; the latest decision by time (then uid, so two
 * decisions in the same second give one stable answer). */
#define PATIENTS_SQL                                                                           \
    "SELECT p.name, p.current_level, rx.level_cap, s.date, d.zone, d.decision, d.to_level,"    \
    " p.archived, p.uid"                                                                       \
    " FROM bridgehold.profiles p"                                                              \
    " LEFT JOIN bridgehold.prescriptions rx ON rx.profile_uid = p.uid"                         \
    " LEFT JOIN LATERAL (SELECT date FROM bridgehold.sessions x WHERE x.profile_uid = p.uid"   \
    "  ORDER BY x.date DESC, x.started DESC, x.uid DESC LIMIT 1) s ON true"                    \
    " LEFT JOIN LATERAL (SELECT zone, decision, to_level FROM bridgehold.decisions y"          \
    "  WHERE y.profile_uid = p.uid ORDER BY y.time DESC, y.uid DESC LIMIT 1) d ON true"        \
    " WHERE $1 OR p.archived = 0 ORDER BY p.name, p.uid"

static void text(PGresult *res, int r, int col, char *dst, size_t cap)
{
    snprintf(dst, cap, "%s", PQgetisnull(res, r, col) ? "" : PQgetvalue(res, r, col));
}

bool sync_patients(SyncConn *c, bool include_archived, SyncPatient **out, size_t *n,
                   SyncError *err)
{
    *out = NULL;
    *n = 0;
    const char *arg = include_archived ? "true" : "false";
    PGresult *res = PQexecParams(c->pg, PATIENTS_SQL, 1, NULL, &arg, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        return sync_fail_pg(c, res, "reading the patient list", err);
    int rows = PQntuples(res);
    SyncPatient *list = rows ? xcalloc((size_t)rows, sizeof *list) : NULL;
    for (int r = 0; r < rows; r++) {
        SyncPatient *p = &list[r];
        text(res, r, 0, p->name, sizeof p->name);
        text(res, r, 1, p->level, sizeof p->level);
        text(res, r, 2, p->cap, sizeof p->cap);
        text(res, r, 3, p->last_session, sizeof p->last_session);
        text(res, r, 4, p->zone, sizeof p->zone);
        text(res, r, 5, p->decision, sizeof p->decision);
        text(res, r, 6, p->next_level, sizeof p->next_level);
        p->archived = strcmp(PQgetvalue(res, r, 7), "0") != 0;
        text(res, r, 8, p->uid, sizeof p->uid);
    }
    PQclear(res);
    *out = list;
    *n = (size_t)rows;
    return true;
}
