package dev.keypool.affinity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The name a session is remembered by: a hash of its id. A session id may carry a user's id (Anthropic's
 * {@code metadata.user_id}), so the id itself is never kept, logged or sent to Redis. 128 bits of SHA-256:
 * two sessions of a route never share a name in practice, and the same id has the same name on every
 * instance.
 */
final class SessionHash {
  private static final int BYTES = 16;

  private SessionHash() {}

  static String of(String sessionId) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, BYTES));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
