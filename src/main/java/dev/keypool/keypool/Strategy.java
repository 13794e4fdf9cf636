package dev.keypool.keypool;

import java.util.Locale;

/** How a key is chosen among the healthy keys of one provider for one model route. */
public enum Strategy {
  /** Each key in turn. */
  ROUND_ROBIN,
  /** Uniformly at random. */
  RANDOM,
  /** In proportion to each key's weight (smooth weighted round robin: exact shares, no bursts). */
  WEIGHTED,
  /** Fill first: always the highest-priority tier, lower tiers only when every key above is unavailable. */
  PRIORITY,
  /** The key with the fewest requests in flight now. */
  LEAST_INFLIGHT,
  /** The key that has served the fewest requests so far. */
  LEAST_USED,
  /** Stay on one key for N calls, then move to the next. */
  CALLS_PER_ROTATION,
  /** The key with the most remaining upstream rate-limit capacity, so no key is driven into a 429. */
  MOST_HEADROOM;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code round_robin}, {@code most_headroom}, ...; null when unknown. */
  public static Strategy fromWire(String s) {
    for (Strategy v : values()) {
      if (v.wireName().equals(s)) {
        return v;
      }
    }
    return null;
  }
}
