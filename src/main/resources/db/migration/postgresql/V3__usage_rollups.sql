-- Hourly and daily usage rollups for statistics (A5), postgresql dialect; identical in ../sqlite/V3__usage_rollups.sql.
-- Maintained by the record writer in the transaction that inserts the records (RecordInserter), so a
-- statistics query reads a few rows per hour instead of scanning request_records, and the figures
-- outlive the request-log retention delete.
--
-- Key columns are NOT NULL and hold '' for a missing id: a NULL in a unique key never conflicts
-- (on either database), which would add a row per insert instead of updating one.
-- hour_start is epoch milliseconds (UTC), a multiple of 3,600,000; money is nano-USD.
-- lat_00..lat_15 count requests by total latency in the buckets of dev.keypool.tracking.LatencyBuckets:
-- <50, <100, <150, <250, <400, <700, <1200, <2000, <3500, <6000, <10000, <17500, <30000, <60000,
-- <120000 ms, and >=120000 ms.

CREATE TABLE usage_hourly (
  hour_start         BIGINT NOT NULL,
  model_requested    TEXT   NOT NULL,
  provider_id        TEXT   NOT NULL,
  provider_key_id    TEXT   NOT NULL,
  gateway_key_id     TEXT   NOT NULL,
  outcome            TEXT   NOT NULL,
  requests           BIGINT NOT NULL,
  successes          BIGINT NOT NULL,
  errors             BIGINT NOT NULL,
  client_aborts      BIGINT NOT NULL,
  input_tokens       BIGINT NOT NULL,
  output_tokens      BIGINT NOT NULL,
  cache_read_tokens  BIGINT NOT NULL,
  cache_write_tokens BIGINT NOT NULL,
  reasoning_tokens   BIGINT NOT NULL,
  cost_nanos         BIGINT NOT NULL,
  charged_nanos      BIGINT NOT NULL,
  latency_sum_ms     BIGINT NOT NULL,
  ttft_sum_ms        BIGINT NOT NULL,
  ttft_count         BIGINT NOT NULL,
  estimated_count    BIGINT NOT NULL,
  lat_00 BIGINT NOT NULL, lat_01 BIGINT NOT NULL, lat_02 BIGINT NOT NULL, lat_03 BIGINT NOT NULL,
  lat_04 BIGINT NOT NULL, lat_05 BIGINT NOT NULL, lat_06 BIGINT NOT NULL, lat_07 BIGINT NOT NULL,
  lat_08 BIGINT NOT NULL, lat_09 BIGINT NOT NULL, lat_10 BIGINT NOT NULL, lat_11 BIGINT NOT NULL,
  lat_12 BIGINT NOT NULL, lat_13 BIGINT NOT NULL, lat_14 BIGINT NOT NULL, lat_15 BIGINT NOT NULL,
  PRIMARY KEY (hour_start, model_requested, provider_id, provider_key_id, gateway_key_id, outcome)
);

-- The same sums per UTC day (day_start a multiple of 86,400,000), written alongside: a range of whole
-- days reads a day's row instead of up to 24 hourly ones, which keeps month-long queries fast when the
-- key columns have many combinations (see bench/stats.sh).
CREATE TABLE usage_daily (
  day_start          BIGINT NOT NULL,
  model_requested    TEXT   NOT NULL,
  provider_id        TEXT   NOT NULL,
  provider_key_id    TEXT   NOT NULL,
  gateway_key_id     TEXT   NOT NULL,
  outcome            TEXT   NOT NULL,
  requests           BIGINT NOT NULL,
  successes          BIGINT NOT NULL,
  errors             BIGINT NOT NULL,
  client_aborts      BIGINT NOT NULL,
  input_tokens       BIGINT NOT NULL,
  output_tokens      BIGINT NOT NULL,
  cache_read_tokens  BIGINT NOT NULL,
  cache_write_tokens BIGINT NOT NULL,
  reasoning_tokens   BIGINT NOT NULL,
  cost_nanos         BIGINT NOT NULL,
  charged_nanos      BIGINT NOT NULL,
  latency_sum_ms     BIGINT NOT NULL,
  ttft_sum_ms        BIGINT NOT NULL,
  ttft_count         BIGINT NOT NULL,
  estimated_count    BIGINT NOT NULL,
  lat_00 BIGINT NOT NULL, lat_01 BIGINT NOT NULL, lat_02 BIGINT NOT NULL, lat_03 BIGINT NOT NULL,
  lat_04 BIGINT NOT NULL, lat_05 BIGINT NOT NULL, lat_06 BIGINT NOT NULL, lat_07 BIGINT NOT NULL,
  lat_08 BIGINT NOT NULL, lat_09 BIGINT NOT NULL, lat_10 BIGINT NOT NULL, lat_11 BIGINT NOT NULL,
  lat_12 BIGINT NOT NULL, lat_13 BIGINT NOT NULL, lat_14 BIGINT NOT NULL, lat_15 BIGINT NOT NULL,
  PRIMARY KEY (day_start, model_requested, provider_id, provider_key_id, gateway_key_id, outcome)
);

-- Per-key statistics and trends filter on one id over a time range.
CREATE INDEX usage_hourly_provider_key ON usage_hourly (provider_key_id, hour_start);
CREATE INDEX usage_hourly_gateway_key  ON usage_hourly (gateway_key_id, hour_start);
CREATE INDEX usage_daily_provider_key  ON usage_daily (provider_key_id, day_start);
CREATE INDEX usage_daily_gateway_key   ON usage_daily (gateway_key_id, day_start);

