package dev.keypool.affinity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.keypool.config.AffinityConfig;

/**
 * The sessions of one route on this instance: session hash to {@link Binding}, bounded by
 * {@code max_sessions} and forgotten {@code ttl} after their last use. Caffeine's upkeep runs on the
 * calling thread (a few map operations, no I/O), so nothing runs on another pool and tests see expiry
 * as soon as their clock moves.
 */
final class RouteSessions {
  final AffinityConfig config;
  final Cache<String, Binding> bindings;

  RouteSessions(AffinityConfig config, Ticker ticker) {
    this.config = config;
    this.bindings = Caffeine.newBuilder()
        .maximumSize(config.maxSessions())
        .expireAfterAccess(config.ttl())
        .ticker(ticker)
        .executor(Runnable::run)
        .build();
  }

  /** The session's binding, counting as a use; null when unknown or expired. */
  Binding get(String hash) {
    return bindings.getIfPresent(hash);
  }

  /**
   * Whether a session in use here should be announced again, so that the other instances' copies, which
   * expire {@code ttl} after they last heard of it, do not run out while it is used: a tenth of its time to
   * live after the last time (at most ten messages per session and ttl).
   */
  boolean refreshDue(Binding b, long now) {
    return now - b.sharedAt() >= config.ttl().toMillis() / 10;
  }

  long size() {
    bindings.cleanUp();
    return bindings.estimatedSize();
  }
}
