-- Upstream attempts per provider key and hour, by how they ended (PostgreSQL dialect; the same in the
-- other dialect's V9__attempt_rollups.sql). Maintained by the record writer in the transaction that
-- stores the records (dev.keypool.tracking.UsageRollup), like usage_hourly.
--
-- usage_hourly counts a request under the key of its last attempt only; a key that answered 429 and
-- was failed over shows here. failure_class is '' for an attempt that succeeded. hour_start is the
-- hour the attempt started in (epoch milliseconds, UTC).

CREATE TABLE attempts_hourly (
  hour_start      BIGINT NOT NULL,
  provider_id     TEXT   NOT NULL,
  provider_key_id TEXT   NOT NULL,
  failure_class   TEXT   NOT NULL,
  attempts        BIGINT NOT NULL,
  latency_sum_ms  BIGINT NOT NULL,
  bytes           BIGINT NOT NULL,
  PRIMARY KEY (hour_start, provider_id, provider_key_id, failure_class)
);

CREATE INDEX attempts_hourly_provider_key ON attempts_hourly (provider_key_id, hour_start);

-- Backfill from the attempts stored before this migration; an attempt without a start time counts in
-- its request's hour.
INSERT INTO attempts_hourly (hour_start, provider_id, provider_key_id, failure_class, attempts, latency_sum_ms, bytes)
SELECT h, provider_id, provider_key_id, failure_class, COUNT(*), SUM(latency_millis), SUM(bytes)
FROM (
  SELECT COALESCE(a.started_at, r.started_at) - COALESCE(a.started_at, r.started_at) % 3600000 AS h,
    COALESCE(a.provider_id, '') AS provider_id, COALESCE(a.provider_key_id, '') AS provider_key_id,
    COALESCE(a.failure_class, '') AS failure_class, a.latency_millis, a.bytes
  FROM request_attempts a JOIN request_records r ON r.id = a.request_id
) per_attempt
GROUP BY h, provider_id, provider_key_id, failure_class;
