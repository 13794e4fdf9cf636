package dev.keypool.gatewaykey;

import java.time.Instant;

/**
 * A key Keypool issued to a client, as stored: only the SHA-256 hash of the secret is kept, plus a
 * short hint so an operator can tell keys apart.
 *
 * @param status {@code active} or {@code revoked}
 * @param source {@code config} for keys declared in the file, {@code api} for keys created at run time
 */
public record GatewayKey(
    String id,
    String name,
    String keyHash,
    String keyHint,
    String status,
    String source,
    Instant createdAt,
    Instant revokedAt) {

  public boolean active() {
    return "active".equals(status);
  }
}
