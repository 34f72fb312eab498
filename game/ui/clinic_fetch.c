/* ui/clinic_fetch: see clinic_fetch.h. Two owners share one block — the scene and the thread —
 * counted with an atomic; whoever lets go last frees it. */
#include "ui/clinic_fetch.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/alloc.h"
#include "core/str.h"

struct ClinicFetch {
    SDL_atomic_t refs;
    SDL_atomic_t done;
    char conninfo[STORE_SETTING_MAX];
    char today[11];
    bool include_archived;
    bool ok, taken;
    ClinicServerList list;
};

static void unref(ClinicFetch *f)
{
    if (SDL_AtomicAdd(&f->refs, -1) != 1)
        return;
    if (!f->taken)
        clinic_server_list_free(&f->list);
    free(f);
}

static int run(void *arg)
{
    ClinicFetch *f = arg;
    f->ok = clinic_server_patients(f->conninfo, f->include_archived, f->today, &f->list);
    SDL_AtomicSet(&f->done, 1); /* a full barrier: the result is visible before the flag */
    unref(f);
    return 0;
}

ClinicFetch *clinic_fetch_start(const char *conninfo, bool include_archived, const char *today,
                                char *why, size_t why_cap)
{
    ClinicFetch *f = xcalloc(1, sizeof *f);
    str_copy(f->conninfo, sizeof f->conninfo, conninfo);
    str_copy(f->today, sizeof f->today, today);
    f->include_archived = include_archived;
    SDL_AtomicSet(&f->refs, 2);
    SDL_Thread *t = SDL_CreateThread(run, "clinic-list", f);
    if (!t) {
        snprintf(why, why_cap, "the clinic server's list could not be read (%s)", SDL_GetError());
        free(f);
        return NULL;
    }
    SDL_DetachThread(t);
    return f;
}

bool clinic_fetch_done(ClinicFetch *f, ClinicServerList *out, bool *ok)
{
    if (!f || f->taken || !SDL_AtomicGet(&f->done))
        return false;
    *out = f->list;
    *ok = f->ok;
    f->taken = true;
    return true;
}

void clinic_fetch_release(ClinicFetch *f)
{
    if (f)
        unref(f);
}
