package dev.keypool.keypool;

import dev.keypool.config.RoutingConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import java.util.function.Supplier;

/**
 * The in-memory pool of upstream provider keys: it lends one key per upstream attempt according to a
 * {@link Strategy}, and learns from each lease's outcome and rate-limit headers which keys to rest, ban,
 * probe or avoid before they hit a 429.
 *
 * <p>Called from event loops: borrowing and returning never block on I/O or allocate much. Each provider
 * has its own lock held for one O(keys of the provider) pass; each key has its own lock for its counters;
 * locks are taken provider first, then key. Definitions change through {@link #put} and {@link #remove},
 * serialized among themselves. Time comes from the injected {@link Clock} and randomness from the
 * injected generator, so tests advance time instead of sleeping.
 */
public final class KeyPool {

  private static final Comparator<KeySnapshot> SNAPSHOT_ORDER = Comparator
      .comparing(KeySnapshot::providerId)
      .thenComparing(KeySnapshot::name, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(KeySnapshot::id);

  /** The longest window {@link #attemptsByKey} counts over. */
  public static final java.time.Duration MAX_COUNT_WINDOW = AttemptCounts.MAX_WINDOW;

  private final Clock clock;
  /** The routing policy in effect (a reload swaps it with the route table); read once per decision. */
  private final Supplier<RoutingConfig> routing;
  private final RandomGenerator random;
  private final FailurePolicy policy;
  private final Map<String, ProviderKeys> providers = new ConcurrentHashMap<>();
  private final Map<String, PooledKey> byId = new ConcurrentHashMap<>();
  private volatile KeySharing sharing = KeySharing.NONE;
  /** This instance's own changes of key definitions, counted under the pool's lock (see {@link #changeMark}). */
  private long localChanges;

  public KeyPool(Clock clock, RoutingConfig routing, RandomGenerator random) {
    this(clock, fixed(Objects.requireNonNull(routing, "routing")), random);
  }

  /**
   * @param routing the routing policy in effect, e.g. the route table's, so that a reload swaps the
   *     cooldown and ban policy in the same step as the routes' defaults. Keys' live state stays when it
   *     changes; a ban threshold that changed applies to the failures that come next.
   */
  public KeyPool(Clock clock, Supplier<RoutingConfig> routing, RandomGenerator random) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.routing = Objects.requireNonNull(routing, "routing");
    this.random = new LockedRandom(Objects.requireNonNull(random, "random"));
    this.policy = new FailurePolicy(routing);
  }

  private static Supplier<RoutingConfig> fixed(RoutingConfig routing) {
    return () -> routing;
  }

  /**
   * Adds a key, or replaces the definition of the key with the same id while keeping its live state
   * (counters, cooldown, ban, rate-limit headroom). A key with {@code enabled == false} is never lent;
   * putting it back with {@code enabled == true} makes it healthy again.
   */
  public synchronized void put(ProviderKey key) {
    localChanges++;
    putFrom(key, null);
    sharing.definitionsChanged();
  }

  /** {@code origin}: the instance that made the change, or null when it was made here. */
  private void putFrom(ProviderKey key, String origin) {
    PooledKey existing = byId.get(key.id());
    boolean enabling = existing != null && key.enabled() && !existing.definition().enabled();
    define(key, origin);
    if (enabling) {
      KeyStateLog.enabled(key, null, origin);
    }
  }

  /**
   * Shares this pool's key state with the other instances of the deployment from now on (see
   * {@link KeySharing}); {@link KeySharing#NONE} stops sharing.
   */
  public void share(KeySharing sharing) {
    this.sharing = Objects.requireNonNull(sharing, "sharing");
  }

  /**
   * A count of this instance's own changes of key definitions (put, enable, remove): read before the
   * keys are read from the database for {@link #sync}, which refuses a read that such a change overtook.
   */
  public synchronized long changeMark() {
    return localChanges;
  }

  /**
   * Makes the pool hold exactly {@code stored} (the keys of configured providers as the database has
   * them), as changed through another instance {@code origin}: definitions are swapped keeping live
   * state, missing keys removed; the changes are logged at DEBUG only, the origin having logged them.
   * Nothing is applied, and false returned, when this instance changed a key since {@code mark}
   * ({@link #changeMark}) was taken: the read may predate that change (a key added here would be
   * removed again), so the caller reads again.
   */
  public synchronized boolean sync(List<ProviderKey> stored, String origin, long mark) {
    if (localChanges != mark) {
      return false;
    }
    Set<String> ids = new HashSet<>();
    for (ProviderKey key : stored) {
      ids.add(key.id());
      putFrom(key, origin);
    }
    for (String id : List.copyOf(byId.keySet())) {
      if (!ids.contains(id)) {
        removeQuietly(id);
      }
    }
    return true;
  }

