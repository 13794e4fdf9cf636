package dev.keypool.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.testkit.Dialect;
import dev.keypool.testkit.ManualClock;
import dev.keypool.testkit.TestDatabase;
import dev.keypool.tracking.RequestLogStore;
import dev.keypool.tracking.RequestRecord;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rollups by model, written by the record writer beside the rollups by key, give the page-wide
 * figures exactly as the rollups by key do, over ranges of whole and partial days and hours.
 */
@ParameterizedClass
@EnumSource(Dialect.class)
class RollupPathsTest {

  static final int RECORDS = 600;

  @Parameter Dialect dialect;
  @TempDir Path tempDir;
  final ManualClock clock = new ManualClock(VariedTraffic.TO);
  TestDatabase t;
  StatisticsService byModel;
  StatisticsService byKey;

  @BeforeEach
  void writeTraffic() {
    t = TestDatabase.open(dialect, tempDir);
    List<RequestRecord> records = VariedTraffic.records(RECORDS, 42);
    StatsRecords.write(t, tempDir.resolve("journal"), clock, records);
    assertThat(t.records()).isEqualTo(RECORDS);
    byModel = new StatisticsService(t.dataSource(), clock, true);
    byKey = new StatisticsService(t.dataSource(), clock, false);
  }

  @AfterEach
  void close() throws SQLException {
    if (t != null) {
      t.close();
    }
  }

  @Test
  void the_rollups_by_model_hold_a_few_rows_per_period_with_every_request() {
    assertThat(t.count("SELECT SUM(requests) FROM usage_hourly_by_model")).isEqualTo(RECORDS);
    assertThat(t.count("SELECT SUM(requests) FROM usage_daily_by_model")).isEqualTo(RECORDS);
    assertThat(t.count("SELECT SUM(lat_15) FROM usage_daily_by_model"))
        .isEqualTo(t.count("SELECT SUM(lat_15) FROM usage_daily")).isPositive();
    // Five (model, provider) pairs plus the refused requests' ('', '') and routed-but-keyless (model, '').
    assertThat(t.count("SELECT COUNT(*) FROM (SELECT DISTINCT model_requested, provider_id FROM usage_daily_by_model) d"))
        .isEqualTo(t.count("SELECT COUNT(*) FROM (SELECT DISTINCT model_requested, provider_id FROM usage_daily) d"));
    assertThat(t.count("SELECT COUNT(*) FROM usage_daily_by_model"))
        .isLessThan(t.count("SELECT COUNT(*) FROM usage_daily") / 2);
  }

  @Test
  void whole_days_and_the_whole_range_answer_alike() {
    SameAnswers.assertSame(byModel, byKey, VariedTraffic.FROM, VariedTraffic.TO);
    SameAnswers.assertSame(byModel, byKey, VariedTraffic.FROM.plus(Duration.ofDays(3)),
        VariedTraffic.FROM.plus(Duration.ofDays(10)));
  }

  @Test
  void partial_days_at_both_ends_answer_alike() {
    Instant from = VariedTraffic.FROM.plus(Duration.ofDays(5)).plus(Duration.ofMinutes(7 * 60 + 30));
    SameAnswers.assertSame(byModel, byKey, from, from.plus(Duration.ofDays(9)).plus(Duration.ofMinutes(611)));
    SameAnswers.assertSame(byModel, byKey, from, from.plus(Duration.ofHours(20)));
  }

  @Test
  void the_last_day_by_the_hour_answers_alike() {
    SameAnswers.assertSame(byModel, byKey, VariedTraffic.TO.minus(Duration.ofHours(24)), VariedTraffic.TO);
    SameAnswers.assertSame(byModel, byKey, VariedTraffic.TO.minus(Duration.ofMinutes(7 * 24 * 60 + 17)),
        VariedTraffic.TO.minus(Duration.ofMinutes(5)));
  }

  @Test
  void hours_that_the_retention_deleted_are_missing_alike() {
    new RequestLogStore(t.dataSource(), t.postgres()).deleteHourlyRollupsOlderThan(
        VariedTraffic.FROM.plus(Duration.ofDays(2)));
    assertThat(t.count("SELECT COUNT(*) FROM usage_hourly_by_model WHERE hour_start < "
        + VariedTraffic.FROM.plus(Duration.ofDays(2)).toEpochMilli())).isZero();
    // From 06:00 of the second day: its hours are gone from both, the days after are read whole.
    Instant from = VariedTraffic.FROM.plus(Duration.ofHours(30));
    SameAnswers.assertSame(byModel, byKey, from, from.plus(Duration.ofDays(3)));
  }
}
