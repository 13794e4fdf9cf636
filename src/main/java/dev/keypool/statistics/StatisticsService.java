package dev.keypool.statistics;

import dev.keypool.storage.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Usage statistics (A5) read from the rollups {@code usage_hourly}, {@code usage_daily}, their coarser
 * {@code usage_hourly_by_model} and {@code usage_daily_by_model}, {@code errors_hourly} and
 * {@code attempts_hourly}, never from {@code request_records}, so a query's cost depends on the range
 * and the number of keys and models, not on the number of requests. Figures that need no provider key,
 * gateway key or owner (totals, timelines, model and provider rankings) read the rollups by model, a few
 * dozen rows a day; the others the rollups by key ({@link RollupSource.Tables}).
 *
 * <p>Ranges have hour precision: a range [from, to) covers every rollup hour that starts at or after
 * {@code from} truncated to the hour and before {@code to}; so the current hour counts in full, and
 * a timeline's first bucket counts in full from its start. Whole days come from the daily rollup
 * ({@link RollupSource}). Every
 * method blocks; the admin API calls them through {@link dev.keypool.storage.Blocking}.
 */
public final class StatisticsService {

  /** Most points one timeline may have, so a year by the hour (8,784) fits and a decade does not. */
  public static final int MAX_POINTS = 10_000;
  /** Most days a key trend may span. */
  public static final int MAX_TREND_DAYS = 366;

  private static final long HOUR_MS = 3_600_000L;
  private static final long DAY_MS = 86_400_000L;

  private final DataSource ds;
  private final Clock clock;
  private final boolean readByModel;

  /** {@code postgres} is accepted for symmetry with the other stores; the SQL is the same on both. */
  public StatisticsService(DataSource ds, boolean postgres, Clock clock) {
    this(ds, clock, true);
  }

  /**
   * With {@code readByModel} false every figure is read from the rollups by key, as before the rollups
   * by model existed: both give the same answers, which the tests compare.
   */
  StatisticsService(DataSource ds, Clock clock, boolean readByModel) {
    this.ds = ds;
    this.clock = clock;
    this.readByModel = readByModel;
  }

  /** Everything in [from, to). */
  public UsageStats overview(Instant from, Instant to) {
    return total(from, to, null, null);
  }

  public List<GroupStats> byProviderKey(Instant from, Instant to, Ranking rank, int limit) {
    return grouped(Dimension.PROVIDER_KEY, from, to, rank, limit);
  }

  public List<GroupStats> byGatewayKey(Instant from, Instant to, Ranking rank, int limit) {
    return grouped(Dimension.GATEWAY_KEY, from, to, rank, limit);
  }

  public List<GroupStats> byModel(Instant from, Instant to, Ranking rank, int limit) {
    return grouped(Dimension.MODEL, from, to, rank, limit);
  }

  public List<GroupStats> byProvider(Instant from, Instant to, Ranking rank, int limit) {
    return grouped(Dimension.PROVIDER, from, to, rank, limit);
  }

  /** Per user: the current owners of the gateway keys (see {@link Dimension#USER}). */
  public List<GroupStats> byUser(Instant from, Instant to, Ranking rank, int limit) {
    return grouped(Dimension.USER, from, to, rank, limit);
  }

  /** Per org covering the gateway keys now (see {@link Dimension#ORG}). */
  public List<GroupStats> byOrg(Instant from, Instant to, Ranking rank, int limit) {
    return grouped(Dimension.ORG, from, to, rank, limit);
  }

  /** One point per bucket from the bucket holding {@code from} up to {@code to}, empty buckets included. */
  public List<TimelinePoint> timeline(Instant from, Instant to, Bucket bucket) {
    return timeline(from, to, bucket, null, null);
  }

  /** The usage of provider key {@code id} in [from, to). */
  public UsageStats providerKeyStats(String id, Instant from, Instant to) {
    return total(from, to, Dimension.PROVIDER_KEY, id);
  }

  /** The usage of gateway key {@code id} in [from, to), as its holder sees it on {@code GET /v1/usage}. */
  public UsageStats gatewayKeyStats(String id, Instant from, Instant to) {
    return total(from, to, Dimension.GATEWAY_KEY, id);
  }

  /** The usage of the gateway keys user {@code id} owns now, in [from, to). */
  public UsageStats userStats(String id, Instant from, Instant to) {
    return total(from, to, Dimension.USER, id);
  }

  /**
   * Gateway key {@code id} per bucket from the bucket holding {@code from} up to {@code to}, empty
   * buckets included: the per-key view of {@link #timeline(Instant, Instant, Bucket)}.
   */
  public List<TimelinePoint> gatewayKeyTimeline(String id, Instant from, Instant to, Bucket bucket) {
    return timeline(from, to, bucket, Dimension.GATEWAY_KEY, id);
  }

