/* ui/game_sync: the game sends this computer's records to the clinic server by itself, so a
 * patient at home (or a busy clinic room) never has to run `bridgehold sync`. The work runs on
 * a thread with a store connection of its own; a server that cannot be reached costs nothing
 * but a calm line on the title screen — everything stays here and goes with the next sync. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "clinic/clinic.h"
#include "core/alloc.h"
#include "core/log.h"
#include "core/str.h"
#include "store/store.h"
#include "ui/background.h"
#include "ui/game.h"

typedef struct SyncJob {
    char dir[4096];
    char conninfo[STORE_SETTING_MAX];
    char msg[1024];
} SyncJob;

static bool sync_work(void *data)
{
    SyncJob *j = data;
    return clinic_sync_folder(j->dir, j->conninfo, j->msg, sizeof j->msg);
}

void game_sync_start(Game *g)
{
    Store *s = play_store(g->play);
    if (g->sync || !s)
        return;
    SyncJob *j = xcalloc(1, sizeof *j);
    if (!clinic_server_get(s, j->conninfo, sizeof j->conninfo) || !j->conninfo[0]) {
        free(j);
        return;
    }
    str_copy(j->dir, sizeof j->dir, store_dir(s));
    char why[200];
    g->sync = bg_start("clinic-sync", sync_work, j, NULL, why, sizeof why);
    if (!g->sync)
        log_warn("ui", "no sync with the clinic server: %s", why);
}

void game_sync_poll(Game *g)
{
    bool ok;
    void *data;
    if (!bg_done(g->sync, &ok, &data))
        return;
    const SyncJob *j = data;
    if (ok) {
        time_t now = time(NULL);
        struct tm tm;
        char hhmm[8] = "";
        if (localtime_r(&now, &tm))
            strftime(hhmm, sizeof hhmm, "%H:%M", &tm);
        snprintf(g->sync_note, sizeof g->sync_note, "Sent to the clinic server at %s.", hhmm);
        g->sync_warn = false;
    } else {
        /* the patient needs to know only that nothing is lost; the log has the details */
        log_warn("ui", "sync with the clinic server failed: %s", j->msg);
        snprintf(g->sync_note, sizeof g->sync_note,
                 "The clinic server could not be reached. Your sessions are kept here and sent "
                 "next time.");
        g->sync_warn = true;
    }
    bg_release(g->sync);
    g->sync = NULL;
}
