package dev.keypool.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypool.testkit.ManualClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How limits are validated and put into words. */
class LimitTest {

  @Test
  void each_kind_reads_as_a_sentence() {
    assertThat(new Limit(LimitScope.CLIENT_IP, "203.0.113.9", LimitKind.REQUESTS, Period.SECOND, 10).describe())
        .isEqualTo("client IP 203.0.113.9: 10 requests per second");
    assertThat(new Limit(LimitScope.ORG, "acme", LimitKind.TOKENS, Period.MINUTE, 90_000).describe())
        .isEqualTo("org acme: 90000 tokens per minute");
    assertThat(new Limit(LimitScope.USER, "u1", LimitKind.COST_NANOS, Period.MONTH, 25_000_000_000L).describe())
        .isEqualTo("user u1: cost of $25.00 per month");
    assertThat(new Limit(LimitScope.USER, "u1", LimitKind.COST_NANOS, Period.DAY, 1_234_500L).describe())
        .isEqualTo("user u1: cost of $0.0012345 per day");
    assertThat(Limit.concurrent(LimitScope.GATEWAY_KEY, "gk_1", 4).describe())
        .isEqualTo("gateway key gk_1: 4 concurrent requests");
  }

  @Test
  void windowed_kinds_need_a_period_and_concurrency_has_none() {
    assertThatThrownBy(() -> new Limit(LimitScope.USER, "u1", LimitKind.TOKENS, null, 5))
        .hasMessageContaining("TOKENS limit needs a period");
    assertThatThrownBy(() -> new Limit(LimitScope.USER, "u1", LimitKind.CONCURRENT, Period.MINUTE, 5))
        .hasMessageContaining("no period");
    assertThatThrownBy(() -> new Limit(LimitScope.USER, "u1", LimitKind.REQUESTS, Period.MINUTE, -1))
        .hasMessageContaining("max must be >= 0");
  }

  @Test
  void a_zero_limit_refuses_everything() {
    LocalQuotaEngine engine = new LocalQuotaEngine(new ManualClock(Instant.parse("2030-05-14T10:00:00Z")), Period.DEFAULT_DAILY_RESET);
    Limit blocked = new Limit(LimitScope.GATEWAY_KEY, "gk_1", LimitKind.COST_NANOS, Period.DAY, 0);
    assertThat(engine.reserve(List.of(blocked), Amount.ZERO)).isInstanceOf(Decision.Refused.class);
  }
}
