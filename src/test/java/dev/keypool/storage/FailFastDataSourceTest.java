package dev.keypool.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Once the pool cannot reach its database, connections are refused at once; a merely busy pool is no outage. */
class FailFastDataSourceTest {

  @Test
  void after_one_failed_connection_the_next_callers_are_refused_without_waiting() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort(); // nothing listens there once closed
    }
    var hc = new HikariConfig();
    hc.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + closedPort + "/none");
    hc.setInitializationFailTimeout(-1);
    hc.setConnectionTimeout(500);
    hc.setValidationTimeout(250);
    try (var pool = new HikariDataSource(hc)) {
      var gated = new FailFastDataSource(pool, 1);
      assertThatThrownBy(gated::getConnection).isInstanceOf(SQLException.class);
      assertThat(gated.down()).isTrue();

      long t0 = System.nanoTime();
      assertThatThrownBy(gated::getConnection).isInstanceOf(SQLTransientConnectionException.class)
          .satisfies(e -> assertThat(FailFastDataSource.isUnavailable(e)).isTrue());
      assertThat((System.nanoTime() - t0) / 1_000_000).as("ms to refuse").isLessThan(100);
      assertThat(gated.probe().get()).isFalse();
      gated.close();
    }
  }

  @Test
  void a_pool_timeout_without_a_connection_failure_is_busy_not_down() {
    var busy = new SQLTransientConnectionException("keypool-db - Connection is not available, request timed out after 2000ms");
    assertThat(FailFastDataSource.isOutage(busy)).isFalse();
    assertThat(FailFastDataSource.isUnavailable(new StorageException("listing failed", busy))).isTrue();
    assertThat(FailFastDataSource.isOutage(new SQLException("connection refused", "08001"))).isTrue();
    assertThat(FailFastDataSource.isUnavailable(new SQLException("duplicate key", "23505"))).isFalse();
  }
}
