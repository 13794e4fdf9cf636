package dev.keypool.storage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.oauth.FlowRequest;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The authorization-code flows started and not yet finished ({@code oauth_flows}), keyed by their
 * {@code state}: kept in the database so that any instance can finish a flow another one started. A
 * flow is taken exactly once (read and deleted in one transaction), and expires. Every method blocks.
 */
public final class OAuthFlowStore {
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final DataSource ds;
  private final SecretCipher cipher;
  private final Clock clock;

  public OAuthFlowStore(DataSource ds, SecretCipher cipher, Clock clock) {
    this.ds = ds;
    this.cipher = cipher;
    this.clock = clock;
  }

  /** A started flow: what to create, the PKCE verifier and the client secret (plaintext in memory only). */
  public record PendingFlow(String state, FlowRequest request, String verifier, String clientSecret, Instant expiresAt) {
    @Override
    public String toString() {
      return "PendingFlow[" + request.provider() + "/" + request.name() + ", expires " + expiresAt + "]";
    }
  }

  public void save(PendingFlow flow) {
    Jdbc.inTransaction(ds, "store OAuth flow", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO oauth_flows (state, settings, verifier_enc, "
          + "client_secret_enc, created_at, expires_at) VALUES (?,?,?,?,?,?)")) {
        ps.setString(1, flow.state());
        ps.setString(2, JsonColumns.write(flow.request()));
        ps.setString(3, cipher.encrypt(flow.verifier()));
        ps.setString(4, flow.clientSecret() == null || flow.clientSecret().isEmpty() ? null
            : cipher.encrypt(flow.clientSecret()));
        ps.setLong(5, clock.millis());
        ps.setLong(6, flow.expiresAt().toEpochMilli());
        return ps.executeUpdate();
      }
    });
  }

  /** The flow of {@code state}, removed so it cannot be finished twice; empty if unknown or expired. */
  public Optional<PendingFlow> take(String state) {
    long now = clock.millis();
    return Jdbc.inTransaction(ds, "take OAuth flow", c -> {
      Optional<PendingFlow> flow = Jdbc.select(c,
          "SELECT state, settings, verifier_enc, client_secret_enc, expires_at FROM oauth_flows WHERE state = ?",
          rs -> {
            String secret = rs.getString("client_secret_enc");
            return new PendingFlow(rs.getString("state"), read(rs.getString("settings")),
                cipher.decrypt(rs.getString("verifier_enc")), secret == null ? null : cipher.decrypt(secret),
                Instant.ofEpochMilli(rs.getLong("expires_at")));
          }, state).stream().findFirst();
      // Whoever deletes the row owns the flow: a second finish with the same state finds nothing.
      int deleted = Jdbc.update(c, "DELETE FROM oauth_flows WHERE state = ?", state);
      Jdbc.update(c, "DELETE FROM oauth_flows WHERE expires_at < ?", now);
      return deleted == 1 ? flow.filter(f -> f.expiresAt().toEpochMilli() >= now) : Optional.empty();
    });
  }

  private static FlowRequest read(String json) {
    try {
      return JSON.readValue(json, FlowRequest.class);
    } catch (IOException e) {
      throw new StorageException("stored OAuth flow is not readable: " + e.getMessage(), e);
    }
  }
}
