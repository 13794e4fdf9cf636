package dev.keypool.storage;

import dev.keypool.testkit.Dialect;

import dev.keypool.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Dialect.class)
class DatabaseTest {

  @Parameter Dialect dialect;
  @TempDir Path tempDir;
  TestDatabase t;

  @BeforeEach
  void open() {
    t = TestDatabase.open(dialect, tempDir);
  }

  @AfterEach
  void close() throws SQLException {
    if (t != null) {
      t.close();
    }
  }

  @Test
  void migrations_apply_and_create_the_key_tables() throws SQLException {
    assertThat(query("SELECT COUNT(*) FROM flyway_schema_history WHERE version = '1' AND success = " + trueLiteral()))
        .isEqualTo("1");
    assertThat(query("SELECT COUNT(*) FROM provider_keys")).isEqualTo("0");
    assertThat(query("SELECT COUNT(*) FROM gateway_keys")).isEqualTo("0");
  }

  @Test
  void reopening_a_migrated_database_is_a_no_op() throws SQLException {
    String before = query("SELECT COUNT(*) FROM flyway_schema_history");
    try (Database again = Database.open(t.cfg)) {
      assertThat(again.ping()).isTrue();
    }
    assertThat(query("SELECT COUNT(*) FROM flyway_schema_history")).isEqualTo(before);
  }

  @Test
  void ping_is_true_on_an_open_database() {
    assertThat(t.db.ping()).isTrue();
    assertThat(t.db.isPostgres()).isEqualTo(dialect == Dialect.POSTGRES);
  }

  @Test
  void each_dialect_gets_its_own_setup() throws SQLException {
    if (dialect == Dialect.SQLITE) {
      assertThat(Files.isRegularFile(tempDir.resolve("nested/data/keypool.db"))).as("parent dirs created").isTrue();
      assertThat(query("PRAGMA journal_mode")).isEqualToIgnoringCase("wal");
      assertThat(query("PRAGMA foreign_keys")).isEqualTo("1");
      assertThat(query("PRAGMA busy_timeout")).isEqualTo("5000");
    } else {
      assertThat(query("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + t.schema
          + "' AND table_name IN ('provider_keys', 'gateway_keys', 'flyway_schema_history')"))
          .as("migrated inside the URL's currentSchema").isEqualTo("3");
    }
  }

  private String trueLiteral() {
    return dialect == Dialect.POSTGRES ? "TRUE" : "1";
  }

  private String query(String sql) throws SQLException {
    try (Connection c = t.db.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      assertThat(rs.next()).as("a row from %s", sql).isTrue();
      return rs.getString(1);
    }
  }
}
