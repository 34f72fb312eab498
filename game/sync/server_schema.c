/* sync/server_schema: the clinic server's schema (PostgreSQL), versioned in bridgehold.meta like
 * the SQLite schema is by user_version: --init runs the missing steps, and a server whose schema
 * is newer than this build is refused, never changed.
 *
 * The tables mirror the SQLite ones (store/rows.c names the columns): keyed by the records' uid,
 * references as the other record's uid, plus `clinic`, the role that sent the row. Row-level
 * security is enabled and forced (the tables' owner is not exempt) with one policy per table:
 * a role reads and writes only rows whose clinic is its own name. Every role may use the tables
 * (GRANT to PUBLIC): the policies, not the grants, keep clinics apart, so a new clinic needs only
 * a login role. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "sync/sync_internal.h"

#define STEP_PARTS 12

typedef struct ServerStep {
    int to_version;
    const char *what;
    const char *sql[STEP_PARTS];
} ServerStep;

/* The clinic column and the row-level security of one table. */
#define CLINIC_COL " clinic text NOT NULL DEFAULT current_user,"
#define RLS(T)                                                                                 \
    "ALTER TABLE bridgehold." T " ENABLE ROW LEVEL SECURITY;"                                  \
    "ALTER TABLE bridgehold." T " FORCE ROW LEVEL SECURITY;"                                   \
    "CREATE POLICY " T "_clinic ON bridgehold." T " USING (clinic = current_user)"             \
    " WITH CHECK (clinic = current_user);"                                                     \
    "GRANT SELECT, INSERT, UPDATE ON bridgehold." T " TO PUBLIC;"

