package dev.keypool.testkit;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.security.SecureRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * The machine's shared Redis that tests run against, {@code redis://127.0.0.1:6379} unless
 * KEYPOOL_TEST_REDIS_URL says otherwise. Each test takes a random key prefix and deletes its keys
 * afterwards. When Redis is unreachable the test fails, naming the address, since a silently skipped
 * Redis is an untested one; KEYPOOL_SKIP_REDIS=1 skips instead, loudly.
 */
public final class TestRedis {
  public static final String URL = env("KEYPOOL_TEST_REDIS_URL", "redis://127.0.0.1:6379");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static RedisCommands<String, String> shared;
  private static volatile String unreachable;

  private TestRedis() {}

  /** A fresh key prefix, after checking Redis answers (or skipping/failing the test as described above). */
  public static String newPrefix() {
    if (unreachable != null) {
      requireFailed(unreachable, null);
    }
    try {
      shared().ping();
    } catch (RuntimeException e) {
      requireFailed("Redis unreachable at " + URL + ": " + e.getMessage(), e);
    }
    return "kp_test_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36) + ":";
  }

  /** Deletes every key under {@code prefix}. */
  public static void deleteKeys(String prefix) {
    RedisCommands<String, String> redis = shared();
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
      if (!page.getKeys().isEmpty()) {
        redis.del(page.getKeys().toArray(String[]::new));
      }
      cursor = page;
    } while (!cursor.isFinished());
  }

  /** The keys matching the glob {@code pattern}, in no order. */
  public static java.util.List<String> keys(String pattern) {
    return shared().keys(pattern);
  }

  /** The time to live of {@code key} in ms: -1 without one, -2 when there is no such key. */
  public static long pttl(String key) {
    return shared().pttl(key);
  }

  /** How many members the sorted set {@code key} has. */
  public static long zcard(String key) {
    return shared().zcard(key);
  }

  /** Sets the time to live of {@code key} to {@code ms}. */
  public static void pexpire(String key, long ms) {
    shared().pexpire(key, ms);
  }

  /** The value of {@code key}, or null. */
  public static String get(String key) {
    return shared().get(key);
  }

  /** One connection to the shared Redis for the whole test run, made on first use (the JVM's exit closes it). */
  private static synchronized RedisCommands<String, String> shared() {
    if (shared == null) {
      try {
        shared = RedisClient.create(URL).connect().sync();
      } catch (RuntimeException e) {
        unreachable = "Redis unreachable at " + URL + ": " + e.getMessage();
        requireFailed(unreachable, e);
      }
    }
    return shared;
  }

  /** Fails the test with {@code msg}, or skips it loudly when KEYPOOL_SKIP_REDIS=1. */
  public static void requireFailed(String msg, Throwable cause) {
    if ("1".equals(System.getenv("KEYPOOL_SKIP_REDIS"))) {
      System.err.println("WARNING ********** SKIPPING REDIS TESTS (KEYPOOL_SKIP_REDIS=1): " + msg);
      Assumptions.abort("KEYPOOL_SKIP_REDIS=1: " + msg);
    }
    throw new AssertionError(msg + "\n  Start Redis (redis-server), point KEYPOOL_TEST_REDIS_URL at one, "
        + "or set KEYPOOL_SKIP_REDIS=1 to skip these tests.", cause);
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
