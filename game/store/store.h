/* store/store: durable storage of everything a patient does — profiles, MVC tests, sessions, sets
 * (metrics and raw trace), pain answers, progression decisions and an audit log — in one SQLite
 * database per data directory (DIR/bridgehold.db, mode 0600, WAL, foreign keys on).
 *
 * Durability contract: every write function is one transaction, committed (synchronous=FULL)
 * before it returns true. store_set_commit() is called when a set ends, so killing the program at
 * any instant loses at most the set in progress. No function ever deletes, truncates or recreates
 * a database that failed to open: a damaged, newer, locked or read-only file is refused with a
 * message naming the file and what to do, and is left exactly as it was.
 *
 * A Store is one connection: use it from one thread at a time. Several processes may open the
 * same folder (WAL: readers never wait; a writer waits up to the busy timeout for another).
 *
 * Errors: functions return false (or NULL) and leave a message the user can act on in
 * store_errmsg() (or in the StoreError of store_open). Messages are full sentences without a
 * "bridgehold:" prefix.
 *
 * Units: newtons, seconds, percent; times are Unix seconds (UTC); dates are local YYYY-MM-DD.
 * Pain is NRS 0–10; sitting tolerance is minutes. NAN means "none / not answered" in doubles. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "rehab/history.h"

#define STORE_SCHEMA_VERSION 5      /* PRAGMA user_version this build writes (schema.c) */
#define STORE_DB_FILE "bridgehold.db"
#define STORE_DEFAULT_BUSY_MS 5000  /* how long to wait for another writer before giving up */
#define STORE_NAME_MAX 64           /* profile names: 1..63 bytes, no control characters */
#define STORE_LEVEL_MAX 16          /* level ids as in the ladder ("L01") */
#define STORE_TRACE_MAX_SAMPLES 2000000
#define STORE_UID_LEN 37           /* a v4 UUID, 36 characters + NUL */
#define STORE_NO_SET (-1)           /* StorePain.set_index when the entry is not about a set */

typedef enum StoreErrKind {
    STORE_OK = 0,
    STORE_E_INVALID,   /* a bad argument (message says which) */
    STORE_E_NOTFOUND,  /* no such profile / session / set */
    STORE_E_EXISTS,    /* a profile of that name, or that set of the session, already exists */
    STORE_E_BUSY,      /* another program held the database longer than the busy timeout */
    STORE_E_READONLY,  /* the file or its folder cannot be written */
    STORE_E_FULL,      /* the disk is full */
    STORE_E_CORRUPT,   /* damaged, or not a Bridgehold database */
    STORE_E_NEWER,     /* written by a newer Bridgehold (schema above STORE_SCHEMA_VERSION) */
    STORE_E_IO,        /* any other I/O or SQLite failure */
} StoreErrKind;

typedef struct StoreError {
    StoreErrKind kind;
    char msg[1024];
} StoreError;

typedef struct Store Store;

/* ---- the data directory and the database ---- */

/* The data directory: data_dir_arg (--data-dir) when non-empty, else $BRIDGEHOLD_DATA_DIR, else
 * $XDG_DATA_HOME/bridgehold (when absolute), else $HOME/.local/share/bridgehold. No creation. */
bool store_resolve_dir(const char *data_dir_arg, char *out, size_t cap, StoreError *err);
/* store_resolve_dir, then creates the folder (and missing parents) with mode 0700. */
bool store_default_dir(const char *data_dir_arg, char *out, size_t cap, StoreError *err);

/* Opens (creating when missing: the folder 0700, the file 0600) DIR/bridgehold.db for reading and
 * writing and brings its schema up to STORE_SCHEMA_VERSION. NULL + err on failure. */
Store *store_open(const char *dir, StoreError *err);
/* Like store_open, but never creates the folder or the file (for reports): a missing database is
 * an error saying where it looked. */
Store *store_open_existing(const char *dir, StoreError *err);
void store_close(Store *s);