-- Failed requests (outcome error or client_abort) by error class; '' when the record has none.
CREATE TABLE errors_hourly (
  hour_start      BIGINT NOT NULL,
  model_requested TEXT   NOT NULL,
  provider_id     TEXT   NOT NULL,
  error_class     TEXT   NOT NULL,
  count           BIGINT NOT NULL,
  PRIMARY KEY (hour_start, model_requested, provider_id, error_class)
);

-- Backfill from the records stored before this migration (the writer keeps the rollups up to date
-- from here on). started_at is never negative, so % truncates to the hour or day.
INSERT INTO usage_hourly (hour_start, model_requested, provider_id, provider_key_id, gateway_key_id, outcome,
  requests, successes, errors, client_aborts, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
  reasoning_tokens, cost_nanos, charged_nanos, latency_sum_ms, ttft_sum_ms, ttft_count, estimated_count,
  lat_00, lat_01, lat_02, lat_03, lat_04, lat_05, lat_06, lat_07, lat_08, lat_09, lat_10, lat_11, lat_12, lat_13,
  lat_14, lat_15)
SELECT started_at - started_at % 3600000, COALESCE(model_requested, ''), COALESCE(provider_id, ''),
  COALESCE(provider_key_id, ''), COALESCE(gateway_key_id, ''), COALESCE(outcome, ''),
  COUNT(*), SUM(CASE WHEN outcome = 'success' THEN 1 ELSE 0 END), SUM(CASE WHEN outcome = 'error' THEN 1 ELSE 0 END),
  SUM(CASE WHEN outcome = 'client_abort' THEN 1 ELSE 0 END), SUM(input_tokens), SUM(output_tokens),
  SUM(cache_read_tokens), SUM(cache_write_tokens), SUM(reasoning_tokens), SUM(cost_nanos), SUM(charged_nanos),
  SUM(latency_millis), COALESCE(SUM(ttft_millis), 0), COUNT(ttft_millis),
  SUM(CASE WHEN usage_source = 'estimated' THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis < 50 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 50 AND latency_millis < 100 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 100 AND latency_millis < 150 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 150 AND latency_millis < 250 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 250 AND latency_millis < 400 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 400 AND latency_millis < 700 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 700 AND latency_millis < 1200 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 1200 AND latency_millis < 2000 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 2000 AND latency_millis < 3500 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 3500 AND latency_millis < 6000 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 6000 AND latency_millis < 10000 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 10000 AND latency_millis < 17500 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 17500 AND latency_millis < 30000 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 30000 AND latency_millis < 60000 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 60000 AND latency_millis < 120000 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 120000 THEN 1 ELSE 0 END)
FROM request_records
GROUP BY started_at - started_at % 3600000, COALESCE(model_requested, ''), COALESCE(provider_id, ''),
  COALESCE(provider_key_id, ''), COALESCE(gateway_key_id, ''), COALESCE(outcome, '');

INSERT INTO usage_daily (day_start, model_requested, provider_id, provider_key_id, gateway_key_id, outcome,
  requests, successes, errors, client_aborts, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
  reasoning_tokens, cost_nanos, charged_nanos, latency_sum_ms, ttft_sum_ms, ttft_count, estimated_count,
  lat_00, lat_01, lat_02, lat_03, lat_04, lat_05, lat_06, lat_07, lat_08, lat_09, lat_10, lat_11, lat_12, lat_13,
  lat_14, lat_15)
SELECT started_at - started_at % 86400000, COALESCE(model_requested, ''), COALESCE(provider_id, ''),
  COALESCE(provider_key_id, ''), COALESCE(gateway_key_id, ''), COALESCE(outcome, ''),
  COUNT(*), SUM(CASE WHEN outcome = 'success' THEN 1 ELSE 0 END), SUM(CASE WHEN outcome = 'error' THEN 1 ELSE 0 END),
  SUM(CASE WHEN outcome = 'client_abort' THEN 1 ELSE 0 END), SUM(input_tokens), SUM(output_tokens),
  SUM(cache_read_tokens), SUM(cache_write_tokens), SUM(reasoning_tokens), SUM(cost_nanos), SUM(charged_nanos),
  SUM(latency_millis), COALESCE(SUM(ttft_millis), 0), COUNT(ttft_millis),
  SUM(CASE WHEN usage_source = 'estimated' THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis < 50 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 50 AND latency_millis < 100 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 100 AND latency_millis < 150 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 150 AND latency_millis < 250 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 250 AND latency_millis < 400 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 400 AND latency_millis < 700 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 700 AND latency_millis < 1200 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 1200 AND latency_millis < 2000 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 2000 AND latency_millis < 3500 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 3500 AND latency_millis < 6000 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 6000 AND latency_millis < 10000 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 10000 AND latency_millis < 17500 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 17500 AND latency_millis < 30000 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 30000 AND latency_millis < 60000 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 60000 AND latency_millis < 120000 THEN 1 ELSE 0 END),
  SUM(CASE WHEN latency_millis >= 120000 THEN 1 ELSE 0 END)
FROM request_records
GROUP BY started_at - started_at % 86400000, COALESCE(model_requested, ''), COALESCE(provider_id, ''),
  COALESCE(provider_key_id, ''), COALESCE(gateway_key_id, ''), COALESCE(outcome, '');

INSERT INTO errors_hourly (hour_start, model_requested, provider_id, error_class, count)
SELECT started_at - started_at % 3600000, COALESCE(model_requested, ''), COALESCE(provider_id, ''),
  COALESCE(error_class, ''), COUNT(*)
FROM request_records
WHERE COALESCE(outcome, '') <> 'success'
GROUP BY started_at - started_at % 3600000, COALESCE(model_requested, ''), COALESCE(provider_id, ''),
  COALESCE(error_class, '');
