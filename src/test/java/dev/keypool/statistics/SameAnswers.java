package dev.keypool.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

/**
 * Asserts that two statistics services over the same database answer every page-wide question alike:
 * one reading the rollups by model, the other the rollups by key ({@link StatisticsService}).
 */
final class SameAnswers {

  private SameAnswers() {}

  /** Every page-wide figure of [from, to); the range must hold requests, so that equal is not just empty. */
  static void assertSame(StatisticsService byModel, StatisticsService byKey, Instant from, Instant to) {
    String range = "[" + from + ", " + to + ")";
    UsageStats overview = byModel.overview(from, to);
    assertThat(overview.requests()).as("requests in %s", range).isPositive();
    assertThat(overview).as("overview of %s", range).isEqualTo(byKey.overview(from, to));
    for (Bucket bucket : Bucket.values()) {
      if (bucket != Bucket.HOUR || Duration.between(from, to).toHours() < StatisticsService.MAX_POINTS) {
        assertThat(byModel.timeline(from, to, bucket)).as("%s timeline of %s", bucket, range)
            .isEqualTo(byKey.timeline(from, to, bucket));
      }
    }
    for (Ranking rank : Ranking.values()) {
      for (int limit : new int[] {1, 3, 100}) {
        assertThat(byModel.byModel(from, to, rank, limit)).as("models by %s, %d, of %s", rank, limit, range)
            .isEqualTo(byKey.byModel(from, to, rank, limit));
        assertThat(byModel.byProvider(from, to, rank, limit)).as("providers by %s, %d, of %s", rank, limit, range)
            .isEqualTo(byKey.byProvider(from, to, rank, limit));
      }
    }
  }
}
