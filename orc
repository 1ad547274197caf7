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
exec "$ORC_JAVA_HOME/bin/java" "${flags[@]}" ${ORC_JAVA_OPTS:-} -jar "$jar" "$@"
