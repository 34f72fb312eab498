/* ui/background: see background.h. */
#include "ui/background.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/alloc.h"

struct BgJob {
    SDL_atomic_t refs; /* the starter and the thread */
    SDL_atomic_t done;
    bool (*work)(void *data);
    void (*free_data)(void *data);
    void *data;
    bool ok;
};

static void unref(BgJob *j)
{
    if (SDL_AtomicAdd(&j->refs, -1) != 1)
        return;
    j->free_data(j->data);
    free(j);
}

static int run(void *arg)
{
    BgJob *j = arg;
    j->ok = j->work(j->data);
    SDL_AtomicSet(&j->done, 1); /* a full barrier: the result is visible before the flag */
    unref(j);
    return 0;
}

BgJob *bg_start(const char *name, bool (*work)(void *data), void *data,
                void (*free_data)(void *data), char *why, size_t why_cap)
{
    BgJob *j = xcalloc(1, sizeof *j);
    j->work = work;
    j->free_data = free_data ? free_data : free;
    j->data = data;
    SDL_AtomicSet(&j->refs, 2);
    SDL_Thread *t = SDL_CreateThread(run, name, j);
    if (!t) {
        snprintf(why, why_cap, "no thread could be started (%s)", SDL_GetError());
        j->free_data(data);
        free(j);
        return NULL;
    }
    SDL_DetachThread(t);
    return j;
}

bool bg_done(BgJob *j, bool *ok, void **data)
{
    if (!j || !SDL_AtomicGet(&j->done))
        return false;
    *ok = j->ok;
    *data = j->data;
    return true;
}

void bg_release(BgJob *j)
{
    if (j)
        unref(j);
}
