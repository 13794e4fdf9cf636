package dev.keypool.reload;

import dev.keypool.config.GatewayKeyConfig;
import dev.keypool.config.ProviderConfig;
import dev.keypool.gatewaykey.GatewayKey;
import dev.keypool.gatewaykey.GatewayKeyRegistry;
import dev.keypool.keypool.KeyPool;
import dev.keypool.keypool.ProviderKey;
import dev.keypool.storage.GatewayKeyStore;
import dev.keypool.storage.ProviderKeyStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The file's keys of a reloaded configuration: stored first (as at start), then handed to memory in an
 * order that never leaves a request without a key. New and changed provider keys enter the pool before
 * the route table shows their provider; keys gone from the file leave it only after.
 */
final class KeySwap {
  private static final String FROM_FILE = "config";

  private KeySwap() {}

  /** Provider keys stored for {@code providers} (the providers about to be in effect), not yet in the pool. */
  record ProviderKeys(KeyPool pool, List<ProviderKey> stored) {
    /** Adds the new keys and the new definitions of changed ones; live state (cooldowns, bans) is kept. */
    void addNew() {
      for (ProviderKey key : stored) {
        if (!key.equals(pool.definition(key.id()))) {
          pool.put(key);
        }
      }
    }

    /** Removes the keys no longer stored for a provider in effect; leases already out end harmlessly. */
    void dropStale() {
      Set<String> keep = new HashSet<>();
      stored.forEach(k -> keep.add(k.id()));
      // Ids only: snapshots would lock every key against the event loops' borrows.
      for (String id : pool.ids()) {
        if (!keep.contains(id)) {
          pool.remove(id);
        }
      }
    }
  }

  /** Makes the store's file keys match {@code providers}' and returns the keys of those providers. */
  static ProviderKeys storeProviderKeys(ProviderKeyStore store, KeyPool pool, List<ProviderConfig> providers) {
    Set<String> ids = new HashSet<>();
    for (ProviderConfig p : providers) {
      ids.add(p.id());
      store.syncFromConfig(p.id(), p.keys());
    }
    store.deleteProvidersNotIn(ids);
    return new ProviderKeys(pool, store.list().stream().filter(k -> ids.contains(k.providerId())).toList());
  }

  /** Makes the store's file gateway keys match {@code keys}; returns them as stored. */
  static List<GatewayKey> storeGatewayKeys(GatewayKeyStore store, List<GatewayKeyConfig> keys) {
    return store.syncFromConfig(keys);
  }

  /**
   * Gives the registry the file's gateway keys as stored and drops the file keys no longer declared.
   * Keys created through the API are left alone.
   */
  static void swapGatewayKeys(GatewayKeyRegistry registry, List<GatewayKey> fromFile) {
    Set<String> keep = new HashSet<>();
    for (GatewayKey key : fromFile) {
      keep.add(key.id());
      registry.put(key);
    }
    for (GatewayKey held : registry.all()) {
      if (FROM_FILE.equals(held.source()) && !keep.contains(held.id())) {
        registry.remove(held.id());
      }
    }
  }
}
