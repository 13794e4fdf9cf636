-- Prices set at run time through /api/prices, laid over the shipped defaults and the file's prices at
-- every start. A removed row hides a price the defaults or the file would give. Prices are decimal
-- strings (USD per million tokens) so they round-trip exactly.
-- Keep in step with the other dialect's V6__price_overrides.sql.

CREATE TABLE price_overrides (
  model       TEXT   NOT NULL PRIMARY KEY,
  input       TEXT,
  output      TEXT,
  cache_read  TEXT,
  cache_write TEXT,
  removed     BOOLEAN NOT NULL,
  updated_at  BIGINT NOT NULL
);
