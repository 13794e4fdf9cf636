package dev.keypool.keypool;

import java.time.Duration;

/**
 * Computes every key's {@link HealthScore} from its {@link KeyVitals}, off the request path (a timer
 * calls {@link KeyPool#rescore}), so that a borrow only reads one volatile field per key.
 *
 * <p>Success rate: successes + 1 over outcomes + 1 within {@link #WINDOW}. Latency: a key whose mean
 * latency is more than {@link #TOLERANCE} times the provider's fastest key's gets {@code tolerance x
 * fastest / own}; the score never drops below {@link #FLOOR}, so a key is never starved by its score
 * alone and live traffic can show that it got better.
 */
final class HealthScores {

  static final Duration WINDOW = Duration.ofMinutes(15);
  static final double TOLERANCE = 1.5;
  static final double FLOOR = 0.05;
  /** Latency samples a key needs before its latency counts. */
  static final int MIN_LATENCY_SAMPLES = 3;

  private HealthScores() {}

  /** Scores the keys of one provider together (the latency factor compares them with each other). */
  static void rescore(PooledKey[] keys, long now) {
    long cutoff = now - WINDOW.toMillis();
    KeyVitals.Tally[] tallies = new KeyVitals.Tally[keys.length];
    long fastest = Long.MAX_VALUE;
    for (int i = 0; i < keys.length; i++) {
      tallies[i] = keys[i].tally(cutoff);
      if (tallies[i].latencySamples >= MIN_LATENCY_SAMPLES) {
        fastest = Math.min(fastest, Math.max(1, tallies[i].meanLatency()));
      }
    }
    for (int i = 0; i < keys.length; i++) {
      keys[i].scored(score(tallies[i], fastest));
    }
  }

  static HealthScore score(KeyVitals.Tally t, long fastest) {
    if (t.outcomes == 0) {
      return HealthScore.UNKNOWN;
    }
    double success = (t.successes + 1.0) / (t.outcomes + 1.0);
    Long latency = t.latencySamples >= MIN_LATENCY_SAMPLES ? t.meanLatency() : null;
    double factor = 1.0;
    if (latency != null && fastest != Long.MAX_VALUE) {
      factor = Math.min(1.0, TOLERANCE * fastest / Math.max(1.0, latency));
    }
    double score = Math.max(FLOOR, Math.min(1.0, success * factor));
    return new HealthScore(round(score), round(success), latency, round(factor), t.outcomes, t.lastFailure);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
