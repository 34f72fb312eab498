#!/bin/bash
# The sync scenarios against a real PostgreSQL 15 cluster (pg_cluster.sh, a ctest fixture):
#   sync_e2e.sh SCENARIO BRIDGEHOLD PGDIR WORKDIR SRCDIR
# Each scenario makes its own database and data folders, so they may run in any order.
set -u
SCENARIO=$1
BH=$2
PGDIR=$3
WORK=$4
SRC=$5
. "$SRC/tests/sync/lib.sh"

[ -S "$PGDIR/.s.PGSQL.5432" ] ||
    fail "no PostgreSQL server on $PGDIR (the sync_pg_start fixture did not start it; see its output)"
rm -rf "$WORK"
mkdir -p "$WORK"

# Two workstations (two data folders) with different patients sync into one server.
two_workstations() {
    db=bh_two
    new_db $db
    workstation "$WORK/ws1" Ann 2026-11-02 2026-11-04
    workstation "$WORK/ws2" Bo 2026-11-03
    sync_ok "$WORK/ws1" $db clinic_a
    sync_ok "$WORK/ws2" $db clinic_a
    for t in $TABLES; do
        want=$(($(local_sql "$WORK/ws1" "SELECT count(*) FROM $t") +
            $(local_sql "$WORK/ws2" "SELECT count(*) FROM $t")))
        got=$(psql_as clinic_a $db -c "SELECT count(*) FROM bridgehold.$t")
        [ "$got" = "$want" ] || fail "$t: the server has $got rows, the two workstations $want"
    done
    [ "$(psql_as clinic_a $db -c "SELECT count(*) FROM bridgehold.sets")" -gt 0 ] ||
        fail "no sets reached the server"
    # the raw traces arrive byte for byte
    uid=$(local_sql "$WORK/ws1" "SELECT uid FROM sets WHERE trace IS NOT NULL ORDER BY id LIMIT 1")
    [ -n "$uid" ] || fail "the workstation stored no trace"
    lhex=$(local_sql "$WORK/ws1" "SELECT lower(hex(trace)) FROM sets WHERE uid = '$uid'")
    shex=$(psql_as clinic_a $db -c "SELECT encode(trace, 'hex') FROM bridgehold.sets WHERE uid = '$uid'")
    [ "$lhex" = "$shex" ] || fail "set $uid: the trace on the server differs from the local one"
    # sessions keep their provenance
    prov=$(psql_as clinic_a $db -c "SELECT DISTINCT source || '/' || input_kind FROM bridgehold.sessions")
    [ "$prov" = "$(local_sql "$WORK/ws1" "SELECT DISTINCT source || '/' || input_kind FROM sessions")" ] ||
        fail "session provenance on the server: '$prov'"
    # the shared list shows both patients
    names=$(psql_as clinic_a $db -c "SELECT string_agg(name, ',' ORDER BY name) FROM bridgehold.profiles")
    [ "$names" = "Ann,Bo" ] || fail "the server's patients are '$names', expected Ann,Bo"
    if "$BH" clinic patients --help >/dev/null 2>&1; then
        "$BH" clinic patients --server "$(server $db clinic_a)" --json >"$WORK/patients.json" ||
            fail "clinic patients --server failed"
        python3 - "$WORK/patients.json" <<'PY' || fail "the shared patient list is wrong: $(cat "$WORK/patients.json")"
import json, sys
rows = json.load(open(sys.argv[1]))
assert [r["name"] for r in rows] == ["Ann", "Bo"], rows
for r in rows:
    assert r["level"] == "L01" and r["cap"] is None, r
    assert r["decision"] and r["next_level"] and r["zone"], r
ann, bo = rows
assert ann["last_session"] == "2026-11-04" and bo["last_session"] == "2026-11-03", rows
PY
    fi
    # each workstation's own list agrees with the shared one, patient for patient
    "$BH" clinic patients --server "$(server $db clinic_a)" --json --today 2026-11-10 \
        --data-dir "$WORK/none" >"$WORK/shared.json" || fail "clinic patients --server"
    for ws in ws1 ws2; do
        "$BH" clinic patients --json --today 2026-11-10 --data-dir "$WORK/$ws" >"$WORK/$ws.json" ||
            fail "clinic patients on $ws"
        python3 - "$WORK/$ws.json" "$WORK/shared.json" <<'PY' || fail "$ws's list and the shared list differ"
import json, sys
local, shared = (json.load(open(f)) for f in sys.argv[1:3])
assert local and all(p in shared for p in local), (local, shared)
PY
    done
    # syncing again changes nothing
    before=$(server_hash clinic_a $db)
    sync_ok "$WORK/ws1" $db clinic_a
    grep -q ": 0 new or changed" "$WORK/sync.out" || fail "a second sync changed rows: $(cat "$WORK/sync.out")"
    # and sent nothing: what the server has is not sent again (no trace crosses twice)
    grep -q "), 0 batches;" "$WORK/sync.out" || fail "a second sync sent rows again: $(cat "$WORK/sync.out")"
    sync_ok "$WORK/ws2" $db clinic_a --batch-rows 2
    grep -q ": 0 new or changed" "$WORK/sync.out" || fail "a third sync changed rows: $(cat "$WORK/sync.out")"
    [ "$(server_hash clinic_a $db)" = "$before" ] || fail "syncing again changed the server's rows"
    # a note added to a set already on the server goes up, and only that set
    local_exec "$WORK/ws1" "UPDATE sets SET note = 'hips dropped \"late\", \\ then fine' WHERE uid = '$uid'" >/dev/null
    sync_ok "$WORK/ws1" $db clinic_a
    grep -q ": 1 new or changed (sets 1), 1 batches;" "$WORK/sync.out" ||
        fail "a set's new note: $(cat "$WORK/sync.out")"
    [ "$(psql_as clinic_a $db -c "SELECT note FROM bridgehold.sets WHERE uid = '$uid'")" = 'hips dropped "late", \ then fine' ] ||
        fail "the note on the server: $(psql_as clinic_a $db -c "SELECT note FROM bridgehold.sets WHERE uid = '$uid'")"
    before=$(server_hash clinic_a $db)
    # a session played after the first sync goes up by itself; the earlier ones are not resent
    workstation "$WORK/ws2" Bo 2026-11-05
    sync_ok "$WORK/ws2" $db clinic_a
    [ "$(psql_as clinic_a $db -c "SELECT count(*) FROM bridgehold.sessions")" = 4 ] ||
        fail "the new session did not reach the server"
    echo "two workstations: $(server_counts clinic_a $db)"
}

