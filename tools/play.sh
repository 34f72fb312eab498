#!/bin/sh
# Installs what is needed, builds Bridgehold and starts the game. Extra arguments go to the game,
# e.g. `tools/play.sh --input sim`.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/install-deps.sh"
cmake -S "$root" -B "$root/build/release" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBH_TESTS=OFF >/dev/null
cmake --build "$root/build/release" -j"$(nproc)"
exec "$root/build/release/bridgehold" "$@"
