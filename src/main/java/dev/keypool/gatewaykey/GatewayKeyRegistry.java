package dev.keypool.gatewaykey;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The in-memory index of gateway keys by hash, consulted on every request so authentication never
 * touches the database. The admin API keeps it in step with the store. Keys that cannot authenticate
 * (suspended, revoked, deleted) stay in it so the caller can be told why.
 */
public final class GatewayKeyRegistry {
  private final Map<String, GatewayKey> byHash = new ConcurrentHashMap<>();
  private final Map<String, String> hashById = new ConcurrentHashMap<>();
  private final LastUsedTracker lastUsed = new LastUsedTracker();
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

  /** Runs {@code listener} with a key's id after the key was put (changed) or removed. */
  public void onChange(Consumer<String> listener) {
    listeners.add(listener);
  }

  public void putAll(Collection<GatewayKey> keys) {
    keys.forEach(this::put);
  }

  /** Adds or replaces a key; a new hash (regeneration) retires the old one at once. */
  public synchronized void put(GatewayKey key) {
    String oldHash = hashById.put(key.id(), key.keyHash());
    if (oldHash != null && !oldHash.equals(key.keyHash())) {
      byHash.remove(oldHash);
    }
    byHash.put(key.keyHash(), key);
    listeners.forEach(l -> l.accept(key.id()));
  }

  /**
   * Takes a key as stored, unless the one held is newer (a read that started before this instance
   * changed the key must not undo the change): how changes made through other instances arrive.
   */
  public synchronized void refresh(GatewayKey stored) {
    String hash = hashById.get(stored.id());
    GatewayKey held = hash == null ? null : byHash.get(hash);
    boolean older = stored.updatedAt() != null && held != null && held.updatedAt() != null
        && stored.updatedAt().isBefore(held.updatedAt());
    // The last-used time alone (written every few seconds) is no change worth dropping cached limits for.
    if (held == null || (!older && !stored.toBuilder().lastUsedAt(held.lastUsedAt()).build().equals(held))) {
      put(stored);
    }
  }

  public synchronized void remove(String id) {
    String hash = hashById.remove(id);
    if (hash != null) {
      byHash.remove(hash);
    }
    listeners.forEach(l -> l.accept(id));
  }

  /** Every key held, whatever its status (for the alerts' quota checks). */
  public List<GatewayKey> all() {
    return List.copyOf(byHash.values());
  }

  /** The key whose secret is {@code presented}, whatever its status, or null when there is none. */
  public GatewayKey lookup(String presented) {
    if (presented == null || presented.isEmpty()) {
      return null;
    }
    return byHash.get(GatewayKeySecrets.hash(presented));
  }

  /** Where authentications note the time a key was last used, flushed to the store in batches. */
  public LastUsedTracker lastUsed() {
    return lastUsed;
  }
}