# A sync killed with SIGKILL at many points, then run again, ends with the same rows as one that
# was never interrupted.
killed() {
    workstation "$WORK/ws" Cy 2026-11-02 2026-11-03 2026-11-05 2026-11-06 2026-11-08
    new_db bh_ref
    sync_ok "$WORK/ws" bh_ref clinic_a --batch-rows 1
    full=$(server_total clinic_a bh_ref)
    want=$(server_hash clinic_a bh_ref)
    local_before=$(local_hash "$WORK/ws")
    db=bh_kill
    new_db $db
    midway=0
    attempt=0
    # The instant of each kill adapts to this machine: a kill that came before the first batch
    # waits longer next time, one that came after the end sooner (and the server is emptied),
    # and one that landed mid-way moves a little, so the kills fall at different batches.
    delay_ms=40
    while [ $midway -lt 4 ] && [ $attempt -lt 40 ]; do
        attempt=$((attempt + 1))
        "$BH" sync --server "$(server $db clinic_a)" --data-dir "$WORK/ws" --batch-rows 1 \
            >/dev/null 2>&1 &
        pid=$!
        sleep "$((delay_ms / 1000)).$(printf '%03d' $((delay_ms % 1000)))"
        kill -KILL $pid 2>/dev/null
        wait $pid 2>/dev/null
        n=$(server_total clinic_a $db)
        if [ "$n" -eq 0 ]; then
            delay_ms=$((delay_ms * 3 / 2 + 1))
        elif [ "$n" -ge "$full" ]; then
            delay_ms=$((delay_ms / 2 + 1))
            new_db $db
        else
            midway=$((midway + 1))
            delay_ms=$((delay_ms + (attempt % 3 - 1) * delay_ms / 4))
        fi
    done
    [ $midway -ge 1 ] || fail "no kill landed in the middle of a sync in $attempt tries"
    sync_ok "$WORK/ws" $db clinic_a --batch-rows 1
    got=$(server_hash clinic_a $db)
    [ "$got" = "$want" ] || fail "after $midway interrupted syncs the server differs:
$got
--- an uninterrupted sync gives:
$want"
    sync_ok "$WORK/ws" $db clinic_a
    grep -q ": 0 new or changed" "$WORK/sync.out" || fail "resync changed rows: $(cat "$WORK/sync.out")"
    [ "$(local_hash "$WORK/ws")" = "$local_before" ] || fail "the killed syncs changed the local store"
    echo "killed: $midway of $attempt kills landed mid-way; the resumed server equals the reference ($full rows)"
}

