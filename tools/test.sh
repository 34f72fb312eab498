#!/bin/sh
# Installs what is needed, then builds and runs every test twice: a normal gcc build, then a clang
# build with AddressSanitizer + UndefinedBehaviorSanitizer that also runs each fuzz target for a
# bounded time. Warnings are errors in both. Ends with ctest's summary of the sanitizer run.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)
fuzz_seconds=${BH_FUZZ_SECONDS:-15}
"$root/tools/install-deps.sh"

echo "== normal build (gcc, -Werror) =="
CC=gcc cmake -S "$root" -B "$root/build/test-gcc" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBH_WERROR=ON >/dev/null
cmake --build "$root/build/test-gcc" -j"$jobs"
(cd "$root/build/test-gcc" && ctest -j"$jobs" --output-on-failure)

echo "== sanitizer build (clang, ASan + UBSan, fuzz targets) =="
CC=clang cmake -S "$root" -B "$root/build/test-asan" -DCMAKE_BUILD_TYPE=Debug -DBH_WERROR=ON \
    -DBH_SANITIZE=ON -DBH_FUZZ=ON -DBH_FUZZ_SECONDS="$fuzz_seconds" >/dev/null
cmake --build "$root/build/test-asan" -j"$jobs"
cd "$root/build/test-asan"
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp} \
    ctest -j"$jobs" --output-on-failure
