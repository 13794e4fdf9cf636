package dev.keypool.quota;

import java.time.Duration;
import java.util.Optional;

/** The answer to a reservation: admitted with a {@link Reservation}, or refused naming the limit. */
public sealed interface Decision {

  /** The request may go upstream; settle or release the reservation afterwards. */
  record Admitted(Reservation reservation) implements Decision {}

  /**
   * The request must not go upstream: {@code limit} would be exceeded. {@code retryAfter} is the time
   * until its window ends (absent for concurrency limits, where waiting for a time does not help).
   * {@code message} says which limit in words, for the client.
   */
  record Refused(Limit limit, Optional<Duration> retryAfter, String message) implements Decision {

    /** The HTTP status for the client: 429, as every limit here is a rate limit or quota. */
    public int httpStatus() {
      return 429;
    }

    /** The Retry-After header value in whole seconds, rounded up, if one applies. */
    public Optional<Long> retryAfterSeconds() {
      return retryAfter.map(d -> (d.toMillis() + 999) / 1000);
    }

    static Refused of(Limit limit, Duration retryAfter) {
      if (!limit.kind().windowed()) {
        return new Refused(limit, Optional.empty(), limit.describe() + " exceeded");
      }
      long secs = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
      return new Refused(limit, Optional.of(retryAfter), limit.describe() + " exceeded; retry in " + secs + " s");
    }
  }
}
