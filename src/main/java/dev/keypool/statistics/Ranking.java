package dev.keypool.statistics;

/** How grouped statistics are ordered, largest first. */
public enum Ranking {
  REQUESTS("SUM(requests)"),
  COST("SUM(cost_nanos)");

  final String orderBy;

  Ranking(String orderBy) {
    this.orderBy = orderBy;
  }
}
