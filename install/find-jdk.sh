# Sourced by orc's scripts: sets ORC_JAVA_HOME to a JDK of version 21 or newer.
# Looks at JAVA_HOME first, then at the JDKs under /usr/lib/jvm (newest first).
orc_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

orc_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate="${candidate%/}"
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major="$(orc_java_major "$candidate")"
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      ORC_JAVA_HOME="$candidate"
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
