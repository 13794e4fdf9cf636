package dev.keypool.alert;

/** A data source that refuses connections while {@code down}, as a database that went away. */
final class FlakyDataSource implements javax.sql.DataSource {
  final javax.sql.DataSource real;
  volatile boolean down;

  FlakyDataSource(javax.sql.DataSource real) {
    this.real = real;
  }

  @Override
  public java.sql.Connection getConnection() throws java.sql.SQLException {
    if (down) {
      throw new java.sql.SQLTransientConnectionException("database down");
    }
    return real.getConnection();
  }

  @Override
  public java.sql.Connection getConnection(String u, String p) throws java.sql.SQLException {
    return getConnection();
  }

  @Override
  public java.io.PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(java.io.PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public java.util.logging.Logger getParentLogger() {
    return java.util.logging.Logger.getGlobal();
  }

  @Override
  public <T> T unwrap(Class<T> iface) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
