package dev.keypool.tracking;

import java.time.Instant;
import java.util.List;

/** Sample records for tests, every field set to a distinct, recognizable value. */
final class Records {

  static final Instant T0 = Instant.parse("2025-03-01T12:00:00.123Z");

  private Records() {}

  static RequestRecord sample(String id) {
    return sample(id, T0, "gpt-4o", 200, "success");
  }

  static RequestRecord sample(String id, Instant startedAt, String model, int status, String outcome) {
    return sample(id, startedAt, model, status, outcome, "u_alice", "org_acme");
  }

  /** A sample record of the user {@code userId} in the org {@code orgId}. */
  static RequestRecord sample(String id, Instant startedAt, String model, int status, String outcome, String userId,
      String orgId) {
    return new RequestRecord(id, startedAt, startedAt.plusMillis(1_234), "gk_" + id, userId, orgId,
        "/v1/chat/completions", "openai", model, model + "-2024-08-06", "route_main", "openai", "pk_" + id, status,
        outcome, status == 200 ? null : "rate_limit", status == 200 ? null : "Rate limit reached for " + id,
        true, 1_000, 250, 300, 40, 120, "provider", 4_250_000L, 6_375_000L, 1_234, 321L, 850, "203.0.113.7",
        "openai-python/1.54", List.of(
            new AttemptRecord(1, "openai", "pk_first", model, 429, "rate_limit", "slow down", 80, 120, startedAt),
            new AttemptRecord(2, "azure", "pk_" + id, model, 200, null, null, 1_100, 4_096, startedAt.plusMillis(90))));
  }
}
