package dev.keypool.gatewaykey;

import java.util.Locale;

/**
 * The stored status of a gateway key. {@code expired} is not stored: it follows from
 * {@link GatewayKey#expiresAt()} and the clock, so an expiry takes effect without any write.
 */
public enum KeyStatus {
  ACTIVE,
  SUSPENDED,
  REVOKED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static KeyStatus parse(String word) {
    for (KeyStatus s : values()) {
      if (s.wire().equals(word)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown status '" + word + "' (allowed: active, suspended, revoked)");
  }
}
