package dev.keypool.tracking;

import dev.keypool.storage.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * The request log as read by operators: filtered newest-first search with keyset paging, one record
 * with its attempts, and the retention delete. Every method blocks; the event loop calls them through
 * {@link dev.keypool.storage.Blocking}.
 *
 * <p>Keyset paging (rows strictly after the last shown {@code (started_at, id)}) rather than OFFSET: a
 * page costs the same however deep it is, and records arriving meanwhile neither shift nor repeat rows.
 */
public final class RequestLogStore {

  /** Rows removed per retention transaction, so the delete never holds locks for long. */
  static final int DELETE_CHUNK = 500;
  private static final long FIND_WINDOW_MILLIS = 5_000;
  private static final long HOUR_MILLIS = 3_600_000;
  /**
   * How long one call of a scanning search (text, see {@link #scans}) reads before it answers with what it
   * found: well inside the console's one-second budget, whatever the size of the log.
   */
  static final long SCAN_BUDGET_NANOS = 400_000_000L;

  private final DataSource ds;
  private final boolean postgres;
  private final LongSupplier nanoTime;

  public RequestLogStore(DataSource ds, boolean postgres) {
    this(ds, postgres, System::nanoTime);
  }

  /** @param nanoTime the time source of the scan budget ({@code System::nanoTime}; tests pass their own) */
  RequestLogStore(DataSource ds, boolean postgres, LongSupplier nanoTime) {
    this.ds = ds;
    this.postgres = postgres;
    this.nanoTime = nanoTime;
  }

  /** One page of records matching {@code q}, newest first, without their attempts. */
  public Page<RequestRecord> search(RequestQuery q) {
    return Jdbc.query(ds, "search request records", c -> {
      int wanted = q.limit() + 1; // one extra row tells whether another page exists
      if (!narrowsByHour(q) && scans(q)) {
        return searchBySlices(c, q, wanted);
      }
      return page(q, narrowsByHour(q) ? searchHourByHour(c, q, wanted) : select(c, q, null, null, wanted));
    });
  }

  /** The page of {@code rows} (at most one more than the limit: whether there is another page). */
  private static Page<RequestRecord> page(RequestQuery q, List<RequestRecord> rows) {
    if (rows.size() <= q.limit()) {
      return new Page<>(rows, null);
    }
    List<RequestRecord> page = rows.subList(0, q.limit());
    return new Page<>(page, RequestCursor.after(page.get(page.size() - 1)).encode());
  }

  /**
   * Whether the query can only be answered by reading the log along its start time and testing each
   * record: a text search (no index serves a substring), and on SQLite a user or org filter.
   */
  private boolean scans(RequestQuery q) {
    boolean text = q.text() != null && !q.text().isEmpty() && RequestIds.startMillis(q.text().trim()).isEmpty();
    return text || (!postgres && (q.userId() != null || q.orgId() != null));
  }

  /**
   * A scanning search read newest first in time slices (an hour, then twice as long each time) until the
   * page is full, the log or the query's range ends, or {@link #SCAN_BUDGET_NANOS} is spent. In the last
   * case it answers with what it found and a cursor at the slice boundary: a search for a text no record
   * has answers in under half a second (and says how far back it looked) instead of reading all of a
   * ten-million-record log (11 s) in one call.
   */
  private Page<RequestRecord> searchBySlices(Connection c, RequestQuery q, int wanted) throws SQLException {
    long deadline = nanoTime.getAsLong() + SCAN_BUDGET_NANOS;
    Long oldest = q.from() != null ? Long.valueOf(q.from().toEpochMilli()) : bound(c, "MIN");
    Long newest = newestBound(c, q);
    List<RequestRecord> rows = new ArrayList<>();
    if (oldest == null || newest == null) {
      return new Page<>(rows, null); // an empty log
    }
    long end = newest;
    for (long span = HOUR_MILLIS; end > oldest; span = Math.min(span * 2, Long.MAX_VALUE / 4)) {
      long start = Math.max(oldest, end - span);
      rows.addAll(select(c, q, start, end, wanted - rows.size()));
      if (rows.size() >= wanted) {
        return page(q, rows);
      }
      end = start;
      if (end > oldest && nanoTime.getAsLong() - deadline > 0) {
        return new Page<>(rows, RequestCursor.before(end).encode(), Instant.ofEpochMilli(end));
      }
    }
    return new Page<>(rows, null);
  }

