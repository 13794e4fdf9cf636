package dev.keypool.storage;

import dev.keypool.keypool.ProviderKey;
import dev.keypool.oauth.OAuthCredential;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The OAuth credentials of provider keys ({@code provider_key_oauth}): stored with their key in one
 * transaction, refreshed tokens written at once (the access token as the key's secret, a rotated
 * refresh token next to it, both encrypted), refresh failures recorded, and the database lease that
 * serializes refreshes across instances when there is no Redis. Every method blocks.
 */
public final class OAuthCredentialStore {

  private static final String COLUMNS = "key_id, preset, token_url, client_id, client_secret_enc, scopes, "
      + "refresh_token_enc, expires_at, last_refresh_at, refresh_count, failure, last_error, failed_at, created_at";

  private final DataSource ds;
  private final SecretCipher cipher;
  private final Clock clock;
  private final ProviderKeyTable keys;

  public OAuthCredentialStore(DataSource ds, SecretCipher cipher, Clock clock) {
    this.ds = ds;
    this.cipher = cipher;
    this.clock = clock;
    this.keys = new ProviderKeyTable(cipher);
  }

  /** A provider key with its OAuth credential. */
  public record Account(ProviderKey key, OAuthCredential credential) {}

  /** Stores a new key (its secret: the access token) with its credential, in one transaction. */
  public Account insert(ProviderKey key, OAuthCredential cred) {
    return Jdbc.inTransaction(ds, "insert OAuth key " + key.providerId() + "/" + key.name(), c -> {
      keys.insert(c, key);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO provider_key_oauth (" + COLUMNS
          + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        ps.setString(1, key.id());
        ps.setString(2, cred.preset());
        ps.setString(3, cred.tokenUrl());
        ps.setString(4, cred.clientId());
        ps.setString(5, encryptOrNull(cred.clientSecret()));
        ps.setString(6, cred.scopes() == null ? "" : cred.scopes());
        ps.setString(7, cipher.encrypt(cred.refreshToken()));
        ps.setLong(8, cred.expiresAt().toEpochMilli());
        Jdbc.setInstant(ps, 9, cred.lastRefreshAt());
        ps.setInt(10, cred.refreshCount());
        ps.setString(11, cred.failure());
        ps.setString(12, cred.lastError());
        Jdbc.setInstant(ps, 13, cred.failedAt());
        ps.setLong(14, cred.createdAt().toEpochMilli());
        ps.executeUpdate();
      }
      return new Account(key, cred);
    });
  }

  /** Every OAuth account whose key still exists. */
  public List<Account> list() {
    return Jdbc.inTransaction(ds, "list OAuth credentials", c -> accounts(c, ""));
  }

  public Optional<Account> find(String keyId) {
    return Jdbc.inTransaction(ds, "find OAuth credential " + keyId,
        c -> accounts(c, " WHERE key_id = ?", keyId).stream().findFirst());
  }

  /** The credentials by key id, without the keys (for views). */
  public Map<String, OAuthCredential> credentials() {
    return Jdbc.inTransaction(ds, "list OAuth credentials", c -> {
      Map<String, OAuthCredential> out = new HashMap<>();
      for (OAuthCredential cred : Jdbc.select(c, "SELECT " + COLUMNS + " FROM provider_key_oauth", this::read)) {
        out.put(cred.keyId(), cred);
      }
      return out;
    });
  }

  /**
   * Takes the refresh lease of {@code keyId} for {@code ttl} when nobody holds it (or it ran out):
   * one conditional UPDATE, atomic on both databases, so two instances cannot both win it.
   */
  public boolean tryLock(String keyId, String owner, Duration ttl) {
    long now = clock.millis();
    return Jdbc.inTransaction(ds, "lock OAuth refresh of " + keyId, c -> Jdbc.update(c,
        "UPDATE provider_key_oauth SET lock_owner = ?, lock_until = ? WHERE key_id = ? AND lock_until < ?",
        owner, now + ttl.toMillis(), keyId, now) == 1);
  }

  /** Gives the lease back if {@code owner} still holds it. */
  public void unlock(String keyId, String owner) {
    Jdbc.inTransaction(ds, "unlock OAuth refresh of " + keyId, c -> Jdbc.update(c,
        "UPDATE provider_key_oauth SET lock_owner = NULL, lock_until = 0 WHERE key_id = ? AND lock_owner = ?",
        keyId, owner));
  }

