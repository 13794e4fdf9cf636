package dev.keypool.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One batch's contribution to the hourly rollups {@code usage_hourly} and {@code errors_hourly}:
 * records are added in memory, then {@link #upsert} adds the sums to the stored rows, one statement per
 * rollup row, inside the caller's transaction.
 *
 * <p>Rows are upserted in key order so that two transactions touching the same rows lock them in the
 * same order. Additive upserts ({@code x = x + excluded.x}) keep concurrent writers exact.
 */
final class UsageRollup {

  private static final String USAGE_KEY = "hour_start, model_requested, provider_id, provider_key_id, "
      + "gateway_key_id, outcome";
  private static final List<String> USAGE_SUMS = Stream.concat(Stream.of("requests", "successes", "errors",
      "client_aborts", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "reasoning_tokens",
      "cost_nanos", "charged_nanos", "latency_sum_ms", "ttft_sum_ms", "ttft_count", "estimated_count"),
      Stream.of(LatencyBuckets.COLUMNS.split(", "))).toList();
  private static final String UPSERT_USAGE = "INSERT INTO usage_hourly (" + USAGE_KEY + ", "
      + String.join(", ", USAGE_SUMS) + ") VALUES (" + RecordColumns.placeholders(USAGE_KEY + ", "
      + String.join(", ", USAGE_SUMS)) + ") ON CONFLICT (" + USAGE_KEY + ") DO UPDATE SET "
      + USAGE_SUMS.stream().map(c -> c + " = usage_hourly." + c + " + excluded." + c).collect(Collectors.joining(", "));
  private static final String UPSERT_ERRORS = "INSERT INTO errors_hourly (hour_start, model_requested, "
      + "provider_id, error_class, count) VALUES (?, ?, ?, ?, ?) ON CONFLICT (hour_start, model_requested, "
      + "provider_id, error_class) DO UPDATE SET count = errors_hourly.count + excluded.count";

  /** Sums are indexed like {@link #USAGE_SUMS}. */
  private final Map<List<Object>, long[]> usage = new TreeMap<>(UsageRollup::compareKeys);
  private final Map<List<Object>, long[]> errors = new TreeMap<>(UsageRollup::compareKeys);

  static long hourStart(long epochMillis) {
    return Math.floorDiv(epochMillis, 3_600_000L) * 3_600_000L;
  }

  void add(RequestRecord r) {
    long hour = hourStart(r.startedAt().toEpochMilli());
    String outcome = nz(r.outcome());
    long[] s = usage.computeIfAbsent(List.of(hour, nz(r.modelRequested()), nz(r.providerId()), nz(r.providerKeyId()),
        nz(r.gatewayKeyId()), outcome), k -> new long[USAGE_SUMS.size()]);
    int i = 0;
    s[i++]++;
    s[i++] += outcome.equals("success") ? 1 : 0;
    s[i++] += outcome.equals("error") ? 1 : 0;
    s[i++] += outcome.equals("client_abort") ? 1 : 0;
    s[i++] += r.inputTokens();
    s[i++] += r.outputTokens();
    s[i++] += r.cacheReadTokens();
    s[i++] += r.cacheWriteTokens();
    s[i++] += r.reasoningTokens();
    s[i++] += r.costNanos();
    s[i++] += r.chargedNanos();
    s[i++] += r.latencyMillis();
    s[i++] += r.ttftMillis() == null ? 0 : r.ttftMillis();
    s[i++] += r.ttftMillis() == null ? 0 : 1;
    s[i++] += "estimated".equals(r.usageSource()) ? 1 : 0;
    s[i + LatencyBuckets.bucketOf(r.latencyMillis())]++;
    if (!outcome.equals("success")) {
      errors.computeIfAbsent(List.of(hour, nz(r.modelRequested()), nz(r.providerId()), nz(r.errorClass())),
          k -> new long[1])[0]++;
    }
  }

  /** Adds this batch's sums to the stored rollups on {@code c}, in the caller's transaction. */
  void upsert(Connection c) throws SQLException {
    if (!usage.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(UPSERT_USAGE)) {
        for (var e : usage.entrySet()) {
          int p = bindKey(ps, e.getKey());
          for (long v : e.getValue()) {
            ps.setLong(p++, v);
          }
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    if (!errors.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(UPSERT_ERRORS)) {
        for (var e : errors.entrySet()) {
          ps.setLong(bindKey(ps, e.getKey()), e.getValue()[0]);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  private static int bindKey(PreparedStatement ps, List<Object> key) throws SQLException {
    ps.setLong(1, (Long) key.get(0));
    for (int i = 1; i < key.size(); i++) {
      ps.setString(i + 1, ((String) key.get(i)).replace('\u0000', '\uFFFD'));
    }
    return key.size() + 1;
  }

  /** Missing ids are stored as '' so that the unique key matches them (NULLs never conflict). */
  private static String nz(String s) {
    return s == null ? "" : s;
  }

  @SuppressWarnings("unchecked")
  private static int compareKeys(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = ((Comparable<Object>) a.get(i)).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
