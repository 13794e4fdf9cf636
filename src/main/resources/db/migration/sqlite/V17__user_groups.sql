-- User groups set at run time through /api/user-groups (the file's billing.groups are not stored): a
-- group's sell multiplier prices its users' requests. The multiplier is decimal text, kept exact.
-- users.group_id names a group of the file or of this table, or is null (see docs/accounting.md).
-- request_records.sell_multiplier is the multiplier a request was charged at (null before this version).
-- Keep in step with the other dialect's V17__user_groups.sql.

CREATE TABLE user_groups (
  id              TEXT   NOT NULL PRIMARY KEY,
  name            TEXT   NOT NULL,
  sell_multiplier TEXT   NOT NULL,
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL
);

ALTER TABLE users ADD COLUMN group_id TEXT;
CREATE INDEX users_group ON users (group_id);

ALTER TABLE request_records ADD COLUMN sell_multiplier TEXT;