  /**
   * Writes a refresh's result: the new access token as the key's secret and, when the server rotated
   * it, the new refresh token (the old one is spent, so it must be kept before anything else happens);
   * clears the failure. Returns the account as stored now, or empty if the key was deleted meanwhile.
   */
  public Optional<Account> saveRefreshed(String keyId, String accessToken, String rotatedRefreshToken, Instant expiresAt) {
    long now = clock.millis();
    return Jdbc.inTransaction(ds, "store refreshed OAuth token of " + keyId, c -> {
      Jdbc.update(c, "UPDATE provider_keys SET secret_enc = ?, secret_hint = ?, updated_at = ? WHERE id = ?",
          cipher.encrypt(accessToken), ProviderKey.hint(accessToken), now, keyId);
      String set = "expires_at = ?, last_refresh_at = ?, refresh_count = refresh_count + 1, failure = NULL, "
          + "last_error = NULL, failed_at = NULL";
      if (rotatedRefreshToken == null) {
        Jdbc.update(c, "UPDATE provider_key_oauth SET " + set + " WHERE key_id = ?", expiresAt.toEpochMilli(), now, keyId);
      } else {
        Jdbc.update(c, "UPDATE provider_key_oauth SET refresh_token_enc = ?, " + set + " WHERE key_id = ?",
            cipher.encrypt(rotatedRefreshToken), expiresAt.toEpochMilli(), now, keyId);
      }
      return accounts(c, " WHERE key_id = ?", keyId).stream().findFirst();
    });
  }

  /** Records a failed refresh ({@code failure}: rejected or transient; null clears it, for a retry by hand). */
  public void saveFailure(String keyId, String failure, String message) {
    Jdbc.inTransaction(ds, "record OAuth refresh failure of " + keyId, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE provider_key_oauth SET failure = ?, last_error = ?, failed_at = ? WHERE key_id = ?")) {
        ps.setString(1, failure);
        ps.setString(2, message);
        if (failure == null) {
          ps.setNull(3, Types.BIGINT);
        } else {
          ps.setLong(3, clock.millis());
        }
        ps.setString(4, keyId);
        return ps.executeUpdate();
      }
    });
  }

  /** Deletes the credentials whose key is gone (deleted with its provider, say); returns how many. */
  public int deleteOrphans() {
    return Jdbc.inTransaction(ds, "delete orphaned OAuth credentials", c -> Jdbc.update(c,
        "DELETE FROM provider_key_oauth WHERE key_id NOT IN (SELECT id FROM provider_keys)"));
  }

  /** Deletes the credential of a deleted key. */
  public void delete(String keyId) {
    Jdbc.inTransaction(ds, "delete OAuth credential " + keyId,
        c -> Jdbc.update(c, "DELETE FROM provider_key_oauth WHERE key_id = ?", keyId));
  }

  private List<Account> accounts(Connection c, String where, Object... args) throws SQLException {
    Map<String, ProviderKey> byId = new HashMap<>();
    for (ProviderKey k : keys.select(c, "id IN (SELECT key_id FROM provider_key_oauth" + where + ")", args)) {
      byId.put(k.id(), k);
    }
    return Jdbc.select(c, "SELECT " + COLUMNS + " FROM provider_key_oauth" + where + " ORDER BY key_id", this::read, args)
        .stream().filter(cred -> byId.containsKey(cred.keyId()))
        .map(cred -> new Account(byId.get(cred.keyId()), cred)).toList();
  }

  private OAuthCredential read(ResultSet rs) throws SQLException {
    String secret = rs.getString("client_secret_enc");
    return new OAuthCredential(rs.getString("key_id"), rs.getString("preset"), rs.getString("token_url"),
        rs.getString("client_id"), secret == null ? null : cipher.decrypt(secret), rs.getString("scopes"),
        cipher.decrypt(rs.getString("refresh_token_enc")), Instant.ofEpochMilli(rs.getLong("expires_at")),
        Jdbc.instant(rs, "last_refresh_at"), rs.getInt("refresh_count"), rs.getString("failure"),
        rs.getString("last_error"), Jdbc.instant(rs, "failed_at"), Instant.ofEpochMilli(rs.getLong("created_at")));
  }

  private String encryptOrNull(String plain) {
    return plain == null || plain.isEmpty() ? null : cipher.encrypt(plain);
  }
}
