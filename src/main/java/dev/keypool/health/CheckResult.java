package dev.keypool.health;

import java.time.Instant;

/**
 * The result of one health check of one provider key.
 *
 * @param triggeredBy {@code schedule} or {@code operator}
 * @param probe {@code models} or {@code completion}
 * @param failure null when ok, else the failure class's wire name (e.g. {@code credential})
 * @param status the upstream's HTTP status, 0 when none came (network error, timeout)
 * @param message the upstream's error message with the key's secret masked, or what went wrong; null when ok
 * @param rateLimit the rate-limit figures of the response's headers, or null when it had none
 */
public record CheckResult(String keyId, String providerId, Instant checkedAt, String triggeredBy, String probe,
    boolean ok, String failure, int status, long latencyMs, String message, RateLimit rateLimit) {

  /** Rate-limit figures as the upstream reported them with the check's response. */
  public record RateLimit(Long requestsLimit, Long requestsRemaining, Instant requestsReset, Long tokensLimit,
      Long tokensRemaining, Instant tokensReset) {}
}
