package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.quota.LimitKind;
import dev.keypool.quota.Period;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuotasConfigTest {

  @Test
  void defaults_are_in_memory_with_midnight_reset_and_no_rules() {
    QuotasConfig q = TestConfigs.parse(TestConfigs.MINIMAL).quotas();
    assertThat(q.redis()).isEmpty();
    assertThat(q.dailyReset()).isEqualTo(LocalTime.MIDNIGHT);
    assertThat(q.gatewayKey().isEmpty()).isTrue();
    assertThat(q.clientIp().isEmpty()).isTrue();
  }

  @Test
  void binds_redis_reset_and_rules_per_scope() {
    QuotasConfig q = TestConfigs.parse(TestConfigs.MINIMAL + """
        quotas:
          redis: { url: "redis://:secret@redis:6379/2", timeout: 250ms }
          daily_reset: "07:00"
          gateway_key: { requests_per_minute: 60, tokens_per_day: 100000, cost_usd_per_month: 50, concurrent: 4 }
          client_ip: { requests_per_second: 5 }
          user: { cost_usd_per_day: 2.5 }
          org: { tokens_per_month: 1000000 }
        """).quotas();
    assertThat(q.redis().orElseThrow().url()).isEqualTo("redis://:secret@redis:6379/2");
    assertThat(q.redis().orElseThrow().timeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(q.redis().orElseThrow().prefix()).isEqualTo("keypool:");
    assertThat(q.redis().orElseThrow().toString()).doesNotContain("secret");
    assertThat(q.dailyReset()).isEqualTo(LocalTime.of(7, 0));
    assertThat(q.gatewayKey().rules()).hasSize(4);
    assertThat(q.gatewayKey().rule(LimitKind.COST_NANOS, Period.MONTH).max()).isEqualTo(50_000_000_000L);
    assertThat(q.clientIp().rule(LimitKind.REQUESTS, Period.SECOND).max()).isEqualTo(5);
    assertThat(q.user().rule(LimitKind.COST_NANOS, Period.DAY).max()).isEqualTo(2_500_000_000L);
    assertThat(q.org().rule(LimitKind.TOKENS, Period.MONTH).max()).isEqualTo(1_000_000);
  }

  @Test
  void environment_overrides_the_redis_url() {
    QuotasConfig q = ConfigLoader.parse(TestConfigs.MINIMAL, Map.of(
        "KEYPOOL__QUOTAS__REDIS__URL", "redis://cache:6379",
        "KEYPOOL__QUOTAS__DAILY_RESET", "07:30",
        "KEYPOOL__QUOTAS__GATEWAY_KEY__REQUESTS_PER_MINUTE", "30")).quotas();
    assertThat(q.redis().orElseThrow().url()).isEqualTo("redis://cache:6379");
    assertThat(q.dailyReset()).isEqualTo(LocalTime.of(7, 30));
    assertThat(q.gatewayKey().rule(LimitKind.REQUESTS, Period.MINUTE).max()).isEqualTo(30);
  }

  @Test
  void errors_name_the_field() {
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL + """
        quotas:
          redis: { url: "http://redis:6379" }
          daily_reset: "7am"
          gateway_key: { requests_per_fortnight: 3 }
          client_ip: { tokens_per_minute: -1 }
          users: {}
        """)).containsExactlyInAnyOrder(
        "quotas.redis.url: must start with redis:// or rediss://",
        "quotas.daily_reset: must be a UTC time of day HH:MM, e.g. \"07:00\" (was \"7am\")",
        "quotas.gateway_key: unknown limit 'requests_per_fortnight': use requests_per_<period>, tokens_per_<period>, "
            + "cost_usd_per_<period> (period: second, minute, hour, day, month) or concurrent",
        "quotas.client_ip: limit 'tokens_per_minute' must not be negative, got -1",
        "quotas.users: unknown field (allowed: redis, daily_reset, gateway_key, client_ip, user, org, metrics_interval)");
  }
}
