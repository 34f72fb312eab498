/* clinic/clinic: the clinician's side of Bridgehold without a screen — the clinician PIN
 * (Argon2id via libsodium, wrong attempts slowed across restarts), prescriptions checked against
 * the ladder and the rules, and the patient list. Links core, store, rehab and libsodium only.
 *
 * Every function that needs the PIN takes an already checked one: the caller (the CLI, the
 * in-game PIN prompt) calls clinic_pin_check first and stops on anything but CLINIC_PIN_OK. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rehab/level.h"
#include "rehab/rules.h"
#include "store/store.h"

#define CLINIC_PIN_MIN_CHARS 6   /* issue 9: "a PIN or passphrase of at least 6 characters" */
#define CLINIC_PIN_MAX_BYTES 128 /* a passphrase, not an essay: bounds the hashing input */
#define CLINIC_MAX_DELAY_MS 30000

typedef enum ClinicPinResult {
    CLINIC_PIN_OK,
    CLINIC_PIN_NOT_SET, /* no PIN in this data folder yet */
    CLINIC_PIN_WRONG,   /* counted; the next attempt waits longer */
    CLINIC_PIN_WAIT,    /* refused unchecked: too soon after a wrong one */
    CLINIC_PIN_ERROR,   /* the store failed (message says why) */
} ClinicPinResult;

/* The wait after n consecutive wrong attempts: min(2^(n-1) s, 30 s); 0 for n <= 0. Doubling
 * keeps a mistyped PIN cheap (1 s, 2 s) while online guessing of a 6-digit PIN takes years. */
int64_t clinic_pin_delay_ms(int failures);
/* Unix milliseconds now (the wall clock: the counter must survive a reboot). */
int64_t clinic_now_ms(void);

/* Whether pin is acceptable as a new PIN (6+ characters, at most 128 bytes, no control
 * characters); a message saying what is wrong when not. */
bool clinic_pin_acceptable(const char *pin, char *msg, size_t cap);
/* True when a PIN is set (false + store error on failure: check store_errkind). */
bool clinic_pin_is_set(Store *s, bool *set);
/* Checks pin at now_ms (clinic_now_ms() outside tests). CLINIC_PIN_WRONG and CLINIC_PIN_WAIT set
 * *wait_ms to the time before the next attempt is allowed. msg says what to do. */
ClinicPinResult clinic_pin_check(Store *s, const char *pin, int64_t now_ms, int64_t *wait_ms,
                                 char *msg, size_t cap);
/* Hashes and stores a new PIN under the clinician's name (the caller checked the old one). */
bool clinic_pin_set(Store *s, const char *name, const char *pin, char *msg, size_t cap);
/* The Argon2id cost of a new hash. The check reads the cost from the stored hash, so a cheap
 * hash only ever comes from a test that asked for one (it keeps the suite fast). */
typedef enum ClinicPinCost { CLINIC_PIN_COST_INTERACTIVE, CLINIC_PIN_COST_TEST_MINIMUM } ClinicPinCost;
bool clinic_pin_set_cost(Store *s, const char *name, const char *pin, ClinicPinCost cost,
                         char *msg, size_t cap);

/* A clinician's change to one patient's prescription. NULL / has_ false = leave as it is. */
typedef struct ClinicChange {
    const char *level;         /* the starting level; also moves the patient to it */
    const char *cap;           /* the highest level; "none" or "" removes the cap */
    bool has_sets, has_hold, has_rest;
    int sets;                  /* 1..20; 0 = back to the level's own */
    double hold_s, rest_s;     /* NAN = back to the level's own */
    const char *const *rules;  /* "key=value" overrides of rules.ini; "key=" removes one */
    size_t n_rules;
} ClinicChange;

/* Applies the change in one transaction: the prescription (audited with before, after and
 * reason) and, with a level or a cap below the current level, the patient's current level.
 * Levels must be in the ladder (cap not below the start level); rule keys and values are
 * checked as a level's [unlock] is, and against base (the ladder's rules). False + msg (and
 * *usage true when the request itself is wrong, false when the store failed). */
bool clinic_prescribe(Store *s, const Ladder *ladder, const Rules *base, int64_t profile_id,
                      const ClinicChange *c, const char *clinician, const char *reason,
                      char *msg, size_t cap, bool *usage);

/* One row of the patient list. */
typedef struct ClinicPatient {
    StoreProfile profile;         /* name, level, level_cap, archived */
    char last_session[11];        /* date of the latest session, "" = none */
    int days_since;               /* days from last_session to today, -1 = no session */
    char zone[16];                /* of the latest decision, "" = none */
    char decision[24];
    char next_level[STORE_LEVEL_MAX];
} ClinicPatient;

/* Every patient by name (archived ones only when include_archived); today = YYYY-MM-DD for
 * days_since. *out malloc'd. */
bool clinic_patients(Store *s, bool include_archived, const char *today, ClinicPatient **out,
                     size_t *n);

/* ---- the clinic server (sync/): the shared list every workstation reports to ---- */

#define CLINIC_SERVER_SETTING "clinic_server" /* store setting: this machine's server, if any */

/* The configured clinic server's connection string ("" = none). */
bool clinic_server_get(Store *s, char *conninfo, size_t cap);
/* Configures the clinic server (NULL or "" = none) after checking the string parses as a libpq
 * connection string without a password; audited under the clinician's name. False + msg
 * (*usage: the string is wrong). */
bool clinic_server_set(Store *s, const char *conninfo, const char *clinician, char *msg,
                       size_t cap, bool *usage);

typedef struct ClinicServerList {
    ClinicPatient *rows;  /* malloc'd; profile.id 0 (see clinic_patients_match_local) */
    size_t n;
    char where[300];      /* "the clinic server user@host/db" once connected */
    char msg[1024];       /* why it failed */
    bool usage;           /* the connection string itself is wrong */
} ClinicServerList;

/* The shared list from the server at conninfo (passwords only through libpq's .pgpass or a
 * service file): every patient the clinic's role can see, from every workstation, in the rows
 * clinic_patients gives. Needs no Store, so it may run off the UI thread. False + out->msg. */
bool clinic_server_patients(const char *conninfo, bool include_archived, const char *today,
                            ClinicServerList *out);
void clinic_server_list_free(ClinicServerList *l);
/* Joins this machine's list (clinic_patients) into the server's: each server row gets the id of
 * this machine's profile with the same uid (0: kept only on other workstations), and a local
 * patient the server does not have yet (not synced since it was made) is added, so the list
 * never loses one of this computer's patients. The rows stay in name order. */
bool clinic_patients_merge_local(Store *s, ClinicServerList *l, const ClinicPatient *local,
                                 size_t n_local);

/* One whole sync (`bridgehold sync`) of the data folder dir with the server at conninfo, on a
 * store connection of its own (so it may run beside the game's). False + msg. */
bool clinic_sync_folder(const char *dir, const char *conninfo, char *msg, size_t cap);
