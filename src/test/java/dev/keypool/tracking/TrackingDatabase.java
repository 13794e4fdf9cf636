package dev.keypool.tracking;

import dev.keypool.config.StorageConfig;
import dev.keypool.storage.Database;
import dev.keypool.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A freshly migrated database for one tracking test: a SQLite file in the test's temp dir, or a
 * PostgreSQL schema with a random name dropped on close (the storage tests' pattern, whose helper is
 * package-private there).
 */
final class TrackingDatabase implements AutoCloseable {

  final Dialect dialect;
  final Database db;
  private final String schema;

  private TrackingDatabase(Dialect dialect, StorageConfig cfg, String schema) {
    this.dialect = dialect;
    this.schema = schema;
    this.db = Database.open(cfg);
  }

  static TrackingDatabase open(Dialect dialect, Path tempDir) {
    if (dialect == Dialect.SQLITE) {
      String url = "jdbc:sqlite:" + tempDir.resolve("db/keypool.db");
      return new TrackingDatabase(dialect, new StorageConfig(url, null, null, null, 4), null);
    }
    String schema = TestPostgres.newSchema();
    var cfg = new StorageConfig(TestPostgres.url(schema), TestPostgres.USER, TestPostgres.PASSWORD, null, 4);
    return new TrackingDatabase(dialect, cfg, schema);
  }

  DataSource dataSource() {
    return db.dataSource();
  }

  boolean postgres() {
    return db.isPostgres();
  }

  long count(String sql) {
    try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new AssertionError(sql, e);
    }
  }

  /** Rows in request_records, and whether any id occurs twice. */
  long records() {
    return count("SELECT COUNT(*) FROM request_records");
  }

  long distinctRecords() {
    return count("SELECT COUNT(DISTINCT id) FROM request_records");
  }

  void execute(String sql) {
    try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new AssertionError(sql, e);
    }
  }

  @Override
  public void close() throws SQLException {
    db.close();
    if (schema != null) {
      TestPostgres.drop(schema);
    }
  }
}