# A second clinic's role sees none of the first clinic's rows.
row_security() {
    db=bh_rls
    new_db $db
    workstation "$WORK/a" Ann 2026-11-02
    workstation "$WORK/b" Dee 2026-11-02
    sync_ok "$WORK/a" $db clinic_a
    for t in $TABLES; do
        n=$(psql_as clinic_b $db -c "SELECT count(*) FROM bridgehold.$t")
        [ "$n" = 0 ] || fail "clinic_b sees $n of clinic_a's $t"
    done
    n=$(psql_as clinic_b $db -c "WITH u AS (UPDATE bridgehold.profiles SET name = 'x' RETURNING 1) SELECT count(*) FROM u")
    [ "$n" = 0 ] || fail "clinic_b changed $n of clinic_a's profiles"
    if psql_as clinic_b $db -c "INSERT INTO bridgehold.profiles (uid, clinic, name, affected_side,
            start_date, current_level, created) VALUES (gen_random_uuid(), 'clinic_a', 'Eve', 'left',
            '2026-11-01', 'L01', 0)" 2>"$WORK/psql.err"; then
        fail "clinic_b wrote a row as clinic_a"
    fi
    grep -q "row-level security" "$WORK/psql.err" || fail "unexpected refusal: $(cat "$WORK/psql.err")"
    sync_ok "$WORK/b" $db clinic_b
    [ "$(psql_as clinic_b $db -c "SELECT string_agg(name, ',') FROM bridgehold.profiles")" = Dee ] ||
        fail "clinic_b does not see exactly its own patient"
    [ "$(psql_as clinic_a $db -c "SELECT string_agg(name, ',') FROM bridgehold.profiles")" = Ann ] ||
        fail "clinic_a does not see exactly its own patient"
    if "$BH" clinic patients --help >/dev/null 2>&1; then
        out=$("$BH" clinic patients --server "$(server $db clinic_b)" --json) ||
            fail "clinic patients --server as clinic_b failed"
        echo "$out" | grep -q '"Dee"' || fail "clinic_b's list lacks Dee: $out"
        echo "$out" | grep -q '"Ann"' && fail "clinic_b's list shows clinic_a's Ann: $out"
    fi
    # the table owner is under the policies too; a superuser is refused for syncing
    run_sync "$WORK/a" $db bhadmin
    [ "$rc" = 1 ] && grep -q "superuser" "$WORK/sync.err" || fail "a superuser sync was not refused (exit $rc)"
    echo "row security: $(server_counts clinic_b $db)"
}

