package dev.keypool.statistics;

/**
 * What grouped statistics are grouped by: a key column of {@code usage_hourly}, or the owner of the
 * rows' gateway key. Rollups have no owner columns, so users and orgs are the gateway keys' current
 * owners (the covering org: the key's own, else its user's), joined in: exact for keys whose owner
 * never changed, and a key given to another owner takes its history along.
 */
enum Dimension {
  PROVIDER_KEY("provider_key_id", "", RollupSource.Tables.BY_KEY),
  GATEWAY_KEY("gateway_key_id", "", RollupSource.Tables.BY_KEY),
  MODEL("model_requested", "", RollupSource.Tables.BY_MODEL),
  PROVIDER("provider_id", "", RollupSource.Tables.BY_MODEL),
  USER("k.user_id", Joins.KEY, RollupSource.Tables.BY_KEY),
  ORG("COALESCE(k.org_id, ku.org_id)", Joins.KEY + Joins.KEY_USER, RollupSource.Tables.BY_KEY);

  /** The grouping expression over the rollup rows {@code u} and the joined tables. */
  final String column;
  /** Tables joined to the rollup rows, or empty. */
  final String join;
  /** The coarsest rollups that have {@link #column}'s columns: by model unless it needs a key. */
  final RollupSource.Tables tables;

  Dimension(String column, String join, RollupSource.Tables tables) {
    this.column = column;
    this.join = join;
    this.tables = tables;
  }

  private static final class Joins {
    static final String KEY = " LEFT JOIN gateway_keys k ON k.id = u.gateway_key_id";
    static final String KEY_USER = " LEFT JOIN users ku ON ku.id = k.user_id";
  }
}
