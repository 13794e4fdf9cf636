package dev.keypool.quota;

/** What a limit counts. */
public enum LimitKind {
  /** Requests started in the window; each reservation counts one. */
  REQUESTS,
  /** Tokens (input plus output) in the window; reserved from an estimate, settled to the real count. */
  TOKENS,
  /** Cost in nanos of a US dollar in the window; reserved from an estimate, settled to the real cost. */
  COST_NANOS,
  /**
   * Requests in flight at once. Has no window: a reservation holds one slot until it is settled or
   * released, so waiting for a time does not help and a refusal carries no Retry-After.
   */
  CONCURRENT;

  /** Whether counts of this kind live in time windows (every kind but {@link #CONCURRENT}). */
  public boolean windowed() {
    return this != CONCURRENT;
  }
}
