package dev.keypool.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.testkit.ManualClock;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.PrivateRedis;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redis going away and coming back, on a private {@code redis-server} this test starts and kills (the
 * machine's shared Redis is never stopped): requests keep flowing under local limits while it is
 * down, and the engine goes back to Redis by itself once it answers again.
 */
class FailoverQuotaEngineTest {
  private static final Limit FIVE_PER_MINUTE =
      new Limit(LimitScope.GATEWAY_KEY, "gk_1", LimitKind.REQUESTS, Period.MINUTE, 5);
  private static final Amount ONE = Amount.ofRequest(0, 0);

  private final ManualClock clock = new ManualClock(Instant.parse("2030-05-14T10:00:00Z"));
  private PrivateRedis server;
  private RedisLink link;
  private FailoverQuotaEngine engine;

  @AfterEach
  void stop() throws Exception {
    if (engine != null) {
      engine.close();
    }
    if (link != null) {
      link.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void falls_back_to_local_limits_while_redis_is_down_and_switches_back_by_itself() throws Exception {
    server = PrivateRedis.start();
    startEngine();

    Reservation inRedis = admit().reservation();
    assertThat(inRedis.backend()).isEqualTo(Backend.REDIS);
    assertThat(engine.degraded()).isFalse();

    server.kill();
    for (int i = 0; i < 5; i++) {
      assertThat(admit().reservation().backend()).isEqualTo(Backend.LOCAL);
    }
    assertThat(engine.degraded()).isTrue();
    assertThat(engine.degradedReason()).get().asString().contains(server.url().substring("redis://".length()));
    Decision refused = engine.reserve(List.of(FIVE_PER_MINUTE), ONE);
    assertThat(refused).as("local limits still hold while degraded").isInstanceOf(Decision.Refused.class);
    engine.settle(inRedis, ONE);

    server.restart();
    Poll.until("the engine uses Redis again", Duration.ofSeconds(15), () -> !engine.degraded());
    assertThat(engine.degradedReason()).isEmpty();
    Reservation again = admit().reservation();
    assertThat(again.backend()).isEqualTo(Backend.REDIS);
    engine.settle(again, ONE);
  }

  @Test
  void a_redis_that_stops_answering_times_out_fast_and_the_engine_recovers_when_it_answers() throws Exception {
    server = PrivateRedis.start();
    startEngine();
    assertThat(admit().reservation().backend()).isEqualTo(Backend.REDIS);

    server.freeze();
    long started = System.nanoTime();
    assertThat(admit().reservation().backend()).isEqualTo(Backend.LOCAL);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("bounded by the command timeout")
        .isLessThan(Duration.ofSeconds(1));
    assertThat(engine.degradedReason()).get().asString().contains("timed out");
    assertThat(admit().reservation().backend()).isEqualTo(Backend.LOCAL);

    server.thaw();
    Poll.until("the engine uses Redis again", Duration.ofSeconds(15), () -> !engine.degraded());
    assertThat(admit().reservation().backend()).isEqualTo(Backend.REDIS);
  }

  @Test
  void an_instance_started_while_redis_is_down_says_so_at_once_and_joins_redis_when_it_comes_up() throws Exception {
    server = PrivateRedis.start();
    server.kill();
    startEngine();

    Poll.until("the engine reports Redis down before any request", Duration.ofSeconds(15), engine::degraded);
    assertThat(admit().reservation().backend()).isEqualTo(Backend.LOCAL);

    server.restart();
    Poll.until("the engine uses Redis once it is up", Duration.ofSeconds(15), () -> !engine.degraded());
    assertThat(admit().reservation().backend()).isEqualTo(Backend.REDIS);
  }

  @Test
  void asynchronous_calls_fall_back_to_local_limits_when_redis_dies_or_freezes_and_return_to_it() throws Exception {
    server = PrivateRedis.start();
    startEngine();
    assertThat(engine.nonBlocking()).isTrue();

    Reservation inRedis = admitAsync().reservation();
    assertThat(inRedis.backend()).isEqualTo(Backend.REDIS);
    assertThat(link.commands().get("kp:q:GATEWAY_KEY:gk_1:REQUESTS:MINUTE:"
        + Instant.parse("2030-05-14T10:00:00Z").toEpochMilli())).isEqualTo("1");

    server.freeze();
    long started = System.nanoTime();
    assertThat(admitAsync().reservation().backend()).isEqualTo(Backend.LOCAL);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("bounded by the command timeout")
        .isLessThan(Duration.ofSeconds(1));
    assertThat(engine.degradedReason()).get().asString().contains("timed out");
    // A settlement Redis cannot take is dropped, not thrown at the caller.
    engine.settleAsync(inRedis, ONE).toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);

    server.thaw();
    Poll.until("the engine uses Redis again", Duration.ofSeconds(15), () -> !engine.degraded());
    Reservation again = admitAsync().reservation();
    assertThat(again.backend()).isEqualTo(Backend.REDIS);

    server.kill();
    assertThat(admitAsync().reservation().backend()).as("a lost connection fails at once").isEqualTo(Backend.LOCAL);
    engine.releaseAsync(again).toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(engine.degraded()).isTrue();
  }

  /** The engine on the private server: 100 ms command timeout, probing every 200 ms. */
  private void startEngine() {
    link = new RedisLink(server.url(), Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofMillis(200));
    RedisQuotaEngine redis = new RedisQuotaEngine(link, "kp:", clock, LocalTime.of(7, 0), Duration.ofMinutes(10));
    engine = new FailoverQuotaEngine(redis, new LocalQuotaEngine(clock, LocalTime.of(7, 0)), Duration.ofMillis(200));
  }

  private Decision.Admitted admitAsync() throws Exception {
    Decision d = engine.reserveAsync(List.of(FIVE_PER_MINUTE), ONE).toCompletableFuture()
        .get(5, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(d).isInstanceOf(Decision.Admitted.class);
    return (Decision.Admitted) d;
  }

  private Decision.Admitted admit() {
    Decision d = engine.reserve(List.of(FIVE_PER_MINUTE), ONE);
    assertThat(d).isInstanceOf(Decision.Admitted.class);
    return (Decision.Admitted) d;
  }
}
