-- Request records (A1, A4, A6), SQLite dialect; booleans are 0/1. Timestamps are epoch milliseconds; money is nano-USD.
-- Keep in step with ../postgresql/V2__request_records.sql (same versions, same columns).
--
-- Few constraints on purpose: records arrive in batches from the asynchronous writer, and a row the
-- database refused would hold up its whole batch, so only what a record cannot lack is NOT NULL.

CREATE TABLE request_records (
  id                 TEXT    NOT NULL PRIMARY KEY,
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
  user_agent         TEXT
);

-- Every listing is newest first and pages by (started_at, id), so each filter index ends with them.
CREATE INDEX request_records_started      ON request_records (started_at, id);
CREATE INDEX request_records_model        ON request_records (model_requested, started_at);
CREATE INDEX request_records_status       ON request_records (status, started_at);
CREATE INDEX request_records_outcome      ON request_records (outcome, started_at);
CREATE INDEX request_records_provider_key ON request_records (provider_key_id, started_at);
CREATE INDEX request_records_gateway_key  ON request_records (gateway_key_id, started_at);

CREATE TABLE request_attempts (
  request_id      TEXT    NOT NULL REFERENCES request_records (id),
  attempt_no      INTEGER NOT NULL,
  provider_id     TEXT,
  provider_key_id TEXT,
  upstream_model  TEXT,
  status          INTEGER NOT NULL,
  failure_class   TEXT,
  message         TEXT,
  latency_millis  BIGINT  NOT NULL,
  bytes           BIGINT  NOT NULL,
  started_at      BIGINT,
  PRIMARY KEY (request_id, attempt_no)
);