# A prescription changed on the server reaches the workstation on its next sync, audited; an
# older one does not overwrite a newer local one.
prescription() {
    db=bh_rx
    new_db $db
    workstation "$WORK/ws" Ann 2026-11-02
    sync_ok "$WORK/ws" $db clinic_a
    later=$(($(date +%s) + 60))
    psql_as clinic_a $db -c "INSERT INTO bridgehold.prescriptions (uid, profile_uid, level_cap,
        sets, updated, updated_by) SELECT gen_random_uuid(), uid, 'L03', 4, $later, 'Dr Server'
        FROM bridgehold.profiles WHERE name = 'Ann'" >/dev/null || fail "psql insert"
    sync_ok "$WORK/ws" $db clinic_a
    grep -q "; 1 prescriptions taken in" "$WORK/sync.out" || fail "the change was not taken in: $(cat "$WORK/sync.out")"
    rx=$(local_sql "$WORK/ws" "SELECT level_cap || '/' || sets || '/' || updated_by FROM prescriptions")
    [ "$rx" = "L03/4/Dr Server" ] || fail "the local prescription is '$rx'"
    audit=$(local_sql "$WORK/ws" "SELECT uid FROM audit_log WHERE action = 'prescription_merge'")
    [ -n "$audit" ] || fail "the merge was not audited locally"
    [ "$(psql_as clinic_a $db -c "SELECT count(*) FROM bridgehold.audit_log WHERE uid = '$audit'")" = 1 ] ||
        fail "the merge's audit entry did not reach the server in the same sync"
    sync_ok "$WORK/ws" $db clinic_a
    grep -q ": 0 new or changed.*; 0 prescriptions taken in" "$WORK/sync.out" ||
        fail "a second sync changed something: $(cat "$WORK/sync.out")"
    # an older edit on the server loses to the newer local one, and the server is put right
    psql_as clinic_a $db -c "UPDATE bridgehold.prescriptions SET level_cap = 'L02', updated = 1000" || fail "psql update"
    sync_ok "$WORK/ws" $db clinic_a
    rx=$(local_sql "$WORK/ws" "SELECT level_cap FROM prescriptions")
    [ "$rx" = L03 ] || fail "an older server edit overwrote the newer local one ($rx)"
    [ "$(psql_as clinic_a $db -c "SELECT level_cap FROM bridgehold.prescriptions")" = L03 ] ||
        fail "the server kept the older edit"
    # a hand-made row that is wrong is named and left on the server; the sync still sends
    psql_as clinic_a $db -c "UPDATE bridgehold.prescriptions SET level_cap = 'not a level!',
        updated = $later + 100" || fail "psql update"
    workstation "$WORK/ws" Ann 2026-11-03
    sync_ok "$WORK/ws" $db clinic_a
    grep -q "prescription .* was not taken in" "$WORK/sync.err" || fail "no word of the bad row: $(cat "$WORK/sync.err")"
    [ "$(local_sql "$WORK/ws" "SELECT level_cap FROM prescriptions")" = L03 ] || fail "the bad row changed the store"
    [ "$(psql_as clinic_a $db -c "SELECT count(*) FROM bridgehold.sessions")" = 2 ] ||
        fail "the bad row stopped the new session from going up"
    echo "prescription: taken in and audited ($audit)"
}

