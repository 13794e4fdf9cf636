package dev.keypool.keypool;

/**
 * Why a key cannot be lent right now, in order of precedence. Each constant knows how to say so, so that
 * {@link Borrow.Unavailable} reasons read the same everywhere.
 */
enum Blocker {
  /** The request already tried this key. */
  EXCLUDED("already tried"),
  /** An operator disabled it. */
  DISABLED("disabled"),
  /** Its last balance reading showed no money left. */
  BALANCE_EXHAUSTED("out of balance"),
  /** An OAuth account whose access token expired before its refresh, or whose refresh failed. */
  CREDENTIAL("waiting for an OAuth token refresh"),
  /** Banned, and the ban has not yet run out. */
  BANNED("banned"),
  /** Its ban ran out and its one half-open probe is in flight. */
  PROBING("being probed"),
  /** Cooling down after a rate limit or repeated failures. */
  COOLING_DOWN("cooling down"),
  /** Upstream headers said its requests or tokens are spent until a reset. */
  EXHAUSTED("out of upstream rate limit"),
  /** Its local requests-per-minute cap is reached. */
  RPM_CAP("at the requests-per-minute cap");

  private final String label;

  Blocker(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  /**
   * The human reason no key of {@code providerId} could be lent, from how many keys each blocker held.
   *
   * @param counts indexed by ordinal
   */
  static String describe(String providerId, int[] counts) {
    int total = 0;
    int kinds = 0;
    Blocker only = null;
    for (Blocker b : values()) {
      if (counts[b.ordinal()] > 0) {
        total += counts[b.ordinal()];
        kinds++;
        only = b;
      }
    }
    if (total == 0) {
      return "provider " + providerId + " has no keys";
    }
    if (kinds == 1) {
      return total == 1
          ? "the only key of provider " + providerId + " is " + only.label
          : "all " + total + " keys of provider " + providerId + " are " + only.label;
    }
    StringBuilder sb = new StringBuilder("no key of provider ").append(providerId).append(" is available (");
    String sep = "";
    for (Blocker b : values()) {
      if (counts[b.ordinal()] > 0) {
        sb.append(sep).append(counts[b.ordinal()]).append(' ').append(b.label);
        sep = ", ";
      }
    }
    return sb.append(')').toString();
  }
}
