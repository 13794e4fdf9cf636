package dev.keypool.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.keypool.config.StorageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open, migrated database: a HikariCP pool over SQLite or PostgreSQL whose schema Flyway has
 * brought to the latest version. Opening it is the one place that knows about dialects; the stores
 * above it run the same SQL on both.
 *
 * <p>SQLite gets one pooled connection. SQLite admits a single writer at a time, and one connection
 * avoids the SQLITE_BUSY failures that several connections upgrading read transactions to write ones
 * can hit even with a busy timeout; Keypool's queries take microseconds, so serializing them costs
 * little. WAL mode lets the file be read by backup tools while Keypool writes.
 *
 * <p>Migrations run before the pool opens, over their own short-lived connection, so Flyway never
 * competes with the pool for SQLite's single connection.
 */
public final class Database implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Database.class);
  private static final int SQLITE_BUSY_TIMEOUT_MS = 5_000;
  /** SQLITE_OPEN_READWRITE (0x2) | SQLITE_OPEN_CREATE (0x4) | SQLITE_OPEN_NOMUTEX (0x8000). */
  private static final int SQLITE_OPEN_READWRITE_CREATE_NOMUTEX = 0x2 | 0x4 | 0x8000;

  /**
   * How long a caller waits for a connection from a pool that cannot give one. HikariCP's 30 s default
   * held every admin call and readiness probe that long during a PostgreSQL outage. SQLite shares one
   * connection between the record writer and the admin API, so a caller may wait for a batch: its busy
   * timeout is long enough.
   */
  static final int POSTGRES_CONNECTION_TIMEOUT_MS = 2_000;
  /** How long checking a pooled connection may take before it counts as broken (HikariCP's default: 5 s). */
  static final int VALIDATION_TIMEOUT_MS = 1_000;

  private final HikariDataSource pool;
  private final FailFastDataSource gated;
  private final boolean postgres;

  private Database(HikariDataSource pool, boolean postgres) {
    this.pool = pool;
    this.gated = new FailFastDataSource(pool, VALIDATION_TIMEOUT_MS / 1000);
    this.postgres = postgres;
  }

  /** Opens the pool and applies pending migrations; fails with a message naming the (redacted) URL. */
  public static Database open(StorageConfig cfg) {
    if (!cfg.isSqlite() && !cfg.isPostgres()) {
      throw new IllegalArgumentException(
          "storage.url must start with jdbc:sqlite: or jdbc:postgresql:, got " + redact(cfg.url()));
    }
    if (cfg.isSqlite()) {
      createParentDirectory(cfg.url());
    }
    migrate(cfg);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(poolConfig(cfg));
    } catch (RuntimeException e) {
      throw new StorageException("cannot connect to database " + redact(cfg.url()) + ": " + e.getMessage(), e);
    }
    log.info("Database ready: {}", redact(cfg.url()));
    return new Database(pool, cfg.isPostgres());
  }

  /** The pool, refusing connections at once while the database is known to be down ({@link FailFastDataSource}). */
  public DataSource dataSource() {
    return gated;
  }

  public boolean isPostgres() {
    return postgres;
  }

  /** Whether a pooled connection is usable right now. Blocks for up to the pool's connection timeout. */
  public boolean ping() {
    return gated.probe().join();
  }

  /**
   * Whether the database answers, for {@code /health/ready}, without blocking: false at once while it is
   * known to be down (a probe looks again meanwhile), else the outcome of a probe, which the caller
   * should bound by a deadline of its own.
   */
  public CompletableFuture<Boolean> ready() {
    CompletableFuture<Boolean> probe = gated.probe();
    return gated.down() ? CompletableFuture.completedFuture(false) : probe;
  }

  /** Whether the database is known to be down right now, from memory: never waits, never probes. */
  public boolean knownDown() {
    return gated.down();
  }

  @Override
  public void close() {
    gated.close();
    pool.close();
  }

  private static void migrate(StorageConfig cfg) {
    var flyway = Flyway.configure()
        .dataSource(cfg.url(), cfg.user(), cfg.password())
        .locations("classpath:db/migration/" + (cfg.isPostgres() ? "postgresql" : "sqlite"));
    if (cfg.isPostgres()) {
      PostgresUrl.currentSchema(cfg.url()).ifPresent(schema -> flyway.schemas(schema).defaultSchema(schema));
    }
    try {
      var result = flyway.load().migrate();
      if (result.migrationsExecuted > 0) {
        log.info("Applied {} migration(s); schema now at version {}", result.migrationsExecuted, result.targetSchemaVersion);
      }
    } catch (FlywayException e) {
      throw new StorageException("cannot migrate database " + redact(cfg.url()) + ": " + e.getMessage(), e);
    }
  }

  private static HikariConfig poolConfig(StorageConfig cfg) {
    var hc = new HikariConfig();
    hc.setPoolName("keypool-db");
    hc.setJdbcUrl(cfg.url());
    hc.setUsername(cfg.user());
    hc.setPassword(cfg.password());
    if (cfg.isSqlite()) {
      hc.setMaximumPoolSize(1);
      // Pragma names understood by the xerial driver as connection properties, applied on every open.
      hc.addDataSourceProperty("journal_mode", "WAL");
      // With WAL, NORMAL syncs at checkpoints instead of at every commit: the file stays consistent
      // after a crash, and only a power loss can take back the last commits. SQLite recommends it for
      // WAL; it lets the record writer commit many more batches per second.
      hc.addDataSourceProperty("synchronous", "NORMAL");
      hc.addDataSourceProperty("busy_timeout", String.valueOf(SQLITE_BUSY_TIMEOUT_MS));
      hc.addDataSourceProperty("foreign_keys", "true");
      // READWRITE | CREATE | NOMUTEX: the driver already synchronizes every native call on its
      // connection object, so SQLite's own per-call connection mutex only adds a lock and unlock to
      // each bind and step (a few percent of the record writer's CPU).
      hc.addDataSourceProperty("open_mode", String.valueOf(SQLITE_OPEN_READWRITE_CREATE_NOMUTEX));
      hc.setConnectionTimeout(SQLITE_BUSY_TIMEOUT_MS);
    } else {
      hc.setMaximumPoolSize(Math.max(1, cfg.poolSize()));
      hc.setConnectionTimeout(POSTGRES_CONNECTION_TIMEOUT_MS);
    }
    hc.setValidationTimeout(VALIDATION_TIMEOUT_MS);
    return hc;
  }

  private static void createParentDirectory(String url) {
    SqliteUrl.file(url).map(Path::toAbsolutePath).map(Path::getParent).ifPresent(dir -> {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new StorageException("cannot create database directory " + dir + ": " + e.getMessage(), e);
      }
    });
  }

  /** The URL with any {@code password=} parameter masked, fit for logs and error messages. */
  static String redact(String url) {
    return url == null ? "null" : url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
