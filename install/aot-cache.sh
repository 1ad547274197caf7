# Sourced by the orc launcher: the JDK 25+ AOT caches of the client verbs (JEP 483, 514, 515), which hold their classes
# loaded and linked and their method profiles, recorded from a training run (dev.orc.cli.ClientTraining). A JVM loads
# every class of its cache at start, so `orc version` gets a cache of its own, recorded from `version` alone, and the
# other verbs share one recorded from the everyday commands against a stand-in API on loopback. The caches live
# beside the jar and their names carry the jar's size and modification time, so a rebuilt jar never meets the cache
# of another build (the JVM would ignore it anyway). A missing cache is recorded once, in the background, while the
# command runs without; ORC_AOT=wait records it in the foreground, ORC_AOT=off runs without any.

# orc_aot_cache JAR COMMAND JAVA_ARGS...: sets ORC_AOT_OPTIONS to the options that use COMMAND's cache, or to none.
orc_aot_cache() {
  local jar="$1" command="$2"; shift 2
  ORC_AOT_OPTIONS=()
  [ "$ORC_JAVA_MAJOR" -ge 25 ] && [ "${ORC_AOT:-}" != off ] || return 0
  local workload=client dir key cache
  [ "$command" = version ] && workload=version
  dir="${jar%/*}"
  key="$(stat -c '%s-%Y' "$jar")"
  cache="$dir/orc-$workload-$key.aot"
  if [ ! -f "$cache" ] && [ -w "$dir" ]; then
    if [ "${ORC_AOT:-}" = wait ]; then
      orc_aot_record "$jar" "$workload" "$cache" "$@"
    else
      (orc_aot_record "$jar" "$workload" "$cache" "$@" &) </dev/null >/dev/null 2>&1
    fi
  fi
  if [ -f "$cache" ]; then
    ORC_AOT_OPTIONS=("-XX:AOTCache=$cache")
  fi
}

# orc_aot_record JAR WORKLOAD CACHE JAVA_ARGS...: records CACHE from a training run with the options the commands use
# (the JVM refuses a cache recorded under other module options). One recording at a time: the first to create the
# scratch directory records; one left behind by a killed recording is cleared after ten minutes. The stand-in API
# serves TLS with a throwaway certificate made by keytool.
orc_aot_record() {
  local jar="$1" workload="$2" cache="$3"; shift 3
  local scratch="$cache.recording"
  find "${cache%/*}" -maxdepth 1 -name "${scratch##*/}" -mmin +10 -exec rm -rf {} + 2>/dev/null || true
  mkdir "$scratch" 2>/dev/null || return 0
  if { [ "$workload" = version ] || orc_aot_certificate "$scratch"; } \
     && nice "$ORC_JAVA_HOME/bin/java" "$@" -XX:AOTCacheOutput="$scratch/cache.aot" -cp "$jar" \
        dev.orc.cli.ClientTraining "$workload" "$scratch" >/dev/null 2>&1 \
     && [ -f "$scratch/cache.aot" ]; then
    find "${cache%/*}" -maxdepth 1 -name "orc-$workload-*.aot" -delete
    mv "$scratch/cache.aot" "$cache"
  fi
  rm -rf "$scratch"
}

# orc_aot_certificate DIR: DIR/training.p12 (key pair and certificate for 127.0.0.1) and DIR/ca.pem (the certificate).
orc_aot_certificate() {
  "$ORC_JAVA_HOME/bin/keytool" -genkeypair -keystore "$1/training.p12" -storetype PKCS12 -storepass orc-training \
      -alias training -keyalg EC -groupname secp256r1 -dname CN=localhost -ext san=ip:127.0.0.1 -validity 2 \
      >/dev/null 2>&1 \
    && "$ORC_JAVA_HOME/bin/keytool" -exportcert -rfc -keystore "$1/training.p12" -storepass orc-training \
      -alias training -file "$1/ca.pem" >/dev/null 2>&1
}
