-- Alerts (one row per opening of a rule for a subject; resolved_at is null while it is active, and at
-- most one active row per rule and subject, which also keeps instances sharing the database from
-- opening it twice) and the outbox of their notices, one row per notice and channel, kept until it is
-- delivered or expires, so a channel that is down loses nothing. Payloads hold the notice only:
-- channel URLs and secrets live in the configuration, never here.
-- Keep in step with the other dialect's V14__alerts.sql.

CREATE TABLE alerts (
  id               TEXT    NOT NULL PRIMARY KEY,
  rule             TEXT    NOT NULL,
  subject          TEXT    NOT NULL,
  severity         TEXT    NOT NULL,
  title            TEXT    NOT NULL,
  detail           TEXT,
  opened_at        BIGINT  NOT NULL,
  last_notified_at BIGINT  NOT NULL,
  resolved_at      BIGINT,
  reminders        INTEGER NOT NULL
);
CREATE UNIQUE INDEX alerts_active ON alerts (rule, subject) WHERE resolved_at IS NULL;
CREATE INDEX alerts_by_opened ON alerts (opened_at);

CREATE TABLE alert_outbox (
  id              TEXT    NOT NULL PRIMARY KEY,
  alert_id        TEXT,
  channel         TEXT    NOT NULL,
  payload         TEXT    NOT NULL,
  state           TEXT    NOT NULL,
  created_at      BIGINT  NOT NULL,
  expires_at      BIGINT  NOT NULL,
  attempts        INTEGER NOT NULL,
  next_attempt_at BIGINT  NOT NULL,
  last_error      TEXT,
  sent_at         BIGINT
);
CREATE INDEX alert_outbox_pending ON alert_outbox (state, created_at);
CREATE INDEX alert_outbox_by_alert ON alert_outbox (alert_id);
