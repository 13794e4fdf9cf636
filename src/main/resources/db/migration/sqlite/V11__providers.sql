-- Providers added or changed at run time through /api/providers, laid over the file's providers at
-- every start. definition is the provider as JSON in the shape of a providers: entry of the file,
-- without its keys and headers; headers holds the extra headers as JSON encrypted with the install's
-- key (a header may carry a credential). A removed row hides a provider the file declares.
-- Keep in step with the other dialect's V11__providers.sql.

CREATE TABLE providers (
  id         TEXT   NOT NULL PRIMARY KEY,
  definition TEXT,
  headers    TEXT,
  removed    INTEGER NOT NULL,
  updated_at BIGINT NOT NULL
);
