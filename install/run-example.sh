#!/usr/bin/env bash
# Sets up this machine (install/setup.sh), builds the example images with no registry, and runs a
# single-node orc cluster in this terminal (`orc up`): the API server, controllers, scheduler and a local
# node on Docker, syncing the bundled examples through a GitSource. Extra arguments go to `orc up`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/install/setup.sh"
"$root/examples/images/build.sh"
exec "$root/orc" up "$@"
