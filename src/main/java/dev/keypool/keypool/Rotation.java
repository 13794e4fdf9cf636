package dev.keypool.keypool;

/**
 * The selection memory of one route on one provider: which key was lent last (the round-robin cursor),
 * the smooth-weighted current weights, and the calls-per-rotation streak. Not thread-safe: guarded by
 * its {@link ProviderKeys}.
 */
final class Rotation {

  private PooledKey last;
  private int lastIndex = -1;
  private int streak;
  private PooledKey[] weightsFor;
  private long[] currentWeights;

  /**
   * Where the last lent key sits in {@code keys}, so the turn continues after it even when keys were
   * added or removed since; its old position when it is gone; -1 before the first loan.
   */
  int cursor(PooledKey[] keys) {
    if (last != null) {
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] == last) {
          return i;
        }
      }
    }
    return Math.min(lastIndex, keys.length - 1);
  }

  PooledKey last() {
    return last;
  }

  void lent(PooledKey[] keys, int index, int streak) {
    this.last = keys[index];
    this.lastIndex = index;
    this.streak = streak;
  }

  int streak() {
    return streak;
  }

  /** The smooth-weighted-round-robin current weights for this key array; they restart when keys change. */
  long[] currentWeights(PooledKey[] keys) {
    if (weightsFor != keys) {
      weightsFor = keys;
      currentWeights = new long[keys.length];
    }
    return currentWeights;
  }
}
