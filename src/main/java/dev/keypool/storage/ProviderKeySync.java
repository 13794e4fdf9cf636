package dev.keypool.storage;

import dev.keypool.config.ProviderKeyConfig;
import dev.keypool.keypool.ProviderKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One run of {@link ProviderKeyStore#syncFromConfig}: insert, update and delete a provider's
 * config-sourced keys inside the caller's transaction. Unchanged keys are not rewritten, so
 * {@code updatedAt} moves only when the file really changed a key.
 */
final class ProviderKeySync {

  private final ProviderKeyTable table;
  private final Clock clock;

  ProviderKeySync(ProviderKeyTable table, Clock clock) {
    this.table = table;
    this.clock = clock;
  }

  List<ProviderKey> apply(Connection c, String providerId, List<ProviderKeyConfig> keys) throws SQLException {
    requireUniqueNames(providerId, keys);
    Map<String, ProviderKey> stored = table.select(c, "provider_id = ?", providerId).stream()
        .collect(Collectors.toMap(ProviderKey::name, Function.identity()));
    Instant now = clock.instant();
    var declared = new HashSet<String>();
    for (ProviderKeyConfig k : keys) {
      declared.add(k.name());
      ProviderKey old = stored.get(k.name());
      if (old == null) {
        table.insert(c, new ProviderKey(Ids.newId("pk"), providerId, k.name(), k.secret(), k.priority(), k.weight(),
            k.tags(), k.notes(), k.requestsPerMinute(), k.enabled(), null, ProviderKeyStore.SOURCE_CONFIG, now, now));
      } else if (!ProviderKeyStore.SOURCE_CONFIG.equals(old.source())) {
        throw new ConflictException("provider " + providerId + ": key name '" + k.name() + "' in the config file is "
            + "already used by a key added through the admin API; rename one of them");
      } else if (!sameDefinition(old, k)) {
        table.update(c, new ProviderKey(old.id(), providerId, k.name(), k.secret(), k.priority(), k.weight(), k.tags(),
            k.notes(), k.requestsPerMinute(), old.enabled(), old.disabledReason(), old.source(), old.createdAt(), now));
      }
    }
    for (ProviderKey old : stored.values()) {
      if (ProviderKeyStore.SOURCE_CONFIG.equals(old.source()) && !declared.contains(old.name())) {
        delete(c, old.id());
      }
    }
    return table.select(c, "provider_id = ?", providerId);
  }

  private static boolean sameDefinition(ProviderKey old, ProviderKeyConfig k) {
    return old.secret().equals(k.secret())
        && old.priority() == k.priority()
        && old.weight() == k.weight()
        && old.tags().equals(k.tags())
        && Objects.equals(old.notes(), k.notes())
        && old.requestsPerMinute() == k.requestsPerMinute();
  }

  private static void requireUniqueNames(String providerId, List<ProviderKeyConfig> keys) {
    var seen = new HashSet<String>();
    for (ProviderKeyConfig k : keys) {
      if (!seen.add(k.name())) {
        throw new IllegalArgumentException("provider " + providerId + ": key name '" + k.name() + "' is declared twice");
      }
    }
  }

  private static void delete(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM provider_keys WHERE id = ?")) {
      ps.setString(1, id);
      ps.executeUpdate();
    }
  }
}
