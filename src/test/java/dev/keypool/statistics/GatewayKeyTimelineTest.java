package dev.keypool.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypool.testkit.Dialect;
import dev.keypool.tracking.RequestRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One gateway key's timeline over the two keys of {@link StatsRecords} (written through the real
 * record writer): every point holds exactly the sums of that key's records in its bucket.
 */
@ParameterizedClass
@EnumSource(Dialect.class)
class GatewayKeyTimelineTest extends StatsTrafficTest {

  static final List<String> KEYS = List.of("gk_1", "gk_2");

  @Test
  void hourly_points_hold_the_sums_of_exactly_that_keys_records() {
    Instant from = Instant.parse("2025-03-30T22:00:00Z");
    Instant to = Instant.parse("2025-04-01T12:00:00Z");
    for (String key : KEYS) {
      List<TimelinePoint> hours = summedTimeline(key, from, to, Bucket.HOUR, Duration.ofHours(1));
      assertThat(hours).hasSize(38);
      assertThat(hours.stream().mapToLong(p -> p.stats().requests()).sum()).as(key).isEqualTo(3);
    }
    // gk_2 at 03-31 00:00 is r3 (an error) alone, though gk_1's r2 is in the same hour.
    TimelinePoint r3 = stats.gatewayKeyTimeline("gk_2", from, to, Bucket.HOUR).get(2);
    assertThat(r3.start()).isEqualTo(Instant.parse("2025-03-31T00:00:00Z"));
    assertThat(r3.stats().requests()).isEqualTo(1);
    assertThat(r3.stats().errors()).isEqualTo(1);
  }

  @Test
  void daily_points_read_whole_days_and_hold_the_sums_of_that_keys_records() {
    Instant from = Instant.parse("2025-03-30T00:00:00Z");
    Instant to = Instant.parse("2025-04-02T00:00:00Z");
    for (String key : KEYS) {
      assertThat(summedTimeline(key, from, to, Bucket.DAY, Duration.ofDays(1))).extracting(p -> p.start().toString())
          .containsExactly("2025-03-30T00:00:00Z", "2025-03-31T00:00:00Z", "2025-04-01T00:00:00Z");
    }
    // Spot values, so the comparison above cannot pass on two equally wrong computations.
    List<TimelinePoint> gk2 = stats.gatewayKeyTimeline("gk_2", from, to, Bucket.DAY);
    assertThat(gk2).extracting(p -> p.stats().costNanos()).containsExactly(0L, 10_000L, 300L);
    assertThat(gk2).extracting(p -> p.stats().chargedNanos()).containsExactly(0L, 12_000L, 300L);
    assertThat(gk2).extracting(p -> p.stats().inputTokens()).containsExactly(0L, 1_000L, 50L);
  }

  @Test
  void a_key_without_traffic_has_a_zero_for_every_bucket() {
    List<TimelinePoint> days = stats.gatewayKeyTimeline("gk_idle", Instant.parse("2025-03-30T00:00:00Z"),
        Instant.parse("2025-04-02T00:00:00Z"), Bucket.DAY);
    assertThat(days).hasSize(3).allSatisfy(p -> assertThat(p.stats().requests()).isZero());
  }

  @Test
  void an_inverted_range_or_one_with_too_many_points_is_refused() {
    Instant to = Instant.parse("2025-04-02T00:00:00Z");
    assertThatThrownBy(() -> stats.gatewayKeyTimeline("gk_1", to, to.minusSeconds(1), Bucket.DAY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> stats.gatewayKeyTimeline("gk_1", Instant.parse("2000-01-01T00:00:00Z"), to, Bucket.HOUR))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than");
  }

  /** The key's timeline, once every point is checked against the sums of the key's records in its bucket. */
  List<TimelinePoint> summedTimeline(String key, Instant from, Instant to, Bucket bucket, Duration width) {
    List<TimelinePoint> points = stats.gatewayKeyTimeline(key, from, to, bucket);
    for (TimelinePoint p : points) {
      assertThat(figures(p.stats())).as("%s at %s", key, p.start())
          .isEqualTo(expected(key, p.start(), p.start().plus(width)));
    }
    return points;
  }

  /** requests, errors, input, output, cache read, cache write, reasoning, cost, charged. */
  static List<Long> figures(UsageStats s) {
    return List.of(s.requests(), s.errors(), s.inputTokens(), s.outputTokens(), s.cacheReadTokens(),
        s.cacheWriteTokens(), s.reasoningTokens(), s.costNanos(), s.chargedNanos());
  }

  /** The same figures summed straight from the records of {@code key} started in [from, to). */
  static List<Long> expected(String key, Instant from, Instant to) {
    List<RequestRecord> mine = StatsRecords.all().stream().filter(r -> r.gatewayKeyId().equals(key))
        .filter(r -> !r.startedAt().isBefore(from) && r.startedAt().isBefore(to)).toList();
    return List.of((long) mine.size(), mine.stream().filter(r -> r.outcome().equals("error")).count(),
        mine.stream().mapToLong(RequestRecord::inputTokens).sum(),
        mine.stream().mapToLong(RequestRecord::outputTokens).sum(),
        mine.stream().mapToLong(RequestRecord::cacheReadTokens).sum(),
        mine.stream().mapToLong(RequestRecord::cacheWriteTokens).sum(),
        mine.stream().mapToLong(RequestRecord::reasoningTokens).sum(),
        mine.stream().mapToLong(RequestRecord::costNanos).sum(),
        mine.stream().mapToLong(RequestRecord::chargedNanos).sum());
  }
}
