#!/usr/bin/env bash
# Keypool benchmark, production profile: two Keypool instances behind nginx, on one PostgreSQL schema
# and one Redis prefix, with limits on every gateway key and client address (each request reserved
# and settled in Redis) and the key pool shared through Redis, against the bench upstream; measured in
# the same run as a direct connection and nginx alone as a reverse proxy. See bench/README.md.
#   bench/production.sh                         full run (about 5 minutes)
#   BENCH_SECONDS=3 BENCH_ROUNDS=1 bench/production.sh
# Needs PostgreSQL on 127.0.0.1:5432 (trust auth, database test), Redis on 127.0.0.1:6379, wrk and nginx.
# Everything listens on 127.0.0.1 only; every load is bounded in time; every process started here is
# stopped on exit. Results: bench/results/production-<timestamp>.md and bench/results/production-latest.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

ROUND_SECONDS="${BENCH_SECONDS:-10}"
ROUNDS="${BENCH_ROUNDS:-3}"
WARMUP_SECONDS="${BENCH_WARMUP:-20}"
# Two JVMs each see half of the load, so their JIT compilers need longer than one to reach steady state
# (measured: 1.3k, 3k, 4.4k, 7.2k, 8.4k req/s in five 10 s rounds from a cold start).
PRODUCTION_WARMUP_SECONDS="${BENCH_PRODUCTION_WARMUP:-40}"
RATE="${BENCH_RATE:-1000}"
RATE_SECONDS="${BENCH_RATE_SECONDS:-$ROUND_SECONDS}"
LATENCY_ROUNDS="${BENCH_LATENCY_ROUNDS:-3}"
CONNECTIONS=64
THREADS=2
UPSTREAM_PORT=18081 NGINX_PORT=18082 LB_PORT=18084
INSTANCE_PORTS=(18180 18181) ADMIN_PORTS=(19190 19191)
# shellcheck source=common.sh
. "$root/bench/common.sh"
# shellcheck source=measure.sh
. "$root/bench/measure.sh"
CHAT_PATH=/v1/chat/completions
schema="bench_$(tr '[:upper:]' '[:lower:]' <<<"$stamp")"
prefix="keypool-bench-$stamp:"

# On exit, besides the processes: the private schema and the Redis keys of this run.
drop_state() {
  cleanup
  if command -v psql >/dev/null 2>&1; then
    psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  fi
  if command -v redis-cli >/dev/null 2>&1; then
    redis-cli -h 127.0.0.1 --scan --pattern "$prefix*" 2>/dev/null | xargs -r redis-cli -h 127.0.0.1 del >/dev/null 2>&1 || true
  fi
}
trap drop_state EXIT

mkdir -p "$work" "$results_dir"
command -v curl >/dev/null 2>&1 || die "curl is required"
# shellcheck source=../scripts/java-home.sh
. "$root/scripts/java-home.sh"
keypool_find_java || die "no JDK 21+"
bench_build
command -v wrk >/dev/null 2>&1 || wrk_status="$(apt_install wrk)" || die "wrk is required: $wrk_status"
nginx_bin="$(find_nginx)"
if [ -z "$nginx_bin" ]; then
  nginx_status="$(apt_install nginx-light nginx)" && nginx_bin="$(find_nginx)"
