package dev.keypool.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.config.QuotasConfig;
import dev.keypool.gatewaykey.GatewayKey;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LimitResolverTest {
  static final GatewayKey KEY = new GatewayKey.Builder().id("gk_1").name("app").keyHash("hash").keyHint("ak_...").build();

  static QuotasConfig config() {
    return new QuotasConfig(Optional.empty(), LocalTime.MIDNIGHT,
        LimitRules.parse(Map.of("requests_per_minute", 60)), LimitRules.parse(Map.of("requests_per_second", 5)),
        LimitRules.parse(Map.of("tokens_per_day", 1000)), LimitRules.parse(Map.of("cost_usd_per_month", 10)));
  }

  @Test
  void defaults_for_the_key_and_the_client_ip() {
    LimitResolver r = new LimitResolver(config(), Tenancy.NONE);
    assertThat(r.limits(KEY, "10.0.0.1")).containsExactly(
        new Limit(LimitScope.GATEWAY_KEY, "gk_1", LimitKind.REQUESTS, Period.MINUTE, 60),
        new Limit(LimitScope.CLIENT_IP, "10.0.0.1", LimitKind.REQUESTS, Period.SECOND, 5));
    assertThat(r.limits(KEY, null)).hasSize(1);
  }

  @Test
  void owners_bring_user_and_org_defaults_and_their_own_rules_built_once_per_key() {
    AtomicInteger asked = new AtomicInteger();
    Tenancy tenancy = key -> {
      asked.incrementAndGet();
      return new Tenancy.Owner("u1", "o1", List.of(new Tenancy.ScopedRules(LimitScope.GATEWAY_KEY, key.id(),
          LimitRules.parse(Map.of("concurrent", 2)))));
    };
    LimitResolver r = new LimitResolver(config(), tenancy);
    List<Limit> limits = r.limits(KEY, null);
    assertThat(limits).extracting(Limit::describe).containsExactly(
        "gateway key gk_1: 60 requests per minute", "user u1: 1000 tokens per day",
        "org o1: cost of $10.00 per month", "gateway key gk_1: 2 concurrent requests");
    assertThat(r.limits(KEY, "10.0.0.2")).hasSize(5);
    assertThat(r.forKey(KEY).owner().userId()).isEqualTo("u1");
    assertThat(asked).hasValue(1);
    r.invalidate("gk_1");
    r.limits(KEY, null);
    assertThat(asked).hasValue(2);
  }
}
