package dev.keypool.storage;

import dev.keypool.config.ProviderKeyConfig;
import dev.keypool.keypool.ProviderKey;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The durable set of upstream provider keys: the ones declared in the config file and the ones added
 * through the admin API. Secrets are encrypted with the {@link SecretCipher} before they reach the
 * database and decrypted on the way out. Every method blocks (run it through {@link Blocking}) and
 * throws {@link StorageException} on database errors.
 */
public final class ProviderKeyStore {

  static final String SOURCE_CONFIG = "config";
  static final String SOURCE_API = "api";

  private final DataSource ds;
  private final Clock clock;
  private final ProviderKeyTable table;

  public ProviderKeyStore(DataSource ds, SecretCipher cipher, Clock clock) {
    this.ds = ds;
    this.clock = clock;
    this.table = new ProviderKeyTable(cipher);
  }

  /** All keys, ordered by provider then name. */
  public List<ProviderKey> list() {
    return Jdbc.inTransaction(ds, "list provider keys", c -> table.select(c, ""));
  }

  public Optional<ProviderKey> find(String id) {
    return Jdbc.inTransaction(ds, "find provider key " + id,
        c -> table.select(c, "id = ?", id).stream().findFirst());
  }

  /**
   * Stores a new key and returns it as stored. A null id, source or timestamp is filled in (a new
   * {@code pk_} id, {@code api}, now). Throws {@link ConflictException} if the provider already has a
   * key of that name.
   */
  public ProviderKey insert(ProviderKey key) {
    Instant now = clock.instant();
    ProviderKey row = new ProviderKey(
        key.id() == null ? Ids.newId("pk") : key.id(), key.providerId(), key.name(), key.secret(),
        key.priority(), key.weight(), key.tags(), key.notes(), key.requestsPerMinute(), key.enabled(),
        key.enabled() ? null : key.disabledReason(), key.source() == null ? SOURCE_API : key.source(),
        key.createdAt() == null ? now : key.createdAt(), key.updatedAt() == null ? now : key.updatedAt());
    return Jdbc.inTransaction(ds, "insert provider key " + key.providerId() + "/" + key.name(), c -> {
      table.insert(c, row);
      return row;
    });
  }

  /**
   * Rewrites the definition of the key with {@code key.id()} (everything but id, source and createdAt)
   * and sets updatedAt to now. Throws {@link NoSuchElementException} if there is no such key.
   */
  public ProviderKey update(ProviderKey key) {
    return Jdbc.inTransaction(ds, "update provider key " + key.id(), c -> {
      ProviderKey old = table.select(c, "id = ?", key.id()).stream().findFirst()
          .orElseThrow(() -> new NoSuchElementException("no provider key with id " + key.id()));
      ProviderKey row = new ProviderKey(key.id(), key.providerId(), key.name(), key.secret(), key.priority(),
          key.weight(), key.tags(), key.notes(), key.requestsPerMinute(), key.enabled(),
          key.enabled() ? null : key.disabledReason(), old.source(), old.createdAt(), clock.instant());
      table.update(c, row);
      return row;
    });
  }

  /** Deletes the key; returns false if there was none. */
  public boolean delete(String id) {
    return Jdbc.inTransaction(ds, "delete provider key " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM provider_keys WHERE id = ?")) {
        ps.setString(1, id);
        return ps.executeUpdate() == 1;
      }
    });
  }

  /**
   * Records an operator's enable or disable. The reason is kept only while disabled. This run-time
   * state survives restarts, even for keys declared in the file (see {@link #syncFromConfig}).
   */
  public void setEnabled(String id, boolean enabled, String reason) {
    boolean found = Jdbc.inTransaction(ds, "set enabled on provider key " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE provider_keys SET enabled = ?, disabled_reason = ?, updated_at = ? WHERE id = ?")) {
        ps.setBoolean(1, enabled);
        ps.setString(2, enabled ? null : reason);
        ps.setLong(3, clock.millis());
        ps.setString(4, id);
        return ps.executeUpdate() == 1;
      }
    });
    if (!found) {
      throw new NoSuchElementException("no provider key with id " + id);
    }
  }

  /**
   * Makes the provider's config-sourced keys match the file and returns all of that provider's keys.
   * Keys are matched by name. The file owns the definition (secret, priority, weight, tags, notes,
   * requests per minute); the database owns run-time state, so an operator's enable or disable
   * outlives restarts and the file's {@code enabled} applies only when a key first appears. Keys gone
   * from the file are deleted. All of it happens in one transaction.
   */
  public List<ProviderKey> syncFromConfig(String providerId, List<ProviderKeyConfig> keys) {
    var sync = new ProviderKeySync(table, clock);
    return Jdbc.inTransaction(ds, "sync provider keys of " + providerId, c -> sync.apply(c, providerId, keys));
  }

  /** Deletes the config-sourced keys of every provider not in {@code providerIds}; API keys stay. */
  public void deleteProvidersNotIn(Set<String> providerIds) {
    String placeholders = String.join(", ", Collections.nCopies(providerIds.size(), "?"));
    String sql = "DELETE FROM provider_keys WHERE source = '" + SOURCE_CONFIG + "'"
        + (providerIds.isEmpty() ? "" : " AND provider_id NOT IN (" + placeholders + ")");
    Jdbc.inTransaction(ds, "delete keys of removed providers", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        for (String id : providerIds) {
          ps.setString(i++, id);
        }
        return ps.executeUpdate();
      }
    });
  }
}
