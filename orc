#!/usr/bin/env bash
# The orc launcher: runs cli/target/orc.jar on a JDK 21+ (builds it first when missing); `orc bench ...` runs the
# benchmarks of bench/target/orc-bench.jar, which ship apart from orc.jar, with orc.jar beside them on the class path.
set -euo pipefail
# Every command pays for what runs here, so it starts no program but java (and stat, install/aot-cache.sh).
root="${BASH_SOURCE[0]%/*}"
[ "$root" = "${BASH_SOURCE[0]}" ] || [ "$root" = . ] && root="$PWD"
[[ "$root" = /* ]] || root="$PWD/$root"
. "$root/install/find-jdk.sh"
orc_find_jdk
jar="$root/cli/target/orc.jar"
bench_jar="$root/bench/target/orc-bench.jar"
if [ ! -f "$jar" ] || { [ "${1:-}" = bench ] && [ ! -f "$bench_jar" ]; }; then
  echo "orc: building $jar and $bench_jar (first run)..." >&2
  "$root/install/mvn" -q -f "$root/pom.xml" -DskipTests package >&2
fi
flags=(--enable-native-access=ALL-UNNAMED "-Dorc.launcher=$root/orc")
if [ "$ORC_JAVA_MAJOR" -ge 24 ]; then
  flags+=(--sun-misc-unsafe-memory-access=allow)
fi
# JVM options: install/jvm.options (sized for a small server) for the long-running commands, install/client-jvm.options
# and the client's AOT cache (install/aot-cache.sh) for the client verbs; ORC_JAVA_OPTS instead of either when set.
options=("${flags[@]}")
if [ -n "${ORC_JAVA_OPTS:-}" ]; then
  read -r -a extra <<<"$ORC_JAVA_OPTS"
  options+=("${extra[@]}")
else
  case "${1:-}" in
    server|up|node|bench)
      options+=("@$root/install/jvm.options")
      ;;
    *)
      options+=("@$root/install/client-jvm.options")
      . "$root/install/aot-cache.sh"
      orc_aot_cache "$jar" "${1:-}" "${options[@]}"
      options+=("${ORC_AOT_OPTIONS[@]}")
      ;;
  esac
fi
if [ "${1:-}" = bench ]; then
  exec "$ORC_JAVA_HOME/bin/java" "${options[@]}" -cp "$jar:$bench_jar" dev.orc.bench.BenchCommand "${@:2}"
fi
exec "$ORC_JAVA_HOME/bin/java" "${options[@]}" -jar "$jar" "$@"
