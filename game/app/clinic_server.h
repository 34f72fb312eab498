/* app/clinic_server: `bridgehold clinic patients --server CONNINFO` — the clinic's shared patient
 * list read from the clinic server (game/sync) in the same rows as the local list. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "clinic/clinic.h"

/* Connects to conninfo (passwords only through libpq's .pgpass / service file) and reads every
 * patient this clinic's role can see (archived ones only when all); days_since from today
 * (YYYY-MM-DD). *where names the server for messages. Returns the exit code: 0, 1 (server down
 * or failing, a message printed) or 2 (a bad connection string). */
int clinic_server_patients(const char *conninfo, bool all, const char *today,
                           ClinicPatient **out, size_t *n, char *where, size_t where_cap);