static const ServerStep STEPS[] = {
    {1, "the first server schema",
     {"CREATE TABLE bridgehold.profiles ("
      " uid uuid PRIMARY KEY," CLINIC_COL
      " name text NOT NULL,"
      " affected_side text NOT NULL,"
      " body_mass_kg double precision,"
      " start_date text NOT NULL,"
      " current_level text NOT NULL,"
      " created bigint NOT NULL,"
      " archived integer NOT NULL DEFAULT 0);" RLS("profiles"),
      "CREATE TABLE bridgehold.prescriptions ("
      " uid uuid PRIMARY KEY," CLINIC_COL
      " profile_uid uuid NOT NULL UNIQUE REFERENCES bridgehold.profiles(uid),"
      " start_level text, level_cap text, overrides text, sets integer,"
      " hold_s double precision, rest_s double precision,"
      " updated bigint NOT NULL, updated_by text NOT NULL);" RLS("prescriptions"),
      "CREATE TABLE bridgehold.mvc_tests ("
      " uid uuid PRIMARY KEY," CLINIC_COL
      " profile_uid uuid NOT NULL REFERENCES bridgehold.profiles(uid),"
      " date text NOT NULL, level text NOT NULL, best_n double precision NOT NULL,"
      " cv_pct double precision, pain_limited integer NOT NULL, time bigint NOT NULL,"
      " origin text NOT NULL, inconsistent integer NOT NULL);"
      "CREATE INDEX mvc_tests_profile ON bridgehold.mvc_tests(profile_uid, time);" RLS("mvc_tests"),
      "CREATE TABLE bridgehold.sessions ("
      " uid uuid PRIMARY KEY," CLINIC_COL
      " profile_uid uuid NOT NULL REFERENCES bridgehold.profiles(uid),"
      " level text NOT NULL, started bigint NOT NULL, ended bigint, date text NOT NULL,"
      " quality_pct double precision, status text NOT NULL, supervised integer NOT NULL,"
      " source text NOT NULL, origin text NOT NULL, input_kind text, device_name text,"
      " measure text NOT NULL, calibration text, mvc_n double precision,"
      " mvc_origin text NOT NULL, sets_prescribed integer NOT NULL, morning_due text);"
      "CREATE INDEX sessions_profile ON bridgehold.sessions(profile_uid, date, started);"
      RLS("sessions"),
      "CREATE TABLE bridgehold.sets ("
      " uid uuid PRIMARY KEY," CLINIC_COL
      " session_uid uuid NOT NULL REFERENCES bridgehold.sessions(uid),"
      " idx integer NOT NULL, duration_s double precision NOT NULL,"
      " time_in_band_pct double precision, mean_n double precision, peak_n double precision,"
      " cv_pct double precision, drift_pct_per_10s double precision,"
      " left_pct double precision, form_lost_s double precision, interrupted integer NOT NULL,"
      " target_n double precision, band_low_n double precision, band_high_n double precision,"
      " trace_t0_s double precision, trace_channels integer NOT NULL, trace bytea,"
      " saved bigint NOT NULL, reps_done integer NOT NULL, notices text, note text);"
      "CREATE INDEX sets_session ON bridgehold.sets(session_uid, idx);" RLS("sets"),
      "CREATE TABLE bridgehold.pain_entries ("
      " uid uuid PRIMARY KEY," CLINIC_COL
      " profile_uid uuid NOT NULL REFERENCES bridgehold.profiles(uid),"
      " session_uid uuid REFERENCES bridgehold.sessions(uid),"
      " kind text NOT NULL, set_index integer, value double precision NOT NULL,"
      " time bigint NOT NULL);"
      "CREATE INDEX pain_entries_profile ON bridgehold.pain_entries(profile_uid, time);"
      RLS("pain_entries"),
      "CREATE TABLE bridgehold.decisions ("
      " uid uuid PRIMARY KEY," CLINIC_COL
      " profile_uid uuid NOT NULL REFERENCES bridgehold.profiles(uid),"
      " session_uid uuid REFERENCES bridgehold.sessions(uid),"
      " from_level text NOT NULL, to_level text NOT NULL, decision text NOT NULL, zone text,"
      " reason text NOT NULL, source text NOT NULL, time bigint NOT NULL);"
      "CREATE INDEX decisions_profile ON bridgehold.decisions(profile_uid, time);"
      RLS("decisions"),
      "CREATE TABLE bridgehold.audit_log ("
      " uid uuid PRIMARY KEY," CLINIC_COL
      " profile_uid uuid REFERENCES bridgehold.profiles(uid),"
      " time bigint NOT NULL, actor text NOT NULL, action text NOT NULL, detail text,"
      " before text, after text, reason text);"
      "CREATE INDEX audit_log_profile ON bridgehold.audit_log(profile_uid, time);"
      RLS("audit_log")}},
};

#define N_STEPS (sizeof STEPS / sizeof STEPS[0])
_Static_assert(N_STEPS == SYNC_SERVER_SCHEMA_VERSION, "one server step per schema version");

/* The schema version on the server: 0 when there is no bridgehold.meta. */
static bool read_version(SyncConn *c, int *version, SyncError *err)
{
    PGresult *res = PQexec(c->pg, "SELECT to_regclass('bridgehold.meta') IS NOT NULL");
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        return sync_fail_pg(c, res, "looking for the Bridgehold schema", err);
    bool exists = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    *version = 0;
    if (!exists)
        return true;
    res = PQexec(c->pg, "SELECT value FROM bridgehold.meta WHERE key = 'schema_version'");
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        return sync_fail_pg(c, res, "reading the server schema version", err);
    long v = 0;
    if (PQntuples(res) == 1 && !str_to_long(PQgetvalue(res, 0, 0), 0, 1000000, &v)) {
        sync_err(err, SYNC_E_SCHEMA,
                 "the clinic server %s has a damaged schema version ('%s' in bridgehold.meta)",
                 c->who, PQgetvalue(res, 0, 0));
        PQclear(res);
        return false;
    }
    PQclear(res);
    *version = (int)v;
    return true;
}

