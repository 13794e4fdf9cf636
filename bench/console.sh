#!/usr/bin/env bash
# Console pages benchmark: fills the request log of a real gateway on PostgreSQL with CONSOLE_RECORDS
# synthetic records (and their rollups) in a private schema, then times the admin API calls each web
# console page makes for its first render (target: under 1 s each). See bench/README.md, "Console pages".
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=common.sh
. "$root/bench/common.sh"

records="${CONSOLE_RECORDS:-10000000}"
chunk="${CONSOLE_CHUNK:-500000}"
days=30
gateway_keys=50
runs="${CONSOLE_RUNS:-5}"
step_timeout="${CONSOLE_STEP_TIMEOUT:-1800}"  # seconds any one database step may take
pg_host=127.0.0.1 pg_port=5432 pg_db=test pg_user=postgres
ADMIN_PORT=19199 PROXY_PORT=18199
schema="console_bench_$$_$(date +%s)"
password="console-bench-$RANDOM$RANDOM"
config="$work/console-bench.yaml"
mkdir -p "$work" "$results_dir"

psql_run() { timeout "$step_timeout" psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$pg_db" -v ON_ERROR_STOP=1 -qAt "$@"; }
# A session for heavy work: its server process is reniced (nice on psql alone would leave the work
# itself at full priority), runs on one core, and its statements are bounded in time.
polite_session() {
  cat <<SQL
SELECT pg_backend_pid() AS backend \gset
\setenv KEYPOOL_BENCH_BACKEND :backend
\! renice -n 10 -p "\$KEYPOOL_BENCH_BACKEND" >/dev/null 2>&1 || true
SET max_parallel_workers_per_gather = 0;
SET max_parallel_maintenance_workers = 0;
SET maintenance_work_mem = '256MB';
SET statement_timeout = '${step_timeout}s';
SET search_path = $schema;
SQL
}

gateway_pid=""
stop_gateway() {
  if [ -n "$gateway_pid" ]; then
    kill "$gateway_pid" 2>/dev/null || true
    wait "$gateway_pid" 2>/dev/null || true
    gateway_pid=""
  fi
}
finish() {
  stop_gateway
  cleanup
  psql_run -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || log "could not drop schema $schema"
}
trap finish EXIT

start_gateway() { # log-name
  "$JAVA_HOME/bin/java" ${KEYPOOL_JAVA_OPTS:-} -jar target/keypool.jar serve --config "$config" >"$work/$1.log" 2>&1 &
  gateway_pid=$!
  for _ in $(seq 1 300); do
    kill -0 "$gateway_pid" 2>/dev/null || die "the gateway exited at start (target/bench/$1.log)"
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$ADMIN_PORT/health" || true)" = 200 ] && return 0
    sleep 0.2
  done
  die "the gateway did not answer on 127.0.0.1:$ADMIN_PORT within 60 s (target/bench/$1.log)"
}

command -v psql >/dev/null || die "psql is required"
psql_run -c "SELECT 1" >/dev/null || die "PostgreSQL unreachable at $pg_host:$pg_port/$pg_db as $pg_user"
for port in $ADMIN_PORT $PROXY_PORT; do
  ! port_in_use "$port" || die "port $port is in use"
done
# shellcheck source=../scripts/java-home.sh
. "$root/scripts/java-home.sh"
keypool_find_java || die "no JDK 21+"
bench_build

# 1. The schema, migrated by the gateway itself, with 5 providers of 10 keys each (provider_0..4,
# keys k0..k9) whose ids the synthetic records then use.
log "schema $schema: migrating it by starting the gateway once"
psql_run -c "CREATE SCHEMA $schema"
{
  cat <<YAML
listeners:
  proxy: { host: 127.0.0.1, port: $PROXY_PORT }
  admin: { host: 127.0.0.1, port: $ADMIN_PORT }
storage:
  url: "jdbc:postgresql://$pg_host:$pg_port/$pg_db?currentSchema=$schema"
  user: $pg_user
  encryption_key: "$(head -c 32 /dev/urandom | base64)"
admin:
  password: "$password"
providers:
YAML
  for p in 0 1 2 3 4; do
    printf '  - id: provider_%s\n    format: openai\n    base_url: http://127.0.0.1:9/v1\n    keys:\n' "$p"
    for k in $(seq 0 9); do printf '      - { name: k%s, secret: sk-console-bench-%s-%s }\n' "$k" "$p" "$k"; done
  done
} >"$config"
start_gateway console-migrate
stop_gateway

