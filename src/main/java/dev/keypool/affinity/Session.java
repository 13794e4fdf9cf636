package dev.keypool.affinity;

/**
 * One request's session, as far as key choice goes: the key it is bound to (if any) for the pool to
 * prefer, and {@link #servedBy}, told which key answered, which keeps or moves the binding.
 */
public final class Session {
  /** A request with no session (affinity off for its route, or no source present). */
  public static final Session NONE = new Session(null, null, null, null, null);

  private final SessionAffinity owner;
  private final RouteSessions sessions;
  private final String hash;
  private final Binding bound;
  private final String routeId;

  Session(SessionAffinity owner, RouteSessions sessions, String routeId, String hash, Binding bound) {
    this.owner = owner;
    this.sessions = sessions;
    this.routeId = routeId;
    this.hash = hash;
    this.bound = bound;
  }

  /** The key to prefer, or null. */
  public String preferredKeyId() {
    return bound == null ? null : bound.keyId();
  }

  /** The key {@code keyId} delivered this request's answer: the session stays on it from now on. */
  public void servedBy(String keyId) {
    if (owner != null) {
      owner.served(sessions, routeId, hash, bound, keyId);
    }
  }
}
