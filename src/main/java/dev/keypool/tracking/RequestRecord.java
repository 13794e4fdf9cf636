package dev.keypool.tracking;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What Keypool remembers about one client request: who asked, for which model, where it went, what
 * it used and cost, how long it took and how it ended, plus one {@link AttemptRecord} per upstream try.
 *
 * <p>Money is integer nano-USD (1e-9 USD) so that sums over millions of rows stay exact. Tokens:
 * {@code inputTokens} counts uncached input only, cache reads and writes are counted apart, and
 * {@code outputTokens} includes reasoning, of which {@code reasoningTokens} is an informational subset.
 * Keys appear by id only; a record never holds a secret or a full key value.
 *
 * @param outcome {@code success}, {@code error} or {@code client_abort}
 * @param usageSource {@code provider} (the upstream's numbers), {@code estimated} or {@code none}
 * @param ttftMillis time to first token, null when no token was streamed
 * @param attempts upstream tries in order; empty in search results, which omit them
 * @param sellMultiplier what the cost was multiplied by to give {@code chargedNanos} (the caller's user
 *     group's, or the global one); null in records written before it was recorded
 */
public record RequestRecord(String id, Instant startedAt, Instant finishedAt, String gatewayKeyId, String userId,
    String orgId, String endpoint, String clientFormat, String modelRequested, String modelServed, String routeId,
    String providerId, String providerKeyId, int status, String outcome, String errorClass, String errorMessage,
    boolean stream, long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
    long reasoningTokens, String usageSource, long costNanos, long chargedNanos, long latencyMillis, Long ttftMillis,
    long overheadMicros, String clientIp, String userAgent, List<AttemptRecord> attempts, BigDecimal sellMultiplier) {

  public RequestRecord {
    // Checked here, at the caller, because a row without them could never be stored: failing later,
    // inside a batch, would hold up every other record of that batch.
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(startedAt, "startedAt");
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
  }

  /** A record without its sell multiplier (as written before it was recorded). */
  public RequestRecord(String id, Instant startedAt, Instant finishedAt, String gatewayKeyId, String userId,
      String orgId, String endpoint, String clientFormat, String modelRequested, String modelServed, String routeId,
      String providerId, String providerKeyId, int status, String outcome, String errorClass, String errorMessage,
      boolean stream, long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
      long reasoningTokens, String usageSource, long costNanos, long chargedNanos, long latencyMillis, Long ttftMillis,
      long overheadMicros, String clientIp, String userAgent, List<AttemptRecord> attempts) {
    this(id, startedAt, finishedAt, gatewayKeyId, userId, orgId, endpoint, clientFormat, modelRequested, modelServed,
        routeId, providerId, providerKeyId, status, outcome, errorClass, errorMessage, stream, inputTokens,
        outputTokens, cacheReadTokens, cacheWriteTokens, reasoningTokens, usageSource, costNanos, chargedNanos,
        latencyMillis, ttftMillis, overheadMicros, clientIp, userAgent, attempts, null);
  }

  /** This record with other attempts; search results use it to drop them. */
  public RequestRecord withAttempts(List<AttemptRecord> newAttempts) {
    return new RequestRecord(id, startedAt, finishedAt, gatewayKeyId, userId, orgId, endpoint, clientFormat,
        modelRequested, modelServed, routeId, providerId, providerKeyId, status, outcome, errorClass, errorMessage,
        stream, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, reasoningTokens, usageSource,
        costNanos, chargedNanos, latencyMillis, ttftMillis, overheadMicros, clientIp, userAgent, newAttempts,
        sellMultiplier);
  }
}