end_ms=$(( $(date +%s) / 3600 * 3600 * 1000 ))  # the last whole hour: records span the $days days before it
start_ms=$(( end_ms - days * 86400000 ))
pk_ids="$(psql_run -c "SELECT string_agg(quote_literal(id), ',' ORDER BY provider_id, name) FROM $schema.provider_keys")"
pk_expr="(ARRAY[$pk_ids])[1 + (m % 5) * 10 + k]"
gk_expr="'gk_bench_' || lpad(g::text, 2, '0')"
# shellcheck source=synthetic.sh
. "$root/bench/synthetic.sh"

# Gateway keys as the API would store them (only their ids matter here: no request is sent with them).
psql_run -c "INSERT INTO $schema.gateway_keys (id, name, key_hash, key_hint, status, source, created_at, updated_at)
  SELECT 'gk_bench_' || lpad(g::text, 2, '0'), 'bench ' || g, md5('console bench ' || g), 'ak_...' || lpad(g::text, 4, '0'),
    'active', 'api', $start_ms, $start_ms FROM generate_series(0, $gateway_keys - 1) g"

# 2. The records: the log's secondary indexes are dropped during the load and built again afterwards
# from their own definitions (the usual bulk load: one sort per index instead of 10M random inserts).
index_defs="$(psql_run -c "SELECT string_agg(indexdef, E';\n' ORDER BY indexname) FROM pg_indexes
  WHERE schemaname = '$schema' AND tablename = 'request_records' AND indexname <> 'request_records_pkey'")"
psql_run -c "SELECT 'DROP INDEX $schema.' || indexname || ';' FROM pg_indexes WHERE schemaname = '$schema'
  AND tablename = 'request_records' AND indexname <> 'request_records_pkey'" | psql_run

status_sql="CASE outcome WHEN 'success' THEN 200 WHEN 'client_abort' THEN 499 ELSE CASE error_class
  WHEN 'rate_limit' THEN 429 WHEN 'quota' THEN 429 WHEN 'credential' THEN 401 WHEN 'caller_fault' THEN 400 ELSE 503 END END"
message_sql="CASE error_class WHEN 'rate_limit' THEN 'Rate limit reached for requests on this key'
  WHEN 'quota' THEN 'You exceeded your current quota, check your plan and billing details'
  WHEN 'credential' THEN 'Incorrect API key provided' WHEN 'caller_fault' THEN 'Invalid request: messages must not be empty'
  WHEN 'transient' THEN 'The server is temporarily overloaded' END"
generate_chunk() { # first last
  polite_session
  echo "WITH r AS MATERIALIZED ("
  synthetic_draw "$1" "$2"
  cat <<SQL
), s AS (SELECT r.*, $status_sql AS status, $message_sql AS message, out_tok * 4 AS bytes FROM r
), recs AS (
  INSERT INTO request_records (id, started_at, finished_at, gateway_key_id, user_id, org_id, endpoint, client_format,
    model_requested, model_served, route_id, provider_id, provider_key_id, status, outcome, error_class, error_message,
    stream, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, usage_source,
    cost_nanos, charged_nanos, latency_millis, ttft_millis, overhead_micros, client_ip, user_agent, attempts)
  SELECT 'req_' || lpad(to_hex(t), 12, '0') || lpad(to_hex(i), 16, '0'), t, t + latency, gateway_key_id,
    'user_' || (g % 10), 'org_' || (g % 3), '/v1/chat/completions', 'openai', model_requested, model_requested,
    model_requested, provider_id, provider_key_id, status, outcome, error_class,
    coalesce(message, CASE WHEN outcome = 'client_abort' THEN 'client closed the connection' END),
    streamed, in_tok, out_tok, in_tok / 4, in_tok / 100, out_tok / 5, CASE WHEN estimated THEN 'estimated' ELSE 'provider' END,
    $cost_sql, ($cost_sql) * 3 / 2, latency, ttft, 150 + i % 200, '10.0.' || g || '.7', 'bench-client/1.0',
    '[{"attempt_no":1,"provider_id":"' || provider_id || '","provider_key_id":"' || provider_key_id
      || '","upstream_model":"' || model_requested || '","status":' || status
      || coalesce(',"failure_class":"' || error_class || '","message":"' || message || '"', '')
      || ',"latency_millis":' || latency || ',"bytes":' || bytes || ',"started_at":' || t || '}]'
  FROM s
), attempts AS (
  INSERT INTO attempts_hourly (hour_start, provider_id, provider_key_id, failure_class, attempts, latency_sum_ms, bytes)
  SELECT hour_start, provider_id, provider_key_id, coalesce(error_class, ''), count(*), sum(latency), sum(bytes)
  FROM s GROUP BY 1, 2, 3, 4
  ON CONFLICT (hour_start, provider_id, provider_key_id, failure_class) DO UPDATE SET attempts = attempts_hourly.attempts
    + excluded.attempts, latency_sum_ms = attempts_hourly.latency_sum_ms + excluded.latency_sum_ms,
    bytes = attempts_hourly.bytes + excluded.bytes
)
SQL
  rollup_upserts
}

