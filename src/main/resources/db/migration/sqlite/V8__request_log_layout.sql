-- The request log laid out for a cheap record writer (SQLite dialect); ../postgresql/V8__request_log_layout.sql
-- makes the same change of columns.
--
-- Records are stored in start-time order in one B-tree (WITHOUT ROWID, key (started_at, id)) instead
-- of three (the rowid table, the id key and a started_at index), and their upstream attempts move into
-- the record's own attempts column (a JSON array, dev.keypool.tracking.AttemptsJson) instead of a table
-- with two B-trees more. The request_attempts view still shows one row per attempt. The five per-filter
-- indexes go (together they were about a third of the writer's time): a search reads newest first
-- along the key, which is in start-time order, and a filter on a model or key only the hours in which
-- the hourly rollups saw it (dev.keypool.tracking.RequestLogStore). Failures, the rare rows operators
-- look for most, keep a partial index that successful requests never touch.

CREATE TABLE request_records_v8 (
  id                 TEXT    NOT NULL,
  started_at         BIGINT  NOT NULL,
  finished_at        BIGINT,
  gateway_key_id     TEXT,
  user_id            TEXT,
  org_id             TEXT,
  endpoint           TEXT,
  client_format      TEXT,
  model_requested    TEXT,
  model_served       TEXT,
  route_id           TEXT,
  provider_id        TEXT,
  provider_key_id    TEXT,
  status             INTEGER NOT NULL,
  outcome            TEXT,
  error_class        TEXT,
  error_message      TEXT,
  stream             INTEGER NOT NULL CHECK (stream IN (0, 1)),
  input_tokens       BIGINT  NOT NULL,
  output_tokens      BIGINT  NOT NULL,
  cache_read_tokens  BIGINT  NOT NULL,
  cache_write_tokens BIGINT  NOT NULL,
  reasoning_tokens   BIGINT  NOT NULL,
  usage_source       TEXT,
  cost_nanos         BIGINT  NOT NULL,
  charged_nanos      BIGINT  NOT NULL,
  latency_millis     BIGINT  NOT NULL,
  ttft_millis        BIGINT,
  overhead_micros    BIGINT  NOT NULL,
  client_ip          TEXT,
  user_agent         TEXT,
  attempts           TEXT,
  PRIMARY KEY (started_at, id)
) WITHOUT ROWID;

INSERT INTO request_records_v8
SELECT r.id, r.started_at, r.finished_at, r.gateway_key_id, r.user_id, r.org_id, r.endpoint, r.client_format,
  r.model_requested, r.model_served, r.route_id, r.provider_id, r.provider_key_id, r.status, r.outcome,
  r.error_class, r.error_message, r.stream, r.input_tokens, r.output_tokens, r.cache_read_tokens,
  r.cache_write_tokens, r.reasoning_tokens, r.usage_source, r.cost_nanos, r.charged_nanos, r.latency_millis,
  r.ttft_millis, r.overhead_micros, r.client_ip, r.user_agent,
  (SELECT json_group_array(json_object('attempt_no', a.attempt_no, 'provider_id', a.provider_id,
      'provider_key_id', a.provider_key_id, 'upstream_model', a.upstream_model, 'status', a.status,
      'failure_class', a.failure_class, 'message', a.message, 'latency_millis', a.latency_millis,
      'bytes', a.bytes, 'started_at', a.started_at) ORDER BY a.attempt_no)
   FROM request_attempts a WHERE a.request_id = r.id HAVING COUNT(*) > 0)
FROM request_records r;

DROP TABLE request_attempts;
DROP TABLE request_records;
ALTER TABLE request_records_v8 RENAME TO request_records;

-- Only failed requests (outcome error or client_abort) are in it; queries name the same condition.
CREATE INDEX request_records_failed ON request_records (started_at, id) WHERE outcome <> 'success';

CREATE VIEW request_attempts AS
SELECT r.id AS request_id,
  a.value ->> 'attempt_no' AS attempt_no,
  a.value ->> 'provider_id' AS provider_id,
  a.value ->> 'provider_key_id' AS provider_key_id,
  a.value ->> 'upstream_model' AS upstream_model,
  a.value ->> 'status' AS status,
  a.value ->> 'failure_class' AS failure_class,
  a.value ->> 'message' AS message,
  a.value ->> 'latency_millis' AS latency_millis,
  a.value ->> 'bytes' AS bytes,
  a.value ->> 'started_at' AS started_at
FROM request_records r, json_each(r.attempts) a;
