package dev.keypool.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Proof Key for Code Exchange (RFC 7636) with the S256 method: a random verifier kept by the gateway,
 * and its SHA-256 challenge sent in the authorization URL. Also makes the flow's {@code state}.
 */
public final class Pkce {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private Pkce() {}

  /** 32 random bytes, base64url: 43 characters of the unreserved set, as RFC 7636 section 4.1 asks. */
  public static String newVerifier() {
    return random(32);
  }

  /** A fresh random {@code state} that ties the callback to the flow. */
  public static String newState() {
    return random(24);
  }

  /** BASE64URL(SHA256(ASCII(verifier))). */
  public static String challenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return URL.encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return URL.encodeToString(b);
  }
}
