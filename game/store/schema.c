/* store/schema: the database schema as a list of forward migration steps. PRAGMA user_version
 * says how many steps a file has had; opening a file runs the missing ones, each in its own
 * transaction together with the user_version bump, so a crash mid-upgrade leaves the previous
 * version intact. A file whose user_version is above STORE_SCHEMA_VERSION is refused (db.c).
 *
 * To change the schema: append a step (never edit a released one) and raise STORE_SCHEMA_VERSION.
 *
 * Conventions: times are INTEGER Unix seconds (UTC); dates TEXT local YYYY-MM-DD; level ids TEXT
 * as in the ladder; pain REAL (NRS 0–10; sitting tolerance in minutes); NULL = none/unanswered.
 *
 * sets.trace encoding: a BLOB of little-endian IEEE-754 float32 values, one record per sample in
 * time order. sets.trace_channels says the record: 2 = (t, force_n), 4 = (t, force_n, left_n,
 * right_n); t is seconds since sets.trace_t0_s (the first sample's time on the session's sample
 * clock). trace_channels = 0 and trace NULL when no trace was kept. Samples are kept at the rate
 * the sensor delivered them (no resampling), so the stored trace replays exactly.
 *
 * The level cap lives in prescriptions.level_cap since version 3 (step 3 copied it there);
 * profiles.level_cap is no longer read or written (SQLite before 3.35 cannot drop a column, and a
 * step never rewrites a released table).
 *
 * clinician (version 4): at most one row (id 1) — the clinic's name and the Argon2id hash of its
 * PIN (libsodium's crypto_pwhash_str string, never the PIN), and the wrong-attempt counter with
 * the time of the last attempt in milliseconds, which clinic/ uses to slow guessing across
 * restarts. It never leaves the machine (bundles and exports skip it). */
#include <stdio.h>

#include "store/store_internal.h"

/* A step's SQL comes in parts (C11 promises string literals of 4095 bytes only), run in order in
 * the step's one transaction. */
#define MIGRATION_PARTS 10

typedef struct Migration {
    int to_version;
    const char *what;
    const char *sql[MIGRATION_PARTS];
} Migration;

/* A random RFC 4122 version-4 UUID as SQL (lower-case, 36 characters): the stable id every
 * record gets where it is made, so bundles and the clinic server merge rows from many machines
 * without clashes (see docs/DESIGN-NOTES.md "Stable ids"). */
#define ST_UUID_SQL                                                                              \
    "lower(hex(randomblob(4)))||'-'||lower(hex(randomblob(2)))||'-4'||"                          \
    "substr(lower(hex(randomblob(2))),2)||'-'||substr('89ab',1+(abs(random())%4),1)||"          \
    "substr(lower(hex(randomblob(2))),2)||'-'||lower(hex(randomblob(6)))"

/* Gives every row of table T a uid: existing rows now, new rows by a trigger when the INSERT did
 * not bring one (an import brings the uid the record was made with). */
#define UID_STEP(T)                                                                              \
    "ALTER TABLE " T " ADD COLUMN uid TEXT;"                                                     \
    "UPDATE " T " SET uid = " ST_UUID_SQL " WHERE uid IS NULL;"                                  \
    "CREATE UNIQUE INDEX " T "_uid ON " T "(uid);"                                               \
    "CREATE TRIGGER " T "_uid AFTER INSERT ON " T " WHEN NEW.uid IS NULL BEGIN"                  \
    " UPDATE " T " SET uid = " ST_UUID_SQL " WHERE id = NEW.id; END;"

