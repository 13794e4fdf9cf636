package dev.keypool.keypool;

/**
 * The upstream rate-limit capacity left on one key: the figures its last response headers reported,
 * with requests decremented locally on every borrow so that concurrent requests spread over keys before
 * the next headers arrive. A figure whose reset time has passed counts as full again. Not thread-safe:
 * guarded by its {@link PooledKey}.
 */
final class Headroom {

  private static final long UNKNOWN = -1;

  private long requestsLimit = UNKNOWN;
  private long requestsRemaining = UNKNOWN;
  private long requestsReset = Millis.NONE;
  private long tokensLimit = UNKNOWN;
  private long tokensRemaining = UNKNOWN;
  private long tokensReset = Millis.NONE;
  private long updatedAt = Millis.NONE;

  void apply(RateLimitUpdate u, long now) {
    if (u.requestsLimit() != null || u.requestsRemaining() != null || u.requestsReset() != null) {
      requestsLimit = orUnknown(u.requestsLimit());
      requestsRemaining = orUnknown(u.requestsRemaining());
      requestsReset = Millis.of(u.requestsReset());
      updatedAt = now;
    }
    if (u.tokensLimit() != null || u.tokensRemaining() != null || u.tokensReset() != null) {
      tokensLimit = orUnknown(u.tokensLimit());
      tokensRemaining = orUnknown(u.tokensRemaining());
      tokensReset = Millis.of(u.tokensReset());
      updatedAt = now;
    }
  }

  /** Counts one request against the known remaining figure (tokens are unknown until the response). */
  void consumeRequest(long now) {
    consumeRequests(1, now);
  }

  /** Counts {@code n} requests, e.g. made by other instances, against the known remaining figure. */
  void consumeRequests(long n, long now) {
    if (requestsRemaining > 0 && !resetPassed(requestsReset, now)) {
      requestsRemaining = Math.max(0, requestsRemaining - n);
    }
  }

  /** Whether a remaining request figure is known and current, so a borrow spends it. */
  boolean tracksRequests(long now) {
    return requestsRemaining > 0 && !resetPassed(requestsReset, now);
  }

  /**
   * The instant until which the upstream said this key is spent (a remaining of 0 with a future reset),
   * or {@link Millis#NONE} when it is not known to be spent.
   */
  long exhaustedUntil(long now) {
    long until = Millis.NONE;
    if (requestsRemaining == 0 && requestsReset != Millis.NONE && requestsReset > now) {
      until = requestsReset;
    }
    if (tokensRemaining == 0 && tokensReset != Millis.NONE && tokensReset > now) {
      until = Math.max(until, tokensReset);
    }
    return until;
  }

  /** Remaining fraction of capacity: the lower of requests and tokens; unknown or reset counts as 1.0. */
  double fraction(long now) {
    return Math.min(fraction(requestsLimit, requestsRemaining, requestsReset, now),
        fraction(tokensLimit, tokensRemaining, tokensReset, now));
  }

  RateLimitSnapshot snapshot() {
    return new RateLimitSnapshot(known(requestsLimit), known(requestsRemaining), Millis.instant(requestsReset),
        known(tokensLimit), known(tokensRemaining), Millis.instant(tokensReset), Millis.instant(updatedAt));
  }

  private static double fraction(long limit, long remaining, long reset, long now) {
    if (remaining == UNKNOWN || resetPassed(reset, now)) {
      return 1.0;
    }
    if (limit <= 0) {
      return remaining == 0 ? 0.0 : 1.0;
    }
    return Math.min(1.0, (double) remaining / limit);
  }

  private static boolean resetPassed(long reset, long now) {
    return reset != Millis.NONE && reset <= now;
  }

  private static long orUnknown(Long v) {
    return v == null ? UNKNOWN : v;
  }

  private static Long known(long v) {
    return v == UNKNOWN ? null : v;
  }
}
