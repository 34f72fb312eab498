/* ui/clinic_fetch: the clinic server's patient list read on a thread of its own, so the screen
 * stays live while libpq connects (up to its connect_timeout when the server is away). The
 * scene polls; a scene that goes away first just lets go, and the thread frees what is left. */
#pragma once
#include <stdbool.h>

#include "clinic/clinic.h"

typedef struct ClinicFetch ClinicFetch;

/* Starts reading the list at conninfo (archived patients too when include_archived). NULL when
 * no thread could be started (then *why says so). */
ClinicFetch *clinic_fetch_start(const char *conninfo, bool include_archived, const char *today,
                                char *why, size_t why_cap);
/* True once the read has finished; *out then holds its result (the rows now the caller's). */
bool clinic_fetch_done(ClinicFetch *f, ClinicServerList *out, bool *ok);
/* Lets go of f, finished or not (NULL is fine). */
void clinic_fetch_release(ClinicFetch *f);
