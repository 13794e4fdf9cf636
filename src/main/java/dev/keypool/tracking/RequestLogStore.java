package dev.keypool.tracking;

import dev.keypool.storage.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
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

  private final DataSource ds;
  private final boolean postgres;

  public RequestLogStore(DataSource ds, boolean postgres) {
    this.ds = ds;
    this.postgres = postgres;
  }

  /** One page of records matching {@code q}, newest first, without their attempts. */
  public Page<RequestRecord> search(RequestQuery q) {
    var where = new SearchFilter(q, postgres);
    String sql = "SELECT " + RecordColumns.RECORD + " FROM request_records" + where.sql()
        + " ORDER BY started_at DESC, id DESC LIMIT ?";
    return Jdbc.query(ds, "search request records", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int next = where.bind(ps, 1);
        ps.setInt(next, q.limit() + 1); // one extra row tells whether another page exists
        List<RequestRecord> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(RecordColumns.readRecord(rs, List.of()));
          }
        }
        if (rows.size() <= q.limit()) {
          return new Page<>(rows, null);
        }
        List<RequestRecord> page = rows.subList(0, q.limit());
        return new Page<>(page, RequestCursor.after(page.get(page.size() - 1)).encode());
      }
    });
  }

  /** The record with {@code id}, attempts included in order. */
  public Optional<RequestRecord> find(String id) {
    return Jdbc.query(ds, "find request record " + id, c -> {
      List<AttemptRecord> attempts = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + RecordColumns.ATTEMPT
          + " FROM request_attempts WHERE request_id = ? ORDER BY attempt_no")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            attempts.add(RecordColumns.readAttempt(rs));
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + RecordColumns.RECORD + " FROM request_records WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(RecordColumns.readRecord(rs, attempts)) : Optional.empty();
        }
      }
    });
  }

  /**
   * Deletes records that started before {@code cutoff}, with their attempts, {@value #DELETE_CHUNK}
   * at a time, each chunk its own short transaction; returns how many records went.
   */
  /**
   * Deletes hourly rollup rows (usage and errors) of hours that ended by {@code cutoff}; the daily
   * rollups are left alone. Returns how many rows went.
   */
  public int deleteHourlyRollupsOlderThan(Instant cutoff) {
    return Jdbc.inTransaction(ds, "delete hourly rollups before " + cutoff, c -> {
      int n = 0;
      for (String table : new String[] {"usage_hourly", "errors_hourly"}) {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE hour_start <= ?")) {
          ps.setLong(1, cutoff.toEpochMilli() - 3_600_000L);
          n += ps.executeUpdate();
        }
      }
      return n;
    });
  }

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
      List<String> ids = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id FROM request_records WHERE started_at < ? ORDER BY started_at LIMIT ?")) {
        ps.setLong(1, cutoffMillis);
        ps.setInt(2, DELETE_CHUNK);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
      }
      if (ids.isEmpty()) {
        return 0;
      }
      // By the ids just read, not the cutoff again: a late (replayed) record could otherwise lose its
      // parent between the two deletes.
      String in = " IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
      deleteByIds(c, "DELETE FROM request_attempts WHERE request_id" + in, ids);
      return deleteByIds(c, "DELETE FROM request_records WHERE id" + in, ids);
    });
  }

  private static int deleteByIds(Connection c, String sql, List<String> ids) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < ids.size(); i++) {
        ps.setString(i + 1, ids.get(i));
      }
      return ps.executeUpdate();
    }
  }
}
