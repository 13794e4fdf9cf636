package dev.keypool.keypool;

import dev.keypool.testkit.ManualClock;

import dev.keypool.config.RoutingConfig;
import dev.keypool.config.RoutingConfig.BanPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/** A pool on a fake clock with a known routing policy, and helpers to define keys and run leases. */
final class PoolFixture {

  static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(30);
  static final BanPolicy BAN = new BanPolicy(Set.of(401, 403), 3, Duration.ofMinutes(5),
      Duration.ofMinutes(10), Duration.ofMinutes(40));
  static final RoutingConfig ROUTING = new RoutingConfig(Strategy.ROUND_ROBIN, 3, Duration.ofSeconds(60), 1,
      DEFAULT_COOLDOWN, BAN);

  final ManualClock clock = new ManualClock(START);
  final KeyPool pool;

  PoolFixture() {
    this(new SplittableRandom(42));
  }

  PoolFixture(java.util.random.RandomGenerator random) {
    pool = new KeyPool(clock, ROUTING, random);
  }

  static ProviderKey key(String id, String provider, int priority, int weight, int rpm, boolean enabled) {
    return new ProviderKey(id, provider, "name-" + id, "sk-secret-value-" + id, priority, weight, List.of(), null,
        rpm, enabled, enabled ? null : "turned off", "config", START, START);
  }

  static ProviderKey key(String id) {
    return key(id, "openai", 0, 1, 0, true);
  }

  PoolFixture keys(String... ids) {
    for (String id : ids) {
      pool.put(key(id));
    }
    return this;
  }

  KeyLease lease(Strategy strategy) {
    return lease(new BorrowRequest("openai", "route", strategy, 1, Set.of()));
  }

  KeyLease lease(BorrowRequest request) {
    Borrow b = pool.borrow(request);
    if (b instanceof Borrow.Leased leased) {
      return leased.lease();
    }
    throw new AssertionError("expected a lease, got " + b);
  }

  Borrow.Unavailable unavailable(Strategy strategy) {
    Borrow b = pool.borrow(new BorrowRequest("openai", "route", strategy, 1, Set.of()));
    if (b instanceof Borrow.Unavailable u) {
      return u;
    }
    throw new AssertionError("expected unavailable, got " + b);
  }

  /** Borrows and immediately succeeds {@code n} times, returning the ids lent in order. */
  List<String> sequence(Strategy strategy, int n) {
    return sequence(new BorrowRequest("openai", "route", strategy, 1, Set.of()), n);
  }

  List<String> sequence(BorrowRequest request, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      KeyLease l = lease(request);
      ids.add(l.key().id());
      l.succeed();
    }
    return ids;
  }

  /** A lease on exactly this key (every other key of its provider excluded). */
  KeyLease leaseOf(String id) {
    String provider = pool.snapshot(id).providerId();
    Set<String> others = new java.util.HashSet<>();
    for (KeySnapshot s : pool.snapshots()) {
      if (s.providerId().equals(provider) && !s.id().equals(id)) {
        others.add(s.id());
      }
    }
    return lease(new BorrowRequest(provider, "test-setup", Strategy.ROUND_ROBIN, 1, others));
  }

  /** Makes the key cool down for {@code d} through a rate-limited lease. */
  void coolDown(String id, Duration d) {
    leaseOf(id).fail(FailureClass.RATE_LIMIT, 429, d, "slow down");
  }

  List<KeySnapshot> snapshots() {
    return pool.snapshots();
  }

  KeySnapshot snapshot(String id) {
    return pool.snapshot(id);
  }

  static HeaderSource headers(Map<String, String> map) {
    return map::get;
  }
}
