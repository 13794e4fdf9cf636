package dev.keypool.keypool;

/**
 * What a {@link KeyPool} tells the other instances of a deployment, and asks of them, when their pools are
 * shared: every local change of a key's penalties, the upstream's rate-limit figures and the local
 * borrows that spend them, and whether a banned key's half-open probe needs a lease. Called from event
 * loops, never under a key's lock: implementations queue and return at once.
 */
public interface KeySharing {

  /** No sharing: the pool decides alone (one instance, or no Redis). */
  KeySharing NONE = new KeySharing() {
    @Override
    public boolean coordinatesProbes() {
      return false;
    }

    @Override
    public void changed(KeyChange change) {}
  };

  /**
   * Whether a banned key's half-open probe needs this instance to hold the key's shared lease (see
   * {@link KeyPool#probesToClaim}); false while the instances cannot reach each other, so each probes alone.
   */
  boolean coordinatesProbes();

  /** A key's penalties changed here. */
  void changed(KeyChange change);

  /** A key with known upstream request figures was lent here: one request less for every instance. */
  default void borrowed(String keyId) {}

  /** An upstream response here reported a key's rate-limit figures. */
  default void figures(String keyId, RateLimitUpdate update) {}

  /** Keys were added, changed or removed here (already stored): others should re-read them. */
  default void definitionsChanged() {}
}
