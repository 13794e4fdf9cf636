#!/usr/bin/env bash
# Keypool benchmark: throughput and added latency of the gateway against a fast local upstream,
# compared with a direct connection and with nginx as a reverse proxy. See bench/README.md.
#   bench/run.sh                      full run (about 4 minutes)
#   BENCH_SECONDS=3 bench/run.sh      shorter rounds while developing
# Everything listens on 127.0.0.1 only; every load is bounded in time; every process started here
# is stopped on exit. Results: bench/results/<timestamp>.md and bench/results/latest.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

ROUND_SECONDS="${BENCH_SECONDS:-10}"        # length of one throughput round
ROUNDS="${BENCH_ROUNDS:-3}"                 # interleaved rounds per target
WARMUP_SECONDS="${BENCH_WARMUP:-20}"        # unrecorded load before measuring each target
RATE="${BENCH_RATE:-1000}"                  # fixed request rate of the latency test
RATE_SECONDS="${BENCH_RATE_SECONDS:-$ROUND_SECONDS}"
LATENCY_ROUNDS="${BENCH_LATENCY_ROUNDS:-3}"  # interleaved latency rounds per target (median reported)
STREAMS="${BENCH_STREAMS:-100}"             # streams opened by the time-to-first-event probe
CONNECTIONS=64
THREADS=2
UPSTREAM_PORT=18081 PROXY_PORT=18080 ADMIN_PORT=19090 NGINX_PORT=18082 NOREC_PORT=18083 NOREC_ADMIN_PORT=19093
# shellcheck source=common.sh
. "$root/bench/common.sh"
# shellcheck source=measure.sh
. "$root/bench/measure.sh"
CHAT_PATH=/v1/chat/completions

# ---------------------------------------------------------------------------------------------
# 1. JDK, build, tools
mkdir -p "$work" "$results_dir"
command -v curl >/dev/null 2>&1 || die "curl is required"
# shellcheck source=../scripts/java-home.sh
. "$root/scripts/java-home.sh"
keypool_find_java || die "no JDK 21+"
log "JDK: $JAVA_HOME"
bench_build

wrk_status="found"
if ! command -v wrk >/dev/null 2>&1; then
  wrk_status="$(apt_install wrk)" || die "wrk is required: $wrk_status. Install it (apt-get install wrk) and rerun."
fi
nginx_bin="$(find_nginx)"
nginx_status="found ($nginx_bin)"
if [ -z "$nginx_bin" ]; then
  if nginx_status="$(apt_install nginx-light nginx)"; then nginx_bin="$(find_nginx)"; fi
fi
[ -n "$nginx_bin" ] || log "nginx unavailable: $nginx_status; comparing direct and keypool only"
log "wrk: $wrk_status; nginx: $nginx_status"

for port in $UPSTREAM_PORT $PROXY_PORT $ADMIN_PORT $NGINX_PORT $NOREC_PORT $NOREC_ADMIN_PORT; do
  port_in_use "$port" && die "port $port on 127.0.0.1 is already in use; stop what listens there"
done

# ---------------------------------------------------------------------------------------------
# 2. Bench upstream
log "starting bench upstream on 127.0.0.1:$UPSTREAM_PORT"
"${java_bench[@]}" dev.keypool.bench.BenchUpstream --port "$UPSTREAM_PORT" --events 10 --event-delay-ms 5 \
  >"$work/upstream.log" 2>&1 &
upstream_pid=$!
pids+=("$upstream_pid")
wait_http "http://127.0.0.1:$UPSTREAM_PORT$CHAT_PATH" "$upstream_pid" 30 \
  || die "bench upstream did not start (target/bench/upstream.log)"

# 3. Keypool
keypool_ok=0
keypool_status="not started"
rm -f "$work"/keypool-bench.db*
if [ -f target/keypool.jar ] || [ -n "${BENCH_KEYPOOL_CMD:-}" ]; then
  log "starting keypool (proxy 127.0.0.1:$PROXY_PORT, admin 127.0.0.1:$ADMIN_PORT)"
  if [ -n "${BENCH_KEYPOOL_CMD:-}" ]; then
    # Test hook: any command serving the proxy port stands in for the gateway.
    bash -c "exec $BENCH_KEYPOOL_CMD" >"$work/keypool.log" 2>&1 &
  else
    # shellcheck disable=SC2086
    "$JAVA_HOME/bin/java" ${KEYPOOL_JAVA_OPTS:-} -jar target/keypool.jar serve --config bench/keypool-bench.yaml \
      >"$work/keypool.log" 2>&1 &
  fi
  keypool_pid=$!
  pids+=("$keypool_pid")
  if wait_http "http://127.0.0.1:$PROXY_PORT$CHAT_PATH" "$keypool_pid" 60; then
    code="$(chat_status "http://127.0.0.1:$PROXY_PORT$CHAT_PATH" keypool)"
    if [ "$code" = 200 ]; then
      keypool_ok=1
      keypool_status="running"
    else
      keypool_status="answers, but a chat completion got HTTP $code (target/bench/check-keypool.json)"
    fi
  elif kill -0 "$keypool_pid" 2>/dev/null; then
    keypool_status="did not answer on 127.0.0.1:$PROXY_PORT within 60 s (target/bench/keypool.log)"
  else
    keypool_status="exited at startup (target/bench/keypool.log: $(tail -n 1 "$work/keypool.log" | cut -c1-160))"
  fi