static const Migration MIGRATIONS[] = {
    {1, "the first schema",
     {"CREATE TABLE profiles ("
     " id INTEGER PRIMARY KEY,"
     " name TEXT NOT NULL UNIQUE,"
     " affected_side TEXT NOT NULL CHECK (affected_side IN ('left','right','both')),"
     " body_mass_kg REAL CHECK (body_mass_kg IS NULL OR body_mass_kg > 0),"
     " start_date TEXT NOT NULL,"
     " current_level TEXT NOT NULL,"
     " level_cap TEXT,"
     " created INTEGER NOT NULL);"
     "CREATE TABLE mvc_tests ("
     " id INTEGER PRIMARY KEY,"
     " profile_id INTEGER NOT NULL REFERENCES profiles(id),"
     " date TEXT NOT NULL,"
     " level TEXT NOT NULL,"
     " best_n REAL NOT NULL CHECK (best_n >= 0),"
     " cv_pct REAL,"
     " pain_limited INTEGER NOT NULL DEFAULT 0 CHECK (pain_limited IN (0,1)),"
     " time INTEGER NOT NULL);"
     "CREATE INDEX mvc_tests_profile ON mvc_tests(profile_id, time);"
     "CREATE TABLE sessions ("
     " id INTEGER PRIMARY KEY,"
     " profile_id INTEGER NOT NULL REFERENCES profiles(id),"
     " level TEXT NOT NULL,"
     " started INTEGER NOT NULL,"
     " ended INTEGER,"
     " date TEXT NOT NULL,"
     " quality_pct REAL,"
     " status TEXT NOT NULL DEFAULT 'in_progress'"
     "  CHECK (status IN ('in_progress','finished','interrupted')));"
     "CREATE INDEX sessions_profile ON sessions(profile_id, date, started);"
     "CREATE TABLE sets ("
     " id INTEGER PRIMARY KEY,"
     " session_id INTEGER NOT NULL REFERENCES sessions(id),"
     " idx INTEGER NOT NULL CHECK (idx >= 0),"
     " duration_s REAL NOT NULL,"
     " time_in_band_pct REAL,"
     " mean_n REAL,"
     " peak_n REAL,"
     " cv_pct REAL,"
     " drift_pct_per_10s REAL,"
     " left_pct REAL,"
     " form_lost_s REAL,"
     " interrupted INTEGER NOT NULL DEFAULT 0 CHECK (interrupted IN (0,1)),"
     " target_n REAL,"
     " band_low_n REAL,"
     " band_high_n REAL,"
     " trace_t0_s REAL,"
     " trace_channels INTEGER NOT NULL DEFAULT 0 CHECK (trace_channels IN (0,2,4)),"
     " trace BLOB,"
     " saved INTEGER NOT NULL,"
     " UNIQUE (session_id, idx));"
     "CREATE TABLE pain_entries ("
     " id INTEGER PRIMARY KEY,"
     " profile_id INTEGER NOT NULL REFERENCES profiles(id),"
     " session_id INTEGER REFERENCES sessions(id),"
     " kind TEXT NOT NULL"
     "  CHECK (kind IN ('before','set','after','next_morning','sitting_tolerance')),"
     " set_index INTEGER,"
     " value REAL NOT NULL,"
     " time INTEGER NOT NULL);"
     "CREATE INDEX pain_entries_session ON pain_entries(session_id, kind);"
     "CREATE INDEX pain_entries_profile ON pain_entries(profile_id, time);"
     "CREATE TABLE decisions ("
     " id INTEGER PRIMARY KEY,"
     " profile_id INTEGER NOT NULL REFERENCES profiles(id),"
     " from_level TEXT NOT NULL,"
     " to_level TEXT NOT NULL,"
     " decision TEXT NOT NULL,"
     " zone TEXT,"
     " reason TEXT NOT NULL,"
     " source TEXT NOT NULL CHECK (source IN ('rules','clinician')),"
     " time INTEGER NOT NULL);"
     "CREATE INDEX decisions_profile ON decisions(profile_id, time);"
     "CREATE TABLE audit_log ("
     " id INTEGER PRIMARY KEY,"
     " time INTEGER NOT NULL,"
     " profile_id INTEGER REFERENCES profiles(id),"
     " actor TEXT NOT NULL,"
     " action TEXT NOT NULL,"
     " detail TEXT);"}},
    {2, "clinic sessions and tempo reps",
     {"ALTER TABLE sessions ADD COLUMN supervised INTEGER NOT NULL DEFAULT 0"
     " CHECK (supervised IN (0,1));"
     "ALTER TABLE sets ADD COLUMN reps_done INTEGER NOT NULL DEFAULT 0 CHECK (reps_done >= 0);"}},
    {3, "provenance, stable ids and prescriptions",
     {"ALTER TABLE sessions ADD COLUMN source TEXT NOT NULL DEFAULT 'live'"
     " CHECK (source IN ('live','practice'));"
     "ALTER TABLE sessions ADD COLUMN origin TEXT NOT NULL DEFAULT 'person'"
     " CHECK (origin IN ('person','sim','replay','capture','demo'));"
     "ALTER TABLE sessions ADD COLUMN input_kind TEXT;"
     "ALTER TABLE sessions ADD COLUMN device_name TEXT;"
     "ALTER TABLE sessions ADD COLUMN measure TEXT NOT NULL DEFAULT 'force'"
     " CHECK (measure IN ('force','angle','self_timed','none'));"
     "ALTER TABLE sessions ADD COLUMN calibration TEXT;"
     "ALTER TABLE sessions ADD COLUMN mvc_n REAL;"
     "ALTER TABLE sessions ADD COLUMN mvc_origin TEXT NOT NULL DEFAULT 'none'"
     " CHECK (mvc_origin IN ('tested','clinician','nominal','none'));"
     "ALTER TABLE sessions ADD COLUMN sets_prescribed INTEGER NOT NULL DEFAULT 0"
     " CHECK (sets_prescribed >= 0);"
     "ALTER TABLE sessions ADD COLUMN morning_due TEXT;"
     "ALTER TABLE sets ADD COLUMN notices TEXT;"
     "ALTER TABLE sets ADD COLUMN note TEXT;"
     "ALTER TABLE mvc_tests ADD COLUMN origin TEXT NOT NULL DEFAULT 'tested'"
     " CHECK (origin IN ('tested','clinician'));"
     "ALTER TABLE mvc_tests ADD COLUMN inconsistent INTEGER NOT NULL DEFAULT 0"
     " CHECK (inconsistent IN (0,1));"
     "ALTER TABLE decisions ADD COLUMN session_id INTEGER REFERENCES sessions(id);"
     "ALTER TABLE audit_log ADD COLUMN before TEXT;"
     "ALTER TABLE audit_log ADD COLUMN after TEXT;"
     "ALTER TABLE audit_log ADD COLUMN reason TEXT;"
     "CREATE TABLE prescriptions ("
     " id INTEGER PRIMARY KEY,"
     " profile_id INTEGER NOT NULL UNIQUE REFERENCES profiles(id),"
     " start_level TEXT,"
     " level_cap TEXT,"
     " overrides TEXT,"
     " sets INTEGER CHECK (sets IS NULL OR sets > 0),"
     " hold_s REAL CHECK (hold_s IS NULL OR hold_s > 0),"
     " rest_s REAL CHECK (rest_s IS NULL OR rest_s >= 0),"
     " updated INTEGER NOT NULL,"
     " updated_by TEXT NOT NULL);"
     "INSERT INTO prescriptions (profile_id, start_level, level_cap, updated, updated_by)"
     " SELECT id, NULL, level_cap, created, 'migration' FROM profiles WHERE level_cap IS NOT NULL;",
      UID_STEP("profiles"), UID_STEP("mvc_tests"), UID_STEP("sessions"), UID_STEP("sets"),
      UID_STEP("pain_entries"), UID_STEP("decisions"), UID_STEP("audit_log"),
      UID_STEP("prescriptions")}},
    {4, "the clinician's PIN and archived patients",
     {"CREATE TABLE clinician ("
     " id INTEGER PRIMARY KEY CHECK (id = 1),"
     " name TEXT NOT NULL,"
     " pin_hash TEXT NOT NULL,"
     " failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),"
     " last_attempt_ms INTEGER NOT NULL DEFAULT 0,"
     " updated INTEGER NOT NULL);"
     "ALTER TABLE profiles ADD COLUMN archived INTEGER NOT NULL DEFAULT 0"
     " CHECK (archived IN (0,1));"}},
    {5, "this machine's settings (sound, the clinic server)",
     {"CREATE TABLE settings ("
     " key TEXT PRIMARY KEY,"
     " value TEXT NOT NULL,"
     " updated INTEGER NOT NULL);"}},
};

