package dev.keypool.quota;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.EventLoopGroupProvider;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One connection to Redis for the quota engine, made on first use so an instance can start while
 * Redis is down. Every command is bounded by {@code timeout}; while the connection
 * is lost, commands fail at once instead of queueing, and Lettuce reconnects in the background every
 * {@code reconnectEvery}. Connecting has its own, longer timeout: a first connection (TLS, handshake,
 * a cold JVM) takes longer than a command, and happens once, not per request.
 *
 * <p>The connection is made asynchronously and shared: {@link #commands()} waits for it (off the event
 * loops), {@link #whenConnected()} does not, so an event loop can send its first command without ever
 * waiting for the handshake. A failed attempt is forgotten and the next use tries again.
 */
public final class RedisLink implements AutoCloseable {
  private final RedisURI uri;
  private final ClientResources resources;
  private final RedisClient client;
  private final Duration timeout;
  private final Duration connectTimeout;
  /** False for a link made by {@link #onLoop}: its resources are its parent's, shut down by the parent. */
  private final boolean ownsResources;
  private volatile StatefulRedisConnection<String, String> connection;
  private CompletableFuture<StatefulRedisConnection<String, String>> attempt;
  private boolean closed;

  public RedisLink(String redisUri, Duration timeout, Duration connectTimeout, Duration reconnectEvery) {
    this(RedisURI.create(redisUri), timeout, connectTimeout,
        DefaultClientResources.builder().reconnectDelay(Delay.constant(reconnectEvery)).build(), true);
  }

  private RedisLink(RedisURI uri, Duration timeout, Duration connectTimeout, ClientResources resources,
      boolean ownsResources) {
    this.ownsResources = ownsResources;
    this.uri = uri;
    this.timeout = timeout;
    this.connectTimeout = connectTimeout;
    uri.setTimeout(connectTimeout);
    this.resources = resources;
    this.client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
        .timeoutOptions(TimeoutOptions.enabled(timeout))
        .build());
  }

  /**
   * A link to the same Redis, with the same timeouts and reconnection, whose connection lives on
   * {@code loop}: a command sent from that loop is written at once and its answer is read there, so
   * neither crosses to another thread (each crossing wakes a sleeping thread, which cost more CPU than
   * the command). Lettuce's other threads (timer, computation) stay the ones of the link this is
   * called on, so close the new link before that one; the loop stays its owner's: closing the new link
   * never shuts it down. The loop must run Netty's native transport when Lettuce does (both choose it
   * when it is available).
   */
  public RedisLink onLoop(EventLoop loop) {
    return new RedisLink(uri, timeout, connectTimeout,
        resources.mutate().eventLoopGroupProvider(new OneLoop(loop)).build(), false);
  }

  /** Lettuce's I/O threads of a link made for one event loop: that loop, which Lettuce never shuts down. */
  private record OneLoop(EventLoop loop) implements EventLoopGroupProvider {
    @Override
    @SuppressWarnings("unchecked")
    public <T extends EventLoopGroup> T allocate(Class<T> type) {
      return (T) loop; // an event loop is a group of one; Lettuce only registers its channel on it
    }

    @Override
    public int threadPoolSize() {
      return 1;
    }

    @Override
    public Future<Boolean> release(EventExecutorGroup group, long quietPeriod, long timeout, TimeUnit unit) {
      return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
    }

    @Override
    public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit unit) {
      return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
    }
  }

  /** A link with a 100 ms command timeout and a 2 s connect timeout that reconnects every second. */
  public static RedisLink of(String redisUri) {
    return new RedisLink(redisUri, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(1));
  }

  /** The commands, connecting first if need be; throws Lettuce's RedisException if Redis cannot be reached. */
  public RedisCommands<String, String> commands() {
    return connection().sync();
  }

  /**
   * The same connection's commands without waiting for answers, for callers that must not block; connects
   * first if need be (which blocks: call it off the event loops until a command has succeeded once).
   */
  public RedisAsyncCommands<String, String> async() {
    return connection().async();
  }

  /**
   * A publish/subscribe connection of the same client, with the same timeouts and reconnection: a
   * subscribed connection serves nothing else, so it cannot be the shared one. Blocks while connecting.
   */
  public StatefulRedisPubSubConnection<String, String> connectPubSub() {
    StatefulRedisPubSubConnection<String, String> fresh = client.connectPubSub();
    fresh.setTimeout(timeout);
    return fresh;
  }

  /**
   * The asynchronous commands once connected, without blocking: connects first (asynchronously) if need
   * be. The stage fails with Lettuce's {@code RedisException} when Redis cannot be reached.
   */
  public CompletionStage<RedisAsyncCommands<String, String>> whenConnected() {
    return connecting().thenApply(StatefulRedisConnection::async);
  }

  private StatefulRedisConnection<String, String> connection() {
    StatefulRedisConnection<String, String> c = connection;
    if (c != null) {
      return c;
    }
    try {
      return connecting().get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new RedisException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RedisException("interrupted while connecting to " + address(), e);
    }
  }

  /**
   * The connection, or the attempt under way. Holds the lock only to read or start an attempt (no I/O
   * under it), so an event loop may call it.
   */
  private synchronized CompletableFuture<StatefulRedisConnection<String, String>> connecting() {
    if (closed) {
      return CompletableFuture.failedFuture(new RedisException("the link to " + address() + " is closed"));
    }
    if (attempt == null || attempt.isCompletedExceptionally()) {
      attempt = client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture().thenApply(fresh -> {
        fresh.setTimeout(timeout);
        connection = fresh;
        return fresh;
      });
    }
    return attempt;
  }

  /** Where this link points, for messages (no password is shown). */
  public String address() {
    return uri.getHost() + ":" + uri.getPort();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (attempt != null) {
      // An attempt under way when closing is closed as soon as it connects.
      attempt.thenAccept(StatefulRedisConnection::close);
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    if (ownsResources) {
      resources.shutdown(0, 1, TimeUnit.SECONDS);
    }
  }
}
