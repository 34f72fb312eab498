#!/bin/sh
# Runs one libFuzzer target for a bounded time over a copy of its seed corpus.
# usage: run-fuzz.sh TARGET SEED_DIR WORK_DIR SECONDS
set -eu
target=$1 seeds=$2 work=$3 seconds=$4
rm -rf "$work"
mkdir -p "$work"
if [ -d "$seeds" ]; then cp -R "$seeds"/. "$work"/; fi
exec "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$work"
