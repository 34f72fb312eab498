#!/bin/sh
# Installs every Debian 12 package Bridgehold needs to build, run and test: the compiler, cmake,
# pkg-config, clang (fuzzing), the libraries, a font, Xvfb for window tests, the Debian tools
# that render the icon and check the menu entry, AppStream file, manual page and .deb, cairo (PDF
# reports), poppler-utils and sqlite3 (the report tests read PDFs and databases), node + npm (the
# FHIR R4 validator the tests run; tools/install-npm-tools.sh installs it, called at the end).
# Idempotent: installs only what is missing. Uses sudo when not run as root.
set -eu

PACKAGES="build-essential cmake pkg-config clang libclang-rt-14-dev \
libsdl2-dev libsdl2-ttf-dev libsdl2-mixer-dev libhidapi-dev libinih-dev libcmocka-dev \
libsqlite3-dev libsodium-dev libevdev-dev fonts-dejavu-core xvfb xauth python3 \
librsvg2-bin desktop-file-utils appstream man-db groff-base dpkg-dev file lintian \
libcairo2-dev poppler-utils sqlite3 nodejs"

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
# npm comes inside some nodejs builds (NodeSource) and as its own package in Debian's.
if ! command -v npm >/dev/null 2>&1; then
    missing="$missing npm"
fi

if [ -z "$missing" ]; then
    echo "install-deps: all packages present"
else
    echo "install-deps: installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
"$(dirname "$0")/install-npm-tools.sh"
