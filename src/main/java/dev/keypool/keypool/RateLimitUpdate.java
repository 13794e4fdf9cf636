package dev.keypool.keypool;

import java.time.Instant;

/**
 * Rate-limit figures read from the headers of one upstream response. Null fields were not reported; an
 * update only overwrites the figures it carries.
 *
 * @param retryAfter the instant a {@code retry-after} or {@code retry-after-ms} header points to, or null
 */
public record RateLimitUpdate(
    Long requestsLimit,
    Long requestsRemaining,
    Instant requestsReset,
    Long tokensLimit,
    Long tokensRemaining,
    Instant tokensReset,
    Instant retryAfter) {

  public static final RateLimitUpdate NONE = new RateLimitUpdate(null, null, null, null, null, null, null);

  public boolean isEmpty() {
    return equals(NONE);
  }

  /**
   * When a rate-limited key can be expected to recover according to these headers: the latest reset of
   * an exhausted dimension, else the earliest future reset; null if the headers say nothing useful.
   */
  public Instant recoveryAt(Instant now) {
    Instant exhausted = later(exhaustedReset(requestsRemaining, requestsReset, now),
        exhaustedReset(tokensRemaining, tokensReset, now));
    if (exhausted != null) {
      return exhausted;
    }
    return earlier(future(requestsReset, now), future(tokensReset, now));
  }

  private static Instant exhaustedReset(Long remaining, Instant reset, Instant now) {
    return remaining != null && remaining <= 0 ? future(reset, now) : null;
  }

  private static Instant future(Instant t, Instant now) {
    return t != null && t.isAfter(now) ? t : null;
  }

  private static Instant later(Instant a, Instant b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
  }
}
