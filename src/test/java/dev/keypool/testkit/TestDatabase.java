package dev.keypool.testkit;

import dev.keypool.config.StorageConfig;
import dev.keypool.storage.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A freshly migrated database for one test: a SQLite file two directories below the test's temp dir
 * (so every test also checks that missing parents are created), or a PostgreSQL schema with a random
 * name that is dropped on close (see {@link TestPostgres}). Store tests run once per {@link Dialect}.
 */
public final class TestDatabase implements AutoCloseable {
  public final Dialect dialect;
  public final StorageConfig cfg;
  public final Database db;
  public final String schema;

  private TestDatabase(Dialect dialect, StorageConfig cfg, String schema) {
    this.dialect = dialect;
    this.cfg = cfg;
    this.schema = schema;
    this.db = Database.open(cfg);
  }

  public static TestDatabase open(Dialect dialect, Path tempDir) {
    if (dialect == Dialect.SQLITE) {
      String url = "jdbc:sqlite:" + tempDir.resolve("nested/data/keypool.db");
      return new TestDatabase(dialect, new StorageConfig(url, null, null, null, 4), null);
    }
    String schema = TestPostgres.newSchema();
    return new TestDatabase(dialect,
        new StorageConfig(TestPostgres.url(schema), TestPostgres.USER, TestPostgres.PASSWORD, null, 4), schema);
  }

  public DataSource dataSource() {
    return db.dataSource();
  }

  public boolean postgres() {
    return db.isPostgres();
  }

  /** The single number a {@code SELECT COUNT(...)}-style query returns. */
  public long count(String sql) {
    try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new AssertionError(sql, e);
    }
  }

  /** Rows in request_records. */
  public long records() {
    return count("SELECT COUNT(*) FROM request_records");
  }

  /** Distinct ids in request_records: equal to {@link #records()} unless a record was stored twice. */
  public long distinctRecords() {
    return count("SELECT COUNT(DISTINCT id) FROM request_records");
  }

  public void execute(String sql) {
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