const char *store_errmsg(const Store *s);
StoreErrKind store_errkind(const Store *s);
/* The database file's path ("DIR/bridgehold.db"), and its folder (DIR). */
const char *store_path(const Store *s);
const char *store_dir(const Store *s);
/* How long a write waits for another program's lock before failing with STORE_E_BUSY. */
void store_set_busy_timeout(Store *s, int ms);

/* Unix seconds now, and the local calendar date of a Unix time as YYYY-MM-DD. */
int64_t store_now(void);
void store_local_date(int64_t t, char out[11]);

/* ---- profiles ---- */

typedef enum StoreSide { STORE_SIDE_LEFT, STORE_SIDE_RIGHT, STORE_SIDE_BOTH } StoreSide;

typedef struct StoreProfile {
    int64_t id;                      /* set by store_profile_create */
    char name[STORE_NAME_MAX];
    StoreSide side;                  /* affected side */
    double body_mass_kg;             /* NAN when not given */
    char start_date[11];             /* YYYY-MM-DD; "" = the local date of `created` */
    char level[STORE_LEVEL_MAX];     /* current level; "" = "L01" */
    char level_cap[STORE_LEVEL_MAX]; /* highest level a clinician allows; "" = no cap. Read from
                                      * and written to the profile's prescription (schema 3+) */
    int64_t created;                 /* Unix s; 0 = now */
    char uid[STORE_UID_LEN];         /* stable id (read back; never input) */
    bool archived;                   /* hidden from the clinic's patient list (read back) */
} StoreProfile;

const char *store_side_name(StoreSide side); /* "left" | "right" | "both" */
bool store_side_parse(const char *name, StoreSide *out);

/* Creates a profile (audited); fills p->id and the defaults. STORE_E_EXISTS: the name is taken. */
bool store_profile_create(Store *s, StoreProfile *p);
/* *found = false (and true is returned) when there is no such profile. */
bool store_profile_get(Store *s, const char *name, StoreProfile *out, bool *found);
bool store_profile_get_by_id(Store *s, int64_t id, StoreProfile *out, bool *found);
/* Every profile, by name; *out is malloc'd (free()), NULL when there are none. */
bool store_profile_list(Store *s, StoreProfile **out, size_t *n);
/* Changes the current level / the cap ("" or NULL removes it); both write an audit entry naming
 * actor ("rules", "clinician", "patient"). The cap is the prescription's level_cap: this changes
 * that one field (creating the prescription when there is none) and stamps it updated now by
 * actor. A clinician's change goes through store_prescription_set (reason, PIN in clinic/). */
bool store_profile_set_level(Store *s, int64_t profile_id, const char *level, const char *actor);
bool store_profile_set_cap(Store *s, int64_t profile_id, const char *cap, const char *actor);

/* Archives (hides from the clinic's patient list) or restores a profile; audited ("archive" /
 * "unarchive", actor, reason). Nothing of the patient's record is removed. */
bool store_profile_set_archived(Store *s, int64_t profile_id, bool archived, const char *actor,
                                const char *reason);

/* ---- MVC tests ---- */

typedef struct StoreMvc {
    int64_t id;
    int64_t profile_id;
    char date[11];               /* "" = local date of time */
    char level[STORE_LEVEL_MAX]; /* the position tested, as the level id that uses it */
    double best_n;
    double cv_pct;               /* NAN when unknown */
    bool pain_limited;           /* the patient stopped below maximum because of pain */
    int64_t time;                /* 0 = now */
} StoreMvc;

bool store_mvc_add(Store *s, StoreMvc *m);
/* The latest MVC test of a profile, for one level's position (level NULL or "": any). */
bool store_mvc_latest(Store *s, int64_t profile_id, const char *level, StoreMvc *out, bool *found);

/* ---- sessions and sets ---- */

typedef enum StoreSessionStatus {
    STORE_SESSION_IN_PROGRESS,
    STORE_SESSION_FINISHED,
    STORE_SESSION_INTERRUPTED, /* stopped early, or found unfinished after a crash */
} StoreSessionStatus;

