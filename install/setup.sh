#!/usr/bin/env bash
# Installs and starts what orc needs on a Debian machine (run as root), then builds orc.
#   install/setup.sh            JDK check, Maven, Docker engine, etcd, busybox-static, Chromium and Firefox ESR (the dashboard's browser tests); build cli/target/orc.jar
#   install/setup.sh --no-build the same without building
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    *) echo "setup: unknown option $arg (known: --no-build)" >&2; exit 2 ;;
  esac
done

log() { echo "setup: $*" >&2; }

need_packages=()
command -v mvn >/dev/null || need_packages+=(maven)
command -v dockerd >/dev/null || need_packages+=(docker.io)
command -v etcd >/dev/null || need_packages+=(etcd-server)
command -v etcdctl >/dev/null || need_packages+=(etcd-client)
[ -x /bin/busybox ] && /bin/busybox --list 2>/dev/null | grep -qx httpd || need_packages+=(busybox-static)
command -v git >/dev/null || need_packages+=(git)
command -v ip >/dev/null || need_packages+=(iproute2)
command -v chromium >/dev/null || need_packages+=(chromium)
command -v chromedriver >/dev/null || need_packages+=(chromium-driver)
command -v firefox >/dev/null || need_packages+=(firefox-esr)
if [ ${#need_packages[@]} -gt 0 ]; then
  log "installing ${need_packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq "${need_packages[@]}" >&2
fi

. "$root/install/find-jdk.sh"
if ! orc_find_jdk; then
  log "installing a JDK 21+"
  apt-get update -qq >&2
  apt-get install -y -qq openjdk-21-jdk-headless >&2 || { log "no JDK 21+ package found; install one by hand"; exit 1; }
  orc_find_jdk
fi
log "JDK: $ORC_JAVA_HOME"

"$root/install/start-docker.sh"

if [ "$build" = 1 ]; then
  log "building cli/target/orc.jar"
  "$root/install/mvn" -q -B -f "$root/pom.xml" -DskipTests package >&2
fi
log "ready"
