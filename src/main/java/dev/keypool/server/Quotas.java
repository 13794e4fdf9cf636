package dev.keypool.server;

import dev.keypool.config.QuotasConfig;
import dev.keypool.quota.BalanceHolds;
import dev.keypool.quota.FailoverQuotaEngine;
import dev.keypool.quota.LimitResolver;
import dev.keypool.quota.LocalQuotaEngine;
import dev.keypool.quota.PrepaidBalances;
import dev.keypool.quota.QuotaEngine;
import dev.keypool.quota.RedisLink;
import dev.keypool.quota.RedisQuotaEngine;
import dev.keypool.quota.Tenancy;
import dev.keypool.relay.QuotaGate;
import io.lettuce.core.resource.EpollProvider;
import io.lettuce.core.resource.IOUringProvider;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the quota side of an instance from {@code quotas:}: the in-memory engine alone, or Redis with
 * local fallback, with the {@link Tenancy} and {@link PrepaidBalances} {@link Gateway} gives it (the
 * directory's, or scripted ones in tests).
 */
public final class Quotas {
  private static final Logger log = LoggerFactory.getLogger(Quotas.class);
  /** A concurrency slot never settled (an instance died mid-request) is freed after this. */
  static final Duration CONCURRENCY_LEASE = Duration.ofMinutes(30);

  /** Who owns gateway keys and their prepaid balances; {@link #NONE}: nobody, no balance. */
  public record Extensions(Tenancy tenancy, PrepaidBalances balances) {
    public static final Extensions NONE = new Extensions(Tenancy.NONE, PrepaidBalances.NONE);
  }

  private Quotas() {}

  /**
   * The gate and, when Redis is configured, its engine, its link and the links of the event loops
   * (closed with the gate by {@link Gateway}).
   */
  record Built(QuotaGate gate, RedisLink link, RedisQuotaEngine redis, List<RedisLink> loopLinks)
      implements AutoCloseable {

    /**
     * Gives each of {@code vertx}'s event loops a Redis connection of its own on that loop, for the
     * reservations and settlements its requests make ({@link RedisQuotaEngine#useLoopLinks}): no
     * thread hop on the way out or back. Only when both Vert.x and Lettuce run Netty's epoll
     * transport, the one such a link's channel needs; otherwise the engine's own link serves all.
     */
    void useEventLoops(Vertx vertx) throws Exception {
      if (redis == null || !vertx.isNativeTransportEnabled() || !EpollProvider.isAvailable()
          || IOUringProvider.isAvailable()) {
        return;
      }
      Map<Thread, RedisLink> links = new HashMap<>();
      for (EventExecutor executor : ((VertxInternal) vertx).nettyEventLoopGroup()) {
        EventLoop loop = (EventLoop) executor;
        Thread thread = loop.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
        RedisLink own = link.onLoop(loop);
        loopLinks.add(own);
        links.put(thread, own);
      }
      redis.useLoopLinks(links);
    }

    /**
     * Before the event loops stop: later calls go through the engine's own link, and the loop links
     * are closed once what they carry is answered (at most 2 s), so no settlement is lost with them.
     */
    void leaveEventLoops() {
      if (redis != null && !loopLinks.isEmpty()) {
        if (!redis.leaveLoopLinks(Duration.ofSeconds(2))) {
          log.warn("Redis quota calls of the event loops were still unanswered after 2 s; closing their links");
        }
        loopLinks.forEach(RedisLink::close);
        loopLinks.clear();
      }
    }

    @Override
    public void close() {
      gate.close();
      loopLinks.forEach(RedisLink::close);
      if (link != null) {
        link.close();
      }
    }
  }

  static Built build(QuotasConfig config, Clock clock, Extensions extensions) {
    LocalQuotaEngine local = new LocalQuotaEngine(clock, config.dailyReset());
    RedisLink link = null;
    RedisQuotaEngine shared = null;
    QuotaEngine engine = local;
    if (config.redis().isPresent()) {
      QuotasConfig.Redis redis = config.redis().get();
      link = new RedisLink(redis.url(), redis.timeout(), Duration.ofSeconds(2), Duration.ofSeconds(1));
      shared = new RedisQuotaEngine(link, redis.prefix(), clock, config.dailyReset(), CONCURRENCY_LEASE);
      engine = new FailoverQuotaEngine(shared, local);
    }
    LimitResolver resolver = new LimitResolver(config, extensions.tenancy());
    return new Built(new QuotaGate(engine, resolver, new BalanceHolds(extensions.balances())), link, shared,
        new CopyOnWriteArrayList<>());
  }
}