/* Where a session came from (ARCHITECTURE.md "provenance"). Only live sessions move a level. */
typedef enum StoreSource { STORE_LIVE, STORE_PRACTICE } StoreSource;
/* What produced it: a person, or (always practice) the simulator, a replayed trace, a raw
 * device capture, or an answers-file demo. */
typedef enum StoreOrigin {
    STORE_ORIGIN_PERSON,
    STORE_ORIGIN_SIM,
    STORE_ORIGIN_REPLAY,
    STORE_ORIGIN_CAPTURE,
    STORE_ORIGIN_DEMO,
} StoreOrigin;
/* What the input measured: force (newtons), pelvis angle, held time only (keyboard, trigger). */
typedef enum StoreMeasure {
    STORE_MEASURE_FORCE,
    STORE_MEASURE_ANGLE,
    STORE_MEASURE_SELF_TIMED,
    STORE_MEASURE_NONE,
} StoreMeasure;
/* Where the MVC a session used came from. */
typedef enum StoreMvcOrigin {
    STORE_MVC_NONE,      /* no MVC used (the level needs none) */
    STORE_MVC_TESTED,    /* the patient's strength test */
    STORE_MVC_CLINICIAN, /* a value a clinician entered */
    STORE_MVC_NOMINAL,   /* the practice-only nominal value */
} StoreMvcOrigin;

const char *store_source_name(StoreSource s);       /* "live" | "practice" */
const char *store_origin_name(StoreOrigin o);       /* "person" | "sim" | "replay" | ... */
const char *store_measure_name(StoreMeasure m);     /* "force" | "angle" | "self_timed" | ... */
const char *store_mvc_origin_name(StoreMvcOrigin o); /* "none" | "tested" | "clinician" | ... */

typedef struct StoreSession {
    int64_t id;
    char uid[STORE_UID_LEN]; /* stable id made where the session was (read back; never input) */
    int64_t profile_id;
    char level[STORE_LEVEL_MAX];
    int64_t started;    /* Unix s; 0 = now */
    int64_t ended;      /* 0 while in progress */
    char date[11];      /* local YYYY-MM-DD; "" = the local date of `started` */
    double quality_pct; /* NAN until finished (or when nothing was measured) */
    StoreSessionStatus status;
    bool supervised;    /* a clinic session (play --clinic) */
    /* provenance, written by store_session_begin */
    StoreSource source;
    StoreOrigin origin;
    StoreMeasure measure;
    char input_kind[32];   /* the --input backend ("scale", "sim", ...) */
    char device_name[96];  /* the device's own name, "" when none */
    char calibration[96];  /* what calibration it used, "" = none */
    double mvc_n;          /* the MVC its targets came from; NAN or <= 0 = none */
    StoreMvcOrigin mvc_origin;
    int sets_prescribed;   /* sets the level prescribed (0 = unknown, older sessions) */
} StoreSession;

const char *store_session_status_name(StoreSessionStatus st);

/* One sample of a set's raw trace (seconds on the session's sample clock, newtons). */
typedef struct StoreSample {
    double t_s;
    double force_n;
    double left_n, right_n; /* used when the set's trace_has_lr */
} StoreSample;

/* One finished set. The raw trace is stored compactly in sets.trace (see schema.c): little-endian
 * IEEE-754 float32 records, one per sample in time order, of (t − trace_t0_s, force_n) or, with
 * left/right channels, (t − trace_t0_s, force_n, left_n, right_n). */
