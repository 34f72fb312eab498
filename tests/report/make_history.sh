#!/bin/sh
# Makes a multi-week sample history for the report tests: real headless sessions of the game
# (`bridgehold play --headless --input sim`) on 26 days from 2026-10-01, each day with its own
# scripted patient (answers file): the next-morning load test for the day before, pain before /
# after each set / after, a flare in week 3, and the weekly sitting-tolerance answer.
#
# usage: make_history.sh BRIDGEHOLD DATA_DIR PROFILE
#
# Three things the headless game cannot make yet are set with sqlite3 afterwards, and only here:
#  - practice sessions: until the play/ layer stores provenance for real, every headless session
#    is stored live/person; two extra sessions are re-labelled source='practice', origin='sim';
#  - a supervised session with clinician notes per set (the clinic view, issue 9, will write
#    them): one session gets supervised = 1 and notes on two sets;
#  - MVC tests (the strength test runs only in the window): three tests are inserted, one of
#    them entered by a clinician.
set -eu
bh=$1
dir=$2
name=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# day  before  set-pains      after  next-morning-of-previous  sitting-minutes  mvc-n
plan="
01 2 1,2,2,2,2 2 - 20 400
02 2 1,1,2,2,2 2 2 - 400
03 2 1,1,1,2,2 1 2 - 400
05 1 1,1,1,1,1 1 1 - 400
06 1 1,1,1,1,2 1 1 - 400
07 1 1,1,1,2,2 1 2 - 400
08 2 2,2,3,3,3 2 2 25 420
09 2 2,2,2,3,3 2 3 - 420
10 2 2,2,2,2,2 2 2 - 420
12 2 2,2,3,3,3 3 2 - 420
13 3 3,3,4,4,4 4 3 - 420
14 3 3,4,4,5,5 5 4 - 420
15 4 4,5,6,7,8 8 6 15 420
16 5 4,4,4,5,5 5 7 - 420
17 4 3,3,3,3,3 3 5 - 420
19 3 2,2,2,3,3 2 3 - 420
20 2 2,2,2,2,2 2 2 - 420
21 2 1,2,2,2,2 2 2 - 420
22 2 1,1,2,2,2 2 2 30 450
23 2 1,1,1,2,2 2 2 - 450
24 1 1,1,1,1,1 1 1 - 450
26 1 1,1,1,1,2 1 1 - 450
27 1 1,1,1,1,1 1 1 - 450
28 1 1,1,1,1,1 1 1 - 450
"
echo "$plan" | while read -r day before sets after nm sit mvc; do
    [ -n "$day" ] || continue
    f="$work/day$day.txt"
    {
        echo "red_flags = no"
        [ "$nm" = "-" ] || echo "pain_next_morning = $nm"
        echo "pain_before = $before"
        echo "pain_set = $sets"
        echo "pain_after = $after"
        [ "$sit" = "-" ] || echo "sitting_minutes = $sit"
    } >"$f"
    "$bh" play --headless --input sim --answers "$f" --data-dir "$dir" --profile "$name" \
        --today "2026-10-$day" --mvc-n "$mvc" >"$work/out.json"
    case $day in
    06 | 20) # a second run the same evening: simulator practice, re-labelled below
        printf 'red_flags = no\npain_before = 1\npain_set = 1\npain_after = 1\n' >"$work/p.txt"
        "$bh" play --headless --input sim --answers "$work/p.txt" --data-dir "$dir" \
            --profile "$name" --today "2026-10-$day" --mvc-n "$mvc" >"$work/out.json" ;;
    esac
done

db="$dir/bridgehold.db"
sqlite3 "$db" <<SQL
-- the second session of 2026-10-06 and of 2026-10-20 were simulator practice
UPDATE sessions SET source = 'practice', origin = 'sim', input_kind = 'sim'
 WHERE id IN (SELECT max(id) FROM sessions WHERE date IN ('2026-10-06', '2026-10-20')
              GROUP BY date);
-- 2026-10-16 was supervised at the clinic, with notes on two sets
UPDATE sessions SET supervised = 1 WHERE date = '2026-10-16';
UPDATE sets SET note = 'Pelvis dropped on the left after 20 s; cued to keep the hips level.'
 WHERE idx = 2 AND session_id = (SELECT id FROM sessions WHERE date = '2026-10-16');
UPDATE sets SET note = 'Better: steady in the band, pain 5 at the end of the set.'
 WHERE idx = 4 AND session_id = (SELECT id FROM sessions WHERE date = '2026-10-16');
-- MVC tests (the strength test runs only in the window)
INSERT INTO mvc_tests (profile_id, date, level, best_n, cv_pct, pain_limited, time, origin)
 SELECT id, '2026-10-01', 'L01', 400, 4.1, 0, 1790841600, 'tested' FROM profiles WHERE name = '$name';
INSERT INTO mvc_tests (profile_id, date, level, best_n, cv_pct, pain_limited, time, origin)
 SELECT id, '2026-10-08', 'L01', 420, 3.6, 0, 1791446400, 'tested' FROM profiles WHERE name = '$name';
INSERT INTO mvc_tests (profile_id, date, level, best_n, cv_pct, pain_limited, time, origin)
 SELECT id, '2026-10-22', 'L02', 450, NULL, 0, 1792656000, 'clinician' FROM profiles WHERE name = '$name';
SQL