  /** Just past the newest start time the query can match: its {@code to}, its cursor, or the newest record. */
  private static Long newestBound(Connection c, RequestQuery q) throws SQLException {
    long limit = Long.MAX_VALUE;
    if (q.to() != null) {
      limit = q.to().toEpochMilli();
    }
    if (q.cursor() != null) {
      limit = Math.min(limit, RequestCursor.decode(q.cursor()).startedAtMillis() + 1);
    }
    Long newest = bound(c, "MAX");
    return newest == null ? null : Math.min(limit, newest + 1);
  }

  /** MIN or MAX of the log's start times (one step along its index); null for an empty log. */
  private static Long bound(Connection c, String aggregate) throws SQLException {
    return single(c, "SELECT " + aggregate + "(started_at) FROM request_records");
  }

  /** The one number {@code sql} selects; null for SQL NULL. */
  private static Long single(Connection c, String sql) throws SQLException {
    return Jdbc.select(c, sql, rs -> {
      long v = rs.getLong(1);
      return rs.wasNull() ? null : v;
    }).get(0);
  }

  /**
   * SQLite keeps no index per model or key (see V8__request_log_layout.sql), but its hourly rollups
   * know in which hours a model or key had requests: a filter on one reads only those hours, so a
   * rarely used model is found at once instead of after reading the whole log.
   *
   * <p>A user or org filter is not narrowed so: the rollups keep no user or org, and the keys a user
   * owns now need not be the ones the user's requests were made with (a key changes owner, or is
   * deleted). Alone it reads the log newest first along its start-time key until a page is full, like a
   * text search; {@code from} and {@code to} bound how far that read goes.
   */
  private boolean narrowsByHour(RequestQuery q) {
    return !postgres && (q.model() != null || q.providerKeyId() != null || q.gatewayKeyId() != null);
  }

  private List<RequestRecord> searchHourByHour(Connection c, RequestQuery q, int wanted) throws SQLException {
    List<RequestRecord> rows = new ArrayList<>();
    for (long hour : hoursWith(c, q)) {
      rows.addAll(select(c, q, hour, hour + HOUR_MILLIS, wanted - rows.size()));
      if (rows.size() >= wanted) {
        return rows;
      }
    }
    // Hours whose rollups the hourly retention deleted may still have records: those are read as they are.
    Long oldestHour = single(c, "SELECT MIN(hour_start) FROM usage_hourly");
    rows.addAll(select(c, q, null, oldestHour, wanted - rows.size()));
    return rows;
  }

