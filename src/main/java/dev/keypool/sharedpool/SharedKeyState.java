package dev.keypool.sharedpool;

import dev.keypool.affinity.SessionAffinity;
import dev.keypool.affinity.SessionSharing;
import dev.keypool.config.ModelRouteConfig;
import dev.keypool.keypool.KeyChange;
import dev.keypool.keypool.KeyPool;
import dev.keypool.keypool.KeySharing;
import dev.keypool.keypool.KeySnapshot;
import dev.keypool.keypool.RateLimitUpdate;
import dev.keypool.quota.RedisLink;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One key pool across the instances of a deployment, through Redis: every change of a key's penalties
 * (cooldown, ban, recovery, an operator's enable) is published at once, the upstream's rate-limit figures
 * and the requests each instance makes with a key every {@link #FLUSH}, and "keys changed" when the admin
 * API changed definitions, so that the others re-read them from the database. Each instance applies what
 * the others publish to its own pool: the request path reads memory only. A banned key's half-open probe
 * is taken by whichever instance wins the key's lease for that ban ({@code SET NX PX}), so it runs once.
 *
 * <p>While Redis does not answer ({@link PoolChannel}), each pool decides alone, as without Redis; once it
 * answers again, the instance reads the shared state and publishes its own resting keys, and the pools
 * converge (applying a change only extends a cooldown or adopts a later ban).
 */
public final class SharedKeyState implements KeySharing, SessionSharing, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SharedKeyState.class);
  /** How often figures and requests are published: batches them, well within the 100 ms others may lag. */
  static final Duration FLUSH = Duration.ofMillis(25);
  /** How often banned keys whose ban ran out are offered for their probe lease. */
  static final Duration CLAIM = Duration.ofMillis(100);
  /** How long a probe lease lasts: past it (an instance died mid-probe) another instance may probe. */
  static final Duration PROBE_LEASE = Duration.ofSeconds(60);
  static final Duration PROBE_REDIS = Duration.ofMillis(500);

  private final String instance;
  private final KeyPool pool;
  private final Clock clock;
  private final PoolChannel channel;
  private final Consumer<String> reloadKeys;
  private final ExecutorService reloads;
  private final AtomicBoolean reloadQueued = new AtomicBoolean();
  private final Map<String, LongAdder> borrowed = new ConcurrentHashMap<>();
  private final Map<String, RateLimitUpdate> figures = new ConcurrentHashMap<>();
  /** Probe leases asked for and not answered, or lost: lease name -> epoch ms of the next try. */
  private final Map<String, Long> leases = new ConcurrentHashMap<>();
  private final MeterRegistry meters;
  private final StoredSessions stored;
  private volatile SessionAffinity sessions;
  private volatile Supplier<List<ModelRouteConfig>> routes = List::of;

  /**
   * @param reloadKeys re-reads the keys from the database into the pool (blocks), told which instance changed them
   */
  public SharedKeyState(RedisLink link, String prefix, String instance, KeyPool pool, Clock clock,
      Consumer<String> reloadKeys, MeterRegistry meters) {
    this.instance = instance;
    this.pool = pool;
    this.clock = clock;
    this.reloadKeys = reloadKeys;
    this.meters = meters;
    this.channel = new PoolChannel(link, prefix, this::received, this::resync);
    this.stored = new StoredSessions(link, channel, prefix, clock);
    this.reloads = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "keypool-shared-pool-reload");
      t.setDaemon(true);
      return t;
    });
    Gauge.builder("keypool.shared.pool.up", channel, c -> c.up() ? 1 : 0)
        .description("1 while provider key state is shared through Redis, 0 while this instance decides alone")
        .register(meters);
  }

  /** Connects (off the caller's thread), then publishes and applies until {@link #close}. */
  public SharedKeyState start() {
    channel.start(PROBE_REDIS);
    channel.every(FLUSH, this::flush);
    channel.every(CLAIM, this::claimProbes);
    pool.share(this);
    return this;
  }

  /**
   * Shares {@code affinity}'s bindings too: each one made here is published and kept in Redis for the
   * route's ttl, those of others are adopted, and on joining (at start, after an outage) the stored ones
   * of {@code routes} are loaded, so that sessions bound before keep their key here from their first request.
   * Before {@link #start}, so that the first join loads them.
   */
  public SharedKeyState withSessions(SessionAffinity affinity, Supplier<List<ModelRouteConfig>> routes) {
    this.routes = routes;
    this.sessions = affinity;
    affinity.share(this);
    return this;
  }

  /** This instance's name on the channel, as other instances' logs show it. */
  public String instance() {
    return instance;
  }

  /** {@code redis} while shared, {@code local-fallback} while Redis does not answer. */
  public String state() {
    return channel.state();
  }

  @Override
  public boolean coordinatesProbes() {
    return channel.up();
  }

  @Override
  public void changed(KeyChange change) {
    if (channel.up()) {
      channel.submit(() -> publish(PoolEvent.change(instance, change)));
    }
  }

  @Override
  public void borrowed(String keyId) {
    if (channel.up()) {
      borrowed.computeIfAbsent(keyId, k -> new LongAdder()).increment();
    }
  }

  @Override
  public void figures(String keyId, RateLimitUpdate update) {
    if (channel.up()) {
      // The upstream's figure already counts the requests made here before it: they are not sent again.
      LongAdder counted = borrowed.get(keyId);
      if (counted != null) {
        counted.reset();
      }
      figures.put(keyId, update);
    }
  }

  @Override
  public void definitionsChanged() {
    if (channel.up()) {
      channel.submit(() -> publish(PoolEvent.keys(instance)));
    }
  }

  @Override
  public void bound(String routeId, String sessionHash, String keyId, long boundAt, Duration ttl) {
    if (channel.up()) {
      long usedAt = clock.millis(); // now, not when the queue gets to it
      channel.submit(() -> {
        publish(PoolEvent.session(instance, keyId, new PoolEvent.SessionBound(routeId, sessionHash, boundAt)));
        stored.store(routeId, sessionHash, keyId, boundAt, usedAt, ttl);
      });
    }
  }

  private void publish(PoolEvent e) {
    String field = switch (e.type()) {
      case CHANGE -> e.keyId() + (e.change().kind() == KeyChange.Kind.COOLING_DOWN ? ":cool" : ":ban");
      case FIGURES -> e.keyId() + ":figures";
      case BORROWED, KEYS, SESSION -> null;
    };
    if (e.type() == PoolEvent.Type.CHANGE && e.change().kind() == KeyChange.Kind.FORGIVEN) {
      // Nothing to keep: a joining instance simply finds no penalty.
      channel.forget(e.keyId() + ":cool", e.keyId() + ":ban");
      field = null;
    }
    channel.publish(e.encode(), field, true);
    meters.counter("keypool.shared.pool.events.published", "kind", e.kind()).increment();
  }

  private void flush() {
    if (!channel.up()) {
      return;
    }
    for (String keyId : Set.copyOf(figures.keySet())) {
      RateLimitUpdate u = figures.remove(keyId);
      if (u != null) {
        publish(PoolEvent.figures(instance, keyId, u));
      }
    }
    for (Map.Entry<String, LongAdder> e : borrowed.entrySet()) {
      long n = e.getValue().sumThenReset();
      if (n > 0) {
        publish(PoolEvent.borrowed(instance, e.getKey(), n));
      }
    }
  }

  private void claimProbes() {
    if (!channel.up()) {
      return;
    }
    long now = clock.millis();
    Map<String, Long> wanted = pool.probesToClaim();
    leases.keySet().removeIf(name -> !wanted.containsKey(name.substring(0, name.lastIndexOf(':'))));
    for (Map.Entry<String, Long> e : wanted.entrySet()) {
      String name = e.getKey() + ":" + e.getValue();
      Long next = leases.get(name);
      if (next != null && now < next) {
        continue;
      }
      leases.put(name, Long.MAX_VALUE);
      channel.lease(name, instance, PROBE_LEASE).thenAccept(won -> {
        if (won && pool.claimProbe(e.getKey(), e.getValue())) {
          LOG.debug("This instance ({}) probes provider key {} for the shared pool", instance, e.getKey());
          leases.remove(name);
        } else {
          leases.put(name, clock.millis() + (won ? 0 : PROBE_LEASE.toMillis()));
        }
      });
    }
  }

  /** A message of the channel (on Lettuce's thread): applied unless this instance sent it. */
  private void received(String message) {
    PoolEvent e = PoolEvent.decode(message);
    if (e == null || instance.equals(e.origin())) {
      return;
    }
    apply(e);
  }

  private void apply(PoolEvent e) {
    switch (e.type()) {
      case CHANGE -> pool.adopt(e.change(), e.origin());
      case FIGURES -> pool.adoptFigures(e.keyId(), e.figures());
      case BORROWED -> pool.adoptBorrowed(e.keyId(), e.borrowed());
      case KEYS -> reload(e.origin());
      case SESSION -> adoptSession(e);
    }
    meters.counter("keypool.shared.pool.events.applied", "kind", e.kind()).increment();
  }

  private void adoptSession(PoolEvent e) {
    SessionAffinity affinity = sessions;
    if (affinity != null) {
      affinity.adopt(e.session().routeId(), e.session().sessionHash(), e.keyId(), e.session().boundAt());
    }
  }

  /** Re-reads the keys once for any number of "keys changed" that arrive while a read waits or runs. */
  private void reload(String origin) {
    if (reloadQueued.compareAndSet(false, true)) {
      reloads.execute(() -> {
        reloadQueued.set(false);
        try {
          reloadKeys.accept(origin);
        } catch (RuntimeException ex) {
          LOG.warn("cannot re-read provider keys changed by instance {}: {}", origin, ex.getMessage());
        }
      });
    }
  }

  /**
   * On (re)joining: applies the shared state and the stored sessions, then publishes this instance's
   * resting keys, which the others may not know of (penalties given while Redis was down). Keys may have
   * changed meanwhile too.
   */
  private void resync() {
    for (String message : channel.readState().values()) {
      PoolEvent e = PoolEvent.decode(message);
      if (e != null) {
        apply(e);
      }
    }
    SessionAffinity affinity = sessions;
    if (affinity != null) {
      stored.load(routes.get(), affinity);
    }
    long now = clock.millis();
    for (KeySnapshot k : pool.snapshots()) {
      if (k.bannedUntil() != null && (k.state() == dev.keypool.keypool.KeyState.BANNED
          || k.state() == dev.keypool.keypool.KeyState.PROBING)) {
        publish(PoolEvent.change(instance, new KeyChange(KeyChange.Kind.BANNED, k.id(), k.bannedUntil().toEpochMilli(),
            0, k.stateReason())));
      } else if (k.cooldownUntil() != null && k.cooldownUntil().toEpochMilli() > now) {
        publish(PoolEvent.change(instance, new KeyChange(KeyChange.Kind.COOLING_DOWN, k.id(),
            k.cooldownUntil().toEpochMilli(), 0, k.stateReason())));
      }
    }
    reload(instance);
  }

  @Override
  public void close() {
    pool.share(KeySharing.NONE);
    SessionAffinity affinity = sessions;
    if (affinity != null) {
      affinity.share(SessionSharing.NONE);
    }
    channel.close();
    reloads.shutdownNow();
  }
}
