package dev.keypool.testkit;

import dev.keypool.config.StorageConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;

/**
 * A database migrated only up to an older schema version, for tests that store data the way an
 * earlier Keypool did and then open it with {@link dev.keypool.storage.Database}, which migrates the
 * rest: a SQLite file in the test's temp dir, or a fresh PostgreSQL schema dropped on close.
 */
public final class OlderSchema implements AutoCloseable {
  public final StorageConfig cfg;
  private final String schema;

  private OlderSchema(StorageConfig cfg, String schema) {
    this.cfg = cfg;
    this.schema = schema;
  }

  public static OlderSchema at(String version, Dialect dialect, Path tempDir) {
    String schema = dialect == Dialect.POSTGRES ? TestPostgres.newSchema() : null;
    var cfg = schema == null
        ? new StorageConfig("jdbc:sqlite:" + tempDir.resolve("old.db"), null, null, null, 2)
        : new StorageConfig(TestPostgres.url(schema), TestPostgres.USER, TestPostgres.PASSWORD, null, 2);
    var flyway = Flyway.configure().dataSource(cfg.url(), cfg.user(), cfg.password()).target(version)
        .locations("classpath:db/migration/" + (schema == null ? "sqlite" : "postgresql"));
    if (schema != null) {
      flyway.schemas(schema).defaultSchema(schema);
    }
    flyway.load().migrate();
    return new OlderSchema(cfg, schema);
  }

  /** A plain connection to the database (not pooled), for writing the old rows. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(cfg.url(), cfg.user(), cfg.password());
  }

  public boolean postgres() {
    return schema != null;
  }

  @Override
  public void close() throws SQLException {
    if (schema != null) {
      TestPostgres.drop(schema);
    }
  }
}
