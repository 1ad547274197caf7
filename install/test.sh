#!/usr/bin/env bash
# Sets up this machine (install/setup.sh) and runs orc's whole test suite: unit, store contract
# (SQLite and a real etcd), API, Docker integration and end-to-end tests.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/install/setup.sh" --no-build
"$root/examples/images/build.sh"
export CI="${CI:-true}"
exec "$root/install/mvn" -B -f "$root/pom.xml" verify "$@"
