package dev.keypool.keypool;

/**
 * How healthy a key looks from its recent outcomes (requests and health checks), 0..1: the success
 * rate of the outcomes that say something about the key, times a latency factor against the fastest key
 * of its provider. Strategies lend a key with a score below 1 that much less often.
 *
 * @param successRate successes over outcomes in the window, with one success assumed (a new key is 1.0)
 * @param latencyMs mean latency (first byte) of the recent requests, or null without enough samples
 * @param latencyFactor 1 unless the key is clearly slower than the fastest key of its provider
 * @param outcomes outcomes counted in the window
 * @param lastFailure the class of the latest counted failure in the window, or null
 */
public record HealthScore(double score, double successRate, Long latencyMs, double latencyFactor, int outcomes,
    FailureClass lastFailure) {

  /** A key with no recent outcomes. */
  public static final HealthScore UNKNOWN = new HealthScore(1.0, 1.0, null, 1.0, 0, null);
}