typedef struct StoreSet {
    int64_t id;
    int64_t session_id;
    int index;               /* 1-based set number; 0 = the practice hold */
    double duration_s;
    double time_in_band_pct; /* NAN when nothing was measured (timed holds) */
    double mean_n, peak_n, cv_pct, drift_pct_per_10s;
    double left_pct;         /* NAN without left/right channels */
    double form_lost_s;      /* when form was lost; NAN when it was not */
    bool interrupted;        /* the sensor went away: kept, never counted as a failure */
    double target_n;         /* NAN for timed holds */
    double band_low_n, band_high_n;
    int reps_done;           /* tempo levels; 0 otherwise */
    /* What the device said during the set, for the record: its notices joined by "; " (a
     * scale over its limit, a stalled sensor), "" when none. */
    char notices[256];
    /* A clinician's or patient's note on the set, "" when none. */
    char note[256];
    /* the raw trace: input to store_set_commit; store_session_sets gives trace_n only */
    const StoreSample *trace;
    size_t trace_n;
    bool trace_has_lr;
} StoreSet;

/* Starts a session (status in_progress); fills sess->id and the defaults. Any older session of the
 * same profile still marked in_progress (a crash) becomes interrupted. */
bool store_session_begin(Store *s, StoreSession *sess);
/* Saves one finished set in its own transaction. STORE_E_EXISTS: that index is saved already. */
bool store_set_commit(Store *s, int64_t session_id, const StoreSet *set, int64_t *set_id);
/* Ends a session: status finished or interrupted, ended (0 = now), quality_pct (NAN = the mean
 * time in band of its uninterrupted measured sets, index >= 1). */
bool store_session_finish(Store *s, int64_t session_id, StoreSessionStatus status, int64_t ended,
                          double quality_pct);
bool store_session_get(Store *s, int64_t session_id, StoreSession *out, bool *found);
/* Every session of a profile in date order; *out malloc'd. */
bool store_session_list(Store *s, int64_t profile_id, StoreSession **out, size_t *n);
/* The sets of a session by index (trace NULL, trace_n = samples stored); *out malloc'd. */
bool store_session_sets(Store *s, int64_t session_id, StoreSet **out, size_t *n);
/* Decodes a set's trace; *out malloc'd (NULL when empty). */
bool store_set_trace(Store *s, int64_t set_id, StoreSample **out, size_t *n, bool *has_lr);

/* ---- pain ---- */

typedef enum StorePainKind {
    STORE_PAIN_BEFORE,            /* before the session (baseline) */
    STORE_PAIN_SET,               /* after a set (set_index says which) */
    STORE_PAIN_AFTER,             /* after the session */
    STORE_PAIN_NEXT_MORNING,      /* the next morning's load test, about session_id */
    STORE_PAIN_SITTING_TOLERANCE, /* minutes of sitting before sit-bone pain (weekly) */
} StorePainKind;

typedef struct StorePain {
    int64_t id;
    int64_t profile_id;
    int64_t session_id; /* 0 = none (only sitting tolerance may have none) */
    StorePainKind kind;
    int set_index;      /* STORE_PAIN_SET: the set (0 = practice); ignored (STORE_NO_SET) else */
    double value;       /* NRS 0–10, or minutes (0–1440) for sitting tolerance */
    int64_t time;       /* 0 = now */
} StorePain;

const char *store_pain_kind_name(StorePainKind k); /* "before", "set", ... "sitting_tolerance" */
bool store_pain_kind_parse(const char *name, StorePainKind *out);
bool store_pain_add(Store *s, StorePain *p);
/* The pain entries of a profile (session_id 0: all of them) in time order; *out malloc'd. */
bool store_pain_list(Store *s, int64_t profile_id, int64_t session_id, StorePain **out, size_t *n);

/* ---- progression decisions and the audit log ---- */

typedef enum StoreDecisionSource { STORE_BY_RULES, STORE_BY_CLINICIAN } StoreDecisionSource;

typedef struct StoreDecision {
    int64_t id;
    int64_t profile_id;
    char from_level[STORE_LEVEL_MAX];
    char to_level[STORE_LEVEL_MAX];
    char decision[24]; /* advance | repeat | regress | see_clinician | a clinician's word */
    char zone[16];     /* RED | GREEN | AMBER | PENDING, or "" */
    char reason[1024];
    StoreDecisionSource source;
    int64_t time;      /* 0 = now */
    int64_t session_id; /* the session it followed (0 = none; written, not read back) */
} StoreDecision;

