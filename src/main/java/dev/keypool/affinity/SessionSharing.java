package dev.keypool.affinity;

import java.time.Duration;

/**
 * What {@link SessionAffinity} tells the other instances of a deployment: that a session was bound to a
 * key here (a new session, a move, or a refresh of one still in use), for them to adopt and to keep for
 * instances that join later. Called from event loops: implementations queue and return at once.
 */
public interface SessionSharing {

  /** No sharing: each instance remembers its own sessions. */
  SessionSharing NONE = (routeId, sessionHash, keyId, boundAt, ttl) -> { };

  /**
   * @param sessionHash the session id's hash (never the id itself)
   * @param boundAt when the session was bound to {@code keyId} (epoch ms): the later binding wins
   * @param ttl the route's affinity ttl: how long the binding is worth keeping unless announced again
   */
  void bound(String routeId, String sessionHash, String keyId, long boundAt, Duration ttl);
}
