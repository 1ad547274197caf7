# Sourced by orc's scripts: sets ORC_JAVA_HOME to a JDK of version 21 or newer and ORC_JAVA_MAJOR to its version.
# Takes JAVA_HOME when it is one, else the newest JDK under /usr/lib/jvm. Runs no other program: the orc launcher
# sources it on every command.

# orc_java_major DIR: sets ORC_MAJOR to the feature version (17, 21, 25, ...) of the JDK at DIR, or to nothing. From
# its release file, which every JDK since 9 has, so no JVM has to start to tell (a probe JVM costs about 0.25 s).
orc_java_major() {
  local line
  ORC_MAJOR=""
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ -f "$1/release" ] || return 0
  while IFS= read -r line; do
    case "$line" in
      JAVA_VERSION=*)
        line="${line#JAVA_VERSION=\"}"
        line="${line%%[.\"]*}"
        [[ "$line" =~ ^[0-9]+$ ]] && ORC_MAJOR="$line"
        ;;
    esac
  done <"$1/release"
}

orc_find_jdk() {
  local candidate
  orc_java_major "${JAVA_HOME:-/nonexistent}"
  if [ -n "$ORC_MAJOR" ] && [ "$ORC_MAJOR" -ge 21 ]; then
    ORC_JAVA_HOME="${JAVA_HOME%/}"
    ORC_JAVA_MAJOR="$ORC_MAJOR"
    return 0
  fi
  ORC_JAVA_MAJOR=0
  for candidate in /usr/lib/jvm/*/; do
    candidate="${candidate%/}"
    orc_java_major "$candidate"
    if [ -n "$ORC_MAJOR" ] && [ "$ORC_MAJOR" -ge 21 ] && [ "$ORC_MAJOR" -gt "$ORC_JAVA_MAJOR" ]; then
      ORC_JAVA_HOME="$candidate"
      ORC_JAVA_MAJOR="$ORC_MAJOR"
    fi
  done
  [ "$ORC_JAVA_MAJOR" -ge 21 ] && return 0
  cat >&2 <<'MSG'
orc: no JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm/*).
orc: install one, for example `apt-get install openjdk-21-jdk` or a Temurin JDK 21+,
orc: or point JAVA_HOME at it.
MSG
  return 1
}
