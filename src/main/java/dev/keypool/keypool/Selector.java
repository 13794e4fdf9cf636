package dev.keypool.keypool;

import java.util.random.RandomGenerator;

/**
 * The key-choosing half of each {@link Strategy}: given the keys of one provider, the candidates among
 * them and a score per candidate, it picks one index in a single O(n) pass. Candidates are the
 * non-NaN entries of {@code scores}; where a strategy prefers, a higher score is better.
 */
final class Selector {

  private Selector() {}

  /** The score by which {@code strategy} prefers a selectable key; read under the key's lock. */
  static double score(Strategy strategy, PooledKey key, long now) {
    return switch (strategy) {
      case PRIORITY -> key.definition().priority();
      case LEAST_INFLIGHT -> -key.inFlight();
      case LEAST_USED -> -key.totalRequests();
      case MOST_HEADROOM -> key.headroomFraction(now);
      case ROUND_ROBIN, RANDOM, WEIGHTED, CALLS_PER_ROTATION -> 0.0;
    };
  }

  /** Picks a candidate (there is at least one) and records the choice in {@code rotation}. */
  static int select(Strategy strategy, PooledKey[] keys, double[] scores, int candidates, Rotation rotation,
      RandomGenerator random, int callsPerRotation) {
    if (strategy == Strategy.CALLS_PER_ROTATION) {
      return sticky(keys, scores, rotation, Math.max(1, callsPerRotation));
    }
    int i = switch (strategy) {
      case RANDOM -> nth(scores, random.nextInt(candidates));
      case WEIGHTED -> smoothWeighted(keys, scores, rotation.currentWeights(keys));
      // Round robin is "best score in turn" with every score equal; for the others ties take turns.
      case ROUND_ROBIN, PRIORITY, LEAST_INFLIGHT, LEAST_USED, MOST_HEADROOM, CALLS_PER_ROTATION ->
          nextInTurn(scores, rotation.cursor(keys), max(scores));
    };
    rotation.lent(keys, i, 1);
    return i;
  }

  /** Stays on the last key for {@code n} loans while it remains a candidate, then moves to the next. */
  private static int sticky(PooledKey[] keys, double[] scores, Rotation rotation, int n) {
    int cursor = rotation.cursor(keys);
    boolean stay = cursor >= 0 && keys[cursor] == rotation.last() && !Double.isNaN(scores[cursor])
        && rotation.streak() < n;
    int i = stay ? cursor : nextInTurn(scores, cursor, Double.NEGATIVE_INFINITY);
    rotation.lent(keys, i, stay ? rotation.streak() + 1 : 1);
    return i;
  }

  /** The first candidate after {@code cursor} (wrapping) whose score is at least {@code floor}. */
  private static int nextInTurn(double[] scores, int cursor, double floor) {
    int n = scores.length;
    for (int step = 1; step <= n; step++) {
      int i = Math.floorMod(cursor + step, n);
      if (!Double.isNaN(scores[i]) && scores[i] >= floor) {
        return i;
      }
    }
    throw new IllegalStateException("no candidate");
  }

  private static double max(double[] scores) {
    double best = Double.NEGATIVE_INFINITY;
    for (double s : scores) {
      if (!Double.isNaN(s) && s > best) {
        best = s;
      }
    }
    return best;
  }

  private static int nth(double[] scores, int k) {
    for (int i = 0; i < scores.length; i++) {
      if (!Double.isNaN(scores[i]) && k-- == 0) {
        return i;
      }
    }
    throw new IllegalStateException("no candidate");
  }

  /**
   * nginx's smooth weighted round robin: every candidate gains its weight, the richest is chosen and pays
   * back the total. Shares are exact over each cycle and heavy keys are interleaved, not bursted. A weight
   * below 1 counts as 1 (disable a key to exclude it; a zero weight would starve it silently).
   */
  private static int smoothWeighted(PooledKey[] keys, double[] scores, long[] current) {
    long total = 0;
    int best = -1;
    for (int i = 0; i < keys.length; i++) {
      if (Double.isNaN(scores[i])) {
        continue;
      }
      long w = Math.max(1, keys[i].definition().weight());
      current[i] += w;
      total += w;
      if (best < 0 || current[i] > current[best]) {
        best = i;
      }
    }
    current[best] -= total;
    return best;
  }
}