  /** Provider key {@code id} per UTC day over the last {@code days} days, today (so far) last. */
  public List<TimelinePoint> providerKeyTrend(String id, int days) {
    if (days < 1 || days > MAX_TREND_DAYS) {
      throw new IllegalArgumentException("days must be between 1 and " + MAX_TREND_DAYS + ", got " + days);
    }
    Instant today = Bucket.DAY.truncate(clock.instant());
    // Up to the end of today, not now: at midnight exactly, "now" would leave today's point out.
    return timeline(today.minus(Duration.ofDays(days - 1L)), Bucket.DAY.next(today), Bucket.DAY,
        Dimension.PROVIDER_KEY, id);
  }

  /**
   * Upstream attempts per provider key in [from, to), keys with the most failed attempts first (then
   * the most attempts), at most {@code limit}.
   */
  public List<KeyAttempts> attemptsByProviderKey(Instant from, Instant to, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    List<KeyAttempts> all = attempts(from, to, null);
    return all.subList(0, Math.min(limit, all.size()));
  }

  /** The upstream attempts of provider key {@code id} in [from, to); all zero when it had none. */
  public KeyAttempts providerKeyAttempts(String id, Instant from, Instant to) {
    return attempts(from, to, id).stream().findFirst()
        .orElse(new KeyAttempts(id, null, 0, 0, 0, null, null, 0, List.of()));
  }

