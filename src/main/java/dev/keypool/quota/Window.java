package dev.keypool.quota;

import java.time.Duration;
import java.time.Instant;

/** A half-open time window {@code [start, end)} in which a windowed limit counts. */
public record Window(Instant start, Instant end) {

  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  /** The time from {@code now} until the window ends (zero once it has). */
  public Duration remaining(Instant now) {
    Duration d = Duration.between(now, end);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