# One patient's prescription changed on two machines (the clinic's two rooms share the patient's
# records): whichever machine syncs first, the later change wins everywhere and both changes
# stay in the audit log.
two_rooms() {
    db=bh_rooms
    new_db $db
    workstation "$WORK/room1" Ann 2026-11-02
    printf 'secret-pin\nsecret-pin\n' | "$BH" clinic pin --set --name "Dr One" --data-dir "$WORK/room1" \
        >/dev/null || fail "clinic pin --set"
    sync_ok "$WORK/room1" $db clinic_a
    cp -a "$WORK/room1" "$WORK/room2"
    echo secret-pin | "$BH" clinic prescribe --profile Ann --cap L02 --reason "room one: flare" \
        --clinician "Dr One" --pin-stdin --data-dir "$WORK/room1" >/dev/null || fail "prescribe in room 1"
    sleep 1.1 # the later change must carry a later second
    echo secret-pin | "$BH" clinic prescribe --profile Ann --cap L04 --reason "room two: review" \
        --clinician "Dr Two" --pin-stdin --data-dir "$WORK/room2" >/dev/null || fail "prescribe in room 2"
    # the later edit reaches the server first, the earlier one second: the later one stays
    sync_ok "$WORK/room2" $db clinic_a
    sync_ok "$WORK/room1" $db clinic_a
    [ "$(psql_as clinic_a $db -c "SELECT level_cap FROM bridgehold.prescriptions")" = L04 ] ||
        fail "the server kept the earlier change"
    [ "$(local_sql "$WORK/room1" "SELECT level_cap FROM prescriptions")" = L04 ] ||
        fail "room 1 did not take in the later change"
    sync_ok "$WORK/room2" $db clinic_a
    grep -q "; 0 prescriptions taken in" "$WORK/sync.out" || fail "room 2 changed: $(cat "$WORK/sync.out")"
    [ "$(local_sql "$WORK/room2" "SELECT level_cap FROM prescriptions")" = L04 ] || fail "room 2 lost its change"
    reasons=$(psql_as clinic_a $db -c "SELECT string_agg(reason, ',' ORDER BY reason)
        FROM bridgehold.audit_log WHERE action = 'prescribe'")
    [ "$reasons" = "room one: flare,room two: review" ] || fail "the server's audit log has '$reasons'"
    [ "$(psql_as clinic_a $db -c "SELECT count(*) FROM bridgehold.audit_log WHERE action = 'prescription_merge'")" = 1 ] ||
        fail "room 1's merge is not in the server's audit log"
    echo secret-pin | "$BH" clinic audit --profile Ann --pin-stdin --data-dir "$WORK/room1" \
        >"$WORK/audit.txt" || fail "clinic audit"
    grep -q "prescription_merge" "$WORK/audit.txt" && grep -q "room one: flare" "$WORK/audit.txt" ||
        fail "room 1's audit lacks its own change or the merge: $(cat "$WORK/audit.txt")"
    # on a machine with a clinician PIN the shared list asks for it, as the local one does
    "$BH" clinic patients --server "$(server $db clinic_a)" --json --data-dir "$WORK/room1" \
        </dev/null >/dev/null 2>&1
    [ $? = 3 ] || fail "the shared list was shown without the PIN"
    out=$(echo secret-pin | "$BH" clinic patients --server "$(server $db clinic_a)" --json \
        --pin-stdin --data-dir "$WORK/room1") || fail "the shared list with the PIN"
    echo "$out" | grep -q '"cap":"L04"' || fail "the shared list lacks the cap: $out"
    echo "two rooms: the later change won on the server and in both rooms; both changes audited"
}

# The server down, wrong or too new: a plain message, exit 1, nothing local changed or lost.
server_down() {
    workstation "$WORK/ws" Ann 2026-11-02
    before=$(local_hash "$WORK/ws")
    run_sync "$WORK/ws" bh_nothere clinic_a
    [ "$rc" = 1 ] || fail "sync to a missing database: exit $rc"
    grep -q "cannot connect to the clinic server" "$WORK/sync.err" || fail "message: $(cat "$WORK/sync.err")"
    "$BH" sync --server "host=$WORK/no-server dbname=x user=clinic_a" --data-dir "$WORK/ws" \
        >/dev/null 2>"$WORK/sync.err"
    rc=$?
    [ "$rc" = 1 ] || fail "sync to no server: exit $rc"
    grep -q "cannot connect to the clinic server.*No such file" "$WORK/sync.err" &&
        grep -q "nothing on this machine was changed or lost" "$WORK/sync.err" ||
        fail "message: $(cat "$WORK/sync.err")"
    [ "$(local_hash "$WORK/ws")" = "$before" ] || fail "a failed sync changed the local database"
    # a password on the command line is refused before connecting
    "$BH" sync --server "host=$PGDIR dbname=x user=clinic_a password=secret" --data-dir "$WORK/ws" \
        >/dev/null 2>"$WORK/sync.err"
    rc=$?
    [ "$rc" = 2 ] && grep -q "pgpass" "$WORK/sync.err" || fail "a password was not refused (exit $rc)"
    "$BH" sync --server "postgresql://clinic_a:secret@localhost/x" --data-dir "$WORK/ws" \
        >/dev/null 2>"$WORK/sync.err"
    [ $? = 2 ] || fail "a password in a URI was not refused"
    # a server without the schema, then one with a newer schema
    "$PGBIN/dropdb" --if-exists -h "$PGDIR" -U bhadmin bh_down 2>/dev/null # absent at first
    "$PGBIN/createdb" -h "$PGDIR" -U bhadmin bh_down || fail createdb
    run_sync "$WORK/ws" bh_down clinic_a
    [ "$rc" = 1 ] && grep -q "no Bridgehold schema yet.*--init" "$WORK/sync.err" ||
        fail "no schema: exit $rc, $(cat "$WORK/sync.err")"
    "$BH" sync --server "$(server bh_down bhadmin)" --init >/dev/null || fail "--init"
    psql_as bhadmin bh_down -c "UPDATE bridgehold.meta SET value = '99' WHERE key = 'schema_version'"
    run_sync "$WORK/ws" bh_down clinic_a
    [ "$rc" = 1 ] && grep -q "version 99, newer than this program" "$WORK/sync.err" ||
        fail "newer schema: exit $rc, $(cat "$WORK/sync.err")"
    "$BH" sync --server "$(server bh_down bhadmin)" --init >/dev/null 2>"$WORK/sync.err" &&
        fail "--init changed a newer schema"
    [ "$(psql_as bhadmin bh_down -c "SELECT value FROM bridgehold.meta")" = 99 ] || fail "meta changed"
    [ "$(psql_as bhadmin bh_down -c "SELECT count(*) FROM bridgehold.profiles")" = 0 ] ||
        fail "rows were sent to a newer schema"
    [ "$(local_hash "$WORK/ws")" = "$before" ] || fail "a refused sync changed the local database"
    # play goes on as ever, and the next sync to a working server sends everything
    workstation "$WORK/ws" Ann 2026-11-03
    new_db bh_down
    sync_ok "$WORK/ws" bh_down clinic_a
    [ "$(psql_as clinic_a bh_down -c "SELECT count(*) FROM bridgehold.sessions")" = 2 ] ||
        fail "the sessions did not all arrive after the server came back"
    echo "server down: refused plainly, nothing local changed"
}

# The clinic server configured once for a workstation (`clinic server`, behind the PIN): `sync`
# and `clinic patients` then use it without --server; --local lists this computer's patients.
configured() {
    db=bh_conf
    new_db $db
    ws=$WORK/ws
    workstation "$ws" Di 2026-11-02
    workstation "$WORK/ws2" Ed 2026-11-03
    sync_ok "$WORK/ws2" $db clinic_a
    "$BH" sync --data-dir "$ws" >/dev/null 2>"$WORK/sync.err"
    rc=$?
    [ "$rc" = 2 ] && grep -q "no clinic server is configured.*clinic server CONNINFO" "$WORK/sync.err" ||
        fail "sync with no server configured: exit $rc, $(cat "$WORK/sync.err")"
    "$BH" clinic server "$(server $db clinic_a)" --data-dir "$ws" </dev/null >/dev/null 2>&1
    [ $? = 3 ] || fail "the clinic server was configured without a clinician PIN"
    printf 'calm-bridge\ncalm-bridge\n' | "$BH" clinic pin --set --name "Dr Lee" --data-dir "$ws" \
        >/dev/null || fail "clinic pin --set"
    printf 'calm-bridge\n' | "$BH" clinic server "host=$PGDIR dbname=$db user=clinic_a password=x" \
        --pin-stdin --data-dir "$ws" >/dev/null 2>"$WORK/server.err"
    [ $? = 2 ] && grep -q pgpass "$WORK/server.err" || fail "a password in the setting was not refused"
    printf 'wrong-pin\n' | "$BH" clinic server "$(server $db clinic_a)" --pin-stdin --data-dir "$ws" \
        >/dev/null 2>&1
    [ $? = 3 ] || fail "a wrong PIN configured the clinic server"
    "$BH" clinic server --data-dir "$ws" | grep -q "clinic server: none" ||
        fail "refused changes were saved"
    sleep 1.5 # the wrong PIN's wait
    printf 'calm-bridge\n' | "$BH" clinic server "$(server $db clinic_a)" --pin-stdin \
        --data-dir "$ws" >/dev/null || fail "clinic server CONNINFO"
    [ "$("$BH" clinic server --data-dir "$ws")" = "clinic server: $(server $db clinic_a)" ] ||
        fail "the configured server reads back as '$("$BH" clinic server --data-dir "$ws")'"
    "$BH" sync --data-dir "$ws" >"$WORK/sync.out" 2>&1 || fail "sync with the configured server: $(cat "$WORK/sync.out")"
    workstation "$ws" Fay 2026-11-04 # not synced yet: still on the shared list here
    printf 'calm-bridge\n' | "$BH" clinic patients --json --pin-stdin --data-dir "$ws" \
        >"$WORK/shared.json" || fail "clinic patients with the configured server"
    printf 'calm-bridge\n' | "$BH" clinic patients --json --local --pin-stdin --data-dir "$ws" \
        >"$WORK/local.json" || fail "clinic patients --local"
    python3 - "$WORK/shared.json" "$WORK/local.json" <<'PY' || fail "lists: $(cat "$WORK/shared.json" "$WORK/local.json")"
import json, sys
shared, local = (json.load(open(f)) for f in sys.argv[1:3])
assert [p["name"] for p in shared] == ["Di", "Ed", "Fay"], shared
assert [p["name"] for p in local] == ["Di", "Fay"], local
PY
    # a server that has gone away: the list says so and points at --local
    printf 'calm-bridge\n' | "$BH" clinic server "host=$WORK/gone dbname=$db user=clinic_a" \
        --pin-stdin --data-dir "$ws" >/dev/null || fail "re-configuring the server"
    printf 'calm-bridge\n' | "$BH" clinic patients --pin-stdin --data-dir "$ws" >/dev/null 2>"$WORK/p.err"
    [ $? = 1 ] && grep -q -- "--local" "$WORK/p.err" || fail "an unreachable server: $(cat "$WORK/p.err")"
    printf 'calm-bridge\n' | "$BH" clinic server none --pin-stdin --data-dir "$ws" >/dev/null ||
        fail "clinic server none"
    "$BH" sync --data-dir "$ws" >/dev/null 2>&1
    [ $? = 2 ] || fail "sync still used a server after 'clinic server none'"
    echo "configured: $(server_counts clinic_a $db)"
}

# The in-game patient list with a clinic server configured: the UI test (BH_UI_CLINIC_TEST) syncs
# its own patients and must list them beside this other workstation's; its title screen syncs the
# one it made afterwards by itself.
game_list() {
    db=bh_game
    new_db $db
    workstation "$WORK/ws" Eve 2026-11-03
    sync_ok "$WORK/ws" $db clinic_a
    [ -x "${BH_UI_CLINIC_TEST:-}" ] || fail "BH_UI_CLINIC_TEST is not the UI test program"
    (cd "$(dirname "$BH_UI_CLINIC_TEST")" &&
        BH_TEST_CLINIC_SERVER="$(server $db clinic_a)" "$BH_UI_CLINIC_TEST") ||
        fail "the in-game shared list (PNGs in $(dirname "$BH_UI_CLINIC_TEST"))"
    names=$(psql_as clinic_a $db -c "SELECT string_agg(name, ',' ORDER BY name) FROM bridgehold.profiles")
    [ "$names" = "Ann Example,Bob Sample,Cat New,Eve" ] || fail "the server's patients: '$names'"
}

case "$SCENARIO" in
two_workstations | killed | row_security | prescription | two_rooms | server_down | configured | game_list) "$SCENARIO" ;;
*) fail "unknown scenario '$SCENARIO'" ;;
esac
