package dev.keypool.admin.auth;

import dev.keypool.gatewaykey.GatewayKeySecrets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Session tokens: {@code kps_} and 43 characters of base64url (256 random bits). The prefix tells them
 * apart from gateway keys ({@code ak_}) and the static token at a glance; only the SHA-256 is stored,
 * which is enough for a long random value (nothing to brute-force).
 */
public final class SessionTokens {
  public static final String PREFIX = "kps_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private SessionTokens() {}

  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static boolean looksLikeToken(String s) {
    return s != null && s.startsWith(PREFIX) && s.length() == PREFIX.length() + 43;
  }

  public static String hash(String token) {
    return GatewayKeySecrets.hash(token);
  }
}
