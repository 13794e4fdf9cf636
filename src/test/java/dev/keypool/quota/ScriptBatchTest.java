package dev.keypool.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.testkit.ManualClock;
import dev.keypool.testkit.PrivateRedis;
import io.lettuce.core.RedisException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Reservations and settlements made at the same time share script calls: on a private
 * {@code redis-server}, whose command statistics count the calls (the shared Redis serves other tests).
 */
class ScriptBatchTest {
  private static final LocalTime RESET = LocalTime.of(7, 0);
  private final ManualClock clock = new ManualClock(Instant.parse("2030-05-14T10:00:00Z"));

  @Test
  void many_reservations_at_once_admit_exactly_the_limit_in_far_fewer_calls() throws Exception {
    try (PrivateRedis server = PrivateRedis.start();
        RedisLink link = new RedisLink(server.url(), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1))) {
      RedisQuotaEngine engine = new RedisQuotaEngine(link, "t:", clock, RESET, Duration.ofMinutes(10));
      Limit perMinute = new Limit(LimitScope.GATEWAY_KEY, "gk_1", LimitKind.REQUESTS, Period.MINUTE, 300);
      Limit tokens = new Limit(LimitScope.USER, "u1", LimitKind.TOKENS, Period.DAY, 1_000_000);
      Limit slots = Limit.concurrent(LimitScope.USER, "u1", 1_000);
      List<Limit> limits = List.of(tokens, slots, perMinute);
      link.commands().configResetstat();

      List<CompletableFuture<Decision>> decisions = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        decisions.add(engine.reserveAsync(limits, Amount.ofRequest(100, 0)).toCompletableFuture());
      }
      List<Reservation> admitted = new ArrayList<>();
      int refusedByTheMinute = 0;
      for (CompletableFuture<Decision> d : decisions) {
        Decision decision = d.get(10, TimeUnit.SECONDS);
        if (decision instanceof Decision.Admitted a) {
          admitted.add(a.reservation());
        } else if (((Decision.Refused) decision).limit().equals(perMinute)) {
          refusedByTheMinute++;
        }
      }
      assertThat(admitted).hasSize(300);
      assertThat(refusedByTheMinute).isEqualTo(700);
      // A refused reservation took nothing from the limits checked before the one that refused it.
      assertThat(engine.current(tokens)).isEqualTo(300 * 100);
      assertThat(engine.current(slots)).isEqualTo(300);
      long reserveCalls = scriptCalls(link);
      assertThat(reserveCalls).isBetween(1L, 200L);

      List<CompletableFuture<Void>> settled = new ArrayList<>();
      for (int i = 0; i < admitted.size(); i++) {
        Reservation r = admitted.get(i);
        settled.add((i % 3 == 0 ? engine.releaseAsync(r) : engine.settleAsync(r, Amount.ofRequest(40, 0)))
            .toCompletableFuture());
      }
      CompletableFuture.allOf(settled.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      assertThat(engine.current(slots)).isZero();
      assertThat(engine.current(tokens)).isEqualTo(200 * 40); // 100 released, 200 settled at 40 tokens
      assertThat(engine.current(perMinute)).isEqualTo(200); // a release gives its request back
      assertThat(scriptCalls(link) - reserveCalls).isBetween(1L, 150L);
    }
  }

  @Test
  void when_the_call_fails_every_part_fails_with_redis_failure_and_the_batch_goes_on_afterwards() throws Exception {
    try (PrivateRedis server = PrivateRedis.start();
        RedisLink link = new RedisLink(server.url(), Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofSeconds(1))) {
      RedisQuotaEngine engine = new RedisQuotaEngine(link, "t:", clock, RESET, Duration.ofMinutes(10));
      List<Limit> limits = List.of(new Limit(LimitScope.GATEWAY_KEY, "gk_1", LimitKind.REQUESTS, Period.MINUTE, 100));
      engine.reserveAsync(limits, Amount.ofRequest(0, 0)).toCompletableFuture().get(5, TimeUnit.SECONDS);

      server.freeze();
      List<CompletableFuture<Decision>> stuck = new ArrayList<>();
      try {
        for (int i = 0; i < 50; i++) {
          stuck.add(engine.reserveAsync(limits, Amount.ofRequest(0, 0)).toCompletableFuture());
        }
        for (CompletableFuture<Decision> d : stuck) {
          Throwable failure = d.handle((ok, e) -> e).get(10, TimeUnit.SECONDS);
          assertThat(failure).isNotNull();
          assertThat(failure instanceof CompletionException ? failure.getCause() : failure)
              .isInstanceOf(RedisException.class);
        }
      } finally {
        server.thaw();
      }

      // Both call slots are free again: the next reservation is sent and answered.
      assertThat(engine.reserveAsync(limits, Amount.ofRequest(0, 0)).toCompletableFuture().get(5, TimeUnit.SECONDS))
          .isInstanceOf(Decision.Admitted.class);
    }
  }

  /** How many times Redis ran a script since the statistics were reset. */
  private static long scriptCalls(RedisLink link) {
    String stats = link.commands().info("commandstats");
    long calls = 0;
    Matcher m = Pattern.compile("cmdstat_(?:evalsha|eval):calls=(\\d+)").matcher(stats);
    while (m.find()) {
      calls += Long.parseLong(m.group(1));
    }
    return calls;
  }
}
