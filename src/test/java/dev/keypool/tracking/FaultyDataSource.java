package dev.keypool.tracking;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A fault injector around the real test database: while {@link #down} is set, getConnection() fails
 * the way an unreachable database does; while {@link #hold()} is in force it waits (a database too slow
 * to answer) until {@link #release()}; otherwise every call reaches the real pool.
 */
final class FaultyDataSource implements DataSource {

  final AtomicBoolean down = new AtomicBoolean();
  /** Callers currently waiting in a held getConnection(). */
  final AtomicInteger held = new AtomicInteger();
  private volatile CountDownLatch gate;
  private final DataSource real;

  FaultyDataSource(DataSource real) {
    this.real = real;
  }

  @Override
  public Connection getConnection() throws SQLException {
    check();
    return real.getConnection();
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    check();
    return real.getConnection(user, password);
  }

  void hold() {
    gate = new CountDownLatch(1);
  }

  void release() {
    CountDownLatch g = gate;
    gate = null;
    if (g != null) {
      g.countDown();
    }
  }

  private void check() throws SQLException {
    CountDownLatch g = gate;
    if (g != null) {
      held.incrementAndGet();
      try {
        g.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        held.decrementAndGet();
      }
    }
    if (down.get()) {
      throw new SQLTransientConnectionException("injected: database unreachable", "08001");
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return real.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    real.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    real.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return real.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return real.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return real.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return real.isWrapperFor(iface);
  }
}
