package dev.keypool.storage;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool as the gateway uses it: once the database is known to be down, connections are
 * refused at once instead of each caller waiting out the pool's connection timeout (an admin call
 * then answers 503 in milliseconds, and no worker thread is held). Meanwhile one probe at a time, on a
 * thread of its own, asks the pool for a connection; the first that works opens the gate again.
 *
 * <p>"Down" means the pool could not open a connection: a timeout carrying the failure of the last
 * attempt, or a connection-class error (SQL state 08, 28 or 57P). A pool that is merely busy times out
 * with no such cause and closes nothing. Callers that must not lose data (the record writer) see the
 * refusal as any other failure and journal.
 */
public final class FailFastDataSource implements DataSource {
  private static final Logger log = LoggerFactory.getLogger(FailFastDataSource.class);
  /** SQL state of the refusal: "unable to establish connection". */
  static final String REFUSED_STATE = "08001";

  private final HikariDataSource pool;
  private final int validationSeconds;
  private final ExecutorService prober = Executors.newSingleThreadExecutor(
      Thread.ofPlatform().daemon().name("keypool-db-probe").factory());
  private final AtomicReference<CompletableFuture<Boolean>> probe = new AtomicReference<>();
  private volatile boolean down;

  FailFastDataSource(HikariDataSource pool, int validationSeconds) {
    this.pool = pool;
    this.validationSeconds = validationSeconds;
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (down) {
      probe();
      throw new SQLTransientConnectionException("database unavailable; connections are refused until it answers again",
          REFUSED_STATE);
    }
    try {
      return pool.getConnection();
    } catch (SQLException e) {
      if (isOutage(e)) {
        markDown(e);
      }
      throw e;
    }
  }

  /** Whether the database is known to be down, so that connections are refused at once. */
  public boolean down() {
    return down;
  }

  /**
   * Starts a probe unless one is running, and returns it: it completes with whether a pooled connection
   * is usable, after at most the pool's connection timeout. Never blocks the caller.
   */
  public CompletableFuture<Boolean> probe() {
    CompletableFuture<Boolean> current = probe.get();
    if (current != null && !current.isDone()) {
      return current;
    }
    CompletableFuture<Boolean> next = new CompletableFuture<>();
    if (!probe.compareAndSet(current, next)) {
      return probe.get();
    }
    try {
      prober.execute(() -> next.complete(check()));
    } catch (RejectedExecutionException e) {
      next.complete(false); // closing
    }
    return next;
  }

  void close() {
    prober.shutdownNow();
  }

  private boolean check() {
    try (Connection c = pool.getConnection()) {
      if (c.isValid(validationSeconds)) {
        markUp();
        return true;
      }
      markDown(null);
    } catch (SQLException | RuntimeException e) {
      markDown(e);
    }
    return false;
  }

  private void markDown(Exception cause) {
    if (!down) {
      down = true;
      log.warn("Database unavailable ({}); refusing connections until a probe reaches it",
          cause == null ? "connection not valid" : cause.getMessage());
    }
  }

  private void markUp() {
    if (down) {
      down = false;
      log.info("Database reachable again");
    }
  }

  /** Whether {@code e} says the database cannot be reached (rather than that the pool is busy or a query is wrong). */
  static boolean isOutage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null
          && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("28") || s.getSQLState().startsWith("57P"))) {
        return true;
      }
    }
    return e instanceof SQLTransientConnectionException && e.getCause() != null;
  }

  /**
   * Whether {@code failure} (or a cause of it) means the database could not serve the call: unreachable,
   * or no connection free within the pool's timeout. Callers answer "try again later" to it.
   */
  public static boolean isUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException || (t instanceof SQLException && isOutage(t))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the pool's credentials are fixed");
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return pool.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    pool.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    pool.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return pool.getLoginTimeout();
  }

  @Override
  public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return pool.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || pool.isWrapperFor(type);
  }
}
