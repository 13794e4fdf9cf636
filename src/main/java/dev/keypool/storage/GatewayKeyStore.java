package dev.keypool.storage;

import dev.keypool.config.GatewayKeyConfig;
import dev.keypool.gatewaykey.GatewayKey;
import dev.keypool.gatewaykey.GatewayKeySecrets;
import dev.keypool.gatewaykey.IpAllowList;
import dev.keypool.gatewaykey.KeyScopes;
import dev.keypool.gatewaykey.KeyStatus;
import dev.keypool.gatewaykey.ModelPatterns;
import dev.keypool.gatewaykey.Permission;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The durable set of gateway keys, the credentials clients present to Keypool. Only the SHA-256 of
 * each key and a short hint are stored (see {@link GatewayKeySecrets}). Deleting is soft: the row
 * stays, with {@code deleted_at}, so request records and statistics keep a name for the id. Every
 * method blocks (run it through {@link Blocking}) and throws {@link StorageException} on database errors.
 */
public final class GatewayKeyStore {

  private static final String COLUMNS = "id, name, description, key_hash, key_hint, status, source, user_id, org_id, "
      + "allowed_models, allowed_providers, allowed_ips, permissions, limits, expires_at, last_used_at, "
      + "created_at, updated_at, revoked_at, deleted_at";
  private static final String NOT_DELETED = "deleted_at IS NULL";

  private final DataSource ds;
  private final Clock clock;

  public GatewayKeyStore(DataSource ds, Clock clock) {
    this.ds = ds;
    this.clock = clock;
  }

  /** Every key, deleted ones included, oldest first: what the in-memory registry is loaded from. */
  public List<GatewayKey> list() {
    return list(true);
  }

  public List<GatewayKey> list(boolean includeDeleted) {
    return Jdbc.inTransaction(ds, "list gateway keys", c -> select(c, includeDeleted ? "" : NOT_DELETED));
  }

  /** The keys, not deleted, that belong to a user or name an org; what stands in the way of deleting those. */
  public List<GatewayKey> owned(String userId, String orgId) {
    return Jdbc.inTransaction(ds, "list owned gateway keys",
        c -> select(c, NOT_DELETED + " AND (user_id = ? OR org_id = ?)", userId, orgId));
  }

  public Optional<GatewayKey> find(String id) {
    return Jdbc.inTransaction(ds, "find gateway key " + id, c -> select(c, "id = ?", id).stream().findFirst());
  }

  /** The key whose hash is {@code keyHash}, whatever its status. */
  public Optional<GatewayKey> findByHash(String keyHash) {
    return Jdbc.inTransaction(ds, "find gateway key by hash", c -> select(c, "key_hash = ?", keyHash).stream().findFirst());
  }

  /**
   * Stores a key that the caller already hashed. A null id, source, createdAt or updatedAt is filled in
   * (a new {@code gk_} id, {@code api}, now). Throws {@link ConflictException} if the same key value
   * is already stored.
   */
  public GatewayKey insert(GatewayKey key) {
    GatewayKey row = filledIn(key);
    return Jdbc.inTransaction(ds, "insert gateway key " + key.name(), c -> {
      insert(c, row);
      return row;
    });
  }

  /**
   * Stores {@code key} (already hashed; missing fields filled in as by {@link #insert}) only if no
   * gateway key was ever stored, deleted ones included: a fresh install. Returns whether it was stored.
   * Instances starting together on one fresh database store it once, as long as they give the same id:
   * the second insert conflicts.
   */
  public boolean insertIfNone(GatewayKey key) {
    GatewayKey row = filledIn(key);
    try {
      return Jdbc.inTransaction(ds, "create the first gateway key", c -> {
        if (!Jdbc.select(c, "SELECT id FROM gateway_keys LIMIT 1", rs -> rs.getString(1)).isEmpty()) {
          return false;
        }
        insert(c, row);
        return true;
      });
    } catch (ConflictException e) {
      return false;
    }
  }