fi
[ -n "$nginx_bin" ] || die "nginx is required for the production profile (the load balancer): ${nginx_status:-not found}"
(exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null || die "PostgreSQL is not reachable on 127.0.0.1:5432"
(exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null || die "Redis is not reachable on 127.0.0.1:6379"
for port in $UPSTREAM_PORT $NGINX_PORT $LB_PORT "${INSTANCE_PORTS[@]}" "${ADMIN_PORTS[@]}"; do
  port_in_use "$port" && die "port $port on 127.0.0.1 is already in use; stop what listens there"
done

log "starting bench upstream on 127.0.0.1:$UPSTREAM_PORT"
"${java_bench[@]}" dev.keypool.bench.BenchUpstream --port "$UPSTREAM_PORT" --events 10 --event-delay-ms 5 \
  >"$work/upstream.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$UPSTREAM_PORT$CHAT_PATH" "${pids[-1]}" 30 || die "bench upstream did not start"

# Both instances: same schema, same Redis prefix, same encryption key (provider secrets are stored
# encrypted in the shared database). The first creates the schema; the second starts once it is up.
encryption_key="$(head -c 32 /dev/urandom | base64)"
for i in 0 1; do
  log "starting keypool instance $((i + 1)) (proxy 127.0.0.1:${INSTANCE_PORTS[$i]}, schema $schema)"
  # shellcheck disable=SC2086
  KEYPOOL__LISTENERS__PROXY__PORT=${INSTANCE_PORTS[$i]} KEYPOOL__LISTENERS__ADMIN__PORT=${ADMIN_PORTS[$i]} \
    KEYPOOL__STORAGE__URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$schema" \
    KEYPOOL__STORAGE__ENCRYPTION_KEY="$encryption_key" KEYPOOL__QUOTAS__REDIS__PREFIX="$prefix" \
    "$JAVA_HOME/bin/java" ${KEYPOOL_JAVA_OPTS:-} -jar target/keypool.jar serve --config bench/keypool-production.yaml \
    >"$work/production-$i.log" 2>&1 &
  pids+=($!)
  wait_http "http://127.0.0.1:${INSTANCE_PORTS[$i]}$CHAT_PATH" "${pids[-1]}" 90 \
    || die "keypool instance $((i + 1)) did not start (target/bench/production-$i.log)"
  code="$(chat_status "http://127.0.0.1:${INSTANCE_PORTS[$i]}$CHAT_PATH" "production-$i")"
  [ "$code" = 200 ] || die "keypool instance $((i + 1)) answered HTTP $code (target/bench/check-production-$i.json)"
done
grep -q '"key_pool":"redis"' <(curl -s "http://127.0.0.1:${ADMIN_PORTS[0]}/health/stats") \
  || log "WARNING: /health/stats does not say key_pool redis: the instances may not share their key pool"

nginx_conf "$work/nginx.conf" "$NGINX_PORT=127.0.0.1:$UPSTREAM_PORT" \
  "$LB_PORT=127.0.0.1:${INSTANCE_PORTS[0]},127.0.0.1:${INSTANCE_PORTS[1]}"
log "starting nginx: 127.0.0.1:$NGINX_PORT (upstream) and 127.0.0.1:$LB_PORT (the two instances)"
"$nginx_bin" -p "$work" -e "$work/nginx-error.log" -c "$work/nginx.conf" >"$work/nginx.out" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$LB_PORT$CHAT_PATH" "${pids[-1]}" 15 || die "nginx did not start (target/bench/nginx-error.log)"

declare -A url=([direct]="http://127.0.0.1:$UPSTREAM_PORT$CHAT_PATH" [nginx]="http://127.0.0.1:$NGINX_PORT$CHAT_PATH"
  [production]="http://127.0.0.1:$LB_PORT$CHAT_PATH")
targets=(direct nginx production)
log "production: extra warm-up ${PRODUCTION_WARMUP_SECONDS}s (two JVMs)"
run_wrk production "$PRODUCTION_WARMUP_SECONDS" "$work/wrk-production-prewarm.txt"
measure_throughput "${targets[@]}"
measure_latency "${targets[@]}"

# Every request the instances answered is recorded in the shared schema: a check that the load was real.
records="n/a"
if command -v psql >/dev/null 2>&1; then
  records="$(psql -h 127.0.0.1 -U postgres -d test -qAtc "SELECT COUNT(*) FROM $schema.request_records" 2>/dev/null || echo n/a)"
fi

f() { local line; while IFS= read -r line; do [ -n "$line" ] && result_field "$line" "$2"; done <<<"${lat[$1]:-}" | median; }
prod_nginx="$(ratio "${rps[production]:-}" "${rps[nginx]:-}")"
report="$results_dir/production-$stamp.md"
{
  echo "# Keypool benchmark, production profile, $stamp"
  echo
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown); host: $(uname -srm), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
  echo "- production: nginx (round robin) -> 2 Keypool instances on PostgreSQL (schema $schema) and Redis, limits on every gateway key and client address, key pool shared"
  echo "- settings: $ROUNDS rounds x ${ROUND_SECONDS}s, warm-up ${WARMUP_SECONDS}s (production ${PRODUCTION_WARMUP_SECONDS}s more), wrk $THREADS threads / $CONNECTIONS connections; latency at $RATE req/s, $LATENCY_ROUNDS rounds x ${RATE_SECONDS}s"
  echo "- request records in the shared schema after the run: $records"
  echo
  echo "## Throughput (wrk, req/s)"
  echo
  echo "| target | rounds | median | non-2xx |"
  echo "|---|---|---|---|"
  for t in "${targets[@]}"; do echo "| $t |${rps_list[$t]:-} | ${rps[$t]:-n/a} | ${non2xx[$t]:-0} |"; done
  echo
  echo "Ratio production/nginx: **$prod_nginx** (production/direct $(ratio "${rps[production]:-}" "${rps[direct]:-}"))"
  echo
  echo "## Latency at $RATE req/s (open loop; median of $LATENCY_ROUNDS rounds; ms)"
  echo
  echo "| target | p50 | p90 | p99 | p99.9 | max | ok | errors |"
  echo "|---|---|---|---|---|---|---|---|"
  for t in "${targets[@]}"; do
    echo "| $t | $(ms "$(f "$t" p50_us)") | $(ms "$(f "$t" p90_us)") | $(ms "$(f "$t" p99_us)") | $(ms "$(f "$t" p999_us)") | $(ms "$(f "$t" max_us)") | $(f "$t" ok) | $(f "$t" errors) |"
  done
  echo
  echo "Added by the production path: p50 **$(diff_ms "$(f production p50_us)" "$(f direct p50_us)") ms**, p99 **$(diff_ms "$(f production p99_us)" "$(f direct p99_us)") ms** over direct;" \
    "p99 $(diff_ms "$(f production p99_us)" "$(f nginx p99_us)") ms over nginx alone (the load balancer's own hop is in both)"
  echo
  echo "Raw outputs: target/bench/wrk-*.txt, rate-*.txt, production-*.log."
} >"$report"
cp "$report" "$results_dir/production-latest.md"
echo
cat "$report"
log "written $report (and bench/results/production-latest.md)"
