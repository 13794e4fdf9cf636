package dev.keypool.statistics;

/**
 * What grouped statistics are grouped by: a key column of {@code usage_hourly}, or the owner of the
 * rows' gateway key. Rollups have no owner columns, so users and orgs are the gateway keys' current
 * owners (the covering org: the key's own, else its user's), joined in: exact for keys whose owner
 * never changed, and a key given to another owner takes its history along.
 */
enum Dimension {
  PROVIDER_KEY("provider_key_id", ""),
  GATEWAY_KEY("gateway_key_id", ""),
  MODEL("model_requested", ""),
  PROVIDER("provider_id", ""),
  USER("k.user_id", Joins.KEY),
  ORG("COALESCE(k.org_id, ku.org_id)", Joins.KEY + Joins.KEY_USER);

  /** The grouping expression over the rollup rows {@code u} and the joined tables. */
  final String column;
  /** Tables joined to the rollup rows, or empty. */
  final String join;

  Dimension(String column, String join) {
    this.column = column;
    this.join = join;
  }

  private static final class Joins {
    static final String KEY = " LEFT JOIN gateway_keys k ON k.id = u.gateway_key_id";
    static final String KEY_USER = " LEFT JOIN users ku ON ku.id = k.user_id";
  }
}
