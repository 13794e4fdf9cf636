package dev.keypool.cli;

import dev.keypool.config.ProviderConfig;
import dev.keypool.config.ProviderKeyConfig;
import dev.keypool.keypool.ProviderKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The provider keys the gateway would use at its next start, read without writing anything: the stored
 * keys of the providers in use, where the file declares a key its definition (the gateway syncs the
 * file into the store when it starts, keeping the stored enabled state), and the file's keys not stored
 * yet. Keys of providers no longer configured are left out and named in {@link #orphaned}.
 */
record KeyInventory(List<ProviderKey> keys, Set<String> orphaned) {

  static KeyInventory of(List<ProviderConfig> providers, List<ProviderKey> stored) {
    Map<String, ProviderConfig> byId = new LinkedHashMap<>();
    providers.forEach(p -> byId.put(p.id(), p));
    Map<String, ProviderKey> keys = new LinkedHashMap<>();
    Set<String> orphaned = new TreeSet<>();
    for (ProviderKey k : stored) {
      if (byId.containsKey(k.providerId())) {
        keys.put(k.providerId() + "\n" + k.name(), k);
      } else {
        orphaned.add(k.providerId());
      }
    }
    for (ProviderConfig p : providers) {
      for (ProviderKeyConfig f : p.keys()) {
        ProviderKey old = keys.get(p.id() + "\n" + f.name());
        keys.put(p.id() + "\n" + f.name(), new ProviderKey(old == null ? null : old.id(), p.id(), f.name(), f.secret(),
            f.priority(), f.weight(), f.tags(), f.notes(), f.requestsPerMinute(), old == null ? f.enabled() : old.enabled(),
            old == null ? null : old.disabledReason(), "config", old == null ? null : old.createdAt(),
            old == null ? null : old.updatedAt()));
      }
    }
    List<ProviderKey> out = new ArrayList<>(keys.values());
    out.sort(Comparator.comparing(ProviderKey::providerId).thenComparing(ProviderKey::name));
    return new KeyInventory(List.copyOf(out), Set.copyOf(orphaned));
  }

  /** The keys of {@code providerId}, or all of them when it is null. */
  List<ProviderKey> of(String providerId) {
    return providerId == null ? keys : keys.stream().filter(k -> k.providerId().equals(providerId)).toList();
  }

  static KeyInventory read(Offline offline) {
    return of(offline.providers(), offline.providerKeys().list());
  }
}
