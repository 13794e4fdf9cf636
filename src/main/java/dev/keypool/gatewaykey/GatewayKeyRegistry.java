package dev.keypool.gatewaykey;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory index of gateway keys by hash, consulted on every request so authentication never
 * touches the database. The admin API keeps it in step with the store.
 */
public final class GatewayKeyRegistry {
  private final Map<String, GatewayKey> byHash = new ConcurrentHashMap<>();

  public void putAll(Collection<GatewayKey> keys) {
    keys.forEach(this::put);
  }

  public void put(GatewayKey key) {
    byHash.values().removeIf(k -> k.id().equals(key.id()));
    byHash.put(key.keyHash(), key);
  }

  public void remove(String id) {
    byHash.values().removeIf(k -> k.id().equals(id));
  }

  /** The active key whose secret is {@code presented}, or null. */
  public GatewayKey authenticate(String presented) {
    if (presented == null || !GatewayKeySecrets.looksLikeKey(presented)) {
      return null;
    }
    GatewayKey key = byHash.get(GatewayKeySecrets.hash(presented));
    return key != null && key.active() ? key : null;
  }
}
