package dev.keypool.statistics;

/** What grouped statistics are grouped by: a key column of {@code usage_hourly}. */
enum Dimension {
  PROVIDER_KEY("provider_key_id"),
  GATEWAY_KEY("gateway_key_id"),
  MODEL("model_requested"),
  PROVIDER("provider_id");

  final String column;

  Dimension(String column) {
    this.column = column;
  }
}