static bool refuse_newer(SyncConn *c, int version, SyncError *err)
{
    sync_err(err, SYNC_E_SCHEMA,
             "the clinic server %s has Bridgehold server schema version %d, newer than this "
             "program's %d; it was set up by a newer Bridgehold. Update Bridgehold on this "
             "machine; nothing was changed on the server",
             c->who, version, SYNC_SERVER_SCHEMA_VERSION);
    return false;
}

bool sync_server_init(SyncConn *c, int *from, int *to, SyncError *err)
{
    *from = *to = 0;
    /* One transaction for every step (PostgreSQL's DDL is transactional): a failed or killed
     * --init leaves the server as it was. The advisory lock makes a second --init wait and then
     * find the work done. */
    if (!sync_exec(c,
                   "BEGIN; SELECT pg_advisory_xact_lock(hashtext('bridgehold server schema'));"
                   "CREATE SCHEMA IF NOT EXISTS bridgehold;"
                   "GRANT USAGE ON SCHEMA bridgehold TO PUBLIC;"
                   "CREATE TABLE IF NOT EXISTS bridgehold.meta"
                   " (key text PRIMARY KEY, value text NOT NULL);"
                   "GRANT SELECT ON bridgehold.meta TO PUBLIC;",
                   "creating the Bridgehold schema", err)) {
        sync_rollback(c);
        return false;
    }
    int v = 0;
    if (!read_version(c, &v, err)) {
        sync_rollback(c);
        return false;
    }
    *from = *to = v;
    if (v > SYNC_SERVER_SCHEMA_VERSION) {
        sync_rollback(c);
        return refuse_newer(c, v, err);
    }
    for (size_t i = 0; i < N_STEPS; i++) {
        const ServerStep *s = &STEPS[i];
        if (s->to_version <= v)
            continue;
        char doing[160];
        snprintf(doing, sizeof doing, "upgrading the server schema to version %d (%s)",
                 s->to_version, s->what);
        for (int p = 0; p < STEP_PARTS && s->sql[p]; p++) {
            if (!sync_exec(c, s->sql[p], doing, err)) {
                sync_rollback(c);
                return false;
            }
        }
        char bump[160];
        snprintf(bump, sizeof bump,
                 "INSERT INTO bridgehold.meta VALUES ('schema_version', '%d')"
                 " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                 s->to_version);
        if (!sync_exec(c, bump, doing, err)) {
            sync_rollback(c);
            return false;
        }
        *to = s->to_version;
    }
    return sync_exec(c, "COMMIT", "committing the server schema", err);
}

bool sync_server_ready(SyncConn *c, SyncError *err)
{
    int v = 0;
    if (!read_version(c, &v, err))
        return false;
    if (v == 0) {
        sync_err(err, SYNC_E_SCHEMA,
                 "the clinic server %s has no Bridgehold schema yet. Set it up once with "
                 "'bridgehold sync --server CONNINFO --init' (see README, \"Clinic server\")",
                 c->who);
        return false;
    }
    if (v > SYNC_SERVER_SCHEMA_VERSION)
        return refuse_newer(c, v, err);
    if (v < SYNC_SERVER_SCHEMA_VERSION) {
        sync_err(err, SYNC_E_SCHEMA,
                 "the clinic server %s has Bridgehold server schema version %d; this program "
                 "needs %d. Upgrade it with 'bridgehold sync --server CONNINFO --init'",
                 c->who, v, SYNC_SERVER_SCHEMA_VERSION);
        return false;
    }
    PGresult *res = PQexec(c->pg, "SELECT rolsuper OR rolbypassrls FROM pg_roles"
                                  " WHERE rolname = current_user");
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        return sync_fail_pg(c, res, "reading this role's attributes", err);
    bool bypass = PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    if (bypass) {
        sync_err(err, SYNC_E_ROLE,
                 "the clinic server role '%s' is a superuser or bypasses row-level security, "
                 "so it would see and mix every clinic's patients. Connect as the clinic's own "
                 "role (user=...); see README, \"Clinic server\"",
                 PQuser(c->pg));
        return false;
    }
    return true;
}
