package dev.keypool.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.config.QuotasConfig;
import dev.keypool.quota.Amount;
import dev.keypool.quota.Decision;
import dev.keypool.quota.Limit;
import dev.keypool.quota.LimitKind;
import dev.keypool.quota.LimitRules;
import dev.keypool.quota.LimitScope;
import dev.keypool.quota.Period;
import dev.keypool.testkit.TestRedis;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The wiring of {@link Quotas.Built#useEventLoops}: on the gateway's native event loops every loop gets
 * its own Redis link, so a reservation made on a loop is answered on that loop; after
 * {@link Quotas.Built#leaveEventLoops} the engine's own link answers (on Lettuce's thread) and the
 * limits are still counted in Redis.
 */
class QuotaLoopLinksTest {

  @Test
  void a_reservation_made_on_an_event_loop_is_answered_there_until_the_loops_are_left() throws Exception {
    String prefix = TestRedis.newPrefix();
    QuotasConfig config = new QuotasConfig(
        Optional.of(new QuotasConfig.Redis(TestRedis.URL, Duration.ofSeconds(2), prefix, false)), LocalTime.MIDNIGHT,
        LimitRules.parse(Map.of()), LimitRules.parse(Map.of()), LimitRules.parse(Map.of()), LimitRules.parse(Map.of()));
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setPreferNativeTransport(true));
    assertThat(vertx.isNativeTransportEnabled()).as("the gateway's loops run epoll here").isTrue();
    Limit limit = new Limit(LimitScope.GATEWAY_KEY, "gk_1", LimitKind.REQUESTS, Period.MINUTE, 100);
    try (Quotas.Built quotas = Quotas.build(config, Clock.systemUTC(), Quotas.Extensions.NONE)) {
      quotas.useEventLoops(vertx);
      assertThat(quotas.loopLinks()).hasSize(2);
      for (int i = 0; i < 2; i++) {
        Context loop = vertx.getOrCreateContext();
        Answer a = reserveOn(loop, quotas, limit);
        assertThat(a.decision()).isInstanceOf(Decision.Admitted.class);
        assertThat(a.thread()).isSameAs(a.caller());
      }

      quotas.leaveEventLoops();
      assertThat(quotas.loopLinks()).isEmpty();
      Answer after = reserveOn(vertx.getOrCreateContext(), quotas, limit);
      assertThat(after.decision()).isInstanceOf(Decision.Admitted.class);
      assertThat(after.thread()).isNotSameAs(after.caller());
      assertThat(quotas.redis().current(limit)).isEqualTo(3);
    } finally {
      TestRedis.deleteKeys(prefix);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** The decision, the thread that received it and the event-loop thread that asked. */
  private record Answer(Decision decision, Thread thread, Thread caller) {}

  private static Answer reserveOn(Context loop, Quotas.Built quotas, Limit limit) throws Exception {
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    loop.runOnContext(v -> {
      Thread caller = Thread.currentThread();
      quotas.redis().reserveAsync(List.of(limit), Amount.ofRequest(0, 0)).whenComplete((d, e) -> {
        if (e != null) {
          answer.completeExceptionally(e);
        } else {
          answer.complete(new Answer(d, Thread.currentThread(), caller));
        }
      });
    });
    return answer.get(5, TimeUnit.SECONDS);
  }
}
