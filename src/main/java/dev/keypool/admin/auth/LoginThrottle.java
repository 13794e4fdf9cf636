package dev.keypool.admin.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Failed-login counting per user name and per client address: after {@code maxFailures} failures of
 * either within {@code window}, attempts are refused, without checking the password, until enough
 * failures have aged out. A successful login clears its user name's failures (not the address's, so
 * one known account cannot be used to reset the count while guessing others).
 *
 * <p>Per instance, in memory: behind a load balancer an attacker gets that many tries per instance,
 * which still bounds guessing to a few per minute. The map is swept when it grows, so spraying names
 * cannot exhaust memory.
 */
public final class LoginThrottle {
  private static final int SWEEP_ABOVE = 10_000;

  private final Clock clock;
  private final int maxFailures;
  private final long windowMillis;
  private final Map<String, ArrayDeque<Long>> failures = new HashMap<>();

  public LoginThrottle(Clock clock, int maxFailures, Duration window) {
    this.clock = clock;
    this.maxFailures = maxFailures;
    this.windowMillis = window.toMillis();
  }

  /** Zero when an attempt may go ahead, else how long until one may. */
  public synchronized Duration wait(String username, String address) {
    long now = clock.millis();
    long until = Math.max(blockedUntil(userKey(username), now), blockedUntil(addressKey(address), now));
    return until <= now ? Duration.ZERO : Duration.ofMillis(until - now);
  }

  public synchronized void failed(String username, String address) {
    long now = clock.millis();
    if (failures.size() > SWEEP_ABOVE) {
      failures.values().removeIf(q -> prune(q, now).isEmpty());
    }
    for (String key : new String[] {userKey(username), addressKey(address)}) {
      failures.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
    }
  }

  public synchronized void succeeded(String username) {
    failures.remove(userKey(username));
  }

  /** When the key may try again: once the failure that makes the count reach the limit has aged out. */
  private long blockedUntil(String key, long now) {
    ArrayDeque<Long> q = failures.get(key);
    if (q == null || prune(q, now).size() < maxFailures) {
      return 0;
    }
    // Oldest first: after the first (size - max + 1) expire, fewer than max remain.
    return q.stream().skip(q.size() - maxFailures).findFirst().orElse(now) + windowMillis;
  }

  private ArrayDeque<Long> prune(ArrayDeque<Long> q, long now) {
    while (!q.isEmpty() && q.peekFirst() + windowMillis <= now) {
      q.pollFirst();
    }
    return q;
  }

  private static String userKey(String username) {
    return "user:" + username;
  }

  private static String addressKey(String address) {
    return "addr:" + address;
  }
}
