#!/usr/bin/env bash
# Builds orc's demo images with no registry: FROM scratch plus the static busybox binary
# (Debian: apt-get install busybox-static).
#   orc/busybox:1        busybox with its applets in /bin, runs sh
#   orc/web:1, orc/web:2 busybox httpd on port 8080 serving a page that names its version
# Usage: examples/images/build.sh [BUSYBOX_BINARY]   (default /bin/busybox)
set -euo pipefail

busybox="${1:-/bin/busybox}"
if ! [ -x "$busybox" ]; then
  echo "build.sh: no busybox binary at $busybox (Debian: apt-get install busybox-static)" >&2
  exit 1
fi
if ! "$busybox" true 2>/dev/null; then
  echo "build.sh: $busybox does not run as busybox" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# build TAG DIR: docker build, quiet unless it fails (the legacy builder warns on every run).
build() {
  if ! docker build -q -t "$1" "$2" >/dev/null 2>"$work/build.err"; then
    cat "$work/build.err" >&2
    exit 1
  fi
  echo "built $1"
}

# context DIR: a build context with busybox, /tmp and minimal /etc files.
context() {
  local dir="$1"
  mkdir -p "$dir/rootfs/bin" "$dir/rootfs/tmp" "$dir/rootfs/etc"
  chmod 1777 "$dir/rootfs/tmp"
  cp "$busybox" "$dir/rootfs/bin/busybox"
  chmod 0755 "$dir/rootfs/bin/busybox"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$dir/rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$dir/rootfs/etc/group"
}

build_busybox() {
  local dir="$work/busybox"
  context "$dir"
  cat >"$dir/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY rootfs/ /
RUN ["/bin/busybox", "--install", "-s", "/bin"]
ENV PATH=/bin
CMD ["sh"]
DOCKERFILE
  build orc/busybox:1 "$dir"
}

build_web() {
  local version="$1" dir="$work/web-$1"
  context "$dir"
  mkdir -p "$dir/rootfs/www"
  cat >"$dir/rootfs/www/index.html" <<HTML
<!doctype html>
<title>orc web $version</title>
<h1>orc web version $version</h1>
HTML
  cat >"$dir/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY rootfs/ /
RUN ["/bin/busybox", "--install", "-s", "/bin"]
ENV PATH=/bin
EXPOSE 8080
CMD ["httpd", "-f", "-v", "-p", "8080", "-h", "/www"]
DOCKERFILE
  build "orc/web:$version" "$dir"
}

build_busybox
build_web 1
build_web 2
