package dev.keypool.gatewaykey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The format of gateway key secrets: {@code ak_} followed by 64 random characters from [A-Za-z0-9]
 * (about 381 bits), stored only as a lower-case hex SHA-256. A plain fast hash is enough here, unlike
 * for passwords, because the secret is long and random: there is nothing to brute-force.
 */
public final class GatewayKeySecrets {

  public static final String PREFIX = "ak_";
  public static final int RANDOM_LENGTH = 64;
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private GatewayKeySecrets() {}

  /** A new random key; shown to the operator once and never stored. */
  public static String generate() {
    var out = new StringBuilder(PREFIX.length() + RANDOM_LENGTH).append(PREFIX);
    for (int i = 0; i < RANDOM_LENGTH; i++) {
      out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }

  /** The stored form of a key: lower-case hex SHA-256 of its UTF-8 bytes. */
  public static String hash(String key) {
    MessageDigest sha256 = SHA256.get();
    sha256.reset();
    return HexFormat.of().formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
  }

  /** One digest per thread: every proxied request hashes the presented key, and getInstance is not free. */
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  });

  /**
   * What an operator sees to tell keys apart: {@code ak_} + the first 4 random characters + {@code ...}
   * + the last 4. Keys from the config file need not follow the format; those show their first 3 and
   * last 4 characters, or {@code ****} when too short to reveal anything safely.
   */
  public static String hint(String key) {
    if (looksLikeKey(key)) {
      return PREFIX + key.substring(PREFIX.length(), PREFIX.length() + 4) + "..." + key.substring(key.length() - 4);
    }
    if (key == null || key.length() < 12) {
      return "****";
    }
    return key.substring(0, 3) + "..." + key.substring(key.length() - 4);
  }

  /** Whether {@code s} has the shape of a generated key (prefix, length, alphabet). */
  public static boolean looksLikeKey(String s) {
    if (s == null || s.length() != PREFIX.length() + RANDOM_LENGTH || !s.startsWith(PREFIX)) {
      return false;
    }
    for (int i = PREFIX.length(); i < s.length(); i++) {
      char ch = s.charAt(i);
      boolean alnum = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
      if (!alnum) {
        return false;
      }
    }
    return true;
  }
}
