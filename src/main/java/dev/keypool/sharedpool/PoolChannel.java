package dev.keypool.sharedpool;

import dev.keypool.quota.RedisLink;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.SetArgs;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis side of a shared pool: one channel for events, one hash holding each key's latest events
 * (what an instance joining, or back from an outage, reads first), and one lease per banned key's probe.
 * Commands go through the quota engine's {@link RedisLink} (its connection, asynchronously; only the
 * subscription needs a connection of its own) from one thread of this class, never from an event loop.
 *
 * <p>Like the quota engine, it is <em>down</em> from the first failure (a lost subscription, a failed
 * command) until a background probe every {@code probeEvery} gets an answer again; then it reads the
 * shared state, and it is up again. Both switches are logged once. While down, each instance's pool
 * decides alone and nothing is published.
 */
final class PoolChannel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PoolChannel.class);

  private final RedisLink link;
  private final String channel;
  private final String stateKey;
  private final String leasePrefix;
  private final Consumer<String> onMessage;
  private final Runnable onUp;
  private final ScheduledExecutorService thread;
  private final AtomicReference<String> down = new AtomicReference<>("not connected yet");
  private volatile boolean everUp;
  private volatile boolean warned;
  private volatile boolean closed;
  private volatile StatefulRedisPubSubConnection<String, String> subscription;

  /**
   * @param onMessage every message of the channel, on Lettuce's thread
   * @param onUp run on this channel's thread once subscribed, before it counts as up: reads the shared state
   */
  PoolChannel(RedisLink link, String prefix, Consumer<String> onMessage, Runnable onUp) {
    this.link = link;
    this.channel = prefix + "pool:events";
    this.stateKey = prefix + "pool:state";
    this.leasePrefix = prefix + "pool:probe:";
    this.onMessage = onMessage;
    this.onUp = onUp;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "keypool-shared-pool");
      t.setDaemon(true);
      return t;
    });
  }

  void start(Duration probeEvery) {
    thread.execute(this::probe);
    every(probeEvery, this::probe);
  }

  /** Runs {@code task} on this channel's thread every {@code period}; a failing run is logged, not fatal. */
  void every(Duration period, Runnable task) {
    thread.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("shared key pool task failed: {}", e.toString());
      }
    }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs {@code task} on this channel's thread soon. */
  void submit(Runnable task) {
    if (!thread.isShutdown()) {
      thread.execute(task);
    }
  }

  boolean up() {
    return down.get() == null;
  }

  /** {@code redis} while shared, {@code local-fallback} while Redis does not answer. */
  String state() {
    return up() ? "redis" : "local-fallback";
  }

  /**
   * Publishes {@code message}; when {@code field} is given, the state hash keeps it under that name first
   * (or drops the field when {@code keep} is false). Called on this channel's thread.
   */
  void publish(String message, String field, boolean keep) {
    var redis = link.async();
    if (field != null) {
      (keep ? redis.hset(stateKey, field, message) : redis.hdel(stateKey, field)).exceptionally(this::failed);
    }
    redis.publish(channel, message).exceptionally(this::failed);
  }

  /** Drops the state hash's fields, e.g. of a key that no longer exists. */
  void forget(String... fields) {
    link.async().hdel(stateKey, fields).exceptionally(this::failed);
  }

  /** Tries for the lease {@code name} for {@code ttl}; completes with whether this instance got it. */
  CompletionStage<Boolean> lease(String name, String owner, Duration ttl) {
    return link.async().set(leasePrefix + name, owner, SetArgs.Builder.nx().px(ttl.toMillis()))
        .thenApply("OK"::equals)
        .exceptionally(e -> {
          failed(e);
          return false;
        });
  }

  /** The state hash: the latest events by field. Blocks (on this channel's thread only). */
  Map<String, String> readState() {
    return link.commands().hgetall(stateKey);
  }

  /** A command failed: down until the probe gets an answer. Returns null, for {@code exceptionally}. */
  <T> T failed(Throwable e) {
    goDown(e.getMessage());
    return null;
  }

  private void goDown(String why) {
    String reason = "Redis at " + link.address() + ": " + why;
    if (!closed && down.compareAndSet(null, reason)) {
      LOG.warn("Provider key state is now LOCAL to this instance (other instances no longer see its cooldowns, "
          + "bans and rate limits) until Redis answers again: {}", reason);
    }
  }

  /** While down: subscribes (once), checks that Redis answers, reads the shared state, and is up again. */
  private void probe() {
    String reason = down.get();
    if (reason == null) {
      return;
    }
    try {
      if (subscription == null) {
        subscription = subscribe();
      }
      link.commands().ping();
      if (!subscription.isOpen()) {
        return;
      }
      onUp.run();
    } catch (RuntimeException e) {
      if (!everUp && !warned) {
        warned = true;
        LOG.warn("Provider key state stays LOCAL to this instance until Redis at {} answers: {}", link.address(),
            e.getMessage());
      }
      LOG.debug("shared key pool probe failed: {}", e.getMessage());
      return;
    }
    if (down.compareAndSet(reason, null)) {
      LOG.info("Provider key state is shared through Redis at {}{}", link.address(), everUp ? " again" : "");
      everUp = true;
    }
  }

  private StatefulRedisPubSubConnection<String, String> subscribe() {
    StatefulRedisPubSubConnection<String, String> c = link.connectPubSub();
    c.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(String ch, String message) {
        onMessage.accept(message);
      }
    });
    c.addListener(new RedisConnectionStateListener() {
      @Override
      public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
        // Messages published meanwhile are lost: down until the probe has read the shared state again.
        goDown("the subscription was lost");
      }
    });
    try {
      c.sync().subscribe(channel);
    } catch (RuntimeException e) {
      c.closeAsync();
      throw e;
    }
    return c;
  }

  @Override
  public void close() {
    closed = true;
    thread.shutdownNow();
    StatefulRedisPubSubConnection<String, String> c = subscription;
    if (c != null) {
      c.close();
    }
  }
}
