package dev.keypool.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.sqlite.SQLiteException;

/**
 * The writer's database side: inserts a batch of records (attempts included, see {@link AttemptsJson})
 * in one transaction (on SQLite a JDBC batch of single-row inserts, on PostgreSQL one statement with an
 * array per column), and adds the records it stored to the hourly statistics rollups
 * ({@link UsageRollup}) in that same transaction, so the rollups never count a record the log lacks,
 * or twice.
 *
 * <p>Inserts are idempotent ({@code ON CONFLICT DO NOTHING}, which SQLite and PostgreSQL both accept):
 * a record whose id is already stored is skipped, and not rolled up again. That is what makes
 * replaying a journal file safe after a crash between the commit and the file's deletion.
 *
 * <p>A batch can also fail because of one record's own data (a constraint it breaks). Retrying such a
 * batch would fail forever and hold back every record journaled after it, so
 * {@link #insertSplitting} then stores the records one by one and hands back only the refused ones.
 */
final class RecordInserter {

  private final DataSource ds;
  private final boolean postgres;
  private final RecordColumns columns;

  RecordInserter(DataSource ds, boolean postgres) {
    this.ds = ds;
    this.postgres = postgres;
    this.columns = new RecordColumns(postgres);
  }

  /** Stores {@code batch} in one transaction; returns how many records were new (not already stored). */
  int insert(List<RequestRecord> batch) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        boolean[] stored = postgres ? insertColumns(c, batch) : insertRows(c, batch);
        int inserted = rollUp(c, batch, stored);
        c.commit();
        return inserted;
      } catch (SQLException | RuntimeException e) {
        rollback(c, e);
        throw e;
      }
    }
  }

  /** SQLite: one execution per record in a JDBC batch; which ones were stored, by their update counts. */
  private boolean[] insertRows(Connection c, List<RequestRecord> batch) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(RecordColumns.INSERT_ROW)) {
      for (RequestRecord r : batch) {
        columns.bindRecord(ps, r);
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      boolean[] stored = new boolean[counts.length];
      for (int i = 0; i < counts.length; i++) {
        // A driver may answer "done, count unknown"; only a skipped conflict reports 0.
        stored[i] = counts[i] > 0 || counts[i] == Statement.SUCCESS_NO_INFO;
      }
      return stored;
    }
  }

  /** PostgreSQL: the whole batch in one statement; which records were stored, by the ids it returns. */
  private boolean[] insertColumns(Connection c, List<RequestRecord> batch) throws SQLException {
    Set<String> fresh = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(RecordColumns.INSERT_COLUMNS)) {
      columns.bindColumns(c, ps, batch);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          fresh.add(rs.getString(1));
        }
      }
    }
    boolean[] stored = new boolean[batch.size()];
    for (int i = 0; i < stored.length; i++) {
      // remove: an id twice in one batch is stored once, so it must be rolled up once. Ids are
      // compared as stored (see RecordColumns: no U+0000 on PostgreSQL).
      stored[i] = fresh.remove(batch.get(i).id().replace('\u0000', '\uFFFD'));
    }
    return stored;
  }

  /**
   * Like {@link #insert}, but when the batch fails because of a record's data, inserts each record
   * alone and passes every one the database refuses to {@code refused}. Any other failure (the
   * database unreachable, a timeout) is thrown, and the caller keeps the whole batch.
   */
  int insertSplitting(List<RequestRecord> batch, BiConsumer<RequestRecord, SQLException> refused)
      throws SQLException {
    try {
      return insert(batch);
    } catch (SQLException e) {
      if (!isRecordFault(e)) {
        throw e;
      }
    }
    int inserted = 0;
    for (RequestRecord r : batch) {
      try {
        inserted += insert(List.of(r));
      } catch (SQLException e) {
        if (!isRecordFault(e)) {
          throw e;
        }
        refused.accept(r, e);
      }
    }
    return inserted;
  }

  /** Whether {@code e} blames the row (data or integrity violation) rather than the database. */
  static boolean isRecordFault(SQLException e) {
    // PostgreSQL chains a batch's real error as the "next exception"; other drivers as the cause.
    for (SQLException next = e; next != null; next = next.getNextException()) {
      for (Throwable t = next; t != null; t = t.getCause()) {
        if (blamesRow(t)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean blamesRow(Throwable t) {
    if (t instanceof SQLiteException s) {
      String code = s.getResultCode().name();
      return code.startsWith("SQLITE_CONSTRAINT") || code.equals("SQLITE_TOOBIG") || code.equals("SQLITE_MISMATCH");
    }
    // SQL standard classes: 22 data exception, 23 integrity constraint violation.
    return t instanceof SQLException sql && sql.getSQLState() != null
        && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"));
  }

  /** Adds the records stored just now to the hourly rollups on {@code c}; returns how many there were. */
  private static int rollUp(Connection c, List<RequestRecord> batch, boolean[] stored) throws SQLException {
    var rollup = new UsageRollup();
    int n = 0;
    for (int i = 0; i < stored.length; i++) {
      if (stored[i]) {
        rollup.add(batch.get(i));
        n++;
      }
    }
    rollup.upsert(c);
    return n;
  }

  private static void rollback(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e); // the original failure is the one worth reporting
    }
  }
}
