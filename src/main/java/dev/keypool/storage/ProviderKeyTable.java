package dev.keypool.storage;

import dev.keypool.keypool.ProviderKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL for the {@code provider_keys} table on an open connection: row mapping, select, insert and
 * update. The secret crosses this boundary only through the cipher; the row holds it encrypted plus a
 * hint. Booleans go through {@code setBoolean}/{@code getBoolean}, which map to BOOLEAN on PostgreSQL
 * and 0/1 on SQLite, so one SQL text serves both dialects.
 */
final class ProviderKeyTable {

  private static final String COLUMNS = "id, provider_id, name, secret_enc, secret_hint, priority, weight, tags, "
      + "notes, requests_per_minute, enabled, disabled_reason, source, created_at, updated_at";
  private static final String INSERT = "INSERT INTO provider_keys (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  private static final String UPDATE = "UPDATE provider_keys SET provider_id = ?, name = ?, secret_enc = ?, "
      + "secret_hint = ?, priority = ?, weight = ?, tags = ?, notes = ?, requests_per_minute = ?, enabled = ?, "
      + "disabled_reason = ?, updated_at = ? WHERE id = ?";

  private final SecretCipher cipher;

  ProviderKeyTable(SecretCipher cipher) {
    this.cipher = cipher;
  }

  /** Rows matching {@code where} (SQL after WHERE, with ? placeholders), ordered by provider then name. */
  List<ProviderKey> select(Connection c, String where, Object... args) throws SQLException {
    String sql = "SELECT " + COLUMNS + " FROM provider_keys" + (where.isEmpty() ? "" : " WHERE " + where)
        + " ORDER BY provider_id, name";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<ProviderKey> out = new ArrayList<>();
        while (rs.next()) {
          out.add(read(rs));
        }
        return out;
      }
    }
  }

  void insert(Connection c, ProviderKey k) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setString(1, k.id());
      ps.setString(2, k.providerId());
      ps.setString(3, k.name());
      bindDefinition(ps, 4, k);
      ps.setString(13, k.source());
      ps.setLong(14, k.createdAt().toEpochMilli());
      ps.setLong(15, k.updatedAt().toEpochMilli());
      ps.executeUpdate();
    }
  }

  /** Rewrites every mutable column of the row with {@code k.id()}; returns whether it existed. */
  boolean update(Connection c, ProviderKey k) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
      ps.setString(1, k.providerId());
      ps.setString(2, k.name());
      bindDefinition(ps, 3, k);
      ps.setLong(12, k.updatedAt().toEpochMilli());
      ps.setString(13, k.id());
      return ps.executeUpdate() == 1;
    }
  }

  /** Binds secret_enc .. disabled_reason (9 parameters) starting at {@code first}. */
  private void bindDefinition(PreparedStatement ps, int first, ProviderKey k) throws SQLException {
    ps.setString(first, cipher.encrypt(k.secret()));
    ps.setString(first + 1, ProviderKey.hint(k.secret()));
    ps.setInt(first + 2, k.priority());
    ps.setInt(first + 3, k.weight());
    ps.setString(first + 4, JsonColumns.write(k.tags() == null ? java.util.List.of() : k.tags()));
    ps.setString(first + 5, k.notes());
    ps.setInt(first + 6, k.requestsPerMinute());
    ps.setBoolean(first + 7, k.enabled());
    ps.setString(first + 8, k.enabled() ? null : k.disabledReason());
  }

  private ProviderKey read(ResultSet rs) throws SQLException {
    return new ProviderKey(
        rs.getString("id"),
        rs.getString("provider_id"),
        rs.getString("name"),
        cipher.decrypt(rs.getString("secret_enc")),
        rs.getInt("priority"),
        rs.getInt("weight"),
        JsonColumns.strings(rs.getString("tags")),
        rs.getString("notes"),
        rs.getInt("requests_per_minute"),
        rs.getBoolean("enabled"),
        rs.getString("disabled_reason"),
        rs.getString("source"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")));
  }
}
