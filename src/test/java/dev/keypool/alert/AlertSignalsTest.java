package dev.keypool.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypool.config.ConfigLoader;
import dev.keypool.config.GatewayConfig;
import dev.keypool.keypool.Borrow;
import dev.keypool.keypool.BorrowRequest;
import dev.keypool.keypool.FailureClass;
import dev.keypool.keypool.KeyLease;
import dev.keypool.keypool.KeyPool;
import dev.keypool.keypool.Strategy;
import dev.keypool.keypool.ProviderKey;
import dev.keypool.routing.ModelRoutes;
import dev.keypool.routing.RouteTable;
import dev.keypool.testkit.ManualClock;
import dev.keypool.tracking.AttemptRecord;
import dev.keypool.tracking.RequestRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The built-in sources: key states and routes from the pool, failure rates from records, the writer. */
class AlertSignalsTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  final ManualClock clock = new ManualClock(NOW);

  static final String YAML = """
      admin: { token: admin-token-0123456789 }
      providers:
        - { id: p1, format: openai, base_url: "https://a.example.com/v1" }
        - { id: p2, format: openai, base_url: "https://b.example.com/v1" }
      models:
        - { id: one, candidates: [ { provider: p1 } ] }
        - { id: both, candidates: [ { provider: p1 }, { provider: p2 } ] }
      """;

  static ProviderKey key(String id, String provider, boolean enabled) {
    return new ProviderKey(id, provider, "k-" + id, "sk-secret-" + id, 0, 1, List.of(), null, 0, enabled,
        enabled ? null : "by hand", "api", NOW, NOW);
  }

  @Test
  void disabled_keys_and_routes_without_a_usable_key() {
    GatewayConfig config = ConfigLoader.parse(YAML, Map.of());
    KeyPool pool = new KeyPool(clock, config.routing(), new Random(1));
    pool.put(key("pk_1", "p1", false));
    pool.put(key("pk_2", "p2", true));
    var signals = new KeyStateSignals(pool, new RouteTable(ModelRoutes.of(config)));

    List<Condition> now = signals.conditions(NOW);
    assertThat(now).extracting(c -> c.rule().wire() + " " + c.subject())
        .containsExactlyInAnyOrder("key_disabled key:pk_1", "route_no_usable_key route:one");
    assertThat(now).allSatisfy(c -> assertThat(c.title() + c.detail()).doesNotContain("sk-secret"));

    pool.put(key("pk_1", "p1", true));
    assertThat(signals.conditions(NOW)).isEmpty();
  }

  @Test
  void failure_rates_over_the_window_above_the_threshold_with_enough_requests() {
    GatewayConfig config = ConfigLoader.parse(YAML, Map.of());
    KeyPool pool = new KeyPool(clock, config.routing(), new Random(1));
    pool.put(key("pk_1", "p1", true));
    FailureRates rates = new FailureRates(pool);
    clock.set(NOW.minus(Duration.ofMinutes(20)));
    attempt(pool, FailureClass.TRANSIENT); // outside a 5 min window
    clock.set(NOW.minusSeconds(300));
    for (int i = 0; i < 10; i++) {
      attempt(pool, i < 6 ? FailureClass.TRANSIENT : null);
      rates.record(record(clock.instant(), i < 6 ? "server_error" : null, i < 6 ? 502 : 200));
      clock.advance(Duration.ofSeconds(30));
    }
    var settings = new java.util.EnumMap<RuleKind, RuleSettings>(RuleKind.class);
    settings.put(RuleKind.KEY_FAILURE_RATE, new RuleSettings(true, Severity.WARNING, new BigDecimal("0.5"),
        Duration.ofMinutes(5), 10, Duration.ZERO));
    settings.put(RuleKind.PROVIDER_FAILURE_RATE, new RuleSettings(true, Severity.WARNING, new BigDecimal("0.7"),
        Duration.ofMinutes(5), 10, Duration.ZERO));
    settings.put(RuleKind.ROUTE_FAILURE_RATE, new RuleSettings(true, Severity.CRITICAL, new BigDecimal("0.5"),
        Duration.ofMinutes(5), 11, Duration.ZERO));

    List<Condition> now = new FailureRateSignals(rates, settings).conditions(NOW);
    assertThat(now).extracting(c -> c.rule().wire() + " " + c.subject())
        .as("key 6/10 > 50 %; provider 6/10 under 70 %; route has 10 < 11 requests")
        .containsExactly("key_failure_rate key:pk_1");
    assertThat(now.get(0).title()).isEqualTo("Provider key 'pk_1' fails 60 % of attempts");
    assertThat(now.get(0).detail()).startsWith("6 of 10 failed in the last 5 min");

    clock.set(NOW.plus(Duration.ofMinutes(10)));
    assertThat(new FailureRateSignals(rates, settings).conditions(clock.instant())).isEmpty();
  }

  @Test
  void caller_faults_and_client_aborts_do_not_count_as_failures_and_each_verdict_counts_once() {
    GatewayConfig config = ConfigLoader.parse(YAML, Map.of());
    KeyPool pool = new KeyPool(clock, config.routing(), new Random(1));
    pool.put(key("pk_1", "p1", true));
    pool.put(key("pk_2", "p1", true));
    FailureRates rates = new FailureRates(pool);
    attempt(pool, FailureClass.CALLER_FAULT);
    rates.record(record(NOW, "caller_fault", 400));
    ((Borrow.Leased) pool.borrow(BorrowRequest.of("p1", "one", Strategy.ROUND_ROBIN))).lease().abandon();
    pool.checkLease("pk_2").fail(FailureClass.TRANSIENT, 502, null, "a health check is not a client attempt");
    List<String> seen = new ArrayList<>();
    rates.each("", NOW, Duration.ofMinutes(5), (s, c) -> seen.add(s + " " + c.failures() + "/" + c.requests()));
    assertThat(seen).containsExactlyInAnyOrder("key:pk_1 0/1", "provider:p1 0/1", "route:one 0/1");
  }

  /** One attempt on pk_1 ending with {@code failure}, or a success when null. */
  private static void attempt(KeyPool pool, FailureClass failure) {
    KeyLease lease = ((Borrow.Leased) pool.borrow(new BorrowRequest("p1", "one", Strategy.ROUND_ROBIN, 1,
        java.util.Set.of("pk_2")))).lease();
    if (failure == null) {
      lease.succeed();
    } else {
      lease.fail(failure, failure == FailureClass.CALLER_FAULT ? 400 : 502, null, "failed");
    }
  }

  @Test
  void the_writer_journaling_and_pushed_conditions() {
    assertThat(new WriterSignals(() -> true).conditions(NOW)).isEmpty();
    assertThat(new WriterSignals(() -> false).conditions(NOW)).singleElement()
        .satisfies(c -> assertThat(c.subject()).isEqualTo("writer"));

    PushedSignals pushed = new PushedSignals();
    pushed.raise(new Condition(RuleKind.BALANCE_LOW, "key:pk_1", "low", "1.20 USD left"));
    assertThat(pushed.conditions(NOW)).hasSize(1);
    pushed.clear(RuleKind.BALANCE_LOW, "key:pk_1");
    assertThat(pushed.conditions(NOW)).isEmpty();
    assertThatThrownBy(() -> pushed.raise(new Condition(RuleKind.KEY_BANNED, "key:x", "t", "d")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static RequestRecord record(Instant at, String failureClass, int status) {
    var attempt = new AttemptRecord(1, "p1", "pk_1", "m", status, failureClass, null, 10, 0, at);
    return new RequestRecord("r" + at.toEpochMilli() + failureClass, at, at, "gk", null, null, "chat", "openai",
        "one", "m", "one", "p1", "pk_1", status, status >= 400 ? "error" : "success", null, null, false, 0, 0, 0, 0,
        0, "none", 0, 0, 10, null, 0, "127.0.0.1", null, List.of(attempt));
  }
}
