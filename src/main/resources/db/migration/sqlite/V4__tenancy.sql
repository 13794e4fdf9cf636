-- Tenancy (T1, T2), SQLite dialect: gateway key scopes, status, expiry and soft delete; users with a
-- balance ledger; orgs. Timestamps are epoch milliseconds; money is nano-USD; booleans are 0/1;
-- lists and limits are JSON text. Keep in step with ../postgresql/V4__tenancy.sql.
--
-- SQLite cannot change a CHECK constraint in place, so gateway_keys is rebuilt to admit 'suspended'.

CREATE TABLE gateway_keys_v4 (
  id                TEXT   NOT NULL PRIMARY KEY,
  name              TEXT   NOT NULL,
  description       TEXT   NOT NULL DEFAULT '',
  key_hash          TEXT   NOT NULL UNIQUE,
  key_hint          TEXT   NOT NULL,
  status            TEXT   NOT NULL CHECK (status IN ('active', 'suspended', 'revoked')),
  source            TEXT   NOT NULL CHECK (source IN ('config', 'api')),
  user_id           TEXT,
  org_id            TEXT,
  allowed_models    TEXT   NOT NULL DEFAULT '[]',
  allowed_providers TEXT   NOT NULL DEFAULT '[]',
  allowed_ips       TEXT   NOT NULL DEFAULT '[]',
  permissions       TEXT   NOT NULL DEFAULT '["read","write"]',
  limits            TEXT   NOT NULL DEFAULT '{}',
  expires_at        BIGINT,
  last_used_at      BIGINT,
  created_at        BIGINT NOT NULL,
  updated_at        BIGINT NOT NULL,
  revoked_at        BIGINT,
  deleted_at        BIGINT
);

INSERT INTO gateway_keys_v4 (id, name, key_hash, key_hint, status, source, created_at, updated_at, revoked_at)
SELECT id, name, key_hash, key_hint, status, source, created_at, COALESCE(revoked_at, created_at), revoked_at
FROM gateway_keys;

DROP TABLE gateway_keys;
ALTER TABLE gateway_keys_v4 RENAME TO gateway_keys;

CREATE INDEX gateway_keys_name ON gateway_keys (name);
CREATE INDEX gateway_keys_user ON gateway_keys (user_id);
CREATE INDEX gateway_keys_org  ON gateway_keys (org_id);

CREATE TABLE orgs (
  id         TEXT   NOT NULL PRIMARY KEY,
  name       TEXT   NOT NULL UNIQUE,
  status     TEXT   NOT NULL CHECK (status IN ('active', 'suspended')),
  limits     TEXT   NOT NULL DEFAULT '{}',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE users (
  id            TEXT    NOT NULL PRIMARY KEY,
  name          TEXT    NOT NULL,
  email         TEXT,
  status        TEXT    NOT NULL CHECK (status IN ('active', 'suspended')),
  org_id        TEXT    REFERENCES orgs (id),
  prepaid       INTEGER NOT NULL DEFAULT 0 CHECK (prepaid IN (0, 1)),
  balance_nanos BIGINT  NOT NULL DEFAULT 0,
  limits        TEXT    NOT NULL DEFAULT '{}',
  created_at    BIGINT  NOT NULL,
  updated_at    BIGINT  NOT NULL
);

CREATE UNIQUE INDEX users_email ON users (email);
CREATE INDEX users_org ON users (org_id);

-- One row per balance change; id orders the changes of a user (several can share a millisecond).
CREATE TABLE balance_ledger (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id             TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  delta_nanos         BIGINT  NOT NULL,
  balance_after_nanos BIGINT  NOT NULL,
  kind                TEXT    NOT NULL CHECK (kind IN ('top_up', 'deduct', 'charge', 'refund')),
  note                TEXT,
  request_id          TEXT,
  created_at          BIGINT  NOT NULL
);

CREATE INDEX balance_ledger_user ON balance_ledger (user_id, id);
