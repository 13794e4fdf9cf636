package dev.keypool.affinity;

/**
 * A session's key.
 *
 * @param boundAt when the session came to this key (epoch ms, on the instance that bound it): between two
 *     instances that moved a session at once, the later move wins, and the key id breaks a tie
 * @param sharedAt when the other instances last heard of it, so that a session in use is refreshed on them
 *     before their copy expires
 */
record Binding(String keyId, long boundAt, long sharedAt) {

  /** Whether a binding to {@code keyId} made at {@code at} replaces this one. */
  boolean supersededBy(String keyId, long at) {
    return at > boundAt || (at == boundAt && keyId.compareTo(this.keyId) > 0);
  }
}