  private GatewayKey filledIn(GatewayKey key) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as stored
    return key.toBuilder()
        .id(key.id() == null ? Ids.newId("gk") : key.id())
        .source(key.source() == null ? "api" : key.source())
        .createdAt(key.createdAt() == null ? now : key.createdAt())
        .updatedAt(key.updatedAt() == null ? now : key.updatedAt())
        .build();
  }

  /**
   * Writes every changeable field of a stored key (all but id, hash, source, created, last used and
   * deleted) with {@code updated_at} now; returns the stored key, or empty when it is unknown or deleted.
   */
  public Optional<GatewayKey> update(GatewayKey key) {
    return Jdbc.inTransaction(ds, "update gateway key " + key.id(), c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE gateway_keys SET name = ?, description = ?, status = ?, "
          + "user_id = ?, org_id = ?, allowed_models = ?, allowed_providers = ?, allowed_ips = ?, permissions = ?, "
          + "limits = ?, expires_at = ?, revoked_at = ?, updated_at = ? WHERE id = ? AND " + NOT_DELETED)) {
        int i = 0;
        ps.setString(++i, key.name());
        ps.setString(++i, key.description());
        ps.setString(++i, key.status().wire());
        ps.setString(++i, key.userId());
        ps.setString(++i, key.orgId());
        i = bindScopes(ps, i, key);
        Jdbc.setInstant(ps, ++i, key.expiresAt());
        Jdbc.setInstant(ps, ++i, key.revokedAt());
        ps.setLong(++i, clock.millis());
        ps.setString(++i, key.id());
        if (ps.executeUpdate() == 0) {
          return Optional.<GatewayKey>empty();
        }
      }
      return select(c, "id = ?", key.id()).stream().findFirst();
    });
  }

  /** Revokes an active or suspended key; returns false if the key is unknown, deleted or already revoked. */
  public boolean revoke(String id) {
    return execute("revoke gateway key " + id, "UPDATE gateway_keys SET status = 'revoked', revoked_at = ?, updated_at = ? "
        + "WHERE id = ? AND status <> 'revoked' AND " + NOT_DELETED, clock.millis(), clock.millis(), id);
  }

  /** Soft-deletes a key: it is kept, hidden from default listings, and never authenticates again. */
  public boolean softDelete(String id) {
    return execute("delete gateway key " + id, "UPDATE gateway_keys SET deleted_at = ?, updated_at = ? WHERE id = ? AND "
        + NOT_DELETED, clock.millis(), clock.millis(), id);
  }

  /**
   * Gives a key a new secret (its hash and hint) and keeps everything else: id, scopes, limits, owner
   * and history. Returns the stored key, or empty when it is unknown, deleted or revoked.
   */
  public Optional<GatewayKey> regenerate(String id, String keyHash, String keyHint) {
    return Jdbc.inTransaction(ds, "regenerate gateway key " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE gateway_keys SET key_hash = ?, key_hint = ?, updated_at = ? "
          + "WHERE id = ? AND status <> 'revoked' AND " + NOT_DELETED)) {
        ps.setString(1, keyHash);
        ps.setString(2, keyHint);
        ps.setLong(3, clock.millis());
        ps.setString(4, id);
        if (ps.executeUpdate() == 0) {
          return Optional.<GatewayKey>empty();
        }
      }
      return select(c, "id = ?", id).stream().findFirst();
    });
  }

  /** Writes the last-used times gathered in memory, in one transaction; never moves a time backwards. */
  public void touchLastUsed(Map<String, Instant> touches) {
    if (touches.isEmpty()) {
      return;
    }
    Jdbc.inTransaction(ds, "record gateway key use", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE gateway_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")) {
        for (Map.Entry<String, Instant> e : touches.entrySet()) {
          ps.setLong(1, e.getValue().toEpochMilli());
          ps.setString(2, e.getKey());
          ps.setLong(3, e.getValue().toEpochMilli());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  /**
   * Makes the config-sourced keys match the file, matched by name, and returns them. The file's
   * description, scopes, permissions and limits are applied every time. A key whose value changed gets
   * the new hash and becomes active and undeleted again (a new value is a new credential); an unchanged
   * key keeps any run-time suspension or revocation. Keys gone from the file are deleted.
   */
  public List<GatewayKey> syncFromConfig(List<GatewayKeyConfig> keys) {
    return Jdbc.inTransaction(ds, "sync gateway keys", c -> {
      var declared = new HashSet<String>();
      for (GatewayKeyConfig k : keys) {
        if (!declared.add(k.name())) {
          throw new IllegalArgumentException("gateway key name '" + k.name() + "' is declared twice");
        }
        String hash = GatewayKeySecrets.hash(k.key());
        Optional<GatewayKey> old = select(c, "source = 'config' AND name = ?", k.name()).stream().findFirst();
        GatewayKey.Builder b = old.map(GatewayKey::toBuilder).orElseGet(() -> new GatewayKey.Builder()
            .id(Ids.newId("gk")).name(k.name()).source("config").createdAt(clock.instant()));
        b.description(k.description()).scopes(k.scopes()).permissions(k.permissions()).limits(k.limits())
            .keyHash(hash).keyHint(GatewayKeySecrets.hint(k.key())).updatedAt(clock.instant());
        if (old.isEmpty()) {
          insert(c, b.build());
        } else {
          if (!old.get().keyHash().equals(hash)) {
            b.status(KeyStatus.ACTIVE).revokedAt(null).deletedAt(null);
          }
          delete(c, old.get().id());
          insert(c, b.build());
        }
      }
      for (GatewayKey old : select(c, "source = 'config'")) {
        if (!declared.contains(old.name())) {
          delete(c, old.id());
        }
      }
      return select(c, "source = 'config'");
    });
  }

  private boolean execute(String what, String sql, Object... args) {
    return Jdbc.inTransaction(ds, what, c -> Jdbc.update(c, sql, args) == 1);
  }

  private List<GatewayKey> select(Connection c, String where, Object... args) throws SQLException {
    return Jdbc.select(c, "SELECT " + COLUMNS + " FROM gateway_keys" + (where.isEmpty() ? "" : " WHERE " + where)
        + " ORDER BY created_at, id", GatewayKeyStore::row, args);
  }

  private static GatewayKey row(ResultSet rs) throws SQLException {
    KeyScopes scopes = new KeyScopes(new ModelPatterns(JsonColumns.strings(rs.getString("allowed_models"))),
        JsonColumns.strings(rs.getString("allowed_providers")), new IpAllowList(JsonColumns.strings(rs.getString("allowed_ips"))));
    return new GatewayKey.Builder()
        .id(rs.getString("id")).name(rs.getString("name")).description(rs.getString("description"))
        .keyHash(rs.getString("key_hash")).keyHint(rs.getString("key_hint"))
        .status(KeyStatus.parse(rs.getString("status"))).source(rs.getString("source"))
        .userId(rs.getString("user_id")).orgId(rs.getString("org_id")).scopes(scopes)
        .permissions(Permission.parseAll(JsonColumns.strings(rs.getString("permissions"))))
        .limits(JsonColumns.limits(rs.getString("limits")))
        .expiresAt(Jdbc.instant(rs, "expires_at")).lastUsedAt(Jdbc.instant(rs, "last_used_at"))
        .createdAt(Jdbc.instant(rs, "created_at")).updatedAt(Jdbc.instant(rs, "updated_at"))
        .revokedAt(Jdbc.instant(rs, "revoked_at")).deletedAt(Jdbc.instant(rs, "deleted_at"))
        .build();
  }

  private static void insert(Connection c, GatewayKey k) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO gateway_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int i = 0;
      ps.setString(++i, k.id());
      ps.setString(++i, k.name());
      ps.setString(++i, k.description());
      ps.setString(++i, k.keyHash());
      ps.setString(++i, k.keyHint());
      ps.setString(++i, k.status().wire());
      ps.setString(++i, k.source());
      ps.setString(++i, k.userId());
      ps.setString(++i, k.orgId());
      i = bindScopes(ps, i, k);
      Jdbc.setInstant(ps, ++i, k.expiresAt());
      Jdbc.setInstant(ps, ++i, k.lastUsedAt());
      Jdbc.setInstant(ps, ++i, k.createdAt());
      Jdbc.setInstant(ps, ++i, k.updatedAt());
      Jdbc.setInstant(ps, ++i, k.revokedAt());
      Jdbc.setInstant(ps, ++i, k.deletedAt());
      ps.executeUpdate();
    }
  }

  /** Binds allowed models, providers, IPs, permissions and limits from parameter {@code i + 1}; returns the last index. */
  private static int bindScopes(PreparedStatement ps, int i, GatewayKey k) throws SQLException {
    ps.setString(++i, JsonColumns.write(k.scopes().models().patterns()));
    ps.setString(++i, JsonColumns.write(k.scopes().providers()));
    ps.setString(++i, JsonColumns.write(k.scopes().ips().entries()));
    ps.setString(++i, JsonColumns.write(Permission.wireNames(k.permissions())));
    ps.setString(++i, JsonColumns.limits(k.limits()));
    return i;
  }

  private static void delete(Connection c, String id) throws SQLException {
    Jdbc.update(c, "DELETE FROM gateway_keys WHERE id = ?", id);
  }
}
