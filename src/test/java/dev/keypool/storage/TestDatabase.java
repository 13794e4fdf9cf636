package dev.keypool.storage;

import dev.keypool.config.StorageConfig;
import java.nio.file.Path;
import java.sql.SQLException;
import dev.keypool.testkit.TestPostgres;

/**
 * A freshly migrated database for one test: a SQLite file in the test's temp dir, or a PostgreSQL
 * schema with a random name that is dropped on close (see {@link TestPostgres}).
 */
final class TestDatabase implements AutoCloseable {

  static final String PG_URL = TestPostgres.URL;
  static final String PG_USER = TestPostgres.USER;
  static final String PG_PASSWORD = TestPostgres.PASSWORD;

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
    String schema = TestPostgres.newSchema();
    return new TestDatabase(new StorageConfig(TestPostgres.url(schema), PG_USER, PG_PASSWORD, null, 4), schema);
  }

  @Override
  public void close() throws SQLException {
    db.close();
    if (schema != null) {
      TestPostgres.drop(schema);
    }
  }
}