  /** Applies a change of a key's penalties made by instance {@code origin}; false if unknown or no change. */
  public boolean adopt(KeyChange change, String origin) {
    PooledKey pooled = byId.get(change.keyId());
    return pooled != null && pooled.adopt(change, routing.get().ban(), origin);
  }

  /** Applies rate-limit figures another instance's upstream response reported for {@code keyId}. */
  public void adoptFigures(String keyId, RateLimitUpdate update) {
    PooledKey pooled = byId.get(keyId);
    if (pooled != null) {
      pooled.adoptFigures(update, clock.millis());
    }
  }

  /** Counts {@code n} requests other instances made with {@code keyId} against its known figures. */
  public void adoptBorrowed(String keyId, long n) {
    PooledKey pooled = byId.get(keyId);
    if (pooled != null) {
      pooled.adoptBorrowed(n, clock.millis());
    }
  }

  /**
   * The banned keys whose ban ran out with no probe here, each with the end of its ban: an instance of a
   * shared pool asks for each key's lease for that ban and {@link #claimProbe claims} the probe if it wins.
   */
  public Map<String, Long> probesToClaim() {
    long now = clock.millis();
    Map<String, Long> out = new java.util.HashMap<>();
    for (PooledKey k : byId.values()) {
      if (k.probeWanted(now)) {
        out.put(k.definition().id(), k.bannedUntil());
      }
    }
    return out;
  }

  /** This instance holds the lease to probe the ban of {@code keyId} that runs until {@code bannedUntil}. */
  public boolean claimProbe(String keyId, long bannedUntil) {
    PooledKey pooled = byId.get(keyId);
    return pooled != null && pooled.claimProbe(bannedUntil);
  }

  private void define(ProviderKey key, String origin) {
    Objects.requireNonNull(key.id(), "key id");
    Objects.requireNonNull(key.providerId(), "provider id");
    PooledKey existing = byId.get(key.id());
    if (existing == null) {
      PooledKey pooled = new PooledKey(key, routing.get().ban(), () -> sharing);
      byId.put(key.id(), pooled);
      group(key.providerId()).add(pooled);
      return;
    }
    ProviderKey old = existing.definition();
    existing.redefine(key, routing.get().ban(), origin);
    if (!old.providerId().equals(key.providerId())) {
      group(old.providerId()).remove(existing);
      group(key.providerId()).add(existing);
    } else if (!Objects.equals(old.name(), key.name())) {
      group(key.providerId()).reorder();
    }
  }

  /**
   * An operator enabled {@code key} (its definition as stored, with {@code enabled == true}): adds or
   * redefines it and clears its cooldown and ban, so the next borrow may take it at once. Disable then
   * enable always did this; enabling a key that was never disabled but is resting must too. Logs the
   * change once, with the state the key left.
   */
  public synchronized void enable(ProviderKey key) {
    if (!key.enabled()) {
      throw new IllegalArgumentException("key " + key.id() + " is not enabled");
    }
    localChanges++;
    PooledKey existing = byId.get(key.id());
    KeySnapshot before = existing == null ? null : existing.snapshot(clock.millis(), routing.get().ban());
    define(key, null);
    byId.get(key.id()).forgive(routing.get().ban());
    sharing.definitionsChanged();
    sharing.changed(KeyChange.forgiven(key.id()));
    KeyStateLog.enabled(key, before == null || before.state() == KeyState.HEALTHY ? "by an operator"
        : "by an operator; it was " + before.state().name().toLowerCase(Locale.ROOT) + " (" + before.stateReason()
            + "), now healthy", null);
  }

  /**
   * A lease on this key for a health check, whatever its state but disabled: the check's verdict
   * counts like a request's (a failure cools down or bans, a banned key's check is its half-open
   * probe), but it is not counted as a request. Null when the key is unknown or disabled, or is an
   * OAuth account whose token expired or could not be refreshed.
   */
  public KeyLease checkLease(String keyId) {
    PooledKey pooled = byId.get(keyId);
    // An OAuth key without a live token is not checked: the check could only fail (and ban the key) for
    // a token the refresher is about to replace.
    if (pooled == null || !pooled.definition().enabled() || pooled.credentialDown(clock.millis())) {
      return null;
    }
    boolean probe = pooled.acquireForCheck();
    return new KeyLease(pooled, probe, true, clock.millis(), clock, policy, null);
  }

  /** Recomputes every key's health score from its recent outcomes; called by a timer, off the request path. */
  public void rescore() {
    for (ProviderKeys group : providers.values()) {
      group.rescore();
    }
  }

