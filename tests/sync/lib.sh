# Helpers for the sync scenarios (sourced by sync_e2e.sh). Needs: BH (the bridgehold binary),
# PGDIR (the cluster from pg_cluster.sh), WORK (a scratch folder), SRC (the source tree).
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
TABLES="profiles prescriptions mvc_tests sessions sets pain_entries decisions audit_log"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# psql_as ROLE DB ARGS...: unaligned, tuples only, stop on the first error.
psql_as() {
    role=$1
    db=$2
    shift 2
    "$PGBIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$PGDIR" -U "$role" -d "$db" "$@"
}

server() { echo "host=$PGDIR dbname=$1 user=$2"; }

# new_db NAME: a fresh database with the Bridgehold schema, made by the cluster's superuser.
new_db() {
    # --force: a killed sync's server process may not have noticed yet that its client is gone
    "$PGBIN/dropdb" --if-exists --force -h "$PGDIR" -U bhadmin "$1" 2>"$WORK/dropdb.err" ||
        { cat "$WORK/dropdb.err" >&2; fail "dropdb $1"; }
    "$PGBIN/createdb" -h "$PGDIR" -U bhadmin "$1" || fail "createdb $1"
    "$BH" sync --server "$(server "$1" bhadmin)" --init >"$WORK/init.out" 2>&1 ||
        { cat "$WORK/init.out" >&2; fail "sync --init on $1"; }
}

# workstation DIR PROFILE DAY...: real headless sessions of PROFILE, one per day.
workstation() {
    dir=$1
    profile=$2
    shift 2
    for day in "$@"; do
        "$BH" play --headless --input sim --answers "$SRC/tests/data/answers/normal.txt" \
            --data-dir "$dir" --profile "$profile" --today "$day" >/dev/null ||
            fail "headless session of $profile on $day in $dir"
    done
}

# run_sync DIR DB ROLE [ARGS...]: sync; output in $WORK/sync.out and .err, exit code in $rc.
run_sync() {
    dir=$1
    db=$2
    role=$3
    shift 3
    "$BH" sync --server "$(server "$db" "$role")" --data-dir "$dir" "$@" \
        >"$WORK/sync.out" 2>"$WORK/sync.err"
    rc=$?
}

sync_ok() {
    run_sync "$@"
    [ "$rc" -eq 0 ] || { cat "$WORK/sync.out" "$WORK/sync.err" >&2; fail "sync of $1 exit $rc"; }
}

# server_counts ROLE DB: "table=n ..." for every table, as ROLE sees them.
server_counts() {
    for t in $TABLES; do
        printf '%s=%s ' "$t" "$(psql_as "$1" "$2" -c "SELECT count(*) FROM bridgehold.$t")"
    done
}

server_total() {
    n=0
    for t in $TABLES; do
        n=$((n + $(psql_as "$1" "$2" -c "SELECT count(*) FROM bridgehold.$t")))
    done
    echo "$n"
}

# server_hash ROLE DB: one digest of every row of every table (all columns), by uid.
server_hash() {
    for t in $TABLES; do
        psql_as "$1" "$2" -c "SELECT '$t:' || count(*) || ':' ||
            coalesce(md5(string_agg(x::text, '|' ORDER BY x.uid)), '-') FROM bridgehold.$t x"
    done
}

# local_sql DIR SQL: runs a query on DIR/bridgehold.db with Python's sqlite3 (read only).
# local_exec DIR SQL: changes a workstation's database (what a clinician's note would do).
local_exec() {
    python3 - "$1/bridgehold.db" "$2" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute(sys.argv[2])
c.commit()
PY
}

local_sql() {
    python3 - "$1/bridgehold.db" "$2" <<'PY'
import sqlite3, sys
c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
for row in c.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))
PY
}

local_counts() {
    for t in $TABLES; do
        printf '%s=%s ' "$t" "$(local_sql "$1" "SELECT count(*) FROM $t")"
    done
}

# local_hash DIR: a digest of the whole local database's content.
local_hash() {
    python3 - "$1/bridgehold.db" <<'PY'
import hashlib, sqlite3, sys
c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
print(hashlib.sha256("\n".join(c.iterdump()).encode()).hexdigest())
PY
}