else
  keypool_status="target/keypool.jar missing"
fi
[ "$keypool_ok" = 1 ] || log "KEYPOOL NOT MEASURED: $keypool_status"

# 3b. A second Keypool with request recording off, to measure what recording costs (same file,
# environment overrides for ports, database and tracking).
norec_ok=0
if [ "$keypool_ok" = 1 ] && [ -z "${BENCH_KEYPOOL_CMD:-}" ] && [ "${BENCH_RECORDING_COMPARE:-1}" = 1 ]; then
  rm -f "$work"/keypool-norec.db*
  log "starting keypool with recording off (proxy 127.0.0.1:$NOREC_PORT)"
  # shellcheck disable=SC2086
  KEYPOOL__LISTENERS__PROXY__PORT=$NOREC_PORT KEYPOOL__LISTENERS__ADMIN__PORT=$NOREC_ADMIN_PORT \
    KEYPOOL__TRACKING__ENABLED=false KEYPOOL__STORAGE__URL="jdbc:sqlite:$work/keypool-norec.db" \
    "$JAVA_HOME/bin/java" ${KEYPOOL_JAVA_OPTS:-} -jar target/keypool.jar serve --config bench/keypool-bench.yaml \
    >"$work/keypool-norec.log" 2>&1 &
  norec_pid=$!
  pids+=("$norec_pid")
  if wait_http "http://127.0.0.1:$NOREC_PORT$CHAT_PATH" "$norec_pid" 60 \
      && [ "$(chat_status "http://127.0.0.1:$NOREC_PORT$CHAT_PATH" keypool-norec)" = 200 ]; then
    norec_ok=1
  else
    log "keypool with recording off did not start (target/bench/keypool-norec.log)"
  fi
fi

# 4. nginx
nginx_ok=0
if [ -n "$nginx_bin" ]; then
  nginx_conf "$work/nginx.conf" "$NGINX_PORT=127.0.0.1:$UPSTREAM_PORT"
  log "starting nginx on 127.0.0.1:$NGINX_PORT"
  "$nginx_bin" -p "$work" -e "$work/nginx-error.log" -c "$work/nginx.conf" >"$work/nginx.out" 2>&1 &
  nginx_pid=$!
  pids+=("$nginx_pid")
  if wait_http "http://127.0.0.1:$NGINX_PORT$CHAT_PATH" "$nginx_pid" 15; then
    nginx_ok=1
  else
    nginx_status="$nginx_status; failed to start (target/bench/nginx-error.log)"
    log "nginx did not start: $(tail -n 2 "$work/nginx.out" "$work/nginx-error.log" 2>/dev/null | tr '\n' ' ')"
  fi
fi

# ---------------------------------------------------------------------------------------------
# 5. Measurements
targets=(direct)
declare -A url=([direct]="http://127.0.0.1:$UPSTREAM_PORT$CHAT_PATH" [keypool]="http://127.0.0.1:$PROXY_PORT$CHAT_PATH"
  [nginx]="http://127.0.0.1:$NGINX_PORT$CHAT_PATH" [keypool_norec]="http://127.0.0.1:$NOREC_PORT$CHAT_PATH")
[ "$keypool_ok" = 1 ] && targets+=(keypool)
[ "$norec_ok" = 1 ] && targets+=(keypool_norec)
[ "$nginx_ok" = 1 ] && targets+=(nginx)

measure_throughput "${targets[@]}"

latency_targets=(direct)
[ "$keypool_ok" = 1 ] && latency_targets+=(keypool)
[ "$norec_ok" = 1 ] && latency_targets+=(keypool_norec)
[ "$nginx_ok" = 1 ] && latency_targets+=(nginx)
measure_latency "${latency_targets[@]}"

declare -A ttfe
for t in direct $([ "$keypool_ok" = 1 ] && echo keypool); do
  log "time to first event: $STREAMS sequential streams to $t"
  timeout $((STREAMS + 60)) "${java_bench[@]}" dev.keypool.bench.StreamProbe --label "$t" --url "${url[$t]}" \
    --count "$STREAMS" --warmup 20 --auth "$GATEWAY_KEY" >"$work/stream-$t.txt" 2>&1 \
    || log "StreamProbe against $t failed (see target/bench/stream-$t.txt)"
  ttfe[$t]="$(grep '^RESULT' "$work/stream-$t.txt" | tail -n 1 || true)"
done

# ---------------------------------------------------------------------------------------------
# 6. Report

kp_nginx="$(ratio "${rps[keypool]:-}" "${rps[nginx]:-}")"
kp_direct="$(ratio "${rps[keypool]:-}" "${rps[direct]:-}")"
nginx_direct="$(ratio "${rps[nginx]:-}" "${rps[direct]:-}")"
rec_ratio="$(ratio "${rps[keypool]:-}" "${rps[keypool_norec]:-}")"
rec_cost="$(awk -v r="$rec_ratio" 'BEGIN { if (r == "n/a" || r == "") print "n/a"; else printf "%.1f", (1 - r) * 100 }')"
# Median over the latency rounds of one RESULT field.
f() { local line; while IFS= read -r line; do [ -n "$line" ] && result_field "$line" "$2"; done <<<"${lat[$1]:-}" | median; }
added_p50="$(diff_ms "$(f keypool p50_us)" "$(f direct p50_us)")"
added_p99="$(diff_ms "$(f keypool p99_us)" "$(f direct p99_us)")"
rec_p50="$(diff_ms "$(f keypool p50_us)" "$(f keypool_norec p50_us)")"
rec_p99="$(diff_ms "$(f keypool p99_us)" "$(f keypool_norec p99_us)")"
g() { result_field "${ttfe[$1]:-}" "$2"; }
added_ttfe="$(diff_ms "$(g keypool ttfe_p50_us)" "$(g direct ttfe_p50_us)")"

report="$results_dir/$stamp.md"
{
  echo "# Keypool benchmark $stamp"
  echo
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown); host: $(uname -srm), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
  echo "- JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1); wrk: $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2) ($wrk_status); nginx: $nginx_status"
  echo "- keypool: $keypool_status"
  echo "- settings: $ROUNDS rounds x ${ROUND_SECONDS}s, warm-up ${WARMUP_SECONDS}s, wrk $THREADS threads / $CONNECTIONS connections;" \
    "latency at $RATE req/s, $LATENCY_ROUNDS rounds x ${RATE_SECONDS}s; $STREAMS streams"
  echo
  echo "## Throughput (wrk, req/s)"
  echo
  echo "| target | rounds | median | non-2xx |"
  echo "|---|---|---|---|"
  for t in direct keypool keypool_norec nginx; do
    if [ -n "${rps[$t]:-}" ]; then echo "| $t |${rps_list[$t]} | ${rps[$t]} | ${non2xx[$t]:-0} |"; else echo "| $t | not measured | | |"; fi
  done
  echo
  echo "Ratios: keypool/nginx **$kp_nginx** (target >= 0.5: $(verdict "$kp_nginx" ">=" 0.5)), keypool/direct $kp_direct, nginx/direct $nginx_direct"
  echo
  echo "Recording: keypool (records on) / keypool_norec (records off) = $rec_ratio, i.e. recording costs **$rec_cost %** of throughput (target <= 5 %: $(verdict "$rec_cost" "<=" 5))"
  echo
  echo "## Latency at $RATE req/s (open loop, from the scheduled send time; median of $LATENCY_ROUNDS rounds; ms)"
  echo
  echo "| target | p50 | p90 | p99 | p99.9 | max | ok | errors |"
  echo "|---|---|---|---|---|---|---|---|"
  for t in direct keypool keypool_norec nginx; do
    if [ -n "${lat[$t]:-}" ]; then
      echo "| $t | $(ms "$(f "$t" p50_us)") | $(ms "$(f "$t" p90_us)") | $(ms "$(f "$t" p99_us)") | $(ms "$(f "$t" p999_us)") | $(ms "$(f "$t" max_us)") | $(f "$t" ok) | $(f "$t" errors) |"
    else echo "| $t | not measured | | | | | | |"; fi
  done
  echo
  echo "Rounds (µs): $(for t in direct keypool keypool_norec nginx; do [ -n "${lat[$t]:-}" ] && printf '%s; ' "$(echo "${lat[$t]}" | grep . | sed 's/^RESULT //' | tr '\n' ' ')"; done)"
  echo
  echo "Added latency (keypool - direct): p50 **$added_p50 ms**, p99 **$added_p99 ms** (target p99 <= 2 ms: $(verdict "$added_p99" "<=" 2))"
  echo
  echo "Latency added by recording (keypool - keypool_norec): p50 $rec_p50 ms, p99 $rec_p99 ms"
  echo
  echo "## Time to first SSE event ($STREAMS sequential streams; ms)"
  echo
  echo "| target | p50 | p90 | min | full stream p50 | errors |"
  echo "|---|---|---|---|---|---|"
  for t in direct keypool; do
    if [ -n "${ttfe[$t]:-}" ]; then
      echo "| $t | $(ms "$(g "$t" ttfe_p50_us)") | $(ms "$(g "$t" ttfe_p90_us)") | $(ms "$(g "$t" ttfe_min_us)") | $(ms "$(g "$t" total_p50_us)") | $(g "$t" errors) |"
    else echo "| $t | not measured | | | | |"; fi
  done
  echo
  echo "Added time to first event (keypool - direct, p50): **$added_ttfe ms**"
  echo
  echo "Raw outputs: target/bench/wrk-*.txt, rate-*.txt, stream-*.txt."
} >"$report"
cp "$report" "$results_dir/latest.md"
echo
cat "$report"
echo
log "written $report (and bench/results/latest.md)"
