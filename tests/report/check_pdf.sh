#!/bin/sh
# The PDF report of a multi-week history (made by make_history.c in DATA): it renders (every page
# through pdftoppm to a PNG that is not blank), its text is real, selectable text (pdftotext finds
# every chart title, the sections, a clinician's note and the practice sessions apart), and every
# page says "page N of M" with M the page count. Written 0600, no temporary file left behind.
# usage: check_pdf.sh BRIDGEHOLD DATA_DIR WORK_DIR SOURCE_DIR
set -eu
bh=$1 data=$2 work=$3 src=$4
fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in pdftoppm pdftotext pdfinfo python3; do
    command -v $tool >/dev/null 2>&1 || fail "$tool is not installed: run tools/install-deps.sh"
done
rm -rf "$work" && mkdir -p "$work"
pdf="$work/ann.pdf"
"$bh" report --profile Ann --data-dir "$data" --out "$pdf" || fail "report --out ann.pdf failed"
[ "$(stat -c %a "$pdf")" = 600 ] || fail "ann.pdf is not mode 0600"
ls "$work" | grep -q tmp && fail "a temporary file was left behind"
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
size=$(pdfinfo "$pdf" | awk '/^Page size:/ {print $3 "x" $5}')
echo "ann.pdf: $pages pages of $size pt"
[ "$size" = "595.276x841.89" ] || fail "pages are not A4 ($size)"
[ "$pages" -ge 4 ] || fail "only $pages pages for a four-week history"

pdftotext -layout "$pdf" "$work/ann.txt"
for want in "Rehabilitation report" "Patient: Ann" "Period: 2026-10-01 to 2026-10-28" \
    "Level over time" "Pain before, during, after and next morning" \
    "Next-morning pain against the session's dose" "Hold quality over time" \
    "Sitting tolerance" "MVC over time" "Decisions and their reasons" "Live sessions" \
    "Practice sessions (not counted for progression)" "Supervised sessions and clinician notes" \
    "Pelvis dropped on the left after 20 s" "safe 0–2" "high risk 5–10" "practice (not counted)" \
    "made on $(date -u +%Y-%m-%d)"; do
    grep -qF "$want" "$work/ann.txt" || fail "the PDF's text has no '$want'"
done
# the practice table lists exactly the two practice sessions
sed -n '/^ *Practice sessions (not counted/,/^ *Supervised sessions/p' "$work/ann.txt" >"$work/practice.txt"
n=$(grep -c "^ *2026-10-[0-9][0-9] " "$work/practice.txt" || true)
[ "$n" = 2 ] || fail "the practice table has $n sessions, want 2"
grep -q "2026-10-06" "$work/practice.txt" && grep -q "2026-10-20" "$work/practice.txt" ||
    fail "the practice table does not list 2026-10-06 and 2026-10-20"
# every decision's reason is in the report (the first words of each, as wrapping allows)
count=$(sqlite3 -batch "$data/bridgehold.db" "SELECT count(*) FROM decisions")
got=$(sed -n '/Decisions and their reasons/,/^ *Live sessions/p' "$work/ann.txt" |
      grep -cE "^ *2026-[0-9-]{5} +(2026-[0-9-]{5}|–)" || true)
[ "$got" = "$count" ] || fail "the decisions table has $got rows, the database $count decisions"

pdftoppm -r 50 -png "$pdf" "$work/page"
i=1
while [ $i -le "$pages" ]; do
    png=$(ls "$work"/page-*.png | sed -n "${i}p")
    [ -n "$png" ] || fail "pdftoppm made no image of page $i"
    # the running header and footer (top 6 %, bottom 6 % of the page) do not count as content
    ink=$(python3 "$src/tests/report/png_ink.py" "$png" 0.06 0.06) || fail "$png is not a PNG"
    echo "page $i: ${ink%% *} % ink"
    awk -v v="${ink%% *}" 'BEGIN { exit !(v >= 0.5) }' || fail "page $i looks blank (${ink%% *} % ink)"
    pdftotext -f $i -l $i "$pdf" "$work/p$i.txt"
    grep -q "page $i of $pages" "$work/p$i.txt" || fail "page $i does not say 'page $i of $pages'"
    i=$((i + 1))
done
[ $(ls "$work"/page-*.png | wc -l) -eq "$pages" ] || fail "pdftoppm made more images than pages"

# a profile that does not exist: exit 2, nothing written
if "$bh" report --profile Zed --data-dir "$data" --out "$work/zed.pdf" 2>"$work/zed.err"; then
    fail "report for an unknown profile succeeded"
fi
[ -e "$work/zed.pdf" ] && fail "zed.pdf was written"
echo "check_pdf: ok"
