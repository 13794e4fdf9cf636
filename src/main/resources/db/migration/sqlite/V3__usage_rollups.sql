-- Hourly and daily usage rollups for statistics (A5), sqlite dialect; identical in ../postgresql/V3__usage_rollups.sql.
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