  /** Newest first, the hours in which the rollups saw requests of the query's model, keys and outcome. */
  private static List<Long> hoursWith(Connection c, RequestQuery q) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT DISTINCT hour_start FROM usage_hourly WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    condition(sql, args, "model_requested = ?", q.model());
    condition(sql, args, "provider_key_id = ?", q.providerKeyId());
    condition(sql, args, "gateway_key_id = ?", q.gatewayKeyId());
    condition(sql, args, "outcome = ?", q.outcome());
    condition(sql, args, "hour_start > ?", q.from() == null ? null : q.from().toEpochMilli() - HOUR_MILLIS);
    condition(sql, args, "hour_start < ?", q.to() == null ? null : q.to().toEpochMilli());
    condition(sql, args, "hour_start <= ?", q.cursor() == null ? null : RequestCursor.decode(q.cursor()).startedAtMillis());
    sql.append(" ORDER BY hour_start DESC");
    return Jdbc.select(c, sql.toString(), rs -> rs.getLong(1), args.toArray());
  }

  private static void condition(StringBuilder sql, List<Object> args, String condition, Object value) {
    if (value != null) {
      sql.append(" AND ").append(condition);
      args.add(value);
    }
  }

  /** At most {@code limit} records of {@code q} started in [{@code from}, {@code to}), newest first. */
  private List<RequestRecord> select(Connection c, RequestQuery q, Long from, Long to, int limit)
      throws SQLException {
    var where = new SearchFilter(q, postgres).startedWithin(from, to);
    try (PreparedStatement ps = c.prepareStatement("SELECT " + RecordColumns.RECORD + " FROM request_records"
        + where.sql() + " ORDER BY started_at DESC, id DESC LIMIT ?")) {
      ps.setInt(where.bind(ps, 1), limit);
      List<RequestRecord> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(RecordColumns.readRecord(rs, false));
        }
      }
      return rows;
    }
  }

  /**
   * The record with {@code id}, attempts included in order. An id that carries its start time is
   * looked up by it, which on SQLite (records keyed by start time, then id) is the only index there
   * is: at that very millisecond first, as the gateway makes ids; then a few seconds either way, for
   * records stored while the id and the start time were read from the clock one after the other. Ids
   * of other forms are searched for.
   */
  public Optional<RequestRecord> find(String id) {
    OptionalLong started = RequestIds.startMillis(id);
    return Jdbc.query(ds, "find request record " + id, c -> {
      if (started.isEmpty()) {
        return findWhere(c, "", id);
      }
      long t = started.getAsLong();
      Optional<RequestRecord> exact = findWhere(c, " AND started_at = ?", id, t);
      return exact.isPresent() ? exact : findWhere(c, " AND started_at BETWEEN ? AND ?", id,
          t - FIND_WINDOW_MILLIS, t + FIND_WINDOW_MILLIS);
    });
  }

  private static Optional<RequestRecord> findWhere(Connection c, String condition, Object... args)
      throws SQLException {
    List<RequestRecord> found = Jdbc.select(c, "SELECT " + RecordColumns.RECORD + " FROM request_records WHERE id = ?"
        + condition, rs -> RecordColumns.readRecord(rs, true), args);
    return found.stream().findFirst();
  }

  /**
   * Deletes hourly rollup rows (usage, usage by model, errors and attempts) of hours that ended by
   * {@code cutoff}; the daily rollups are left alone. Returns how many rows went.
   */
  public int deleteHourlyRollupsOlderThan(Instant cutoff) {
    return Jdbc.inTransaction(ds, "delete hourly rollups before " + cutoff, c -> {
      int n = 0;
      for (String table : new String[] {"usage_hourly", "usage_hourly_by_model", "errors_hourly",
          "attempts_hourly"}) {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE hour_start <= ?")) {
          ps.setLong(1, cutoff.toEpochMilli() - 3_600_000L);
          n += ps.executeUpdate();
        }
      }
      return n;
    });
  }

  /**
   * Deletes records that started before {@code cutoff}, {@value #DELETE_CHUNK} at a time, each chunk
   * its own short transaction; returns how many records went.
   */
  public int deleteOlderThan(Instant cutoff) {
    int total = 0;
    while (true) {
      int deleted = deleteChunk(cutoff.toEpochMilli());
      total += deleted;
      if (deleted < DELETE_CHUNK) {
        return total;
      }
    }
  }

  private int deleteChunk(long cutoffMillis) {
    return Jdbc.inTransaction(ds, "delete request records before " + Instant.ofEpochMilli(cutoffMillis), c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM request_records WHERE id IN (SELECT id FROM "
          + "request_records WHERE started_at < ? ORDER BY started_at LIMIT ?)")) {
        ps.setLong(1, cutoffMillis);
        ps.setInt(2, DELETE_CHUNK);
        return ps.executeUpdate();
      }
    });
  }
}
