package dev.keypool.keypool;

import java.time.Instant;

/** One rate-limited quantity (requests or tokens) as a header dialect reports it: limit, remaining, reset. */
record Dimension(Long limit, Long remaining, Instant reset) {

  /** The dimension, or null when the headers reported none of it. */
  static Dimension of(Long limit, Long remaining, Instant reset) {
    return limit == null && remaining == null && reset == null ? null : new Dimension(limit, remaining, reset);
  }

  /** Fraction of the limit left; 1.0 when unknown. */
  double fraction() {
    if (remaining == null || limit == null || limit <= 0) {
      return remaining != null && remaining == 0 ? 0.0 : 1.0;
    }
    return Math.min(1.0, (double) remaining / limit);
  }

  /** The one closer to exhaustion; on a tie the one that resets later. */
  static Dimension tighter(Dimension a, Dimension b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    int byFraction = Double.compare(a.fraction(), b.fraction());
    if (byFraction != 0) {
      return byFraction < 0 ? a : b;
    }
    if (a.reset == null || b.reset == null) {
      return a.reset == null ? b : a;
    }
    return a.reset.isAfter(b.reset) ? a : b;
  }
}
