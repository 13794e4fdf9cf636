-- Model routes added or changed at run time through /api/models, laid over the file's routes at every
-- start. definition is the route as JSON in the shape of a models: entry of the file; a removed row
-- hides a route the file declares.
-- Keep in step with the other dialect's V7__model_routes.sql.

CREATE TABLE model_routes (
  id         TEXT   NOT NULL PRIMARY KEY,
  definition TEXT,
  removed    BOOLEAN NOT NULL,
  updated_at BIGINT NOT NULL
);
