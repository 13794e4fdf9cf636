package dev.keypool.server;

import dev.keypool.affinity.SessionAffinity;
import dev.keypool.config.GatewayConfig;
import dev.keypool.config.QuotasConfig;
import dev.keypool.keypool.KeyPool;
import dev.keypool.keypool.ProviderKey;
import dev.keypool.metrics.GatewayMetrics;
import dev.keypool.quota.RedisLink;
import dev.keypool.routing.RouteTable;
import dev.keypool.sharedpool.SharedKeyState;
import dev.keypool.storage.ProviderKeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Shares the key pool, and the sessions bound to its keys, with the other instances through the quota engine's Redis when {@code quotas.redis}
 * is configured and its {@code shared_key_state} is on (see {@link SharedKeyState}); otherwise the pool
 * is this instance's alone.
 */
final class SharedPool {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final int SYNC_ATTEMPTS = 5;

  private SharedPool() {}

  /** The started sharing, or null when the pool is not shared. */
  static SharedKeyState start(GatewayConfig config, RedisLink link, KeyPool pool, ProviderKeyStore store,
      RouteTable routes, GatewayMetrics metrics, Clock clock, SessionAffinity affinity) {
    QuotasConfig.Redis redis = config.quotas().redis().orElse(null);
    if (redis == null || !redis.sharedKeyState() || link == null) {
      return null;
    }
    return new SharedKeyState(link, redis.prefix(), instanceName(), pool, clock,
        origin -> sync(pool, store, routes, origin),
        metrics.registry()).withSessions(affinity, () -> routes.current().all()).start();
  }

  /**
   * Re-reads the keys and applies them, again when a change made on this instance overtook the read (a
   * key added here while it ran would otherwise be removed from memory); bounded, as local changes are
   * operator actions.
   */
  private static void sync(KeyPool pool, ProviderKeyStore store, RouteTable routes, String origin) {
    for (int attempt = 0; attempt < SYNC_ATTEMPTS; attempt++) {
      long mark = pool.changeMark();
      if (pool.sync(configured(store.list(), routes.current().providerIds()), origin, mark)) {
        return;
      }
    }
  }

  /** Keys of providers no longer configured stay out of the pool, as at start. */
  private static List<ProviderKey> configured(List<ProviderKey> stored, Set<String> providerIds) {
    return stored.stream().filter(k -> providerIds.contains(k.providerId())).toList();
  }

  /** The host's name (a container's id) and a random suffix: unique even for instances on one host. */
  private static String instanceName() {
    String host = System.getenv("HOSTNAME");
    String base = host == null || host.isBlank() ? "keypool" : host.replaceAll("[^A-Za-z0-9._-]", "");
    return base + "-" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36).substring(0, 6);
  }

  /** How the pool is shared: {@code redis}, {@code local-fallback} while Redis is away, or {@code local}. */
  static String state(SharedKeyState shared) {
    return shared == null ? "local" : shared.state();
  }
}