  private List<KeyAttempts> attempts(Instant from, Instant to, String keyId) {
    checkRange(from, to);
    String sql = "SELECT provider_key_id, provider_id, failure_class, SUM(attempts), SUM(latency_sum_ms), SUM(bytes) "
        + "FROM attempts_hourly WHERE hour_start >= ? AND hour_start < ?" + (keyId == null ? "" : " AND provider_key_id = ?")
        + " GROUP BY provider_key_id, provider_id, failure_class";
    return Jdbc.query(ds, "read attempt statistics", c -> {
      Map<List<String>, KeyAttemptSums> byKey = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int next = bindRange(ps, 1, from, to);
        if (keyId != null) {
          ps.setString(next, keyId);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            byKey.computeIfAbsent(List.of(rs.getString(1), rs.getString(2)), k -> new KeyAttemptSums())
                .add(id(rs.getString(3)), rs.getLong(4), rs.getLong(5), rs.getLong(6));
          }
        }
      }
      List<KeyAttempts> out = new ArrayList<>();
      byKey.forEach((key, sums) -> out.add(sums.toStats(id(key.get(0)), id(key.get(1)))));
      out.sort(Comparator.comparingLong(KeyAttempts::failed).thenComparingLong(KeyAttempts::attempts).reversed()
          .thenComparing(k -> k.providerKeyId() == null ? "" : k.providerKeyId()));
      return out;
    });
  }

  /** One key's attempt rows being added up. */
  private static final class KeyAttemptSums {
    long attempts;
    long failed;
    long latency;
    long bytes;
    final Map<String, Long> failures = new LinkedHashMap<>();

    void add(String failureClass, long n, long latencySum, long byteSum) {
      attempts += n;
      latency += latencySum;
      bytes += byteSum;
      if (failureClass != null) {
        failed += n;
        failures.merge(failureClass, n, Long::sum);
      }
    }

    KeyAttempts toStats(String keyId, String providerId) {
      List<KeyAttempts.FailureCount> classes = failures.entrySet().stream()
          .map(e -> new KeyAttempts.FailureCount(e.getKey(), e.getValue()))
          .sorted(Comparator.comparingLong(KeyAttempts.FailureCount::count).reversed()
              .thenComparing(KeyAttempts.FailureCount::failureClass))
          .toList();
      return new KeyAttempts(keyId, providerId, attempts, attempts - failed, failed,
          attempts == 0 ? null : (double) failed / attempts, attempts == 0 ? null : (double) latency / attempts,
          bytes, classes);
    }
  }

  /** Failed requests in [from, to) by error class, and by class and model. */
  public ErrorStats errors(Instant from, Instant to) {
    checkRange(from, to);
    String sql = "SELECT error_class, model_requested, SUM(count) FROM errors_hourly WHERE hour_start >= ? "
        + "AND hour_start < ? GROUP BY error_class, model_requested ORDER BY SUM(count) DESC, error_class, "
        + "model_requested";
    return Jdbc.query(ds, "read error statistics", c -> {
      List<ErrorStats.ClassModelCount> rows = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bindRange(ps, 1, from, to);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(new ErrorStats.ClassModelCount(id(rs.getString(1)), id(rs.getString(2)), rs.getLong(3)));
          }
        }
      }
      Map<String, Long> byClass = new LinkedHashMap<>();
      long total = 0;
      for (var r : rows) {
        byClass.merge(r.errorClass() == null ? "" : r.errorClass(), r.count(), Long::sum);
        total += r.count();
      }
      List<ErrorStats.ClassCount> classes = byClass.entrySet().stream()
          .map(e -> new ErrorStats.ClassCount(id(e.getKey()), e.getValue()))
          .sorted((a, b) -> Long.compare(b.count(), a.count())).toList();
      return new ErrorStats(total, classes, rows);
    });
  }

  private UsageStats total(Instant from, Instant to, Dimension d, String value) {
    checkRange(from, to);
    // A rollup column filters inside the source (indexed); an owner filters after the join.
    boolean joined = d != null && !d.join.isEmpty();
    var source = new RollupSource(tables(d), from, to, false, joined || d == null ? null : d.column, value);
    String sql = "SELECT " + UsageSums.SELECT + " FROM " + source.sql + (joined ? d.join + " WHERE " + d.column + " = ?" : "");
    return Jdbc.query(ds, "read usage statistics", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int next = source.bind(ps, 1);
        if (joined) {
          ps.setString(next, value);
        }
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return UsageSums.read(rs, 1).toStats();
        }
      }
    });
  }

  private List<GroupStats> grouped(Dimension d, Instant from, Instant to, Ranking rank, int limit) {
    checkRange(from, to);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    var source = new RollupSource(tables(d), from, to, false, null, null);
    String sql = "SELECT " + d.column + ", " + UsageSums.SELECT + " FROM " + source.sql + d.join + " GROUP BY " + d.column
        + " ORDER BY " + rank.orderBy + " DESC, " + d.column + " LIMIT ?";
    return Jdbc.query(ds, "read usage statistics by " + d.column, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setInt(source.bind(ps, 1), limit);
        List<GroupStats> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new GroupStats(id(rs.getString(1)), UsageSums.read(rs, 2).toStats()));
          }
        }
        return out;
      }
    });
  }

  /** {@code d = value} restricts the rows when {@code d} is not null (it must be a rollup column, not an owner). */
  private List<TimelinePoint> timeline(Instant from, Instant to, Bucket bucket, Dimension d, String value) {
    checkRange(from, to);
    Map<Instant, UsageSums> points = new LinkedHashMap<>();
    Instant first = bucket.truncate(from);
    for (Instant t = first; t.isBefore(to); t = bucket.next(t)) {
      if (points.size() == MAX_POINTS) {
        throw new IllegalArgumentException("the range has more than " + MAX_POINTS + " " + bucket.name()
            .toLowerCase() + " buckets; use a shorter range or a wider bucket");
      }
      points.put(t, new UsageSums());
    }
    // Days are the coarsest unit plain integer arithmetic can group by on both databases; weeks and
    // months (uneven in milliseconds) are folded from days here.
    var source = new RollupSource(tables(d), first, to, bucket == Bucket.HOUR, d == null ? null : d.column, value);
    String unit = bucket == Bucket.HOUR ? "period_start" : "(period_start - period_start % " + DAY_MS + ")";
    String sql = "SELECT " + unit + ", " + UsageSums.SELECT + " FROM " + source.sql + " GROUP BY " + unit;
    Jdbc.query(ds, "read usage timeline", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        source.bind(ps, 1);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Instant start = bucket.truncate(Instant.ofEpochMilli(rs.getLong(1)));
            UsageSums sums = points.get(start);
            if (sums != null) {
              sums.add(UsageSums.read(rs, 2));
            }
          }
        }
      }
      return null;
    });
    List<TimelinePoint> out = new ArrayList<>(points.size());
    points.forEach((start, sums) -> out.add(new TimelinePoint(start, sums.toStats())));
    return out;
  }

  /** The rollups a query grouped or filtered by {@code d} (null: neither) reads. */
  private RollupSource.Tables tables(Dimension d) {
    return !readByModel ? RollupSource.Tables.BY_KEY : d == null ? RollupSource.Tables.BY_MODEL : d.tables;
  }

  private static int bindRange(PreparedStatement ps, int first, Instant from, Instant to) throws SQLException {
    ps.setLong(first, Math.floorDiv(from.toEpochMilli(), HOUR_MS) * HOUR_MS);
    ps.setLong(first + 1, to.toEpochMilli());
    return first + 2;
  }

  private static void checkRange(Instant from, Instant to) {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
    }
  }

  /** Rollup keys store '' for "none"; callers see null. */
  private static String id(String key) {
    return key == null || key.isEmpty() ? null : key;
  }
}
