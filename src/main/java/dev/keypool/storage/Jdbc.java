package dev.keypool.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Runs a unit of JDBC work in one transaction and turns {@link SQLException} into the unchecked
 * {@link StorageException} (or {@link ConflictException} for uniqueness violations).
 */
public final class Jdbc {

  /** Work on a connection (inside a transaction when run by {@link #inTransaction}). */
  @FunctionalInterface
  public interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  /** Reads one row of a result set (positioned on it) into a value. */
  @FunctionalInterface
  public interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private Jdbc() {}

  /** Every row that {@code sql} selects, with {@code args} bound in order. */
  public static <T> List<T> select(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(row.read(rs));
        }
        return out;
      }
    }
  }

  /** Runs an update with positional arguments; returns the number of rows changed. */
  public static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    }
  }

  /** Runs read-only {@code work} on a pooled connection in auto-commit mode. */
  public static <T> T query(DataSource ds, String what, Work<T> work) {
    try (Connection c = ds.getConnection()) {
      return work.apply(c);
    } catch (SQLException e) {
      throw new StorageException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} and commits, or rolls back on any exception; {@code what} names it in errors. */
  public static <T> T inTransaction(DataSource ds, String what, Work<T> work) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.apply(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(c, e);
        throw e;
      }
      // No need to restore auto-commit: Hikari resets it when the connection returns to the pool.
    } catch (SQLException e) {
      if (isUniqueViolation(e)) {
        throw new ConflictException("cannot " + what + ": a row with the same unique value exists (" + e.getMessage() + ")", e);
      }
      throw new StorageException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  private static void rollback(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e); // the original failure is the one worth reporting
    }
  }

  /** Binds an instant as epoch milliseconds, or SQL NULL. */
  public static void setInstant(PreparedStatement ps, int index, Instant t) throws SQLException {
    if (t == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, t.toEpochMilli());
    }
  }

  /** An epoch-milliseconds column as an instant, or null. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  static boolean isUniqueViolation(SQLException e) {
    if ("23505".equals(e.getSQLState())) {
      return true; // PostgreSQL unique_violation
    }
    return e instanceof SQLiteException s
        && (s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
            || s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY);
  }
}