bool store_decision_add(Store *s, StoreDecision *d);
/* A clinician overrides the rules (a supervised session): the decision (source clinician, its
 * reason), the patient's level set to d->to_level, and an audit entry ("override", before =
 * from_level, after = to_level, the reason) — all or nothing. The reason is required. */
bool store_decision_override(Store *s, StoreDecision *d, const char *clinician,
                             const char *reason);
/* A clinician's note on a saved set (NULL or "" removes it). */
bool store_set_note(Store *s, int64_t session_id, int set_index, const char *note);
bool store_decision_latest(Store *s, int64_t profile_id, StoreDecision *out, bool *found);
bool store_decision_list(Store *s, int64_t profile_id, StoreDecision **out, size_t *n);

/* Appends to the audit log (profile_id 0 = not about one profile; time 0 = now). */
bool store_audit_add(Store *s, int64_t profile_id, const char *actor, const char *action,
                     const char *detail, int64_t time);

typedef struct StoreAudit {
    int64_t time;            /* Unix s */
    char actor[STORE_NAME_MAX];
    char action[32];
    char detail[256];        /* "" = none */
    char before[1400];       /* readable text of what was there before; "" = none */
    char after[1400];
    char reason[512];        /* why (required for a clinician's change); "" = none */
    char uid[STORE_UID_LEN];
} StoreAudit;

/* The audit entries about a profile (profile_id 0: those about no profile) oldest first;
 * *out malloc'd (free()), NULL when there are none. Longer texts are cut to the fields' sizes. */
bool store_audit_list(Store *s, int64_t profile_id, StoreAudit **out, size_t *n);

/* ---- prescriptions (one per profile; the single truth for the level cap) ---- */

#define STORE_OVERRIDES_MAX 1024

typedef struct StorePrescription {
    int64_t profile_id;
    char uid[STORE_UID_LEN];
    char start_level[STORE_LEVEL_MAX]; /* "" = none */
    char level_cap[STORE_LEVEL_MAX];   /* "" = no cap */
    char overrides[STORE_OVERRIDES_MAX]; /* rules.ini-style "key = value" lines; "" = none */
    int sets;                          /* 0 = the level's own */
    double hold_s, rest_s;             /* NAN = the level's own */
    int64_t updated;                   /* Unix s of the last clinician change */
    char updated_by[STORE_NAME_MAX];   /* the clinician's name */
} StorePrescription;

/* A profile's prescription. *found false (and out cleared: no levels, sets 0, hold/rest NAN,
 * profile_id set) when it has none. */
bool store_prescription_get(Store *s, int64_t profile_id, StorePrescription *out, bool *found);
/* A clinician's change: one transaction that writes the row and an audit_log entry (actor =
   clinician name, action "prescribe", before and after as readable text, reason required).
   The row keeps its uid; `updated` becomes now (or one second past the previous change, so a
   later change always sorts later); p->uid and p->updated are not read. Level ids are checked
   for their form only: the caller checks them against the ladder. */
bool store_prescription_set(Store *s, const StorePrescription *p, const char *clinician,
                            const char *reason);
/* From another machine (bundle import, clinic server): the copy with the later `updated` wins
   (ties: the larger uid); *changed says whether this store changed; the losing and winning edits'
   audit entries are both kept (audit rows merge by uid). A change this makes is itself audited
   (action "prescription_merge", with before and after). p->uid must be a v4 UUID. */
bool store_prescription_merge(Store *s, const StorePrescription *p, bool *changed);
/* The prescription as one readable line ("start L02; cap L05; sets 3; hold 30 s; rest —;
 * rules: none"), as the audit log's before/after hold it. */
void store_prescription_describe(const StorePrescription *p, char *out, size_t cap);
/* True when text is a lower-case RFC 4122 version-4 UUID (36 characters). */
bool store_uid_valid(const char *text);

/* ---- the clinician's PIN (one per data folder; clinic/ hashes and checks it) ---- */

