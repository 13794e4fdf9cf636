package dev.keypool.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.testkit.ManualClock;
import dev.keypool.testkit.TestRedis;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A link made for an event loop ({@link RedisLink#onLoop}) carries the quota calls made on that loop
 * and answers them there, with no other thread in between; calls from elsewhere keep the engine's own
 * link, and after {@link RedisQuotaEngine#leaveLoopLinks} so do the loop's.
 */
class RedisLoopLinkTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2030-05-14T10:00:00Z"));

  @Test
  void a_call_made_on_an_event_loop_is_sent_and_answered_on_that_loop() throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    String prefix = TestRedis.newPrefix();
    try (RedisLink link = new RedisLink(TestRedis.URL, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1))) {
      EventLoop loop = group.next();
      Thread loopThread = loop.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
      RedisLink own = link.onLoop(loop);
      RedisQuotaEngine engine = new RedisQuotaEngine(link, prefix, clock, LocalTime.of(7, 0), Duration.ofMinutes(10));
      engine.useLoopLinks(Map.of(loopThread, own));
      Limit limit = new Limit(LimitScope.GATEWAY_KEY, "gk_1", LimitKind.REQUESTS, Period.MINUTE, 10);

      for (int i = 0; i < 3; i++) {
        Answer onLoop = reserveOn(loop, engine, limit);
        assertThat(onLoop.decision()).isInstanceOf(Decision.Admitted.class);
        assertThat(onLoop.thread()).isSameAs(loopThread);
      }
      Thread elsewhere = engine.reserveAsync(List.of(limit), Amount.ofRequest(0, 0))
          .thenApply(d -> Thread.currentThread()).toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThat(elsewhere).isNotSameAs(loopThread);

      assertThat(engine.leaveLoopLinks(Duration.ofSeconds(2))).isTrue();
      own.close();
      Answer afterLeaving = reserveOn(loop, engine, limit);
      assertThat(afterLeaving.decision()).isInstanceOf(Decision.Admitted.class);
      assertThat(afterLeaving.thread()).isNotSameAs(loopThread);
      assertThat(engine.current(limit)).isEqualTo(5);
    } finally {
      TestRedis.deleteKeys(prefix);
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  private record Answer(Decision decision, Thread thread) {}

  /** Reserves from a task on {@code loop}; returns the decision and the thread that received it. */
  private static Answer reserveOn(EventLoop loop, RedisQuotaEngine engine, Limit limit) throws Exception {
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    loop.execute(() -> engine.reserveAsync(List.of(limit), Amount.ofRequest(0, 0)).whenComplete((d, e) -> {
      if (e != null) {
        answer.completeExceptionally(e);
      } else {
        answer.complete(new Answer(d, Thread.currentThread()));
      }
    }));
    return answer.get(5, TimeUnit.SECONDS);
  }
}
