# Synthetic request traffic in SQL, shared by bench/stats.sh and bench/console.sh (sourced). Needs
# records, days, gateway_keys and start_ms set; pk_expr and gk_expr may be set before sourcing to name
# provider and gateway keys by ids of a real database instead of pk_<provider>_<key> and gk_<n>.
#
# Shape of record i (0 <= i < records): it starts at start_ms + i * days / records (evenly spread);
# gateway key g skewed (g = G * r^2); each gateway key uses 3 of 20 models; model m is served by
# provider m % 5 on one of its 10 keys at random; 95% success / 4% error (5 classes) / 1% client
# abort; latency log-uniform 55 ms .. 22 s; 70% streamed; 2% of usages estimated.

pk_expr="${pk_expr:-'pk_' || (m % 5) || '_' || k}"
gk_expr="${gk_expr:-'gk_' || g}"

# synthetic_draw FIRST LAST: a SELECT of records FIRST..LAST, one row each, with the columns the rollups
# and the request log need (hour_start, model_requested, provider_id, provider_key_id, gateway_key_id,
# outcome, error_class, latency, b = latency bucket, ttft, in_tok, out_tok, estimated, plus i, t, g,
# streamed for the log's own columns).
synthetic_draw() {
  cat <<SQL
  SELECT i, t, g, streamed, (t / 3600000) * 3600000 AS hour_start, 'model_' || m AS model_requested,
    'provider_' || (m % 5) AS provider_id, $pk_expr AS provider_key_id, $gk_expr AS gateway_key_id,
    outcome, error_class, latency,
    width_bucket(latency, ARRAY[50,100,150,250,400,700,1200,2000,3500,6000,10000,17500,30000,60000,120000]::bigint[]) AS b,
    CASE WHEN outcome = 'success' AND streamed THEN latency / 4 END AS ttft, in_tok, out_tok, estimated
  FROM (
    SELECT x.*, (g * 7 + floor(random() * 3)::int) % 20 AS m, floor(random() * 10)::int AS k,
      CASE WHEN ro < 0.95 THEN 'success' WHEN ro < 0.99 THEN 'error' ELSE 'client_abort' END AS outcome,
      CASE WHEN ro >= 0.95 AND ro < 0.99 THEN (ARRAY['rate_limit','transient','credential','quota','caller_fault'])[1 + floor(random() * 5)::int] END AS error_class,
      floor(exp(4 + random() * 6))::bigint AS latency, random() < 0.7 AS streamed,
      floor(random() * 2000)::bigint AS in_tok, floor(random() * 500)::bigint AS out_tok, random() < 0.02 AS estimated
    FROM (
      SELECT i, $start_ms + i * ($days::bigint * 86400000) / $records AS t, floor($gateway_keys * random() ^ 2)::int AS g,
        random() AS ro
      FROM generate_series($1::bigint, $2::bigint) i
    ) x
  ) y
SQL
}

# Rollup columns and the upsert of the record writer (RecordInserter): ON CONFLICT ... DO UPDATE SET
# x = x + excluded.x.
sums="requests successes errors client_aborts input_tokens output_tokens cache_read_tokens cache_write_tokens
  reasoning_tokens cost_nanos charged_nanos latency_sum_ms ttft_sum_ms ttft_count estimated_count"
hist="" ; for b in $(seq 0 15); do hist="$hist lat_$(printf %02d "$b")"; done
sum_cols="$(echo $sums $hist | tr ' ' '\n' | paste -sd, | sed 's/,/, /g')"
update="$(for c in $sums $hist; do printf '%s = usage_hourly.%s + excluded.%s, ' "$c" "$c" "$c"; done | sed 's/, $//')"
# Key columns of usage_hourly and usage_daily, and of their coarser usage_hourly_by_model and usage_daily_by_model.
key_ids="model_requested, provider_id, provider_key_id, gateway_key_id, outcome"
model_ids="model_requested, provider_id"
hist_select="$(for b in $(seq 0 15); do printf ', count(*) FILTER (WHERE b = %d)' "$b"; done)"

# Cost of a record in nano-USD, from its tokens (charged is cost * 1.5).
cost_sql="in_tok * 2500 + out_tok * 10000"

usage_upsert() { # table period-column period-expression key-columns; reads the draw as r
  local groups ; groups="$(seq -s, 1 $(( $(echo "$4" | tr -cd , | wc -c) + 2 )) | sed 's/,/, /g')"
  cat <<SQL
  INSERT INTO $1 ($2, $4, $sum_cols)
  SELECT $3, $4,
    count(*), count(*) FILTER (WHERE outcome = 'success'), count(*) FILTER (WHERE outcome = 'error'),
    count(*) FILTER (WHERE outcome = 'client_abort'), sum(in_tok), sum(out_tok), sum(in_tok / 4), sum(in_tok / 100),
    sum(out_tok / 5), sum($cost_sql), sum(($cost_sql) * 3 / 2),
    sum(latency), coalesce(sum(ttft), 0), count(ttft), count(*) FILTER (WHERE estimated) $hist_select
  FROM r GROUP BY $groups
  ON CONFLICT ($2, $4)
  DO UPDATE SET $(echo "$update" | sed "s/usage_hourly\./$1./g")
SQL
}

# The CTEs (after WITH r AS MATERIALIZED (...)) that upsert usage_hourly, usage_daily and their
# by-model counterparts, then the final statement that upserts errors_hourly.
rollup_upserts() {
  local day="hour_start - hour_start % 86400000"
  cat <<SQL
, hourly AS (
$(usage_upsert usage_hourly hour_start hour_start "$key_ids")
), daily AS (
$(usage_upsert usage_daily day_start "$day" "$key_ids")
), hourly_by_model AS (
$(usage_upsert usage_hourly_by_model hour_start hour_start "$model_ids")
), daily_by_model AS (
$(usage_upsert usage_daily_by_model day_start "$day" "$model_ids")
)
INSERT INTO errors_hourly (hour_start, model_requested, provider_id, error_class, count)
SELECT hour_start, model_requested, provider_id, coalesce(error_class, ''), count(*) FROM r
WHERE outcome <> 'success' GROUP BY 1, 2, 3, 4
ON CONFLICT (hour_start, model_requested, provider_id, error_class) DO UPDATE SET count = errors_hourly.count + excluded.count;
SQL
}
