package dev.keypool.storage;

import dev.keypool.config.StorageConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;

/**
 * A freshly migrated database for one test: a SQLite file in the test's temp dir, or a PostgreSQL
 * schema with a random name that is dropped on close, so runs never see each other's rows.
 *
 * <p>PostgreSQL defaults to {@code jdbc:postgresql://127.0.0.1:5432/test} as {@code postgres}
 * (override with KEYPOOL_TEST_PG_URL / _USER / _PASSWORD). If it is unreachable the test fails, since
 * a silently skipped database is an untested one; KEYPOOL_SKIP_POSTGRES=1 skips instead, loudly.
 */
final class TestDatabase implements AutoCloseable {

  static final String PG_URL = env("KEYPOOL_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String PG_USER = env("KEYPOOL_TEST_PG_USER", "postgres");
  static final String PG_PASSWORD = env("KEYPOOL_TEST_PG_PASSWORD", null);
  private static final SecureRandom RANDOM = new SecureRandom();

  final StorageConfig cfg;
  final Database db;
  final String schema;

  private TestDatabase(StorageConfig cfg, String schema) {
    this.cfg = cfg;
    this.schema = schema;
    this.db = Database.open(cfg);
  }

  static TestDatabase open(Dialect dialect, Path tempDir) {
    return dialect == Dialect.SQLITE ? sqlite(tempDir) : postgres();
  }

  /** A SQLite file two directories down, so every test also checks that missing parents are created. */
  static TestDatabase sqlite(Path tempDir) {
    String url = "jdbc:sqlite:" + tempDir.resolve("nested/data/keypool.db");
    return new TestDatabase(new StorageConfig(url, null, null, null, 4), null);
  }

  static TestDatabase postgres() {
    requirePostgres();
    String schema = "kp_test_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
    String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    return new TestDatabase(new StorageConfig(url, PG_USER, PG_PASSWORD, null, 4), schema);
  }

  @Override
  public void close() throws SQLException {
    db.close();
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
          Statement st = c.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private static void requirePostgres() {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
      c.isValid(5);
    } catch (SQLException e) {
      String msg = "PostgreSQL test database unreachable at " + PG_URL + " as user " + PG_USER + ": " + e.getMessage();
      if ("1".equals(System.getenv("KEYPOOL_SKIP_POSTGRES"))) {
        System.err.println("WARNING ********** SKIPPING POSTGRESQL TESTS (KEYPOOL_SKIP_POSTGRES=1): " + msg);
        Assumptions.abort("KEYPOOL_SKIP_POSTGRES=1: " + msg);
      }
      throw new AssertionError(msg + "\n  Start PostgreSQL, point KEYPOOL_TEST_PG_URL at one, "
          + "or set KEYPOOL_SKIP_POSTGRES=1 to skip these tests.", e);
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