log "generating $records records over $days days, $chunk per statement (the server processes reniced)"
t0=$(date +%s)
for ((first = 0; first < records; first += chunk)); do
  last=$(( first + chunk - 1 < records - 1 ? first + chunk - 1 : records - 1 ))
  generate_chunk "$first" "$last" | psql_run
  log "  $((last + 1)) records ($(( $(date +%s) - t0 )) s)"
done
t1=$(date +%s)
log "building the request log's indexes again"
{ polite_session; echo "$index_defs;"; echo "ANALYZE request_records; ANALYZE usage_hourly; ANALYZE usage_daily;"
  echo "ANALYZE errors_hourly; ANALYZE attempts_hourly; ANALYZE usage_hourly_by_model; ANALYZE usage_daily_by_model;"
} | psql_run
t2=$(date +%s)
stored=$(psql_run -c "SELECT count(*) FROM $schema.request_records")
rolled=$(psql_run -c "SELECT sum(requests) FROM $schema.usage_daily")
rolled_by_model=$(psql_run -c "SELECT sum(requests) FROM $schema.usage_daily_by_model")
[ "$stored" = "$records" ] && [ "$rolled" = "$records" ] && [ "$rolled_by_model" = "$records" ] \
  || die "$stored records, $rolled in the daily rollups and $rolled_by_model in those by model, expected $records"
if [ -n "${CONSOLE_SQL:-}" ]; then
  log "running CONSOLE_SQL"
  { polite_session; echo "$CONSOLE_SQL;"; echo "ANALYZE request_records;"; } | psql_run
fi
t3=$(date +%s)
size=$(psql_run -c "SELECT pg_size_pretty(pg_total_relation_size('$schema.request_records'))")
old_id=$(psql_run -c "SELECT id FROM $schema.request_records WHERE started_at >= $start_ms + 10 * 86400000
  ORDER BY started_at LIMIT 1")

# 3. The pages, against the gateway on that schema.
log "starting the gateway on the filled schema"
start_gateway console-gateway
report="$results_dir/console-$stamp.md"
{
  echo "## Console pages: $records records over $days days"
  echo
  echo "- request_records $size with indexes; generated in $((t1 - t0)) s, indexes built in $((t2 - t1)) s"
  echo "- PostgreSQL $(psql_run -c 'SHOW server_version') (shared_buffers $(psql_run -c 'SHOW shared_buffers')), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before measuring"
  [ -z "${CONSOLE_SQL:-}" ] || echo "- after the load, in $((t3 - t2)) s: \`$CONSOLE_SQL\`"
  echo "- each page: its calls issued together (at most 6 at once), wall time until the last answered; first (cold) run, then median and max of $runs (a page over 10 s is opened once)"
  echo
  "${java_bench[@]}" dev.keypool.bench.ConsoleBench --url "http://127.0.0.1:$ADMIN_PORT" --password "$password" \
    --runs "$runs" --old-id "$old_id"
  echo
  echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$report"
log "report: ${report#"$root"/}"
