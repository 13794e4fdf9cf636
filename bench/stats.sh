#!/usr/bin/env bash
# Statistics benchmark: generates the hourly rollups of STATS_RECORDS synthetic request records in a
# private PostgreSQL schema, with the same upsert the record writer uses, and times every statistics
# query (target: under 1 s each). See bench/README.md, "Statistics queries".
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

records="${STATS_RECORDS:-1000000}"
days="${STATS_DAYS:-30}"
gateway_keys="${STATS_GATEWAY_KEYS:-50}"
chunk="${STATS_CHUNK:-1000000}"
pg_host="${STATS_PG_HOST:-127.0.0.1}"
pg_port="${STATS_PG_PORT:-5432}"
pg_db="${STATS_PG_DB:-test}"
pg_user="${STATS_PG_USER:-postgres}"
export PGPASSWORD="${STATS_PG_PASSWORD:-${PGPASSWORD:-}}"
end="2026-01-01T00:00:00Z"           # the benchmark's "now"; records span the $days days before it
schema="stats_bench_$$_$(date +%s)"

log() { printf '[stats] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
psql_run() { psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$pg_db" -v ON_ERROR_STOP=1 -qAt "$@"; }

cleanup() {
  psql_run -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || log "could not drop schema $schema"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v psql >/dev/null || die "psql is required"
psql_run -c "SELECT 1" >/dev/null || die "PostgreSQL unreachable at $pg_host:$pg_port/$pg_db as $pg_user"

# shellcheck source=../scripts/java-home.sh
. "$root/scripts/java-home.sh"
keypool_find_java || die "no JDK 21+"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "building (test-compile, classpath)"
  ./mvnw -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
    || die "mvnw test-compile failed"
fi
cp="$root/target/test-classes:$root/target/classes:$(cat target/test-classpath.txt)"

log "schema $schema: creating the V3 rollup tables"
psql_run -c "CREATE SCHEMA $schema"
# The tables only: the backfill at the end of V3 reads request_records, which this schema lacks.
{ echo "SET search_path = $schema;"; sed "/^-- Backfill/,\$d" src/main/resources/db/migration/postgresql/V3__usage_rollups.sql; } | psql_run

# One INSERT per chunk of records: the records are drawn, summed per rollup key and hour, and upserted
# with ON CONFLICT ... DO UPDATE SET x = usage_hourly.x + excluded.x, as RecordInserter does per batch.
# Record i starts at end - days + i * span / records. Shape: gateway key g skewed (g = G * r^2), each
# gateway key uses 3 of 20 models, model m is served by provider m % 5 on one of its 10 keys at random,
# 95% success / 4% error (5 classes) / 1% client abort, latency log-uniform 55 ms .. 22 s.
sums="requests successes errors client_aborts input_tokens output_tokens cache_read_tokens cache_write_tokens
  reasoning_tokens cost_nanos charged_nanos latency_sum_ms ttft_sum_ms ttft_count estimated_count"
hist="" ; for b in $(seq 0 15); do hist="$hist lat_$(printf %02d "$b")"; done
cols="hour_start, model_requested, provider_id, provider_key_id, gateway_key_id, outcome, $(echo $sums $hist | tr ' ' '\n' | paste -sd, | sed 's/,/, /g')"
update="$(for c in $sums $hist; do printf '%s = usage_hourly.%s + excluded.%s, ' "$c" "$c" "$c"; done | sed 's/, $//')"
hist_select="$(for b in $(seq 0 15); do printf ', count(*) FILTER (WHERE b = %d)' "$b"; done)"

usage_upsert() { # table period-column period-expression
  cat <<SQL
  INSERT INTO $1 ($2, ${cols#hour_start, })
  SELECT $3, model_requested, provider_id, provider_key_id, gateway_key_id, outcome,
    count(*), count(*) FILTER (WHERE outcome = 'success'), count(*) FILTER (WHERE outcome = 'error'),
    count(*) FILTER (WHERE outcome = 'client_abort'), sum(in_tok), sum(out_tok), sum(in_tok / 4), sum(in_tok / 100),
    sum(out_tok / 5), sum(in_tok * 2500 + out_tok * 10000), sum((in_tok * 2500 + out_tok * 10000) * 3 / 2),
    sum(latency), coalesce(sum(ttft), 0), count(ttft), count(*) FILTER (WHERE estimated) $hist_select
  FROM r GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT ($2, model_requested, provider_id, provider_key_id, gateway_key_id, outcome)
  DO UPDATE SET $(echo "$update" | sed "s/usage_hourly\./$1./g")
SQL
}

generate_chunk() { # first last
  cat <<SQL
SET search_path = $schema;
WITH r AS MATERIALIZED (
  SELECT (t / 3600000) * 3600000 AS hour_start, 'model_' || m AS model_requested, 'provider_' || (m % 5) AS provider_id,
    'pk_' || (m % 5) || '_' || k AS provider_key_id, 'gk_' || g AS gateway_key_id, outcome, error_class, latency,
    width_bucket(latency, ARRAY[50,100,150,250,400,700,1200,2000,3500,6000,10000,17500,30000,60000,120000]::bigint[]) AS b,
    CASE WHEN outcome = 'success' AND streamed THEN latency / 4 END AS ttft, in_tok, out_tok, estimated
  FROM (
    SELECT x.*, (g * 7 + floor(random() * 3)::int) % 20 AS m, floor(random() * 10)::int AS k,
      CASE WHEN ro < 0.95 THEN 'success' WHEN ro < 0.99 THEN 'error' ELSE 'client_abort' END AS outcome,
      CASE WHEN ro >= 0.95 AND ro < 0.99 THEN (ARRAY['rate_limit','transient','credential','quota','caller_fault'])[1 + floor(random() * 5)::int] END AS error_class,
      floor(exp(4 + random() * 6))::bigint AS latency, random() < 0.7 AS streamed,
      floor(random() * 2000)::bigint AS in_tok, floor(random() * 500)::bigint AS out_tok, random() < 0.02 AS estimated
    FROM (
      SELECT $start_ms + i * ($days::bigint * 86400000) / $records AS t, floor($gateway_keys * random() ^ 2)::int AS g,
        random() AS ro
      FROM generate_series($1::bigint, $2::bigint) i
    ) x
  ) y
), hourly AS (
$(usage_upsert usage_hourly hour_start hour_start)
), daily AS (
$(usage_upsert usage_daily day_start "hour_start - hour_start % 86400000")
)
INSERT INTO errors_hourly (hour_start, model_requested, provider_id, error_class, count)
SELECT hour_start, model_requested, provider_id, coalesce(error_class, ''), count(*) FROM r
WHERE outcome <> 'success' GROUP BY 1, 2, 3, 4
ON CONFLICT (hour_start, model_requested, provider_id, error_class) DO UPDATE SET count = errors_hourly.count + excluded.count;
SQL
}

end_ms=$(( $(date -d "$end" +%s) * 1000 ))
start_ms=$(( end_ms - days * 86400000 ))
log "generating the rollups of $records records over $days days ($gateway_keys gateway keys, 50 provider keys, 20 models)"
t0=$(date +%s.%N)
for ((first = 0; first < records; first += chunk)); do
  last=$(( first + chunk - 1 < records - 1 ? first + chunk - 1 : records - 1 ))
  generate_chunk "$first" "$last" | psql_run
done
psql_run -c "ANALYZE $schema.usage_hourly; ANALYZE $schema.usage_daily; ANALYZE $schema.errors_hourly"
t1=$(date +%s.%N)
rows=$(psql_run -c "SELECT count(*) FROM $schema.usage_hourly")
daily_rows=$(psql_run -c "SELECT count(*) FROM $schema.usage_daily")
daily_stored=$(psql_run -c "SELECT sum(requests) FROM $schema.usage_daily")
stored=$(psql_run -c "SELECT sum(requests) FROM $schema.usage_hourly")
error_rows=$(psql_run -c "SELECT count(*) FROM $schema.errors_hourly")
size=$(psql_run -c "SELECT pg_size_pretty(pg_total_relation_size('$schema.usage_hourly'))")
[ "$stored" = "$records" ] && [ "$daily_stored" = "$records" ] \
  || die "rollups count $stored (hourly) and $daily_stored (daily) requests, expected $records"

echo
echo "## Statistics queries: $records records over $days days"
echo
printf -- '- rollups: %s usage_hourly rows (%s with indexes), %s usage_daily rows, %s errors_hourly rows; generated in %.1f s\n' \
  "$rows" "$size" "$daily_rows" "$error_rows" "$(echo "$t1 - $t0" | bc)"
echo "- PostgreSQL $(psql_run -c 'SHOW server_version'), $(nproc) cores; now = $end"
echo
java -cp "$cp" dev.keypool.bench.StatsBench --url "jdbc:postgresql://$pg_host:$pg_port/$pg_db" --user "$pg_user" \
  --password "$PGPASSWORD" --schema "$schema" --now "$end" --runs "${STATS_RUNS:-5}"