typedef struct StoreClinician {
    char name[STORE_NAME_MAX]; /* the clinic's or clinician's name, the default audit actor */
    char pin_hash[256];        /* libsodium crypto_pwhash_str output; never the PIN */
    int failures;              /* attempts since the last right one (the one being checked too) */
    int64_t last_attempt_ms;   /* Unix ms of the last attempt counted */
    int64_t updated;           /* Unix s the PIN was set */
} StoreClinician;

/* *found false when no PIN was ever set. */
bool store_clinician_get(Store *s, StoreClinician *out, bool *found);
/* Sets (or replaces) the name and PIN hash, clears the attempt counter, audited ("pin_set",
 * actor = name; the hash is not in the audit). */
bool store_clinician_set(Store *s, const char *name, const char *pin_hash);
/* Claims one PIN attempt in one transaction, so parallel processes cannot guess faster: with
 * failures n > 0 and now_ms < last_attempt_ms + delay_ms(n) it is refused (*allowed false,
 * *wait_ms how long until allowed, nothing written); otherwise it is counted first (failures
 * n + 1, last_attempt_ms now_ms) and allowed — store_clinician_attempt_ok clears it when the PIN
 * was right. STORE_E_NOTFOUND when no PIN is set. */
bool store_clinician_claim_attempt(Store *s, int64_t now_ms, int64_t (*delay_ms)(int failures),
                                   bool *allowed, int64_t *wait_ms);
bool store_clinician_attempt_ok(Store *s);
/* A wrong PIN: the wait runs from when its check ended (now_ms), not from when it began, so the
 * hashing time does not eat into it. */
bool store_clinician_attempt_failed(Store *s, int64_t now_ms);

/* ---- this machine's settings (schema 5) ----
 * Key/value text for one workstation: the sound settings and the clinic server's connection
 * string. They describe the machine, not a patient, so they are neither synced nor bundled. */

#define STORE_SETTING_MAX 512 /* bytes of a value, NUL included */

/* *found false (and out "") when the key was never set. */
bool store_setting_get(Store *s, const char *key, char *out, size_t cap, bool *found);
/* Sets a value (printable text, below STORE_SETTING_MAX bytes); NULL removes the key. With an
 * actor (a clinician's setting) the change is audited (action "setting", detail the key, before
 * and after) in the same transaction. */
bool store_setting_set(Store *s, const char *key, const char *value, const char *actor);

/* ---- records by stable id (bundles; the clinic server) ----
 * A patient's records as plain columns, keyed by uid, so another machine's copy merges without
 * duplicates: a record whose uid is already here is left as it is (records are made once, where
 * they happen). A session reference travels as the session's uid ("session"). */

typedef enum StoreColType {
    STORE_COL_INT,     /* an integer (JSON number without fraction) */
    STORE_COL_REAL,    /* a number */
    STORE_COL_TEXT,
    STORE_COL_BLOB,    /* bytes (sets.trace) */
    STORE_COL_SESSION, /* the uid of a session of the same patient (column session_id) */
} StoreColType;

typedef struct StoreColumn {
    const char *name;   /* as in the database and the bundle ("session" for session_id) */
    StoreColType type;
    bool required;      /* NOT NULL in the schema */
    const char *one_of; /* for a closed set of words: "a|b|c"; NULL = any */
} StoreColumn;

typedef struct StoreTable {
    const char *name;   /* the table, and the bundle's array of it */
    const StoreColumn *cols; /* cols[0] is always "uid" */
    size_t n_cols;
    bool has_profile;   /* rows carry profile_id (sets belong to a session instead) */
} StoreTable;

typedef struct StoreValue {
    bool is_null;
    int64_t i;
    double r;
    const char *text;          /* TEXT and SESSION (a uid) */
    const unsigned char *blob; /* BLOB */
    size_t len;                /* bytes of text or blob */
} StoreValue;

/* The record tables in merge order (sessions before what refers to them). */
const StoreTable *store_record_tables(size_t *n);
/* Calls row(ctx, values) for each of a profile's records of one table (values in the table's
 * column order, valid during the call); row returning false stops with false. */
