-- Provider key balances as read from the providers, one row per reading (successful or not), newest
-- last. amounts is a JSON array of {currency, amount, total, used} with the amounts as decimal strings
-- exactly as the provider gave them; details a JSON object of further figures (decimal strings); error
-- is null for a successful reading. fetched_at is epoch milliseconds (UTC).
-- Keep in step with the other dialect's V12__provider_key_balances.sql.

CREATE TABLE provider_key_balances (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  provider_key_id TEXT   NOT NULL,
  provider_id     TEXT   NOT NULL,
  adapter         TEXT   NOT NULL,
  fetched_at      BIGINT NOT NULL,
  amounts         TEXT   NOT NULL,
  available       INTEGER,
  details         TEXT,
  note            TEXT,
  error           TEXT
);

CREATE INDEX provider_key_balances_by_key ON provider_key_balances (provider_key_id, fetched_at);
