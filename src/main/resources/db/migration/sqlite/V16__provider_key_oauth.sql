-- OAuth credentials of provider keys. A provider key whose row is here is an OAuth account: its secret
-- in provider_keys is the current access token, refreshed before expires_at with the refresh token kept
-- here (encrypted like every secret, v1:... AES-GCM). failure says how the last refresh failed (null
-- after a success): 'rejected' (the endpoint refused the refresh token; no retry until an operator acts)
-- or 'transient' (retried). lock_owner/lock_until is the database lease that
-- lets exactly one instance refresh a token when no Redis is configured. Times are epoch milliseconds.
-- oauth_flows holds the authorization-code flows started and not yet finished (PKCE verifier encrypted),
-- so that any instance sharing the database can finish a flow another one started.
-- Keep in step with the other dialect's V16__provider_key_oauth.sql.

CREATE TABLE provider_key_oauth (
  key_id            TEXT    NOT NULL PRIMARY KEY,
  preset            TEXT    NOT NULL,
  token_url         TEXT    NOT NULL,
  client_id         TEXT    NOT NULL,
  client_secret_enc TEXT,
  scopes            TEXT    NOT NULL DEFAULT '',
  refresh_token_enc TEXT    NOT NULL,
  expires_at        BIGINT  NOT NULL,
  last_refresh_at   BIGINT,
  refresh_count     INTEGER NOT NULL DEFAULT 0,
  failure           TEXT    CHECK (failure IN ('rejected', 'transient')),
  last_error        TEXT,
  failed_at         BIGINT,
  lock_owner        TEXT,
  lock_until        BIGINT  NOT NULL DEFAULT 0,
  created_at        BIGINT  NOT NULL
);

CREATE TABLE oauth_flows (
  state             TEXT    NOT NULL PRIMARY KEY,
  settings          TEXT    NOT NULL,
  verifier_enc      TEXT    NOT NULL,
  client_secret_enc TEXT,
  created_at        BIGINT  NOT NULL,
  expires_at        BIGINT  NOT NULL
);