bool store_records_each(Store *s, int64_t profile_id, const StoreTable *t,
                        bool (*row)(void *ctx, const StoreValue *vals), void *ctx);
/* Adds one record to a profile unless its uid is here already (*inserted says which). A
 * session reference that is not here, or a value the schema refuses, fails (STORE_E_INVALID). */
bool store_record_insert(Store *s, int64_t profile_id, const StoreTable *t,
                         const StoreValue *vals, bool *inserted);
/* Finds a profile by uid (*id 0 when none). */
bool store_profile_find_uid(Store *s, const char *uid, int64_t *id);
/* Adds a profile from another machine with its uid (name, side, body mass, start date, level,
 * created, archived of p). STORE_E_EXISTS: another profile here has that name. */
bool store_profile_import(Store *s, const StoreProfile *p, int64_t *id);
/* Unix s of the profile's latest level change here: its latest decision or level_set entry
 * (0 = none), to tell which machine's current level is newer. */
bool store_profile_level_time(Store *s, int64_t profile_id, int64_t *t);

/* ---- batches: several write functions as one transaction ---- */

/* Between store_batch_begin and store_batch_commit every write function joins one transaction
 * (BEGIN IMMEDIATE at the start), so an import is all or nothing. A write function that fails
 * inside a batch rolls the whole batch back at once; store_batch_commit then returns false. */
bool store_batch_begin(Store *s);
bool store_batch_commit(Store *s);
void store_batch_rollback(Store *s);

/* ---- history (what the progression engine reads) ---- */

/* One session as the progression rules see it (CLINICAL.md § Default progression rules), with
 * where it came from. The numbers are not rounded (79.96 % is below 80 %); the History CSV writes
 * at most two decimals, quality cut (not rounded) to hundredths so a threshold of up to two
 * decimals compares the same on the file as in the game. */
typedef struct StoreHistoryRow {
    int64_t session_id;
    char date[11];
    char level[STORE_LEVEL_MAX];
    double quality_pct;       /* NAN when nothing was measured */
    double pain_before;       /* the latest "before" entry; NAN = unanswered */
    double pain_during;       /* max over the session's set pains; NAN = none answered */
    double pain_after;        /* the latest "after" entry; NAN = unanswered */
    double pain_next_morning; /* the latest next_morning entry about this session; NAN = not yet */
    StoreSource source;       /* only STORE_LIVE rows are the progression engine's */
    StoreOrigin origin;
    StoreMeasure measure;     /* STORE_MEASURE_SELF_TIMED: quality is the share of time held */
    int sets_done;            /* saved sets (index >= 1), interrupted ones included */
    int sets_prescribed;      /* from the session; 0 = unknown (older sessions) */
} StoreHistoryRow;

typedef struct StoreHistory {
    StoreHistoryRow *rows;
    size_t count;
} StoreHistory;

/* The History CSV's `source` of a row: "live", else what made the practice ("sim", "replay",
 * "capture", "demo"; "practice" for a person's practice run). */
const char *store_history_source_label(const StoreHistoryRow *r);

/* The sessions of a profile that count as load — every finished session and every session with
 * at least one saved set (index >= 1), whatever its status — in date order (then start time),
 * live and practice alike (for exports and charts; see `source`). */
bool store_history(Store *s, int64_t profile_id, StoreHistory *out);
void store_history_free(StoreHistory *h);
/* The LIVE rows of store_history as the progression engine's records (rehab/history.h), with
 * sets_done / sets_prescribed / self_timed, appended to out (which the caller initialises to {0},
 * may give a today_day, and frees with history_free). Practice never reaches the rules. */
bool store_history_records(Store *s, int64_t profile_id, History *out);
/* The profile's latest counted session of the given source when it has no next-morning answer
 * yet (*found false when there is none or it is answered). A live run asks with STORE_LIVE and
 * never sees practice; a practice run asks with STORE_PRACTICE and may answer only an earlier
 * practice session, never a live one. Whether it may still be answered: store_next_morning_open. */
