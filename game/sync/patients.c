/* sync/patients: the clinic's shared patient list, read from the server — every patient any of
 * the clinic's workstations has sent, with the latest session and decision. Row-level security
 * limits it to the connected clinic's rows; nothing here filters by clinic itself. Archived
 * patients are left out, as on the workstation's own list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync/sync_internal.h"

/* The latest session by date then start; the latest decision by time (then uid, so two
 * decisions in the same second give one stable answer). */
#define PATIENTS_SQL                                                                           \
    "SELECT p.name, p.current_level, rx.level_cap, s.date, d.zone, d.decision, d.to_level"     \
    " FROM bridgehold.profiles p"                                                              \
    " LEFT JOIN bridgehold.prescriptions rx ON rx.profile_uid = p.uid"                         \
    " LEFT JOIN LATERAL (SELECT date FROM bridgehold.sessions x WHERE x.profile_uid = p.uid"   \
    "  ORDER BY x.date DESC, x.started DESC, x.uid DESC LIMIT 1) s ON true"                    \
    " LEFT JOIN LATERAL (SELECT zone, decision, to_level FROM bridgehold.decisions y"          \
    "  WHERE y.profile_uid = p.uid ORDER BY y.time DESC, y.uid DESC LIMIT 1) d ON true"        \
    " WHERE p.archived = 0 ORDER BY p.name, p.uid"

static void json_text_or_null(StrBuf *b, PGresult *res, int r, int col)
{
    if (PQgetisnull(res, r, col) || !PQgetvalue(res, r, col)[0])
        strbuf_append(b, "null");
    else
        strbuf_append_json_string(b, PQgetvalue(res, r, col));
}

bool sync_patients_json(SyncConn *c, StrBuf *out, SyncError *err)
{
    PGresult *res = PQexec(c->pg, PATIENTS_SQL);
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        return sync_fail_pg(c, res, "reading the patient list", err);
    static const char *const KEYS[] = {"name", "level", "cap", "last_session",
                                       "zone", "decision", "next_level"};
    strbuf_append(out, "[");
    for (int r = 0; r < PQntuples(res); r++) {
        strbuf_append(out, r ? ",{" : "{");
        for (int k = 0; k < 7; k++) {
            strbuf_appendf(out, "%s\"%s\":", k ? "," : "", KEYS[k]);
            json_text_or_null(out, res, r, k);
        }
        strbuf_append(out, "}");
    }
    strbuf_append(out, "]\n");
    PQclear(res);
    return true;
}
