package dev.keypool.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.testkit.ManualClock;
import dev.keypool.testkit.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two gateway instances (two engines, each with its own Redis connection) hammering one shared limit
 * from several threads: together they admit exactly the limit, never one more.
 */
class RedisTwoInstancesTest {
  private static final int LIMIT = 400;

  private final List<RedisLink> links = new ArrayList<>();
  private String prefix;

  @BeforeEach
  void requireRedis() {
    prefix = TestRedis.newPrefix();
  }

  @AfterEach
  void cleanUp() {
    links.forEach(RedisLink::close);
    if (prefix != null) {
      TestRedis.deleteKeys(prefix);
    }
  }

  @Test
  void a_limit_of_n_per_minute_admits_exactly_n_across_two_instances() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2030-05-14T10:00:30Z"));
    List<QuotaEngine> instances = List.of(instance(clock), instance(clock));
    List<Limit> limits = List.of(
        new Limit(LimitScope.GATEWAY_KEY, "gk_shared", LimitKind.REQUESTS, Period.MINUTE, LIMIT),
        new Limit(LimitScope.USER, "u_shared", LimitKind.TOKENS, Period.MINUTE, 1_000_000));
    AtomicLong admitted = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    long deadline = System.nanoTime() + Duration.ofMillis(1500).toNanos();

    ExecutorService threads = Executors.newFixedThreadPool(6);
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      QuotaEngine engine = instances.get(t % 2);
      running.add(threads.submit(() -> {
        while (System.nanoTime() < deadline) {
          Decision d = engine.reserve(limits, Amount.ofRequest(10, 0));
          (d instanceof Decision.Admitted ? admitted : refused).incrementAndGet();
        }
      }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    threads.shutdown();

    assertThat(refused.get()).as("the load went past the limit").isGreaterThan(LIMIT);
    assertThat(admitted.get()).isEqualTo(LIMIT);
  }

  @Test
  void a_concurrency_limit_holds_across_two_instances() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2030-05-14T10:00:30Z"));
    List<QuotaEngine> instances = List.of(instance(clock), instance(clock));
    List<Limit> limits = List.of(Limit.concurrent(LimitScope.USER, "u_shared", 3));
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger mostInFlight = new AtomicInteger();
    AtomicLong admitted = new AtomicLong();
    long deadline = System.nanoTime() + Duration.ofMillis(1000).toNanos();

    ExecutorService threads = Executors.newFixedThreadPool(6);
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      QuotaEngine engine = instances.get(t % 2);
      running.add(threads.submit(() -> {
        while (System.nanoTime() < deadline) {
          if (engine.reserve(limits, Amount.ofRequest(10, 0)) instanceof Decision.Admitted a) {
            admitted.incrementAndGet();
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            inFlight.decrementAndGet();
            engine.settle(a.reservation(), Amount.ofRequest(12, 0));
          }
        }
      }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    threads.shutdown();

    assertThat(admitted.get()).isGreaterThan(3);
    assertThat(mostInFlight.get()).isBetween(1, 3);
  }

  private QuotaEngine instance(ManualClock clock) {
    RedisLink link = new RedisLink(TestRedis.URL, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1));
    links.add(link);
    link.commands().ping(); // connect before the timed load starts
    return new RedisQuotaEngine(link, prefix, clock, LocalTime.of(7, 0), Duration.ofMinutes(10));
  }
}
