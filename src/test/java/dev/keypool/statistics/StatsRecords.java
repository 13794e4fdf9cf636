package dev.keypool.statistics;

import dev.keypool.testkit.TestDatabase;
import dev.keypool.tracking.AttemptRecord;
import dev.keypool.tracking.RecordWriter;
import dev.keypool.tracking.RequestRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The known traffic the statistics tests assert on: six requests across three UTC days, two weeks
 * (Sunday 2025-03-30 / Monday 03-31) and two months (March / April 2025).
 *
 * <pre>
 * id  started (UTC)      model   provider   pkey  gkey  outcome       class       in    out  cost   charged latency ttft
 * r1  03-30 23:10        gpt-4o  openai     pk_a  gk_1  success       -           100   50   1000   1500    120     40
 * r2  03-31 00:05        gpt-4o  openai     pk_a  gk_1  success       -           200   100  2000   3000    300     60
 * r3  03-31 00:40        claude  anthropic  pk_b  gk_2  error         rate_limit  0     0    0      0       80      -
 * r4  03-31 02:15        claude  anthropic  pk_b  gk_2  success (est) -           1000  400  10000  12000   2500    500
 * r5  04-01 10:00        gpt-4o  openai     pk_a  gk_2  client_abort  -           50    10   300    300     45000   1000
 * r6  04-01 10:30        gpt-4o  -          -     gk_1  error         no_key      0     0    0      0       5       -
 * </pre>
 * Cache reads are in/10, cache writes in/100 and reasoning out/2 (integer division). Each request with
 * a key has one attempt on it (failed with the request's class when the request is an error; its
 * latency; 100 bytes), and r2 a first attempt on pk_c that failed with rate_limit (30 ms, 10 bytes).
 */
final class StatsRecords {

  private StatsRecords() {}

  /** Writes {@link #all()} into {@code t} through the real record writer, returning once they are stored. */
  static void write(TestDatabase t, Path journal, Clock clock) {
    write(t, journal, clock, all());
  }

  /** Writes {@code records} into {@code t} through the real record writer, returning once they are stored. */
  static void write(TestDatabase t, Path journal, Clock clock, List<RequestRecord> records) {
    var settings = new RecordWriter.Settings(4, Duration.ofMillis(10), Math.max(100, records.size()), Duration.ofSeconds(1),
        Duration.ofSeconds(1), Duration.ofSeconds(10));
    try (var writer = new RecordWriter(t.dataSource(), t.postgres(), journal, clock, settings)) {
      records.forEach(writer::submit);
    }
  }

  static List<RequestRecord> all() {
    return List.of(
        rec("r1", "2025-03-30T23:10:00Z", "gpt-4o", "openai", "pk_a", "gk_1", "success", null, 100, 50, 1000, 1500, 120, 40L, false),
        rec("r2", "2025-03-31T00:05:00Z", "gpt-4o", "openai", "pk_a", "gk_1", "success", null, 200, 100, 2000, 3000, 300, 60L, false),
        rec("r3", "2025-03-31T00:40:00Z", "claude", "anthropic", "pk_b", "gk_2", "error", "rate_limit", 0, 0, 0, 0, 80, null, false),
        rec("r4", "2025-03-31T02:15:00Z", "claude", "anthropic", "pk_b", "gk_2", "success", null, 1000, 400, 10000, 12000, 2500, 500L, true),
        rec("r5", "2025-04-01T10:00:00Z", "gpt-4o", "openai", "pk_a", "gk_2", "client_abort", null, 50, 10, 300, 300, 45000, 1000L, false),
        rec("r6", "2025-04-01T10:30:00Z", "gpt-4o", null, null, "gk_1", "error", "no_key", 0, 0, 0, 0, 5, null, false));
  }

  static RequestRecord rec(String id, String started, String model, String provider, String providerKey,
      String gatewayKey, String outcome, String errorClass, long in, long out, long cost, long charged,
      long latency, Long ttft, boolean estimated) {
    Instant t = Instant.parse(started);
    int status = switch (outcome) {
      case "success" -> 200;
      case "client_abort" -> 499;
      default -> 429;
    };
    List<AttemptRecord> attempts = new ArrayList<>();
    if (id.equals("r2")) {
      attempts.add(new AttemptRecord(1, "openai", "pk_c", model, 429, "rate_limit", "slow down", 30, 10, t));
    }
    if (providerKey != null) {
      attempts.add(new AttemptRecord(attempts.size() + 1, provider, providerKey, model, status,
          outcome.equals("error") ? errorClass : null, null, latency, 100, t));
    }
    return new RequestRecord(id, t, t.plusMillis(latency), gatewayKey, "u_1", "org_1", "/v1/chat/completions",
        "openai", model, model, "route", provider, providerKey, status, outcome, errorClass, null, ttft != null,
        in, out, in / 10, in / 100, out / 2, estimated ? "estimated" : "provider", cost, charged, latency, ttft, 100, "127.0.0.1", "test",
        attempts);
  }
}
