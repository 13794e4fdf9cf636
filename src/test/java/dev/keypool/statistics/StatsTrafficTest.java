package dev.keypool.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.testkit.Dialect;
import dev.keypool.testkit.ManualClock;
import dev.keypool.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * A fresh database of the test's {@link Dialect} holding the traffic of {@link StatsRecords}, with a
 * {@link StatisticsService} over it; subclasses are {@code @ParameterizedClass} over every dialect.
 */
abstract class StatsTrafficTest {

  @Parameter Dialect dialect;
  @TempDir Path tempDir;
  final ManualClock clock = new ManualClock(Instant.parse("2025-04-01T12:00:00Z"));
  TestDatabase t;
  StatisticsService stats;

  @BeforeEach
  void writeTraffic() {
    t = TestDatabase.open(dialect, tempDir);
    StatsRecords.write(t, tempDir.resolve("journal"), clock);
    assertThat(t.records()).isEqualTo(6);
    stats = new StatisticsService(t.dataSource(), t.postgres(), clock);
  }

  @AfterEach
  void close() throws SQLException {
    if (t != null) {
      t.close();
    }
  }
}
