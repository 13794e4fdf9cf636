package dev.keypool.balance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.config.ConfigLoader;
import dev.keypool.config.GatewayConfig;
import dev.keypool.keypool.Borrow;
import dev.keypool.keypool.BorrowRequest;
import dev.keypool.keypool.KeyPool;
import dev.keypool.keypool.KeyState;
import dev.keypool.keypool.ProviderKey;
import dev.keypool.keypool.Strategy;
import dev.keypool.routing.ModelRoutes;
import dev.keypool.routing.RouteTable;
import dev.keypool.testkit.Dialect;
import dev.keypool.testkit.ManualClock;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.TestDatabase;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The balance schedule driven by a manual clock: readings spread by jitter, at most {@code concurrency}
 * in flight, each key again one interval (plus jitter) after its last reading; and the policy on the pool.
 */
class BalanceScheduleTest {
  static final Instant T0 = Instant.parse("2026-04-01T12:00:00Z");

  @TempDir Path dir;
  final ManualClock clock = new ManualClock(T0);
  FakeBalanceApi api;
  Vertx vertx;
  TestDatabase db;
  KeyPool pool;
  BalanceService service;
  BalanceStore store;
  GatewayConfig config;

  @BeforeEach
  void start() throws Exception {
    api = FakeBalanceApi.start();
    vertx = Vertx.vertx();
    db = TestDatabase.open(Dialect.SQLITE, dir);
    store = new BalanceStore(db.dataSource());
    config = ConfigLoader.parse("""
        admin: { token: admin-token-0123456789 }
        providers:
          - { id: acct, format: openai, base_url: "%s/api/v1" }
          - { id: plain, format: openai, base_url: "%s/v1" }
        balances:
          enabled: false
          interval: 10m
          jitter: 0.5
          concurrency: 2
          providers:
            acct: { adapter: openrouter, min_balance: 0 }
        """.formatted(api.url(), api.url()), Map.of());
    pool = new KeyPool(clock, config.routing(), new Random(1));
    for (int i = 1; i <= 5; i++) {
      pool.put(key("pk_" + i, "acct", true));
    }
    pool.put(key("pk_plain", "plain", true));
    api.answer("/api/v1/key", 200, "{\"data\": {\"limit\": 10, \"limit_remaining\": 4.5, \"usage\": 5.5}}");
    service = newService();
  }

  private BalanceService newService() {
    BalanceService s = new BalanceService(new RouteTable(ModelRoutes.of(config)), pool, store, config.balances(), clock,
        new Random(7), dev.keypool.upstream.OutboundProxy.NONE);
    s.start(vertx);
    return s;
  }

  @AfterEach
  void stop() throws Exception {
    service.close();
    api.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    db.close();
  }

  @Test
  void readings_are_spread_capped_and_repeated_one_interval_later() {
    List<BalanceReading> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    service.onReading(heard::add);
    service.tick();
    long readAtOnce = api.seen().size();
    assertThat(readAtOnce).as("jitter spreads the first readings over 5 minutes").isLessThan(5);
    Poll.until("the first readings recorded", () -> recorded() == readAtOnce);

    api.hold();
    clock.advance(Duration.ofMinutes(5));
    service.tick();
    Poll.until("two requests in flight", () -> api.heldCount() == 2);
    service.tick();
    assertThat(api.heldCount()).as("the cap holds the others back").isEqualTo(2);
    api.release();
    Poll.until("every key read", () -> recorded() == 5);
    assertThat(api.mostOpen()).isEqualTo(2);
    assertThat(api.seen()).hasSize(5).allSatisfy(s -> assertThat(s.path()).isEqualTo("/api/v1/key"));
    assertThat(service.state("pk_plain")).as("no adapter for an unknown host: never read").isNull();

    for (int i = 1; i <= 5; i++) {
      BalanceState s = service.state("pk_" + i);
      assertThat(s.lastOk().amount("USD")).isEqualByComparingTo("4.5");
      Instant read = s.lastOk().fetchedAt();
      assertThat(s.nextDue()).isBetween(read.plus(Duration.ofMinutes(10)), read.plus(Duration.ofMinutes(15)));
    }
    clock.advance(Duration.ofMinutes(4));
    service.tick();
    assertThat(api.seen()).hasSize(5);
    clock.advance(Duration.ofMinutes(16));
    service.tick();
    Poll.until("every key read again", () -> api.seen().size() == 10 && recorded() == 10);
    Poll.until("listeners told of each reading", () -> heard.size() == 10);
  }