bool store_history_unanswered_source(Store *s, int64_t profile_id, StoreSource source,
                                     StoreHistoryRow *out, bool *found);
/* store_history_unanswered_source(..., STORE_LIVE, ...). */
bool store_history_unanswered(Store *s, int64_t profile_id, StoreHistoryRow *out, bool *found);
/* True when a next-morning answer about a session on session_date (YYYY-MM-DD) may be taken
 * today: only on the calendar day right after it (CLINICAL.md). Later it is that day's baseline,
 * not the session's next morning. False for a date that is not YYYY-MM-DD. */
bool store_next_morning_open(const char *session_date, const char *today);
/* The question the start screen may ask today: store_history_unanswered_source, but *found only
 * when today (YYYY-MM-DD) is the calendar day right after that session — never "about your
 * session of" three weeks ago. */
bool store_morning_owed(Store *s, int64_t profile_id, StoreSource source, const char *today,
                        StoreHistoryRow *out, bool *found);

/* ---- export ---- */

#define STORE_HISTORY_CSV_HEADER                                                                  \
    "date,level,quality_pct,pain_before,pain_during,pain_after,pain_next_morning,source,"          \
    "sets_done,sets_prescribed,measure"

/* Writes the History CSV of ARCHITECTURE.md (the input of `bridgehold plan`): the header line,
 * then one line per row, practice included (its source says so; `plan` skips it); numbers with
 * at most two decimals, empty = unanswered (sets_prescribed empty = unknown). False when the
 * stream reports a write error. */
bool store_history_write_csv(const StoreHistory *h, FILE *out);
/* store_history + store_history_write_csv. */
bool store_export_history_csv(Store *s, int64_t profile_id, FILE *out);
/* A full JSON export of one profile: the profile, its sessions with their sets (with raw traces
 * when with_traces) and pain entries, other pain entries, decisions, MVC tests and the audit
 * entries about the profile. */
bool store_export_json(Store *s, int64_t profile_id, FILE *out, bool with_traces);

/* ==== report queries (store/report_queries.c) ====
 * What the PDF and FHIR reports read besides the lists above: every record with its stable uid
 * (so an exported resource keeps one id across exports and machines), set notes, decisions with
 * the session they followed, and the MVC tests over time. Read-only. */

typedef struct StoreReportSet {
    StoreSet set;              /* trace NULL; trace_n = samples stored; set.note the note */
    char uid[STORE_UID_LEN];
    int64_t saved;             /* Unix s when the set was saved */
} StoreReportSet;

typedef struct StoreReportPain {
    StorePain pain;
    char uid[STORE_UID_LEN];
} StoreReportPain;

typedef struct StoreReportDecision {
    StoreDecision decision;
    char uid[STORE_UID_LEN];
    int64_t session_id;        /* the session it followed; 0 = not recorded (older rows) */
} StoreReportDecision;

typedef struct StoreReportMvc {
    StoreMvc mvc;
    char uid[STORE_UID_LEN];
    bool by_clinician;         /* entered by a clinician rather than tested */
} StoreReportMvc;

/* The profile's uid ("" never: every row has one since schema 3). */
bool store_report_profile_uid(Store *s, int64_t profile_id, char uid[STORE_UID_LEN]);
/* Every set of every session of the profile, by session start then index; *out malloc'd. */
bool store_report_sets(Store *s, int64_t profile_id, StoreReportSet **out, size_t *n);
/* Every pain entry of the profile (sitting tolerance included) in time order; *out malloc'd. */
bool store_report_pain(Store *s, int64_t profile_id, StoreReportPain **out, size_t *n);
/* Every decision of the profile in time order; *out malloc'd. */
bool store_report_decisions(Store *s, int64_t profile_id, StoreReportDecision **out, size_t *n);
/* Every MVC test of the profile in time order; *out malloc'd. */
bool store_report_mvc(Store *s, int64_t profile_id, StoreReportMvc **out, size_t *n);
