package dev.keypool.keypool;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The keys of one provider and the rotations of the routes that use them. A borrow is one synchronized
 * O(n) pass: classify every key (candidate with a score, or the {@link Blocker} that holds it), let the
 * {@link Selector} pick, and acquire the pick before the lock is released, so two borrows never both
 * take the last rpm slot or the one half-open probe.
 */
final class ProviderKeys {

  private static final Comparator<PooledKey> ORDER = Comparator
      .comparing((PooledKey k) -> k.definition().name(), Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(k -> k.definition().id());

  private final String providerId;
  private final Clock clock;
  private final RandomGenerator random;
  private final FailurePolicy policy;
  /** Sorted by name then id; replaced, never mutated, so a rotation can tell when it changed. */
  private PooledKey[] keys = new PooledKey[0];
  private final Map<String, Rotation> rotations = new HashMap<>();
  private double[] scores = new double[0];
  private final int[] blocked = new int[Blocker.values().length];

  ProviderKeys(String providerId, Clock clock, RandomGenerator random, FailurePolicy policy) {
    this.providerId = providerId;
    this.clock = clock;
    this.random = random;
    this.policy = policy;
  }

  synchronized void add(PooledKey key) {
    PooledKey[] next = Arrays.copyOf(keys, keys.length + 1);
    next[keys.length] = key;
    install(next);
  }

  synchronized void remove(PooledKey key) {
    install(Arrays.stream(keys).filter(k -> k != key).toArray(PooledKey[]::new));
  }

  /** Re-sorts after a definition changed its name. */
  synchronized void reorder() {
    install(keys.clone());
  }

  synchronized PooledKey[] keys() {
    return keys;
  }

  synchronized Borrow borrow(BorrowRequest request) {
    long now = clock.millis();
    PooledKey[] ks = keys;
    Arrays.fill(blocked, 0);
    int candidates = 0;
    for (int i = 0; i < ks.length; i++) {
      PooledKey k = ks[i];
      Blocker b = request.excludeKeyIds().contains(k.definition().id()) ? Blocker.EXCLUDED : k.blocker(now);
      if (b == null) {
        scores[i] = Selector.score(request.strategy(), k, now);
        candidates++;
      } else {
        scores[i] = Double.NaN;
        blocked[b.ordinal()]++;
      }
    }
    if (candidates == 0) {
      return new Borrow.Unavailable(retryAt(ks, request, now), Blocker.describe(providerId, blocked));
    }
    int i = preferred(ks, request.preferredKeyId());
    if (i < 0) {
      candidates = thinByHealth(ks, candidates, request.model());
      Rotation rotation = rotations.computeIfAbsent(request.routeId(), r -> new Rotation());
      i = Selector.select(request.strategy(), ks, scores, candidates, rotation, random, request.callsPerRotation());
    }
    if (ks[i].score(request.model()) < 1.0) {
      ks[i].spendTurn();
    }
    boolean probe = ks[i].acquire(now);
    return new Borrow.Leased(new KeyLease(ks[i], probe, false, now, clock, policy, request.model()));
  }

  /**
   * The index of the key a session is bound to when it is a candidate of this borrow, else -1. It skips
   * the strategy and the health thinning: a session's prompt cache lives with its key's account, and the
   * key still serves it as long as nothing blocks it.
   */
  private int preferred(PooledKey[] ks, String keyId) {
    if (keyId == null) {
      return -1;
    }
    for (int i = 0; i < ks.length; i++) {
      if (!Double.isNaN(scores[i]) && ks[i].definition().id().equals(keyId)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Leaves out of this borrow the candidates with a health score below 1 that have not earned a turn
   * (see {@link PooledKey#earnTurn}), as long as another candidate remains: whatever the strategy, a
   * key is lent about its score times as often as a healthy one. The score is the key's for the model
   * asked when it served that model recently (see {@link PooledKey#score(String)}), so a key refused one
   * model gives way to the others for that model only. A few volatile reads per candidate.
   */
  private int thinByHealth(PooledKey[] ks, int candidates, String model) {
    for (int i = 0; i < ks.length && candidates > 1; i++) {
      if (Double.isNaN(scores[i])) {
        continue;
      }
      double health = ks[i].score(model);
      if (health < 1.0 && !ks[i].earnTurn(health)) {
        scores[i] = Double.NaN;
        candidates--;
      }
    }
    return candidates;
  }

  /** Recomputes the health scores of these keys (off the request path). */
  void rescore() {
    HealthScores.rescore(keys(), clock.millis());
  }

  /** The earliest instant a key this request did not exclude becomes selectable on its own, or null. */
  private static Instant retryAt(PooledKey[] ks, BorrowRequest request, long now) {
    long at = Long.MAX_VALUE;
    for (PooledKey k : ks) {
      if (!request.excludeKeyIds().contains(k.definition().id())) {
        at = Math.min(at, k.selectableAt(now));
      }
    }
    return at == Long.MAX_VALUE ? null : Instant.ofEpochMilli(at);
  }

  private void install(PooledKey[] next) {
    Arrays.sort(next, ORDER);
    keys = next;
    scores = new double[next.length];
  }
}
