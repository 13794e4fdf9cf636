package dev.keypool.statistics;

import java.util.List;

/**
 * The upstream attempts of one provider key in a time range, from {@code attempts_hourly}: every try
 * sent with the key, including those that failed and were retried on another key (which the usage
 * figures, counted under a request's last key, do not show).
 *
 * @param providerKeyId the key; null for attempts that never got one
 * @param failureRate failed / attempts, 0..1; null without attempts
 * @param avgLatencyMs mean time an attempt took; null without attempts
 * @param failures failed attempts by failure class ({@code rate_limit}, {@code transient}, ...), most first
 */
public record KeyAttempts(String providerKeyId, String providerId, long attempts, long succeeded, long failed,
    Double failureRate, Double avgLatencyMs, long bytes, List<FailureCount> failures) {

  public record FailureCount(String failureClass, long count) {}
}
