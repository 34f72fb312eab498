/* clinic/bundle: one patient's whole record as one versioned JSON file, to carry between a home
 * machine and the clinic (docs/DESIGN-NOTES.md "Bundles"). Everything is keyed by stable uids,
 * so importing merges: twice is the same as once, nothing is duplicated, and a prescription
 * merges by its time (the later change wins). The clinician PIN's hash never goes in a bundle.
 *
 * Format: {"format":"bridgehold-bundle","version":1,"schema":N,"exported":"…Z",
 *   "profile":{uid,name,affected_side,body_mass_kg,start_date,level,created,archived,
 *              level_changed},
 *   "prescription":null|{uid,start_level,level_cap,overrides,sets,hold_s,rest_s,updated,
 *                        updated_by},
 *   "mvc_tests":[…],"sessions":[…],"sets":[…],"pain_entries":[…],"decisions":[…],
 *   "audit_log":[…]}
 * Each record holds exactly the columns of store_record_tables() (null = none); a set's trace is
 * base64 of the stored float32 blob (store.h); a session reference is the session's uid. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"

#define BUNDLE_FORMAT "bridgehold-bundle"
#define BUNDLE_VERSION 1
#define BUNDLE_MAX_BYTES ((size_t)1 << 30) /* 1 GiB: far above a year of traces */

typedef enum BundleStatus {
    BUNDLE_OK,
    BUNDLE_BAD_FILE, /* unreadable, malformed, truncated, newer, or does not fit this store */
    BUNDLE_FAILED,   /* the store or the disk failed */
} BundleStatus;

/* What an import added (records already here are counted as skipped). */
typedef struct BundleImportCounts {
    char profile[STORE_NAME_MAX];
    bool profile_created;
    size_t added, skipped;
    bool prescription_changed;
    bool level_changed;
} BundleImportCounts;

/* Writes the profile's bundle to path: a temporary file beside it (mode 0600), flushed and
 * fsync'd, then renamed over path. msg says what went wrong. */
BundleStatus bundle_export(Store *s, int64_t profile_id, const char *path, char *msg, size_t cap);
/* Reads, checks everything, then merges in one transaction; on any problem nothing changes.
 * Messages for a bad file read "PATH:LINE: what is wrong". */
BundleStatus bundle_import(Store *s, const char *path, BundleImportCounts *counts, char *msg,
                           size_t cap);

/* The checking half of bundle_import, on text already read (name for messages): true when the
 * text is a bundle this version can merge. For the fuzz target and tests; touches no store. */
bool bundle_check_text(const char *name, const char *text, size_t len, char *msg, size_t cap);

/* Base64 (RFC 4648, with padding). bundle_b64_decode: false on anything not canonical base64;
 * *out malloc'd (NULL when empty). */
void bundle_b64_encode(const unsigned char *data, size_t n, char **out);
bool bundle_b64_decode(const char *text, size_t len, unsigned char **out, size_t *n);
