package dev.keypool.keypool;

/**
 * Upstream attempts of a key (or of every key of a provider) over a window and how many failed, for
 * the failure-rate alert rules.
 */
public record OutcomeCounts(long attempts, long failures) {

  public static final OutcomeCounts NONE = new OutcomeCounts(0, 0);

  public double rate() {
    return attempts == 0 ? 0 : (double) failures / attempts;
  }

  OutcomeCounts plus(OutcomeCounts o) {
    return new OutcomeCounts(attempts + o.attempts, failures + o.failures);
  }
}
