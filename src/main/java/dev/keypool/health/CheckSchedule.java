package dev.keypool.health;

import dev.keypool.config.HealthChecksConfig;
import dev.keypool.keypool.KeyPool;
import dev.keypool.keypool.KeySnapshot;
import dev.keypool.keypool.KeyState;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * When each key is checked: every {@code interval} of its provider plus up to {@code jitter} at random
 * (a key's first check falls anywhere within its first interval, so a thousand keys never start at
 * once), never more than {@code concurrency} at once. A banned key is checked as soon as its ban runs
 * out, whatever its interval: the check is its half-open probe, so it recovers without waiting for a
 * client request. Disabled keys, keys being probed and providers whose checks are off are skipped.
 *
 * <p>A timer on the admin port's event loop calls {@link #tick} every second; it reads the injected
 * clock, so tests advance time instead of sleeping. The timer dies with the admin port's Vert.x.
 */
public final class CheckSchedule {

  /** How often the schedule looks for due keys. */
  static final Duration TICK = Duration.ofSeconds(1);
  /** How often the health scores are recomputed from the keys' recent outcomes. */
  static final Duration RESCORE = Duration.ofSeconds(5);
  public static final String TRIGGER = "schedule";

  private final HealthChecks checks;
  private final KeyPool pool;
  /** The section the due times were drawn with: when a reload swaps it, they are drawn again. */
  private HealthChecksConfig drawnWith;
  private final Clock clock;
  private final RandomGenerator random;
  private final Map<String, Long> nextAt = new ConcurrentHashMap<>();
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final AtomicInteger active = new AtomicInteger();

  public CheckSchedule(HealthChecks checks, KeyPool pool, Clock clock, RandomGenerator random) {
    this.checks = checks;
    this.pool = pool;
    this.drawnWith = checks.config();
    this.clock = clock;
    this.random = random;
  }

  /**
   * Starts the timers: health scores, and the check schedule's, whose rounds do nothing while the
   * section in effect turns checks off (a reload may turn them on).
   */
  public void start(Vertx vertx) {
    vertx.setPeriodic(RESCORE.toMillis(), id -> pool.rescore());
    vertx.setPeriodic(TICK.toMillis(), id -> {
      if (checks.config().enabled()) {
        tick();
      }
    });
  }

  /**
   * Starts the checks that are due, up to the concurrency cap; returns how many it started. Each round
   * takes the section in effect; when a reload changed it, every key's next check is drawn again
   * within its new interval.
   */
  public synchronized int tick() {
    HealthChecksConfig config = checks.config();
    if (!config.equals(drawnWith)) {
      drawnWith = config;
      nextAt.clear();
    }
    long now = clock.millis();
    int started = 0;
    for (KeySnapshot k : pool.snapshots()) {
      if (active.get() >= config.concurrency()) {
        break;
      }
      if (due(config, k, now) && running.add(k.id())) {
        HealthChecksConfig.ProviderCheck p = config.provider(k.providerId());
        nextAt.put(k.id(), now + p.interval().toMillis() + jitter(config));
        active.incrementAndGet();
        started++;
        checks.check(k.id(), TRIGGER).onComplete(ar -> {
          running.remove(k.id());
          active.decrementAndGet();
        });
      }
    }
    return started;
  }

  private boolean due(HealthChecksConfig config, KeySnapshot k, long now) {
    HealthChecksConfig.ProviderCheck p = config.provider(k.providerId());
    if (!p.enabled() || k.state() == KeyState.DISABLED || k.state() == KeyState.PROBING || running.contains(k.id())) {
      return false;
    }
    if (k.state() == KeyState.BANNED) {
      return k.bannedUntil() == null || !k.bannedUntil().isAfter(clock.instant());
    }
    Long at = nextAt.get(k.id());
    if (at == null) {
      nextAt.put(k.id(), now + (long) (random.nextDouble() * p.interval().toMillis()));
      return false;
    }
    return now >= at;
  }

  private long jitter(HealthChecksConfig config) {
    long max = config.jitter().toMillis();
    return max <= 0 ? 0 : random.nextLong(max + 1);
  }
}
