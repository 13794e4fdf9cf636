package dev.keypool.tracking;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A position in the newest-first request listing: the start time and id of the last record shown.
 * Clients see it as an opaque URL-safe string, so its layout can change without breaking them.
 */
record RequestCursor(long startedAtMillis, String id) {

  private static final String VERSION = "1:";

  static RequestCursor after(RequestRecord last) {
    return new RequestCursor(last.startedAt().toEpochMilli(), last.id());
  }

  String encode() {
    String plain = VERSION + startedAtMillis + ":" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor in {@code token}; an {@link IllegalArgumentException} if it is not one of ours. */
  static RequestCursor decode(String token) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (plain.startsWith(VERSION)) {
        int colon = plain.indexOf(':', VERSION.length());
        if (colon > 0) {
          return new RequestCursor(Long.parseLong(plain.substring(VERSION.length(), colon)), plain.substring(colon + 1));
        }
      }
    } catch (IllegalArgumentException e) {
      // fall through: base64 or number malformed (NumberFormatException is one too)
    }
    throw new IllegalArgumentException("invalid cursor: " + token);
  }
}
