package dev.keypool.gatewaykey;


/**
 * The stored status of a gateway key. {@code expired} is not stored: it follows from
 * {@link GatewayKey#expiresAt()} and the clock, so an expiry takes effect without any write.
 */
public enum KeyStatus {
  ACTIVE,
  SUSPENDED,
  REVOKED;

  public String wire() {
    return WireNames.of(this);
  }

  public static KeyStatus parse(String word) {
    return WireNames.parse(KeyStatus.class, word, "status");
  }
}
