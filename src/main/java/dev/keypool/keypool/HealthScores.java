package dev.keypool.keypool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes every key's {@link HealthScore} from its {@link KeyVitals}, off the request path (a timer
 * calls {@link KeyPool#rescore}), so that a borrow only reads one volatile field per key.
 *
 * <p>Success rate: successes + 1 over outcomes + 1 within {@link #WINDOW}. Latency: a key whose mean
 * latency is more than {@link #TOLERANCE} times the provider's fastest key's, and more than
 * {@link #SLACK_MS} above it, gets {@code allowed / own}; the slack keeps milliseconds of noise between
 * fast keys (a busy machine, a garbage collection) from passing for a slow key. The score never drops below {@link #FLOOR}, so a key is never starved by its score
 * alone and live traffic can show that it got better. The same measure per (key, model) from
 * {@link ModelVitals}, for the models a key served within the window.
 */
final class HealthScores {

  static final Duration WINDOW = Duration.ofMinutes(15);
  static final double TOLERANCE = 1.5;
  /** Latency above the fastest key's that never counts against a key, whatever the ratio. */
  static final long SLACK_MS = 50;
  static final double FLOOR = 0.05;
  /** Latency samples a key needs before its latency counts. */
  static final int MIN_LATENCY_SAMPLES = 3;

  private HealthScores() {}

  /**
   * Scores the keys of one provider together (the latency factor compares them with each other), and
   * each key per model it served within the window (against the fastest key for that model).
   */
  static void rescore(PooledKey[] keys, long now) {
    long cutoff = now - WINDOW.toMillis();
    KeyVitals.Tally[] tallies = new KeyVitals.Tally[keys.length];
    List<Map<String, KeyVitals.Tally>> perModel = new ArrayList<>(keys.length);
    long fastest = Long.MAX_VALUE;
    Map<String, Long> fastestByModel = new HashMap<>();
    for (int i = 0; i < keys.length; i++) {
      tallies[i] = keys[i].tally(cutoff);
      fastest = faster(fastest, tallies[i]);
      perModel.add(keys[i].modelTallies(cutoff));
      perModel.get(i).forEach((model, t) -> fastestByModel.merge(model, faster(Long.MAX_VALUE, t), Math::min));
    }
    for (int i = 0; i < keys.length; i++) {
      List<ModelScore> models = new ArrayList<>();
      perModel.get(i).forEach((model, t) -> models.add(new ModelScore(model, score(t, fastestByModel.get(model)))));
      keys[i].scored(score(tallies[i], fastest), models.toArray(ModelScore[]::new));
    }
  }

  /** The lower of {@code fastest} and the tally's mean latency, when it has enough samples. */
  private static long faster(long fastest, KeyVitals.Tally t) {
    return t.latencySamples >= MIN_LATENCY_SAMPLES ? Math.min(fastest, Math.max(1, t.meanLatency())) : fastest;
  }

  static HealthScore score(KeyVitals.Tally t, long fastest) {
    if (t.outcomes == 0) {
      return HealthScore.UNKNOWN;
    }
    double success = (t.successes + 1.0) / (t.outcomes + 1.0);
    Long latency = t.latencySamples >= MIN_LATENCY_SAMPLES ? t.meanLatency() : null;
    double factor = 1.0;
    if (latency != null && fastest != Long.MAX_VALUE) {
      double allowed = Math.max(TOLERANCE * fastest, fastest + SLACK_MS);
      factor = Math.min(1.0, allowed / Math.max(1.0, latency));
    }
    double score = Math.max(FLOOR, Math.min(1.0, success * factor));
    return new HealthScore(round(score), round(success), latency, round(factor), t.outcomes, t.lastFailure);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
