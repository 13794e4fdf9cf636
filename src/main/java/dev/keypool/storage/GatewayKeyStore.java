package dev.keypool.storage;

import dev.keypool.config.GatewayKeyConfig;
import dev.keypool.gatewaykey.GatewayKey;
import dev.keypool.gatewaykey.GatewayKeySecrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The durable set of gateway keys, the credentials clients present to Keypool. Only the SHA-256 of
 * each key and a short hint are stored (see {@link GatewayKeySecrets}). Every method blocks (run it
 * through {@link Blocking}) and throws {@link StorageException} on database errors.
 */
public final class GatewayKeyStore {

  private static final String COLUMNS = "id, name, key_hash, key_hint, status, source, created_at, revoked_at";

  private final DataSource ds;
  private final Clock clock;

  public GatewayKeyStore(DataSource ds, Clock clock) {
    this.ds = ds;
    this.clock = clock;
  }

  /** All keys, active and revoked, oldest first. */
  public List<GatewayKey> list() {
    return Jdbc.inTransaction(ds, "list gateway keys", c -> select(c, ""));
  }

  public Optional<GatewayKey> find(String id) {
    return Jdbc.inTransaction(ds, "find gateway key " + id, c -> select(c, "id = ?", id).stream().findFirst());
  }

  /** The key whose hash is {@code keyHash}, active or not; the lookup behind authentication. */
  public Optional<GatewayKey> findByHash(String keyHash) {
    return Jdbc.inTransaction(ds, "find gateway key by hash", c -> select(c, "key_hash = ?", keyHash).stream().findFirst());
  }

  /**
   * Stores a key that the caller already hashed. A null id, status, source or createdAt is filled in
   * (a new {@code gk_} id, {@code active}, {@code api}, now). Throws {@link ConflictException} if the
   * same key value is already stored.
   */
  public GatewayKey insert(GatewayKey key) {
    GatewayKey row = new GatewayKey(key.id() == null ? Ids.newId("gk") : key.id(), key.name(), key.keyHash(),
        key.keyHint(), key.status() == null ? "active" : key.status(), key.source() == null ? "api" : key.source(),
        key.createdAt() == null ? clock.instant() : key.createdAt(), key.revokedAt());
    return Jdbc.inTransaction(ds, "insert gateway key " + key.name(), c -> {
      insert(c, row);
      return row;
    });
  }

  /** Revokes an active key; returns false if the key is unknown or was already revoked. */
  public boolean revoke(String id) {
    return Jdbc.inTransaction(ds, "revoke gateway key " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE gateway_keys SET status = 'revoked', revoked_at = ? WHERE id = ? AND status = 'active'")) {
        ps.setLong(1, clock.millis());
        ps.setString(2, id);
        return ps.executeUpdate() == 1;
      }
    });
  }

  /**
   * Makes the config-sourced keys match the file, matched by name, and returns them. A key whose value
   * changed gets the new hash and becomes active again (a new value is a new credential); an unchanged
   * key keeps any run-time revocation. Keys gone from the file are deleted.
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
        if (old.isEmpty()) {
          insert(c, new GatewayKey(Ids.newId("gk"), k.name(), hash, GatewayKeySecrets.hint(k.key()), "active",
              "config", clock.instant(), null));
        } else if (!old.get().keyHash().equals(hash)) {
          rehash(c, old.get().id(), hash, GatewayKeySecrets.hint(k.key()));
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

  private List<GatewayKey> select(Connection c, String where, Object... args) throws SQLException {
    String sql = "SELECT " + COLUMNS + " FROM gateway_keys" + (where.isEmpty() ? "" : " WHERE " + where)
        + " ORDER BY created_at, id";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<GatewayKey> out = new ArrayList<>();
        while (rs.next()) {
          long revokedMillis = rs.getLong("revoked_at");
          Instant revokedAt = rs.wasNull() ? null : Instant.ofEpochMilli(revokedMillis);
          out.add(new GatewayKey(rs.getString("id"), rs.getString("name"), rs.getString("key_hash"),
              rs.getString("key_hint"), rs.getString("status"), rs.getString("source"),
              Instant.ofEpochMilli(rs.getLong("created_at")), revokedAt));
        }
        return out;
      }
    }
  }

  private static void insert(Connection c, GatewayKey k) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO gateway_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, k.id());
      ps.setString(2, k.name());
      ps.setString(3, k.keyHash());
      ps.setString(4, k.keyHint());
      ps.setString(5, k.status());
      ps.setString(6, k.source());
      ps.setLong(7, k.createdAt().toEpochMilli());
      if (k.revokedAt() == null) {
        ps.setNull(8, Types.BIGINT);
      } else {
        ps.setLong(8, k.revokedAt().toEpochMilli());
      }
      ps.executeUpdate();
    }
  }

  private static void rehash(Connection c, String id, String hash, String hint) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE gateway_keys SET key_hash = ?, key_hint = ?, status = 'active', revoked_at = NULL WHERE id = ?")) {
      ps.setString(1, hash);
      ps.setString(2, hint);
      ps.setString(3, id);
      ps.executeUpdate();
    }
  }

  private static void delete(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM gateway_keys WHERE id = ?")) {
      ps.setString(1, id);
      ps.executeUpdate();
    }
  }
}
