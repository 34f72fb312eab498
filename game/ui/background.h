/* ui/background: one piece of slow work (the network) on a thread of its own, so the screen
 * stays live. The starter and the thread share the job; whoever lets go last frees it, so a
 * scene may leave before the work ends. The work must not touch the Play or its store
 * connection (open another one if it needs the database). */
#pragma once
#include <stdbool.h>
#include <stddef.h>

typedef struct BgJob BgJob;

/* Runs work(data) on a new thread; data (malloc'd) holds the work's input and result, and the
 * last owner frees it with free_data (NULL: free()). NULL + *why when no thread could be
 * started (data freed). */
BgJob *bg_start(const char *name, bool (*work)(void *data), void *data,
                void (*free_data)(void *data), char *why, size_t why_cap);
/* True once the work has returned; *ok is what it returned, *data its data (still the job's:
 * valid until bg_release). */
bool bg_done(BgJob *j, bool *ok, void **data);
/* Lets go of j, finished or not (NULL is fine). */
void bg_release(BgJob *j);
