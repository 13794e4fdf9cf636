package dev.keypool.testkit;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;

/**
 * The real PostgreSQL that tests run against, one fresh schema per test so runs never see each
 * other's rows. Defaults to {@code jdbc:postgresql://127.0.0.1:5432/test} as {@code postgres}
 * (override with KEYPOOL_TEST_PG_URL / _USER / _PASSWORD). When it is unreachable the test fails,
 * since a silently skipped database is an untested one; KEYPOOL_SKIP_POSTGRES=1 skips instead, loudly.
 */
public final class TestPostgres {
  public static final String URL = env("KEYPOOL_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String USER = env("KEYPOOL_TEST_PG_USER", "postgres");
  public static final String PASSWORD = env("KEYPOOL_TEST_PG_PASSWORD", null);
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestPostgres() {}

  /** A new schema name, after checking the server answers (or aborting the test as described above). */
  public static String newSchema() {
    require();
    return "kp_test_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
  }

  /** The JDBC URL whose connections work inside {@code schema} (Flyway creates it). */
  public static String url(String schema) {
    return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  public static void drop(String schema) throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private static void require() {
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD)) {
      c.isValid(5);
    } catch (SQLException e) {
      String msg = "PostgreSQL test database unreachable at " + URL + " as user " + USER + ": " + e.getMessage();
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
