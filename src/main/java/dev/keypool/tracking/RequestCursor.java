package dev.keypool.tracking;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A position in the newest-first request listing: the start time and id of the last record shown.
 * Clients see it as an opaque URL-safe string, so its layout can change without breaking them.
 *
 * <p>A cursor comes back from the client, so it is checked whole before use: a bounded length, base64
 * of our layout, a non-negative time and an id of the characters ids are made of. Nothing else reaches
 * a query, and the errors never quote it.
 */
public record RequestCursor(long startedAtMillis, String id) {

  private static final String VERSION = "1:";
  /** Far above any cursor we issue (about 60 characters), far below what could cost anything to decode. */
  private static final int MAX_TOKEN_LENGTH = 256;
  /** An empty id marks a time boundary: everything started before the time is after it in the listing. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{0,128}");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]+");

  static RequestCursor after(RequestRecord last) {
    return new RequestCursor(last.startedAt().toEpochMilli(), last.id());
  }

  /** The position just past every record started at or after {@code millis}: where a bounded search stopped. */
  static RequestCursor before(long millis) {
    return new RequestCursor(millis, "");
  }

  String encode() {
    String plain = VERSION + startedAtMillis + ":" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether {@code token} is a cursor this listing could have issued. */
  public static boolean isValid(String token) {
    return parse(token) != null;
  }

  /** The cursor in {@code token}; an {@link IllegalArgumentException} (not quoting it) if it is not one of ours. */
  static RequestCursor decode(String token) {
    RequestCursor cursor = parse(token);
    if (cursor == null) {
      throw new IllegalArgumentException("not a cursor of the request listing");
    }
    return cursor;
  }

  private static RequestCursor parse(String token) {
    if (token == null || token.length() > MAX_TOKEN_LENGTH || !TOKEN.matcher(token).matches()) {
      return null;
    }
    try {
      String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (!plain.startsWith(VERSION)) {
        return null;
      }
      int colon = plain.indexOf(':', VERSION.length());
      if (colon < 0) {
        return null;
      }
      long millis = Long.parseLong(plain.substring(VERSION.length(), colon));
      String id = plain.substring(colon + 1);
      return millis >= 0 && ID.matcher(id).matches() ? new RequestCursor(millis, id) : null;
    } catch (IllegalArgumentException e) {
      return null; // base64 or number malformed (NumberFormatException is one too)
    }
  }
}
