-- Usage per model and provider, without the key columns of usage_hourly and usage_daily (postgresql
-- dialect; the same in ../sqlite/V20__usage_by_model.sql). The page-wide statistics (totals,
-- timelines, model and provider rankings) need no provider key, gateway key or owner, and read these:
-- a few dozen rows per day instead of one per (model, provider key, gateway key, outcome) combination,
-- which busy installations have by the thousand every day (see bench/README.md, "Console pages").
--
-- Maintained by the record writer in the transaction that stores the records, alongside the finer
-- rollups (dev.keypool.tracking.UsageRollup), and pruned with them: the hourly rows by the hourly
-- retention, the daily rows kept. Columns mean what they mean in V3__usage_rollups.sql; there is no
-- outcome column, no statistics query splits by it and the sums count successes, errors and client
-- aborts apart.

CREATE TABLE usage_hourly_by_model (
  hour_start         BIGINT NOT NULL,
  model_requested    TEXT   NOT NULL,
  provider_id        TEXT   NOT NULL,
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
  PRIMARY KEY (hour_start, model_requested, provider_id)
);

CREATE TABLE usage_daily_by_model (
  day_start          BIGINT NOT NULL,
  model_requested    TEXT   NOT NULL,
  provider_id        TEXT   NOT NULL,
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
  PRIMARY KEY (day_start, model_requested, provider_id)
);

-- Filled from the finer rollups rather than from request_records: they hold the same sums, include the
-- days whose records the log's retention already deleted, and leave out the hours the hourly
-- retention deleted, so both paths give the same answers from the start.
INSERT INTO usage_hourly_by_model (hour_start, model_requested, provider_id, requests, successes, errors,
  client_aborts, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens,
  cost_nanos, charged_nanos, latency_sum_ms, ttft_sum_ms, ttft_count, estimated_count, lat_00, lat_01,
  lat_02, lat_03, lat_04, lat_05, lat_06, lat_07, lat_08, lat_09, lat_10, lat_11, lat_12, lat_13, lat_14,
  lat_15)
SELECT hour_start, model_requested, provider_id, SUM(requests), SUM(successes), SUM(errors),
  SUM(client_aborts), SUM(input_tokens), SUM(output_tokens), SUM(cache_read_tokens), SUM(cache_write_tokens),
  SUM(reasoning_tokens), SUM(cost_nanos), SUM(charged_nanos), SUM(latency_sum_ms), SUM(ttft_sum_ms),
  SUM(ttft_count), SUM(estimated_count), SUM(lat_00), SUM(lat_01), SUM(lat_02), SUM(lat_03), SUM(lat_04),
  SUM(lat_05), SUM(lat_06), SUM(lat_07), SUM(lat_08), SUM(lat_09), SUM(lat_10), SUM(lat_11), SUM(lat_12),
  SUM(lat_13), SUM(lat_14), SUM(lat_15)
FROM usage_hourly
GROUP BY hour_start, model_requested, provider_id;

INSERT INTO usage_daily_by_model (day_start, model_requested, provider_id, requests, successes, errors,
  client_aborts, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens,
  cost_nanos, charged_nanos, latency_sum_ms, ttft_sum_ms, ttft_count, estimated_count, lat_00, lat_01,
  lat_02, lat_03, lat_04, lat_05, lat_06, lat_07, lat_08, lat_09, lat_10, lat_11, lat_12, lat_13, lat_14,
  lat_15)
SELECT day_start, model_requested, provider_id, SUM(requests), SUM(successes), SUM(errors),
  SUM(client_aborts), SUM(input_tokens), SUM(output_tokens), SUM(cache_read_tokens), SUM(cache_write_tokens),
  SUM(reasoning_tokens), SUM(cost_nanos), SUM(charged_nanos), SUM(latency_sum_ms), SUM(ttft_sum_ms),
  SUM(ttft_count), SUM(estimated_count), SUM(lat_00), SUM(lat_01), SUM(lat_02), SUM(lat_03), SUM(lat_04),
  SUM(lat_05), SUM(lat_06), SUM(lat_07), SUM(lat_08), SUM(lat_09), SUM(lat_10), SUM(lat_11), SUM(lat_12),
  SUM(lat_13), SUM(lat_14), SUM(lat_15)
FROM usage_daily
GROUP BY day_start, model_requested, provider_id;
