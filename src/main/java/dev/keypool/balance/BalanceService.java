package dev.keypool.balance;

import dev.keypool.config.BalancesConfig;
import dev.keypool.config.ProviderConfig;
import dev.keypool.keypool.KeyPool;
import dev.keypool.keypool.KeySnapshot;
import dev.keypool.keypool.ProviderKey;
import dev.keypool.routing.RouteTable;
import dev.keypool.storage.Blocking;
import dev.keypool.upstream.OutboundProxy;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads provider keys' balances, keeps the latest in memory, records every reading, and applies the
 * balance policy. Readings happen on demand ({@link #refresh}) and on a schedule: a timer checks every
 * {@link #TICK} which keys are due (each key every interval of its provider, spread by jitter) and starts
 * at most {@code concurrency} requests at once over all providers; the rest wait their turn. Never on
 * the request path: the HTTP calls are asynchronous and the database writes go through
 * {@link Blocking}. Time comes from the injected clock, so tests advance it and call {@link #tick}.
 */
public final class BalanceService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BalanceService.class);
  /** How often the schedule looks for due keys. */
  static final Duration TICK = Duration.ofSeconds(5);
  /** How often readings past the retention are deleted. */
  static final Duration PRUNE_EVERY = Duration.ofHours(1);

  private final RouteTable routes;
  private final KeyPool pool;
  private final BalanceStore store;
  /** {@code balances} as in effect: a reload swaps it; each round and each reading reads it once. */
  private final Supplier<BalancesConfig> config;
  /** The section the keys' due times were computed with: when a reload swaps it, they are computed again. */
  private BalancesConfig dueWith;
  private final Clock clock;
  private final RandomGenerator random;
  private final BalanceAdapters adapters;
  private final BalancePolicy policy;
  private final DaysLeft daysLeft;
  private final Map<String, KeyBalance> keys = new HashMap<>();
  private final Deque<Runnable> waiting = new ArrayDeque<>();
  private int active;
  private long timer = -1;
  private long nextPruneMs;
  private final List<java.util.function.Consumer<BalanceReading>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Set by {@link #start}: the admin port's Vert.x, whose loop runs the HTTP calls and timer. */
  private volatile Vertx vertx;
  private volatile Blocking blocking;
  private volatile BalanceHttp http;
  private final OutboundProxy proxy;

  public BalanceService(RouteTable routes, KeyPool pool, BalanceStore store, BalancesConfig config,
      Clock clock, RandomGenerator random, OutboundProxy proxy) {
    this(routes, pool, store, () -> config, clock, random, proxy);
  }

  /** @param config the section in effect, read at each round and reading */
  public BalanceService(RouteTable routes, KeyPool pool, BalanceStore store, Supplier<BalancesConfig> config,
      Clock clock, RandomGenerator random, OutboundProxy proxy) {
    this.proxy = proxy;
    this.routes = routes;
    this.pool = pool;
    this.store = store;
    this.config = config;
    this.dueWith = config.get();
    this.clock = clock;
    this.random = random;
    this.adapters = new BalanceAdapters(clock);
    this.policy = new BalancePolicy(pool);
    this.daysLeft = new DaysLeft(store.dataSource(), new ExchangeRates(() -> this.config.get().exchangeRates()), clock);
  }

  /** The days left of each key whose balance was read in dollars, estimated after every successful reading. */
  public DaysLeft daysLeft() {
    return daysLeft;
  }

  /**
   * Loads the latest readings (and applies the policy to them, so a key out of money stays out across a
   * restart), then starts the schedule's timer on {@code vertx}: its rounds run while the section in
   * effect enables the schedule. Blocks on the database.
   */
  public void start(Vertx vertx) {
    this.vertx = vertx;
    this.blocking = new Blocking(vertx);
    this.http = new BalanceHttp(vertx, dueWith.timeout());
    for (BalanceReading r : store.latest()) {
      synchronized (this) {
        KeyBalance k = keys.computeIfAbsent(r.keyId(), id -> new KeyBalance());
        k.lastAttempt = r;
        if (r.ok()) {
          k.lastOk = r;
        }
        k.nextDueMs = nextDue(r.providerId(), r.fetchedAt().toEpochMilli());
      }
      if (r.ok()) {
        estimate(r);
      }
      policy.apply(r, config.get().provider(r.providerId()));
    }
    // Always: a reload may turn the schedule on; its rounds do nothing while the section turns it off.
    timer = vertx.setPeriodic(TICK.toMillis(), id -> {
      if (config.get().enabled()) {
        tick();
      }
    });
  }

  /**
   * Starts the readings that are due, as far as the concurrency cap allows now. When a reload changed
   * the section since the last round, each key's next reading is first computed again from its last one.
   */
  public void tick() {
    redrawIfChanged();
    long now = clock.millis();
    prune(now);
    for (KeySnapshot s : pool.snapshots()) {
      if (!s.enabled() || resolve(s.providerId()) == null) {
        continue;
      }
      boolean due;
      synchronized (this) {
        KeyBalance k = keys.computeIfAbsent(s.id(), id -> new KeyBalance());
        if (k.nextDueMs == 0) {
          k.nextDueMs = now + jitter(s.providerId());
        }
        due = k.inFlight == null && now >= k.nextDueMs;
      }
      if (due) {
        read(s.id());
      }
    }
  }

  private synchronized void redrawIfChanged() {
    BalancesConfig now = config.get();
    if (now.equals(dueWith)) {
      return;
    }
    dueWith = now;
    keys.values().forEach(k -> {
      if (k.lastAttempt != null) {
        k.nextDueMs = nextDue(k.lastAttempt.providerId(), k.lastAttempt.fetchedAt().toEpochMilli());
      }
    });
  }

  /** Deletes readings past the retention, at most once per {@link #PRUNE_EVERY}, off the loop. */
  private void prune(long now) {
    Duration retention = config.get().historyRetention();
    synchronized (this) {
      if (retention.isZero() || now < nextPruneMs) {
        return;
      }
      nextPruneMs = now + PRUNE_EVERY.toMillis();
    }
    blocking.run(() -> store.deleteBefore(java.time.Instant.ofEpochMilli(now - retention.toMillis())))
        .onFailure(e -> log.warn("old balance readings could not be deleted: {}", e.getMessage()));
  }

  /**
   * Calls {@code listener} with every reading once it is recorded and the policy applied (on the admin
   * port's event loop: it must not block), e.g. for alerts on low balances.
   */
  public void onReading(java.util.function.Consumer<BalanceReading> listener) {
    listeners.add(listener);
  }

  /** Whether {@code providerId}'s balances can be read (an adapter is configured or known for its host). */
  public boolean readable(String providerId) {
    return resolve(providerId) != null;
  }

  /** The adapter name for {@code providerId}, or null. */
  public String adapterName(String providerId) {
    Resolved r = resolve(providerId);
    return r == null ? null : r.adapter.name();
  }

  /** Reads {@code keyId}'s balance now (or joins the reading in flight); the reading may be a failed one. */
  public Future<BalanceReading> refresh(String keyId) {
    return read(keyId);
  }

  /** Reads every key of {@code providerId} now, within the concurrency cap; completes when all are done. */
  public Future<List<BalanceReading>> refreshProvider(String providerId) {
    List<Future<BalanceReading>> all = new ArrayList<>();
    for (KeySnapshot s : pool.snapshots()) {
      if (s.providerId().equals(providerId)) {
        all.add(read(s.id()));
      }
    }
    return Future.join(all).map(cf -> all.stream().map(Future::result).toList());
  }

  /** What is known of {@code keyId}'s balance now, or null when nothing is. */
  public synchronized BalanceState state(String keyId) {
    KeyBalance k = keys.get(keyId);
    return k == null ? null : k.snapshot();
  }

  /** The history of {@code keyId}'s readings, newest first. Blocks. */
  public List<BalanceReading> history(String keyId, int limit) {
    return store.history(keyId, limit);
  }

  private Future<BalanceReading> read(String keyId) {
    Promise<BalanceReading> done;
    synchronized (this) {
      KeyBalance k = keys.computeIfAbsent(keyId, id -> new KeyBalance());
      if (k.inFlight != null) {
        return k.inFlight;
      }
      done = Promise.promise();
      k.inFlight = done.future();
      if (active < config.get().concurrency()) {
        active++;
      } else {
        waiting.add(() -> fetch(keyId, done));
        return done.future();
      }
    }
    fetch(keyId, done);
    return done.future();
  }

  private void fetch(String keyId, Promise<BalanceReading> done) {
    ProviderKey key = pool.definition(keyId);
    Resolved r = key == null ? null : resolve(key.providerId());
    Future<BalanceReading> reading;
    if (r == null) {
      reading = Future.failedFuture(new BalanceException(key == null ? "the key is gone" : "no balance adapter"));
    } else {
      String base = r.settings != null && r.settings.baseUrl() != null ? r.settings.baseUrl() : r.provider.baseUrl();
      BalanceTarget target = new BalanceTarget(keyId, key.providerId(), base, key.secret(), r.settings);
      String adapter = r.adapter.name();
      BalanceHttp through = http.through(proxy.options(r.provider, base));
      reading = safely(() -> r.adapter.fetch(target, through))
          .map(f -> BalanceReading.ok(keyId, key.providerId(), adapter, now(), f))
          .recover(e -> Future.succeededFuture(BalanceReading.failed(keyId, key.providerId(), adapter, now(),
              e instanceof BalanceException ? e.getMessage() : "the answer could not be read (" + e + ")")))
          .compose(rd -> blocking.run(() -> {
            store.insert(rd);
            // Before the listeners hear of the reading: the days-left alert reads the estimate.
            if (rd.ok()) {
              estimate(rd);
            }
            return rd;
          }).otherwise(e -> {
            log.warn("a balance reading of provider key {} could not be stored: {}", keyId, e.getMessage());
            return rd;
          }));
    }
    reading.onComplete(ar -> {
      if (ar.succeeded()) {
        recorded(ar.result(), r == null ? null : r.settings);
      }
      Runnable next;
      synchronized (this) {
        KeyBalance k = keys.get(keyId);
        if (k != null) {
          k.inFlight = null;
        }
        next = waiting.poll();
        if (next == null) {
          active--;
        }
      }
      if (ar.succeeded()) {
        done.complete(ar.result());
      } else {
        done.fail(ar.cause());
      }
      if (next != null) {
        next.run();
      }
    });
  }

  /** Updates the key's days left; a failure is logged and leaves no estimate. Blocks on the database. */
  private void estimate(BalanceReading r) {
    try {
      daysLeft.update(r);
    } catch (RuntimeException e) {
      daysLeft.forget(r.keyId());
      log.warn("the days left of provider key {} could not be estimated: {}", r.keyId(), e.getMessage());
    }
  }

  /** Milliseconds, as the history stores them, so a reading reads the same from memory and from the database. */
  private java.time.Instant now() {
    return java.time.Instant.ofEpochMilli(clock.millis());
  }

  private static Future<Fetched> safely(java.util.function.Supplier<Future<Fetched>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private void recorded(BalanceReading r, BalancesConfig.Provider settings) {
    String previousError;
    synchronized (this) {
      KeyBalance k = keys.computeIfAbsent(r.keyId(), id -> new KeyBalance());
      previousError = k.lastAttempt == null ? null : k.lastAttempt.error();
      k.lastAttempt = r;
      if (r.ok()) {
        k.lastOk = r;
      }
      k.nextDueMs = nextDue(r.providerId(), r.fetchedAt().toEpochMilli());
    }
    if (!r.ok() && !Objects.equals(previousError, r.error())) {
      ProviderKey key = pool.definition(r.keyId());
      log.warn("The balance of provider key '{}' ({}) of {} could not be read: {}", key == null ? "?" : key.name(),
          r.keyId(), r.providerId(), r.error());
    }
    policy.apply(r, settings);
    for (var listener : listeners) {
      try {
        listener.accept(r);
      } catch (RuntimeException e) {
        log.warn("a balance listener failed", e);
      }
    }
  }

  private long nextDue(String providerId, long after) {
    return after + interval(providerId).toMillis() + jitter(providerId);
  }

  private long jitter(String providerId) {
    long span = (long) (interval(providerId).toMillis() * config.get().jitter());
    return span <= 0 ? 0 : Math.floorMod(random.nextLong(), span);
  }

  private Duration interval(String providerId) {
    BalancesConfig now = config.get();
    BalancesConfig.Provider p = now.provider(providerId);
    return p != null && p.interval() != null ? p.interval() : now.interval();
  }

  private Resolved resolve(String providerId) {
    ProviderConfig provider = routes.current().provider(providerId);
    if (provider == null) {
      return null;
    }
    BalancesConfig.Provider settings = config.get().provider(providerId);
    BalanceAdapter adapter = adapters.forProvider(provider, settings);
    return adapter == null ? null : new Resolved(provider, settings, adapter);
  }

  private record Resolved(ProviderConfig provider, BalancesConfig.Provider settings, BalanceAdapter adapter) {}

  /** The section in effect. */
  public BalancesConfig config() {
    return config.get();
  }

  @Override
  public void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (http != null) {
      http.close();
    }
  }
}