  /**
   * Client-request attempts and failures of every key over the last {@code window} (whole minutes, at
   * most {@link #MAX_COUNT_WINDOW}), by key id: the counts the failure-rate alert rules read. A failure
   * is any verdict but the caller's fault; health checks and attempts ended without a verdict do not count.
   */
  public Map<String, OutcomeCounts> attemptsByKey(java.time.Duration window) {
    long now = clock.millis();
    int minutes = (int) Math.min(MAX_COUNT_WINDOW.toMinutes(), Math.max(1, window.toMinutes()));
    Map<String, OutcomeCounts> out = new java.util.HashMap<>();
    for (PooledKey k : byId.values()) {
      OutcomeCounts c = k.attempts(now, minutes);
      if (c.attempts() > 0) {
        out.put(k.definition().id(), c);
      }
    }
    return out;
  }

  /** {@link #attemptsByKey} summed per provider. */
  public Map<String, OutcomeCounts> attemptsByProvider(java.time.Duration window) {
    Map<String, OutcomeCounts> out = new java.util.HashMap<>();
    attemptsByKey(window).forEach((id, c) -> {
      PooledKey k = byId.get(id);
      if (k != null) {
        out.merge(k.definition().providerId(), c, OutcomeCounts::plus);
      }
    });
    return out;
  }

  /**
   * Takes a key out of rotation because a balance reading showed no money ({@code reason} says what it
   * showed), or puts it back ({@code reason} null). Only this state changes: a key an operator disabled
   * stays disabled. Logs each change once, with the key's name; returns whether the state changed.
   */
  public boolean balanceExhausted(String keyId, String reason) {
    PooledKey pooled = byId.get(keyId);
    if (pooled == null || !pooled.balanceExhausted(reason)) {
      return false;
    }
    if (reason != null) {
      KeyStateLog.balanceExhausted(pooled.definition(), reason);
    } else {
      KeyStateLog.balanceRestored(pooled.definition());
    }
    return true;
  }

  /**
   * Tells the pool when the OAuth access token of {@code keyId} expires ({@code expiresAt}) and why it
   * could not be refreshed ({@code failure}, null when it can): from its expiry, or while a failure
   * stands, the key is not lent, so no request waits for a refresh. Called off the request path by the
   * refresher; logs a failure's start and end once. Returns false if the key is unknown.
   */
  public boolean credential(String keyId, java.time.Instant expiresAt, String failure) {
    PooledKey pooled = byId.get(keyId);
    if (pooled == null) {
      return false;
    }
    if (pooled.credential(expiresAt == null ? Millis.NONE : expiresAt.toEpochMilli(), failure)) {
      KeyStateLog.credential(pooled.definition(), failure);
    }
    return true;
  }

  /** Removes a key; leases already out end harmlessly. */
  public synchronized void remove(String keyId) {
    localChanges++;
    removeQuietly(keyId);
    sharing.definitionsChanged();
  }

  private void removeQuietly(String keyId) {
    PooledKey pooled = byId.remove(keyId);
    if (pooled != null) {
      group(pooled.definition().providerId()).remove(pooled);
    }
  }

  /** Lends a key of {@code request.providerId()}, or says why none can be lent and until when. */
  public Borrow borrow(BorrowRequest request) {
    ProviderKeys group = providers.get(request.providerId());
    if (group == null) {
      return new Borrow.Unavailable(null, "provider " + request.providerId() + " has no keys");
    }
    return group.borrow(request);
  }

  /** The definition of one key as the pool holds it (with its secret), or null if unknown; for balance reads. */
  public ProviderKey definition(String keyId) {
    PooledKey pooled = byId.get(keyId);
    return pooled == null ? null : pooled.definition();
  }

  /** The ids of every key held, read without taking any lock. */
  public Set<String> ids() {
    return Set.copyOf(byId.keySet());
  }

  /** The state of one key, or null if unknown. */
  public KeySnapshot snapshot(String keyId) {
    PooledKey pooled = byId.get(keyId);
    return pooled == null ? null : pooled.snapshot(clock.millis(), routing.get().ban());
  }

  /** Every key, ordered by provider, then name. */
  public List<KeySnapshot> snapshots() {
    long now = clock.millis();
    List<KeySnapshot> out = new ArrayList<>();
    for (ProviderKeys group : providers.values()) {
      for (PooledKey k : group.keys()) {
        out.add(k.snapshot(now, routing.get().ban()));
      }
    }
    out.sort(SNAPSHOT_ORDER);
    return out;
  }

  private ProviderKeys group(String providerId) {
    return providers.computeIfAbsent(providerId, id -> new ProviderKeys(id, clock, random, policy));
  }
}
