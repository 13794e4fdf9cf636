# Shared by the bench scripts (sourced after `root` is set): paths, logging, and the list of
# processes stopped on exit (also on Ctrl-C or failure).
GATEWAY_KEY="ak_BenchKey0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRST"
work="$root/target/bench"
results_dir="$root/bench/results"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"

log() { echo "[bench] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Builds the jar and the test classes (unless BENCH_SKIP_BUILD=1) and sets java_bench, the command
# that runs a bench tool of src/test/java/dev/keypool/bench/. Needs JAVA_HOME (scripts/java-home.sh).
bench_build() {
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    log "building (mvnw package, test-compile, classpath)"
    ./mvnw -q -B -DskipTests package || die "mvnw package failed"
    ./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
      || die "mvnw test-compile failed"
  fi
  [ -f target/test-classpath.txt ] || die "target/test-classpath.txt missing (run without BENCH_SKIP_BUILD=1)"
  local cp="$root/target/test-classes:$root/target/classes:$(cat target/test-classpath.txt)"
  java_bench=("$JAVA_HOME/bin/java" -Dlogback.configurationFile="$root/bench/logback-bench.xml" -cp "$cp")
}
