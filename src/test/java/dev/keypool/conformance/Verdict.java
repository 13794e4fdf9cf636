package dev.keypool.conformance;

/** The outcome of one cell; {@code note} is the reason of an n/a. */
record Verdict(Kind kind, String note) {
  enum Kind { PASS, NA, FAIL }

  static final Verdict PASS = new Verdict(Kind.PASS, null);
  static final Verdict FAIL = new Verdict(Kind.FAIL, null);

  /** The feature cannot exist across this pair; the case asserted what happens instead. */
  static Verdict na(String reason) {
    return new Verdict(Kind.NA, reason);
  }
}
