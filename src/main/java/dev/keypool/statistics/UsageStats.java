package dev.keypool.statistics;

/**
 * Usage figures for one slice of traffic (a time range, a key, a model, a timeline bucket), as read
 * from the hourly rollups.
 *
 * <p>Rates and averages are null when there were no requests (or no streamed first token). Latency
 * percentiles are estimates from a fixed histogram, exact to within the bucket they fall in (see
 * {@link dev.keypool.tracking.LatencyBuckets}); latency is the whole request, for every outcome.
 *
 * @param errors requests that ended in an error (not counting client aborts)
 * @param successRate successes / requests, 0..1
 * @param estimatedCount requests whose tokens were estimated rather than reported by the provider
 */
public record UsageStats(long requests, long successes, long errors, long clientAborts, Double successRate,
    long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens, long reasoningTokens,
    long totalTokens, long costNanos, long chargedNanos, Double avgLatencyMs, Long p50LatencyMs, Long p95LatencyMs,
    Long p99LatencyMs, Double avgTtftMs, long estimatedCount) {}
