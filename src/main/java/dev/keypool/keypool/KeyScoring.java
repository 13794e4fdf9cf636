package dev.keypool.keypool;

import java.util.List;

/**
 * How often a key is lent by its health: the scores {@link HealthScores} wrote (the key's own and per
 * recent model), read once per borrow without a lock, and the credit a key scored below 1 earns toward
 * its next turn (guarded by its {@link ProviderKeys}' lock, as the borrow that reads it).
 */
final class KeyScoring {
  /** Written off the request path by {@link HealthScores}; a borrow reads it once. */
  private volatile HealthScore score = HealthScore.UNKNOWN;
  /** The scores per recent model, written with {@link #score}; never mutated, replaced. */
  private volatile ModelScore[] modelScores = new ModelScore[0];
  /** How much of a turn a key with a score below 1 has earned; guarded by its {@link ProviderKeys}. */
  private double credit;

  void scored(HealthScore s, ModelScore[] perModel) {
    modelScores = perModel;
    score = s;
  }

  HealthScore score() {
    return score;
  }

  List<ModelScore> modelScores() {
    return List.of(modelScores);
  }

  /**
   * The score that decides how often the key is lent for {@code model}: the key's for that model when
   * it served that model recently (every outcome of a request for it counts there, so a key-wide
   * failure shows as well), else the key's own; so a key rate-limited or refused on one model still
   * takes its full share of another. A volatile read and a scan of at most {@link ModelVitals#MAX_MODELS}
   * entries; no allocation.
   */
  double score(String model) {
    if (model != null) {
      for (ModelScore m : modelScores) {
        if (m.model().equals(model)) {
          return m.health().score();
        }
      }
    }
    return score.score();
  }

  /**
   * Whether a key with a score below 1 may be a candidate for this borrow: each borrow earns it its
   * score, a turn costs 1, so it is lent about {@code score} times as often. Called under the provider's lock.
   */
  boolean earnTurn(double s) {
    credit = Math.min(credit + s, 2.0);
    return credit >= 1.0;
  }

  /** The key was lent: a key with a score below 1 pays its turn. Called under the provider's lock. */
  void spendTurn() {
    if (credit > 0) {
      credit = Math.max(0, credit - 1.0);
    }
  }
}