#define N_MIGRATIONS (sizeof MIGRATIONS / sizeof MIGRATIONS[0])

_Static_assert(N_MIGRATIONS == STORE_SCHEMA_VERSION, "one migration step per schema version");

const char *st_migration_sql(int to_version, int part)
{
    if (part < 0 || part >= MIGRATION_PARTS)
        return NULL;
    for (size_t i = 0; i < N_MIGRATIONS; i++) {
        if (MIGRATIONS[i].to_version == to_version)
            return MIGRATIONS[i].sql[part];
    }
    return NULL;
}

bool st_migrate(Store *s, int from)
{
    for (size_t i = 0; i < N_MIGRATIONS; i++) {
        const Migration *m = &MIGRATIONS[i];
        if (m->to_version <= from)
            continue;
        char doing[160];
        snprintf(doing, sizeof doing, "upgrading its schema to version %d (%s)", m->to_version,
                 m->what);
        /* PRAGMAs take no bound parameters; the numbers are this file's constants. */
        char bump[96];
        snprintf(bump, sizeof bump, "PRAGMA user_version=%d; PRAGMA application_id=%d;",
                 m->to_version, STORE_APPLICATION_ID);
        if (!st_begin(s, doing))
            return false;
        bool ok = true;
        for (int p = 0; ok && p < MIGRATION_PARTS && m->sql[p]; p++)
            ok = st_exec(s, m->sql[p], doing);
        if (!ok || !st_exec(s, bump, doing)) {
            st_rollback(s);
            return false;
        }
        if (!st_commit(s, doing))
            return false;
        log_info("store", "%s: schema upgraded to version %d (%s)", s->path, m->to_version,
                 m->what);
    }
    return true;
}
