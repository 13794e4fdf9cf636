# Finds a JDK 21 or newer and exports JAVA_HOME; sourced by ./keypool and .ci/run.
# Order: $JAVA_HOME if it is new enough, then the JDKs installed in the usual places (newest first).

keypool_java_major() {
  # Prints the major version of the java binary given, or nothing.
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = //p' | sed 's/^1\.//' | head -n 1
}

keypool_find_java() {
  local candidates=() dir major best="" best_major=0
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
             /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$dir/bin/java" ] && candidates+=("$dir")
  done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for dir in "${candidates[@]}"; do
    [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
    major=$(keypool_java_major "$dir/bin/java")
    [ -n "$major" ] || continue
    if [ "$dir" = "${JAVA_HOME:-}" ] && [ "$major" -ge 21 ]; then best="$dir"; break; fi
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="$dir"; best_major=$major; fi
  done
  if [ -z "$best" ]; then
    echo "keypool: no JDK 21 or newer found." >&2
    echo "  Looked at JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm, /usr/java, /opt/java, ~/.sdkman and the java on PATH." >&2
    echo "  Install one (e.g. 'apt-get install openjdk-21-jdk' or a Temurin 21+ build) or set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}
