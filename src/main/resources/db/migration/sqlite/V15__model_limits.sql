-- Model limits set at run time through /api/model-limits, laid over the shipped catalog and the file's
-- model_limits: at every start and re-read every minute, so every instance sharing the database applies
-- them. 0 means the figure is unknown (an override gives at least one of the two).
-- Keep in step with the other dialect's V15__model_limits.sql.

CREATE TABLE model_limit_overrides (
  model             TEXT   NOT NULL PRIMARY KEY,
  context_window    BIGINT NOT NULL,
  max_output_tokens BIGINT NOT NULL,
  updated_at        BIGINT NOT NULL
);
