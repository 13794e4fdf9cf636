package dev.keypool.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When the writer may next try an unavailable database: after each failure the wait doubles, from
 * {@code min} up to {@code max}, and a success starts it over.
 *
 * <p>Reads the injected clock, so tests move time forward instead of sleeping. Used by the writer
 * thread only, hence not thread-safe.
 */
final class Backoff {

  private final Clock clock;
  private final Duration min;
  private final Duration max;
  private Duration wait;
  private Instant retryAt = Instant.MIN;

  Backoff(Clock clock, Duration min, Duration max) {
    this.clock = clock;
    this.min = min;
    this.max = max;
    this.wait = min;
  }

  void failed() {
    retryAt = clock.instant().plus(wait);
    wait = wait.multipliedBy(2).compareTo(max) > 0 ? max : wait.multipliedBy(2);
  }

  void succeeded() {
    wait = min;
    retryAt = Instant.MIN;
  }

  boolean due() {
    return !clock.instant().isBefore(retryAt);
  }

  Instant retryAt() {
    return retryAt;
  }
}
