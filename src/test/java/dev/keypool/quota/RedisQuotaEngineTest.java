package dev.keypool.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.testkit.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared quota behaviour in the machine's Redis under a random key prefix, plus the Redis key layout. */
class RedisQuotaEngineTest extends QuotaEngineContract {
  private String prefix;
  private RedisLink link;

  @Override
  QuotaEngine newEngine(Clock clock, LocalTime dailyReset) {
    prefix = TestRedis.newPrefix();
    link = new RedisLink(TestRedis.URL, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1));
    return new RedisQuotaEngine(link, prefix, clock, dailyReset, Duration.ofMinutes(10));
  }

  @AfterEach
  void deleteKeys() {
    if (link != null) {
      TestRedis.deleteKeys(prefix);
      link.close();
    }
  }

  @Test
  void a_window_key_carries_the_window_start_and_expires_at_the_window_end() {
    clock.set(Instant.parse("2030-05-14T10:00:48Z"));
    admitted(List.of(new Limit(LimitScope.GATEWAY_KEY, "gk_1", LimitKind.REQUESTS, Period.MINUTE, 60),
        new Limit(LimitScope.USER, "u1", LimitKind.TOKENS, Period.DAY, 1000)), Amount.ofRequest(250, 0));

    String minuteKey = prefix + "q:GATEWAY_KEY:gk_1:REQUESTS:MINUTE:" + Instant.parse("2030-05-14T10:00:00Z").toEpochMilli();
    assertThat(link.commands().get(minuteKey)).isEqualTo("1");
    assertThat(link.commands().pexpiretime(minuteKey)).isEqualTo(Instant.parse("2030-05-14T10:01:00Z").toEpochMilli());
    String dayKey = prefix + "q:USER:u1:TOKENS:DAY:" + Instant.parse("2030-05-14T07:00:00Z").toEpochMilli();
    assertThat(link.commands().get(dayKey)).isEqualTo("250");
    assertThat(link.commands().pexpiretime(dayKey)).isEqualTo(Instant.parse("2030-05-15T07:00:00Z").toEpochMilli());
  }

  @Test
  void a_concurrency_slot_never_settled_is_freed_when_its_lease_runs_out() {
    QuotaEngine shortLease = new RedisQuotaEngine(link, prefix, clock, RESET, Duration.ofMinutes(1));
    Limit limit = Limit.concurrent(LimitScope.USER, "u1", 1);
    assertThat(shortLease.reserve(List.of(limit), ONE)).isInstanceOf(Decision.Admitted.class);
    assertThat(shortLease.reserve(List.of(limit), ONE)).isInstanceOf(Decision.Refused.class);
    clock.advance(Duration.ofSeconds(61));
    assertThat(shortLease.reserve(List.of(limit), ONE)).isInstanceOf(Decision.Admitted.class);
  }
}
