-- Admin users and their login sessions, PostgreSQL dialect. Timestamps are epoch milliseconds.
-- Keep in step with ../sqlite/V5__admin_users.sql (same columns).

-- password_hash is an Argon2id hash in the PHC string format; its parameters travel with it.
CREATE TABLE admin_users (
  id            TEXT   NOT NULL PRIMARY KEY,
  username      TEXT   NOT NULL UNIQUE,
  password_hash TEXT   NOT NULL,
  role          TEXT   NOT NULL CHECK (role IN ('admin', 'viewer')),
  status        TEXT   NOT NULL CHECK (status IN ('active', 'disabled')),
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL,
  last_login_at BIGINT
);

-- Only the SHA-256 of a session token is stored, so a copy of the database opens no session.
CREATE TABLE admin_sessions (
  token_hash TEXT   NOT NULL PRIMARY KEY,
  user_id    TEXT   NOT NULL REFERENCES admin_users (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);

CREATE INDEX admin_sessions_user ON admin_sessions (user_id);
CREATE INDEX admin_sessions_expires ON admin_sessions (expires_at);
