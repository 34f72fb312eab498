/* app/clinic_server: the shared patient list from the clinic server, as ClinicPatient rows so
 * `clinic patients` prints it exactly as it prints the local one. */
#include "app/clinic_server.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/commands.h"
#include "core/alloc.h"
#include "core/str.h"
#include "rehab/history.h"
#include "sync/sync.h"

static long day_number(const char *date)
{
    SessionRecord r;
    memset(&r, 0, sizeof r);
    return date && date[0] && history_parse_date(date, &r) ? r.day_number : -1;
}

int clinic_server_patients(const char *conninfo, bool all, const char *today,
                           ClinicPatient **out, size_t *n, char *where, size_t where_cap)
{
    *out = NULL;
    *n = 0;
    SyncError err = {0};
    SyncConn *c = sync_connect(conninfo, &err);
    SyncPatient *rows = NULL;
    size_t count = 0;
    bool ok = c && sync_server_ready(c, &err) && sync_patients(c, all, &rows, &count, &err);
    if (c)
        snprintf(where, where_cap, "the clinic server %s", sync_describe(c));
    sync_disconnect(c);
    if (!ok) {
        fprintf(stderr, "bridgehold clinic: %s\n", err.msg);
        return err.kind == SYNC_E_USAGE ? EXIT_USAGE : EXIT_RUNTIME;
    }
    ClinicPatient *list = count ? xcalloc(count, sizeof *list) : NULL;
    long t = day_number(today);
    for (size_t i = 0; i < count; i++) {
        ClinicPatient *p = &list[i];
        const SyncPatient *r = &rows[i];
        str_copy(p->profile.name, sizeof p->profile.name, r->name);
        str_copy(p->profile.level, sizeof p->profile.level, r->level);
        str_copy(p->profile.level_cap, sizeof p->profile.level_cap, r->cap);
        p->profile.archived = r->archived;
        str_copy(p->last_session, sizeof p->last_session, r->last_session);
        long d = day_number(r->last_session);
        p->days_since = d >= 0 && t >= 0 ? (int)(t - d) : -1;
        str_copy(p->zone, sizeof p->zone, r->zone);
        str_copy(p->decision, sizeof p->decision, r->decision);
        str_copy(p->next_level, sizeof p->next_level, r->next_level);
    }
    free(rows);
    *out = list;
    *n = count;
    return EXIT_OK;
}
