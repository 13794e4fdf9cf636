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

log "schema $schema: creating the V3 and V20 rollup tables"
psql_run -c "CREATE SCHEMA $schema"
# The tables only: the backfills at the end of V3 and V20 read request_records and the V3 tables.
{ echo "SET search_path = $schema;"; sed "/^-- Backfill/,\$d" src/main/resources/db/migration/postgresql/V3__usage_rollups.sql
  sed "/^-- Filled from/,\$d" src/main/resources/db/migration/postgresql/V20__usage_by_model.sql; } | psql_run

end_ms=$(( $(date -d "$end" +%s) * 1000 ))
start_ms=$(( end_ms - days * 86400000 ))
# shellcheck source=synthetic.sh
. "$root/bench/synthetic.sh"

# One INSERT per chunk of records: the records are drawn (bench/synthetic.sh), summed per rollup key and
# hour, and upserted as RecordInserter does per batch; the records themselves are not stored.
generate_chunk() { # first last
  echo "SET search_path = $schema;"
  echo "WITH r AS MATERIALIZED ("
  synthetic_draw "$1" "$2"
  echo ")"
  rollup_upserts
}

log "generating the rollups of $records records over $days days ($gateway_keys gateway keys, 50 provider keys, 20 models)"
t0=$(date +%s.%N)
for ((first = 0; first < records; first += chunk)); do
  last=$(( first + chunk - 1 < records - 1 ? first + chunk - 1 : records - 1 ))
  generate_chunk "$first" "$last" | psql_run
done
psql_run -c "ANALYZE $schema.usage_hourly; ANALYZE $schema.usage_daily; ANALYZE $schema.errors_hourly;
  ANALYZE $schema.usage_hourly_by_model; ANALYZE $schema.usage_daily_by_model"
t1=$(date +%s.%N)
rows=$(psql_run -c "SELECT count(*) FROM $schema.usage_hourly")
daily_rows=$(psql_run -c "SELECT count(*) FROM $schema.usage_daily")
daily_stored=$(psql_run -c "SELECT sum(requests) FROM $schema.usage_daily")
by_model_stored=$(psql_run -c "SELECT sum(requests) FROM $schema.usage_daily_by_model")
stored=$(psql_run -c "SELECT sum(requests) FROM $schema.usage_hourly")
error_rows=$(psql_run -c "SELECT count(*) FROM $schema.errors_hourly")
size=$(psql_run -c "SELECT pg_size_pretty(pg_total_relation_size('$schema.usage_hourly'))")
[ "$stored" = "$records" ] && [ "$daily_stored" = "$records" ] && [ "$by_model_stored" = "$records" ] \
  || die "rollups count $stored (hourly), $daily_stored (daily) and $by_model_stored (daily by model) requests, expected $records"

echo
echo "## Statistics queries: $records records over $days days"
echo
printf -- '- rollups: %s usage_hourly rows (%s with indexes), %s usage_daily rows, %s errors_hourly rows; generated in %.1f s\n' \
  "$rows" "$size" "$daily_rows" "$error_rows" "$(echo "$t1 - $t0" | bc)"
echo "- PostgreSQL $(psql_run -c 'SHOW server_version'), $(nproc) cores; now = $end"
echo
java -cp "$cp" dev.keypool.bench.StatsBench --url "jdbc:postgresql://$pg_host:$pg_port/$pg_db" --user "$pg_user" \
  --password "$PGPASSWORD" --schema "$schema" --now "$end" --runs "${STATS_RUNS:-5}"