  @Test
  void a_key_at_the_minimum_leaves_rotation_until_a_reading_shows_money_and_a_disabled_key_stays_disabled()
      throws Exception {
    api.answer("/api/v1/key", "sk-acct-secret-0001", 200, "{\"data\": {\"limit\": 10, \"limit_remaining\": 0, \"usage\": 10}}");
    refresh("pk_1");
    assertThat(pool.snapshot("pk_1").state()).isEqualTo(KeyState.BALANCE_EXHAUSTED);
    assertThat(pool.snapshot("pk_1").stateReason()).isEqualTo("balance_exhausted: balance 0 USD at or below min_balance 0");
    for (int i = 0; i < 20; i++) {
      Borrow b = pool.borrow(BorrowRequest.of("acct", "r", Strategy.ROUND_ROBIN));
      assertThat(b).isInstanceOfSatisfying(Borrow.Leased.class, l -> {
        assertThat(l.lease().key().id()).isNotEqualTo("pk_1");
        l.lease().succeed();
      });
    }

    api.answer("/api/v1/key", "sk-acct-secret-0001", 500, "{\"error\": {\"message\": \"down\"}}");
    assertThat(refresh("pk_1").error()).contains("answered 500");
    assertThat(pool.snapshot("pk_1").state()).as("a failed reading changes nothing").isEqualTo(KeyState.BALANCE_EXHAUSTED);
    assertThat(service.state("pk_1").lastOk().amount("USD")).isEqualByComparingTo("0");

    // A restart keeps it out: the latest successful reading is applied again.
    service.close();
    pool.balanceExhausted("pk_1", null);
    service = newService();
    assertThat(pool.snapshot("pk_1").state()).isEqualTo(KeyState.BALANCE_EXHAUSTED);

    pool.enable(pool.definition("pk_1"));
    assertThat(pool.snapshot("pk_1").state()).as("an operator's enable puts it back at once").isEqualTo(KeyState.HEALTHY);
    api.answer("/api/v1/key", "sk-acct-secret-0001", 200, "{\"data\": {\"limit\": 10, \"limit_remaining\": 0}}");
    refresh("pk_1");
    assertThat(pool.snapshot("pk_1").state()).as("until the next reading").isEqualTo(KeyState.BALANCE_EXHAUSTED);

    api.answer("/api/v1/key", "sk-acct-secret-0001", 200, "{\"data\": {\"limit\": 20, \"limit_remaining\": 10, \"usage\": 10}}");
    refresh("pk_1");
    assertThat(pool.snapshot("pk_1").state()).isEqualTo(KeyState.HEALTHY);

    pool.put(key("pk_2", "acct", false));
    api.answer("/api/v1/key", "sk-acct-secret-0002", 200, "{\"data\": {\"limit\": 10, \"limit_remaining\": 0}}");
    refresh("pk_2");
    assertThat(pool.snapshot("pk_2").state()).isEqualTo(KeyState.DISABLED);
    api.answer("/api/v1/key", "sk-acct-secret-0002", 200, "{\"data\": {\"limit\": 10, \"limit_remaining\": 9}}");
    refresh("pk_2");
    assertThat(pool.snapshot("pk_2").state()).as("money never re-enables a key disabled by hand").isEqualTo(KeyState.DISABLED);
    assertThat(store.history("pk_1", 10)).hasSize(4);
  }

  private BalanceReading refresh(String keyId) throws Exception {
    return service.refresh(keyId).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private int recorded() {
    int n = 0;
    for (int i = 1; i <= 5; i++) {
      n += store.history("pk_" + i, 100).size();
    }
    return n;
  }

  static ProviderKey key(String id, String provider, boolean enabled) {
    return new ProviderKey(id, provider, id, "sk-" + provider + "-secret-000" + id.substring(id.length() - 1), 0, 1,
        List.of(), "", 0, enabled, enabled ? null : "disabled by an operator", "api", T0, T0);
  }
}
