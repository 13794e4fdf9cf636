package dev.keypool.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.keypool.testkit.Dialect;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Statistics over the known traffic of {@link StatsRecords}, written through the real record writer. */
@ParameterizedClass
@EnumSource(Dialect.class)
class StatisticsServiceTest extends StatsTrafficTest {

  static final Instant FROM = Instant.parse("2025-03-30T00:00:00Z");
  static final Instant TO = Instant.parse("2025-04-02T00:00:00Z");

  @Test
  void attempts_count_every_try_under_its_own_key_failed_over_ones_included() {
    assertThat(stats.attemptsByProviderKey(FROM, TO, 10)).containsExactly(
        new KeyAttempts("pk_b", "anthropic", 2, 1, 1, 0.5, (80 + 2_500) / 2.0, 200,
            List.of(new KeyAttempts.FailureCount("rate_limit", 1))),
        new KeyAttempts("pk_c", "openai", 1, 0, 1, 1.0, 30.0, 10, List.of(new KeyAttempts.FailureCount("rate_limit", 1))),
        new KeyAttempts("pk_a", "openai", 3, 3, 0, 0.0, (120 + 300 + 45_000) / 3.0, 300, List.of()));
    assertThat(stats.attemptsByProviderKey(FROM, TO, 1)).extracting(KeyAttempts::providerKeyId).containsExactly("pk_b");
    // pk_c's failed try shows here although its request is counted under pk_a.
    assertThat(stats.providerKeyStats("pk_c", FROM, TO).requests()).isZero();
    assertThat(stats.providerKeyAttempts("pk_c", FROM, TO).failed()).isEqualTo(1);
    assertThat(stats.providerKeyAttempts("pk_a", Instant.parse("2025-04-01T00:00:00Z"), TO))
        .returns(1L, KeyAttempts::attempts).returns(45_000.0, KeyAttempts::avgLatencyMs);
    assertThat(stats.providerKeyAttempts("pk_none", FROM, TO))
        .isEqualTo(new KeyAttempts("pk_none", null, 0, 0, 0, null, null, 0, List.of()));
  }

  @Test
  void overview_sums_every_figure_of_the_range() {
    UsageStats s = stats.overview(FROM, TO);
    assertThat(s.requests()).isEqualTo(6);
    assertThat(s.successes()).isEqualTo(3);
    assertThat(s.errors()).isEqualTo(2);
    assertThat(s.clientAborts()).isEqualTo(1);
    assertThat(s.successRate()).isEqualTo(0.5);
    assertThat(s.inputTokens()).isEqualTo(1_350);
    assertThat(s.outputTokens()).isEqualTo(560);
    assertThat(s.cacheReadTokens()).isEqualTo(135);
    assertThat(s.cacheWriteTokens()).isEqualTo(13);
    assertThat(s.reasoningTokens()).isEqualTo(280);
    assertThat(s.totalTokens()).isEqualTo(1_350 + 560 + 135 + 13);
    assertThat(s.costNanos()).isEqualTo(13_300);
    assertThat(s.chargedNanos()).isEqualTo(16_800);
    assertThat(s.avgLatencyMs()).isCloseTo(48_005 / 6.0, within(1e-9));
    assertThat(s.avgTtftMs()).isEqualTo(400.0); // (40 + 60 + 500 + 1000) / 4 streamed
    assertThat(s.estimatedCount()).isEqualTo(1);
    // Sorted latencies 5, 80, 120, 300, 2500, 45000: the median falls in [100, 150), p95 and p99 in [30000, 60000).
    assertThat(s.p50LatencyMs()).isBetween(100L, 150L);
    assertThat(s.p95LatencyMs()).isBetween(30_000L, 60_000L);
    assertThat(s.p99LatencyMs()).isBetween(s.p95LatencyMs(), 60_000L);
  }

  @Test
  void a_range_covers_whole_hours_from_the_hour_holding_from_up_to_to() {
    // 00:30 rounds down to 00:00 (r2, r3); the 02:00 hour (r4) starts at 'to' and is left out.
    UsageStats s = stats.overview(Instant.parse("2025-03-31T00:30:00Z"), Instant.parse("2025-03-31T02:00:00Z"));
    assertThat(s.requests()).isEqualTo(2);
    assertThat(s.costNanos()).isEqualTo(2_000);
  }

