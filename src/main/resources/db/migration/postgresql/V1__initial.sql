-- Keypool schema, PostgreSQL dialect. Timestamps are epoch milliseconds; tags is a JSON array as text.
-- Keep in step with ../sqlite/V1__initial.sql (same versions, same columns).

CREATE TABLE provider_keys (
  id                  TEXT    NOT NULL PRIMARY KEY,
  provider_id         TEXT    NOT NULL,
  name                TEXT    NOT NULL,
  secret_enc          TEXT    NOT NULL,
  secret_hint         TEXT    NOT NULL,
  priority            INTEGER NOT NULL DEFAULT 0,
  weight              INTEGER NOT NULL DEFAULT 1,
  tags                TEXT    NOT NULL DEFAULT '[]',
  notes               TEXT,
  requests_per_minute INTEGER NOT NULL DEFAULT 0,
  enabled             BOOLEAN NOT NULL DEFAULT TRUE,
  disabled_reason     TEXT,
  source              TEXT    NOT NULL CHECK (source IN ('config', 'api')),
  created_at          BIGINT  NOT NULL,
  updated_at          BIGINT  NOT NULL,
  UNIQUE (provider_id, name)
);

CREATE TABLE gateway_keys (
  id         TEXT   NOT NULL PRIMARY KEY,
  name       TEXT   NOT NULL,
  key_hash   TEXT   NOT NULL UNIQUE,
  key_hint   TEXT   NOT NULL,
  status     TEXT   NOT NULL CHECK (status IN ('active', 'revoked')),
  source     TEXT   NOT NULL CHECK (source IN ('config', 'api')),
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);

CREATE INDEX gateway_keys_name ON gateway_keys (name);
