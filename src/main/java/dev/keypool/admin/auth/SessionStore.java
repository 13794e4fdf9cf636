package dev.keypool.admin.auth;

import dev.keypool.storage.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Login sessions in the database, so they survive restarts and every instance sharing the database
 * accepts them. Expiry is fixed at login ({@code admin.session_ttl} later), not sliding: a lookup is
 * then a pure read, with no write on every admin call. Every method blocks.
 */
public final class SessionStore {
  private final DataSource ds;
  private final Clock clock;
  private final Duration ttl;

  public SessionStore(DataSource ds, Clock clock, Duration ttl) {
    this.ds = ds;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** A session just opened: the token is handed to the client once and never stored. */
  public record Opened(String token, Instant expiresAt) {
    @Override
    public String toString() {
      return "Opened[token=<redacted>, expiresAt=" + expiresAt + "]";
    }
  }

  /** A live session and its user. */
  public record Live(AdminUser user, String tokenHash, Instant expiresAt) {}

  /** Opens a session for {@code userId}, and drops expired sessions of everyone while at it. */
  public Opened open(String userId) {
    String token = SessionTokens.generate();
    // Millisecond precision, as stored, so the login answer matches what later reads report.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant expires = now.plus(ttl);
    Jdbc.inTransaction(ds, "open admin session", c -> {
      try (PreparedStatement purge = c.prepareStatement("DELETE FROM admin_sessions WHERE expires_at <= ?");
          PreparedStatement ps = c.prepareStatement(
              "INSERT INTO admin_sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
        purge.setLong(1, now.toEpochMilli());
        purge.executeUpdate();
        ps.setString(1, SessionTokens.hash(token));
        ps.setString(2, userId);
        ps.setLong(3, now.toEpochMilli());
        ps.setLong(4, expires.toEpochMilli());
        return ps.executeUpdate();
      }
    });
    return new Opened(token, expires);
  }

  /** The unexpired session of {@code token} whose user is active, or empty. */
  public Optional<Live> find(String token) {
    String hash = SessionTokens.hash(token);
    return Jdbc.query(ds, "find admin session", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT s.expires_at, u.* FROM admin_sessions s JOIN admin_users u ON u.id = s.user_id"
              + " WHERE s.token_hash = ? AND s.expires_at > ? AND u.status = 'active'")) {
        ps.setString(1, hash);
        ps.setLong(2, clock.millis());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          return Optional.of(new Live(AdminUserStore.read(rs), hash, Instant.ofEpochMilli(rs.getLong("expires_at"))));
        }
      }
    });
  }

  /** Ends one session (logout). */
  public void close(String tokenHash) {
    delete("DELETE FROM admin_sessions WHERE token_hash = ?", tokenHash, null);
  }

  /** Ends every session of a user but {@code keepHash} (may be null): after a password change. */
  public void closeAllOf(String userId, String keepHash) {
    if (keepHash == null) {
      delete("DELETE FROM admin_sessions WHERE user_id = ?", userId, null);
    } else {
      delete("DELETE FROM admin_sessions WHERE user_id = ? AND token_hash <> ?", userId, keepHash);
    }
  }

  private void delete(String sql, String a, String b) {
    Jdbc.inTransaction(ds, "close admin sessions", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, a);
        if (b != null) {
          ps.setString(2, b);
        }
        return ps.executeUpdate();
      }
    });
  }
}
