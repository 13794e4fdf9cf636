package dev.keypool.statistics;

import dev.keypool.tracking.LatencyBuckets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rollup rows that cover a time range, as a derived table {@code u} with a {@code period_start}
 * column: daily rows for the whole UTC days inside the range, and hourly rows for the hours before the
 * first and after the last whole day (or hourly rows only, for hourly timelines).
 *
 * <p>The range has hour precision: it covers every hour that starts at or after {@code from}
 * truncated to the hour and before {@code to}. A day is read from {@code usage_daily} only when all
 * its hours are in the range, so both tables give the same sums and the choice is only about speed.
 *
 * <p>The same holds between the two pairs of tables ({@link Tables}): the rows by model and provider
 * are the sums of the rows by key, so a query that needs no key column reads the smaller ones.
 */
final class RollupSource {

  private static final long HOUR_MS = 3_600_000L;
  private static final long DAY_MS = 86_400_000L;
  private static final String SUMS = "requests, successes, errors, client_aborts, input_tokens, output_tokens, "
      + "cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_nanos, charged_nanos, latency_sum_ms, "
      + "ttft_sum_ms, ttft_count, estimated_count, " + LatencyBuckets.COLUMNS;

  /** The hourly and daily rollup tables a source reads, and the key columns they have. */
  enum Tables {
    /** Keyed by model, provider, provider key, gateway key and outcome: for per-key and per-owner figures. */
    BY_KEY("usage_hourly", "usage_daily", "model_requested, provider_id, provider_key_id, gateway_key_id, outcome"),
    /** Keyed by model and provider only: a few dozen rows a day, for the page-wide figures. */
    BY_MODEL("usage_hourly_by_model", "usage_daily_by_model", "model_requested, provider_id");

    final String hourly;
    final String daily;
    final String columns;

    Tables(String hourly, String daily, String keys) {
      this.hourly = hourly;
      this.daily = daily;
      this.columns = keys + ", " + SUMS;
    }
  }

  /** The derived table, to follow {@code FROM}. */
  final String sql;
  private final List<Object> params = new ArrayList<>();

  private final Tables tables;

  /**
   * {@code column = value} restricts the rows when {@code column} is not null (it must be a key column
   * of {@code tables}).
   */
  RollupSource(Tables tables, Instant from, Instant to, boolean hourlyOnly, String column, String value) {
    this.tables = tables;
    long start = Math.floorDiv(from.toEpochMilli(), HOUR_MS) * HOUR_MS;
    long end = to.toEpochMilli();
    long firstDay = Math.floorDiv(start + DAY_MS - 1, DAY_MS) * DAY_MS;
    long lastDay = Math.floorDiv(end, DAY_MS) * DAY_MS;
    List<String> branches = new ArrayList<>();
    if (hourlyOnly || firstDay >= lastDay) {
      branches.add(branch(tables.hourly, "hour_start", start, end, column, value));
    } else {
      if (start < firstDay) {
        branches.add(branch(tables.hourly, "hour_start", start, firstDay, column, value));
      }
      branches.add(branch(tables.daily, "day_start", firstDay, lastDay, column, value));
      if (lastDay < end) {
        branches.add(branch(tables.hourly, "hour_start", lastDay, end, column, value));
      }
    }
    sql = "(" + String.join(" UNION ALL ", branches) + ") u";
  }

  private String branch(String table, String period, long from, long to, String column, String value) {
    params.add(from);
    params.add(to);
    if (column != null) {
      params.add(value);
    }
    return "SELECT " + period + " AS period_start, " + tables.columns + " FROM " + table + " WHERE " + period + " >= ? AND "
        + period + " < ?" + (column == null ? "" : " AND " + column + " = ?");
  }

  /** Binds the parameters of {@link #sql} from {@code first}; returns the next parameter index. */
  int bind(PreparedStatement ps, int first) throws SQLException {
    int i = first;
    for (Object p : params) {
      if (p instanceof Long l) {
        ps.setLong(i++, l);
      } else {
        ps.setString(i++, (String) p);
      }
    }
    return i;
  }
}
