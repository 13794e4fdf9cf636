package dev.keypool.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One batch's contribution to the rollups {@code usage_hourly}, {@code usage_daily}, their coarser
 * {@code usage_hourly_by_model} and {@code usage_daily_by_model} (no key columns, for the page-wide
 * statistics), {@code errors_hourly} and {@code attempts_hourly}:
 * records are added in memory, then {@link #upsert} adds the sums to the stored rows, one statement per
 * rollup row, inside the caller's transaction.
 *
 * <p>Rows are upserted in key order so that two transactions touching the same rows lock them in the
 * same order. Additive upserts ({@code x = x + excluded.x}) keep concurrent writers exact.
 */
final class UsageRollup {

  private static final String KEY_IDS = "model_requested, provider_id, provider_key_id, gateway_key_id, outcome";
  private static final String MODEL_IDS = "model_requested, provider_id";
  private static final List<String> USAGE_SUMS = Stream.concat(Stream.of("requests", "successes", "errors",
      "client_aborts", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "reasoning_tokens",
      "cost_nanos", "charged_nanos", "latency_sum_ms", "ttft_sum_ms", "ttft_count", "estimated_count"),
      Stream.of(LatencyBuckets.COLUMNS.split(", "))).toList();
  private static final String UPSERT_HOURLY = upsertUsage("usage_hourly", "hour_start", KEY_IDS);
  private static final String UPSERT_DAILY = upsertUsage("usage_daily", "day_start", KEY_IDS);
  private static final String UPSERT_HOURLY_BY_MODEL = upsertUsage("usage_hourly_by_model", "hour_start", MODEL_IDS);
  private static final String UPSERT_DAILY_BY_MODEL = upsertUsage("usage_daily_by_model", "day_start", MODEL_IDS);
  private static final String UPSERT_ERRORS = "INSERT INTO errors_hourly (hour_start, model_requested, "
      + "provider_id, error_class, count) VALUES (?, ?, ?, ?, ?) ON CONFLICT (hour_start, model_requested, "
      + "provider_id, error_class) DO UPDATE SET count = errors_hourly.count + excluded.count";
  private static final String UPSERT_ATTEMPTS = "INSERT INTO attempts_hourly (hour_start, provider_id, provider_key_id, "
      + "failure_class, attempts, latency_sum_ms, bytes) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hour_start, "
      + "provider_id, provider_key_id, failure_class) DO UPDATE SET attempts = attempts_hourly.attempts + "
      + "excluded.attempts, latency_sum_ms = attempts_hourly.latency_sum_ms + excluded.latency_sum_ms, "
      + "bytes = attempts_hourly.bytes + excluded.bytes";
  private static final long HOUR_MS = 3_600_000L;
  private static final long DAY_MS = 86_400_000L;

  private static String upsertUsage(String table, String period, String ids) {
    String key = period + ", " + ids;
    String columns = key + ", " + String.join(", ", USAGE_SUMS);
    return "INSERT INTO " + table + " (" + columns + ") VALUES (" + RecordColumns.placeholders(columns)
        + ") ON CONFLICT (" + key + ") DO UPDATE SET " + USAGE_SUMS.stream()
            .map(c -> c + " = " + table + "." + c + " + excluded." + c).collect(Collectors.joining(", "));
  }

  /**
   * A rollup row's key: the period start and the text key columns in table order. Hashed while a batch
   * is summed, sorted only when written (see {@link #sorted}).
   */
  private record Key(long period, List<String> columns) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = Long.compare(period, o.period);
      for (int i = 0; c == 0 && i < columns.size(); i++) {
        c = columns.get(i).compareTo(o.columns.get(i));
      }
      return c;
    }

    /** Binds the key from parameter 1; returns the next free index. */
    int bind(PreparedStatement ps) throws SQLException {
      ps.setLong(1, period);
      int i = 2;
      for (String s : columns) {
        ps.setString(i++, s.replace('\u0000', '\uFFFD'));
      }
      return i;
    }
  }

  /** Sums are indexed like {@link #USAGE_SUMS}. */
  private final Map<Key, long[]> hourly = new HashMap<>();
  private final Map<Key, long[]> daily = new HashMap<>();
  private final Map<Key, long[]> hourlyByModel = new HashMap<>();
  private final Map<Key, long[]> dailyByModel = new HashMap<>();
  private final Map<Key, long[]> errors = new HashMap<>();
  /** Attempts, latency sum and bytes. */
  private final Map<Key, long[]> attempts = new HashMap<>();

  void add(RequestRecord r) {
    long t = r.startedAt().toEpochMilli();
    long hour = Math.floorDiv(t, HOUR_MS) * HOUR_MS;
    String outcome = nz(r.outcome());
    String model = rollupModel(r);
    long day = Math.floorDiv(t, DAY_MS) * DAY_MS;
    List<String> usageKey = List.of(model, nz(r.providerId()), nz(r.providerKeyId()),
        nz(r.gatewayKeyId()), outcome);
    List<String> modelKey = List.of(model, nz(r.providerId()));
    add(hourly, new Key(hour, usageKey), r, outcome);
    add(daily, new Key(day, usageKey), r, outcome);
    add(hourlyByModel, new Key(hour, modelKey), r, outcome);
    add(dailyByModel, new Key(day, modelKey), r, outcome);
    if (!outcome.equals("success")) {
      errors.computeIfAbsent(new Key(hour, List.of(model, nz(r.providerId()), nz(r.errorClass()))),
          k -> new long[1])[0]++;
    }
    for (AttemptRecord a : r.attempts()) {
      long started = a.startedAt() == null ? t : a.startedAt().toEpochMilli();
      long[] sums = attempts.computeIfAbsent(new Key(Math.floorDiv(started, HOUR_MS) * HOUR_MS,
          List.of(nz(a.providerId()), nz(a.providerKeyId()), nz(a.failureClass()))), k -> new long[3]);
      sums[0]++;
      sums[1] += a.latencyMillis();
      sums[2] += a.bytes();
    }
  }

  private static void add(Map<Key, long[]> rows, Key key, RequestRecord r, String outcome) {
    long[] s = rows.computeIfAbsent(key, k -> new long[USAGE_SUMS.size()]);
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
  }

  /** Adds this batch's sums to the stored rollups on {@code c}, in the caller's transaction. */
  void upsert(Connection c) throws SQLException {
    upsertRows(c, UPSERT_HOURLY, hourly);
    upsertRows(c, UPSERT_DAILY, daily);
    upsertRows(c, UPSERT_HOURLY_BY_MODEL, hourlyByModel);
    upsertRows(c, UPSERT_DAILY_BY_MODEL, dailyByModel);
    upsertRows(c, UPSERT_ERRORS, errors);
    upsertRows(c, UPSERT_ATTEMPTS, attempts);
  }

  /** Binds each row's key, then its sums, to {@code sql}'s parameters in that order. */
  private static void upsertRows(Connection c, String sql, Map<Key, long[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (var e : sorted(rows)) {
        int p = e.getKey().bind(ps);
        for (long v : e.getValue()) {
          ps.setLong(p++, v);
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** In key order, so that concurrent writers lock shared rows in the same order. */
  private static List<Map.Entry<Key, long[]>> sorted(Map<Key, long[]> rows) {
    List<Map.Entry<Key, long[]>> out = new ArrayList<>(rows.entrySet());
    out.sort(Map.Entry.comparingByKey());
    return out;
  }

  /**
   * The model a record counts under: the model it asked for once it found a route, and '' for a
   * request refused before (unknown model, bad body, no key). Those names are the client's own
   * choice, one row each would let a client grow the rollups without bound; the request log keeps
   * what was asked.
   */
  private static String rollupModel(RequestRecord r) {
    return r.routeId() == null ? "" : nz(r.modelRequested());
  }

  /** Missing ids are stored as '' so that the unique key matches them (NULLs never conflict). */
  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
