# Sourced by orc's scripts: sets ORC_JAVA_HOME to a JDK of version 21 or newer.
# Looks at JAVA_HOME first, then at the JDKs under /usr/lib/jvm (newest first).

# The feature version of the JDK at $1 (21, 25, ...): from its release file, which every JDK since 9 has, so no
# JVM has to start to tell (a probe JVM costs about 0.25 s); a JDK without one is asked.
orc_java_major() {
  local version
  if [ -f "$1/release" ]; then
    version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")"
  fi
  if [ -z "${version:-}" ]; then
    version="$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')"
  fi
  echo "$version"
}

orc_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate="${candidate%/}"
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major="$(orc_java_major "$candidate")"
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      ORC_JAVA_HOME="$candidate"
      ORC_JAVA_MAJOR="$major"
      return 0
    fi
  done
  cat >&2 <<'MSG'
orc: no JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm/*).
orc: install one, for example `apt-get install openjdk-21-jdk` or a Temurin JDK 21+,
orc: or point JAVA_HOME at it.
MSG
  return 1
}
