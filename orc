#!/usr/bin/env bash
# The orc launcher: runs cli/target/orc.jar on a JDK 21+ (builds it first when missing).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$root/install/find-jdk.sh"
orc_find_jdk
jar="$root/cli/target/orc.jar"
if [ ! -f "$jar" ]; then
  echo "orc: building $jar (first run)..." >&2
  "$root/install/mvn" -q -f "$root/pom.xml" -DskipTests package >&2
fi
flags=(--enable-native-access=ALL-UNNAMED)
if [ "$(orc_java_major "$ORC_JAVA_HOME")" -ge 24 ]; then
  flags+=(--sun-misc-unsafe-memory-access=allow)
fi
# JVM options: install/jvm.options (sized for a small server), or ORC_JAVA_OPTS instead when it is set.
if [ -n "${ORC_JAVA_OPTS:-}" ]; then
  read -r -a options <<<"$ORC_JAVA_OPTS"
else
  options=("@$root/install/jvm.options")
fi
exec "$ORC_JAVA_HOME/bin/java" "${flags[@]}" "${options[@]}" -jar "$jar" "$@"
