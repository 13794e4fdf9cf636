package dev.keypool.quota;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;

/**
 * One connection to Redis for the quota engine, made on first use so an instance can start while
 * Redis is down. Every command is bounded by {@code timeout}; while the connection
 * is lost, commands fail at once instead of queueing, and Lettuce reconnects in the background every
 * {@code reconnectEvery}. Connecting has its own, longer timeout: a first connection (TLS, handshake,
 * a cold JVM) takes longer than a command, and happens once, not per request.
 */
public final class RedisLink implements AutoCloseable {
  private final RedisURI uri;
  private final ClientResources resources;
  private final RedisClient client;
  private final Duration timeout;
  private volatile StatefulRedisConnection<String, String> connection;

  public RedisLink(String redisUri, Duration timeout, Duration connectTimeout, Duration reconnectEvery) {
    this.uri = RedisURI.create(redisUri);
    this.timeout = timeout;
    uri.setTimeout(connectTimeout);
    this.resources = DefaultClientResources.builder().reconnectDelay(Delay.constant(reconnectEvery)).build();
    this.client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
        .timeoutOptions(TimeoutOptions.enabled(timeout))
        .build());
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

  private StatefulRedisConnection<String, String> connection() {
    StatefulRedisConnection<String, String> c = connection;
    if (c == null) {
      synchronized (this) {
        if (connection == null) {
          StatefulRedisConnection<String, String> fresh = client.connect();
          fresh.setTimeout(timeout);
          connection = fresh;
        }
        c = connection;
      }
    }
    return c;
  }

  /** Where this link points, for messages (no password is shown). */
  public String address() {
    return uri.getHost() + ":" + uri.getPort();
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      connection.close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    resources.shutdown(0, 1, java.util.concurrent.TimeUnit.SECONDS);
  }
}
