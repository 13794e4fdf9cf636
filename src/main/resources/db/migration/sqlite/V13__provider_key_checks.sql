-- The recent results of the active health checks of provider keys (GET /api/provider-keys/{id}/checks):
-- a few dozen rows per key, older ones deleted as new ones arrive. rate_limit holds the rate-limit
-- figures the upstream's headers gave, as JSON. Messages have any secret masked.
-- Keep in step with the other dialect's V13__provider_key_checks.sql.

CREATE TABLE provider_key_checks (
  key_id       TEXT    NOT NULL,
  provider_id  TEXT    NOT NULL,
  checked_at   BIGINT  NOT NULL,
  triggered_by TEXT    NOT NULL,
  probe        TEXT    NOT NULL,
  ok           INTEGER NOT NULL,
  failure      TEXT,
  status       INTEGER NOT NULL,
  latency_ms   BIGINT  NOT NULL,
  message      TEXT,
  rate_limit   TEXT
);

CREATE INDEX provider_key_checks_by_key ON provider_key_checks (key_id, checked_at);
