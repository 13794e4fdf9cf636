package dev.keypool.keypool;

import java.time.Duration;
import java.time.Instant;

/**
 * Arithmetic on epoch milliseconds, the pool's internal time unit (no {@link Instant} allocation on the
 * borrow path). Saturates instead of overflowing, since durations come from configuration and headers.
 */
final class Millis {

  /** Marks "no such instant" in fields that hold epoch milliseconds. */
  static final long NONE = Long.MIN_VALUE;

  private Millis() {}

  static long plus(long epochMillis, Duration d) {
    long ms;
    try {
      ms = d.toMillis();
    } catch (ArithmeticException e) {
      ms = d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    long sum = epochMillis + ms;
    if (((epochMillis ^ sum) & (ms ^ sum)) < 0) {
      return ms > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
    return sum;
  }

  static long of(Instant t) {
    if (t == null) {
      return NONE;
    }
    try {
      return t.toEpochMilli();
    } catch (ArithmeticException e) {
      return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
    }
  }

  static Instant instant(long epochMillis) {
    return epochMillis == NONE ? null : Instant.ofEpochMilli(epochMillis);
  }
}
