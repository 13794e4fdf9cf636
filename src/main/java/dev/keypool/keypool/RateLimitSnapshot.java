package dev.keypool.keypool;

import java.time.Instant;

/**
 * The upstream rate-limit figures of one key, as last reported by response headers and decremented
 * locally on every borrow since. Null fields are unknown.
 *
 * @param updatedAt when headers last reported any figure; null if never
 */
public record RateLimitSnapshot(
    Long requestsLimit,
    Long requestsRemaining,
    Instant requestsReset,
    Long tokensLimit,
    Long tokensRemaining,
    Instant tokensReset,
    Instant updatedAt) {}