  @Test
  void a_range_of_partial_days_adds_hourly_rows_at_both_ends_to_the_daily_ones() {
    // 03-30 23:00 (r1, hourly), all of 03-31 (r2..r4, daily), 04-01 00:00..10:59 (r5, r6, hourly).
    UsageStats all = stats.overview(Instant.parse("2025-03-30T23:30:00Z"), Instant.parse("2025-04-01T10:30:00Z"));
    assertThat(all.requests()).isEqualTo(6);
    assertThat(all.costNanos()).isEqualTo(13_300);
    assertThat(all.p50LatencyMs()).isEqualTo(stats.overview(FROM, TO).p50LatencyMs());
    UsageStats some = stats.overview(Instant.parse("2025-03-31T00:00:00Z"), Instant.parse("2025-04-01T10:00:00Z"));
    assertThat(some.requests()).isEqualTo(3);
    assertThat(stats.providerKeyStats("pk_a", Instant.parse("2025-03-30T23:00:00Z"), TO).requests()).isEqualTo(3);
  }

  @Test
  void an_empty_range_has_zeros_and_no_rates() {
    UsageStats s = stats.overview(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-02T00:00:00Z"));
    assertThat(s.requests()).isZero();
    assertThat(s.successRate()).isNull();
    assertThat(s.avgLatencyMs()).isNull();
    assertThat(s.p50LatencyMs()).isNull();
    assertThat(s.avgTtftMs()).isNull();
  }

  @Test
  void models_rank_by_requests_or_by_cost() {
    List<GroupStats> byRequests = stats.byModel(FROM, TO, Ranking.REQUESTS, 10);
    assertThat(byRequests).extracting(GroupStats::id).containsExactly("gpt-4o", "claude");
    UsageStats gpt = byRequests.get(0).stats();
    assertThat(gpt.requests()).isEqualTo(4);
    assertThat(gpt.successRate()).isEqualTo(0.5);
    assertThat(gpt.inputTokens()).isEqualTo(350);
    assertThat(gpt.outputTokens()).isEqualTo(160);
    assertThat(gpt.costNanos()).isEqualTo(3_300);
    assertThat(gpt.errors()).isEqualTo(1);
    UsageStats claude = byRequests.get(1).stats();
    assertThat(claude.requests()).isEqualTo(2);
    assertThat(claude.costNanos()).isEqualTo(10_000);
    assertThat(claude.avgLatencyMs()).isEqualTo(1_290.0);
    assertThat(claude.avgTtftMs()).isEqualTo(500.0);
    assertThat(stats.byModel(FROM, TO, Ranking.COST, 1)).extracting(GroupStats::id).containsExactly("claude");
  }

  @Test
  void provider_keys_gateway_keys_and_providers_group_their_own_requests() {
    List<GroupStats> pkeys = stats.byProviderKey(FROM, TO, Ranking.REQUESTS, 10);
    assertThat(pkeys).extracting(GroupStats::id).containsExactly("pk_a", "pk_b", null);
    assertThat(pkeys).extracting(g -> g.stats().requests()).containsExactly(3L, 2L, 1L);
    UsageStats a = pkeys.get(0).stats();
    assertThat(a.successRate()).isCloseTo(2 / 3.0, within(1e-9));
    assertThat(a.chargedNanos()).isEqualTo(4_800);
    assertThat(a.clientAborts()).isEqualTo(1);
    // gk_1 and gk_2 both have 3 requests (ties order by id); gk_2 costs more.
    assertThat(stats.byGatewayKey(FROM, TO, Ranking.REQUESTS, 10)).extracting(GroupStats::id, g -> g.stats().requests())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("gk_1", 3L), org.assertj.core.groups.Tuple.tuple("gk_2", 3L));
    assertThat(stats.byGatewayKey(FROM, TO, Ranking.COST, 10)).extracting(GroupStats::id, g -> g.stats().costNanos())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("gk_2", 10_300L),
            org.assertj.core.groups.Tuple.tuple("gk_1", 3_000L));
    assertThat(stats.byProvider(FROM, TO, Ranking.COST, 10)).extracting(GroupStats::id, g -> g.stats().requests())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("anthropic", 2L),
            org.assertj.core.groups.Tuple.tuple("openai", 3L), org.assertj.core.groups.Tuple.tuple(null, 1L));
  }

  @Test
  void errors_count_failures_by_class_and_model() {
    ErrorStats e = stats.errors(FROM, TO);
    assertThat(e.total()).isEqualTo(3);
    assertThat(e.byClass()).extracting(ErrorStats.ClassCount::errorClass, ErrorStats.ClassCount::count)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("rate_limit", 1L),
            org.assertj.core.groups.Tuple.tuple("no_key", 1L), org.assertj.core.groups.Tuple.tuple(null, 1L));
    assertThat(e.byClassAndModel()).contains(new ErrorStats.ClassModelCount("rate_limit", "claude", 1),
        new ErrorStats.ClassModelCount("no_key", "gpt-4o", 1), new ErrorStats.ClassModelCount(null, "gpt-4o", 1));
  }

  @Test
  void provider_key_stats_and_daily_trend() {
    UsageStats b = stats.providerKeyStats("pk_b", FROM, TO);
    assertThat(b.requests()).isEqualTo(2);
    assertThat(b.errors()).isEqualTo(1);
    assertThat(b.inputTokens()).isEqualTo(1_000);
    assertThat(stats.providerKeyStats("pk_none", FROM, TO).requests()).isZero();
    // Now is 2025-04-01T12:00Z: the last 4 days are 03-29 .. 04-01, one point each, today last.
    List<TimelinePoint> trend = stats.providerKeyTrend("pk_a", 4);
    assertThat(trend).extracting(p -> p.start().toString())
        .containsExactly("2025-03-29T00:00:00Z", "2025-03-30T00:00:00Z", "2025-03-31T00:00:00Z", "2025-04-01T00:00:00Z");
    assertThat(trend).extracting(p -> p.stats().requests()).containsExactly(0L, 1L, 1L, 1L);
    assertThat(trend).extracting(p -> p.stats().costNanos()).containsExactly(0L, 1_000L, 2_000L, 300L);
    assertThatThrownBy(() -> stats.providerKeyTrend("pk_a", 0)).isInstanceOf(IllegalArgumentException.class);
    clock.set(Instant.parse("2025-04-01T00:00:00Z")); // at midnight, today is still the last point
    // The last point is the whole of today, so r5 (10:00 today) is in it.
    assertThat(stats.providerKeyTrend("pk_a", 2)).extracting(p -> p.stats().requests()).containsExactly(1L, 1L);
  }

  @Test
  void hourly_timeline_has_a_point_for_every_hour_including_empty_ones() {
    List<TimelinePoint> hours = stats.timeline(Instant.parse("2025-03-31T00:00:00Z"),
        Instant.parse("2025-03-31T03:00:00Z"), Bucket.HOUR);
    assertThat(hours).extracting(p -> p.start().toString())
        .containsExactly("2025-03-31T00:00:00Z", "2025-03-31T01:00:00Z", "2025-03-31T02:00:00Z");
    assertThat(hours).extracting(p -> p.stats().requests()).containsExactly(2L, 0L, 1L);
    assertThat(hours.get(1).stats().successRate()).isNull();
  }

  @Test
  void daily_weekly_and_monthly_timelines_split_at_utc_boundaries() {
    List<TimelinePoint> days = stats.timeline(FROM, Instant.parse("2025-04-03T00:00:00Z"), Bucket.DAY);
    assertThat(days).extracting(p -> p.start().toString()).containsExactly("2025-03-30T00:00:00Z",
        "2025-03-31T00:00:00Z", "2025-04-01T00:00:00Z", "2025-04-02T00:00:00Z");
    assertThat(days).extracting(p -> p.stats().requests()).containsExactly(1L, 3L, 2L, 0L);

    // Sunday 03-30 ends the ISO week of Monday 03-24; a range from Wednesday 03-26 starts with that week.
    List<TimelinePoint> weeks = stats.timeline(Instant.parse("2025-03-26T00:00:00Z"),
        Instant.parse("2025-04-14T00:00:00Z"), Bucket.WEEK);
    assertThat(weeks).extracting(p -> p.start().toString())
        .containsExactly("2025-03-24T00:00:00Z", "2025-03-31T00:00:00Z", "2025-04-07T00:00:00Z");
    assertThat(weeks).extracting(p -> p.stats().requests()).containsExactly(1L, 5L, 0L);

    List<TimelinePoint> months = stats.timeline(Instant.parse("2025-03-15T00:00:00Z"),
        Instant.parse("2025-05-01T00:00:00Z"), Bucket.MONTH);
    assertThat(months).extracting(p -> p.start().toString())
        .containsExactly("2025-03-01T00:00:00Z", "2025-04-01T00:00:00Z");
    assertThat(months).extracting(p -> p.stats().requests()).containsExactly(4L, 2L);
    assertThat(months).extracting(p -> p.stats().costNanos()).containsExactly(13_000L, 300L);
  }

  @Test
  void a_timeline_with_too_many_points_or_an_inverted_range_is_refused() {
    assertThatThrownBy(() -> stats.timeline(Instant.parse("2000-01-01T00:00:00Z"), TO, Bucket.HOUR))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than");
    assertThatThrownBy(() -> stats.overview(TO, FROM)).isInstanceOf(IllegalArgumentException.class);
  }
}
