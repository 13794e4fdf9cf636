package dev.keypool.admin;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Typed reads of admin query parameters, each failing with a 400 that names the parameter, and the
 * guard every {@code /api} call passes first. Errors never quote the value sent: it may be anything.
 */
final class QueryParams {
  /** Longer than any id, instant, cursor or search text the API takes; a longer value is a mistake or an attack. */
  static final int MAX_VALUE_LENGTH = 1024;
  private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_]{1,40}");
  private static final Pattern ENCODED_CONTROL = Pattern.compile("%(?:[01][0-9A-Fa-f]|7[Ff])");

  private QueryParams() {}

  /**
   * Refuses, with a 400, a call whose query string is not valid URL encoding, whose parameters hold
   * control characters (a NUL byte is refused by PostgreSQL deep inside a query) or are over
   * {@value #MAX_VALUE_LENGTH} characters, or whose path holds an encoded control character.
   */
  static void guard(RoutingContext rc) {
    MultiMap params;
    try {
      params = rc.queryParams();
    } catch (RuntimeException e) {
      AdminJson.error(rc, 400, "invalid_request", "The query string is not valid URL encoding.");
      return;
    }
    for (var param : params) {
      String problem = problem(param.getKey(), param.getValue());
      if (problem != null) {
        AdminJson.error(rc, 400, "invalid_request", problem);
        return;
      }
    }
    if (ENCODED_CONTROL.matcher(rc.request().path()).find()) {
      AdminJson.error(rc, 400, "invalid_request", "The path holds a control character.");
      return;
    }
    rc.next();
  }

  private static String problem(String name, String value) {
    String shown = PLAIN_NAME.matcher(name).matches() ? "'" + name + "'" : "A query parameter name";
    if (name.length() > MAX_VALUE_LENGTH || hasControl(name)) {
      return "A query parameter name holds a control character or is too long.";
    }
    if (value.length() > MAX_VALUE_LENGTH) {
      return shown + " must be at most " + MAX_VALUE_LENGTH + " characters.";
    }
    if (hasControl(value)) {
      return shown + " holds a control character.";
    }
    return null;
  }

  private static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  /** An ISO-8601 instant, or null when the parameter is absent or blank. */
  static Instant instant(RoutingContext rc, String name) {
    String v = rc.queryParams().get(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw AdminException.invalid("'" + name + "' must be an ISO-8601 instant such as 2026-01-05T10:00:00Z.");
    }
  }

  /** An integer from {@code min} to {@code max}, or {@code fallback} when the parameter is absent or blank. */
  static int integer(RoutingContext rc, String name, int fallback, int min, int max) {
    Integer n = integer(rc, name, min, max);
    return n == null ? fallback : n;
  }

  /** An integer from {@code min} to {@code max}, or null when the parameter is absent or blank. */
  static Integer integer(RoutingContext rc, String name, int min, int max) {
    String v = rc.queryParams().get(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw AdminException.invalid("'" + name + "' must be an integer from " + min + " to " + max + ".");
  }

  /** A whole number {@code >= 0}, or {@code fallback} when the parameter is absent or blank. */
  static long wholeNumber(RoutingContext rc, String name, long fallback) {
    String v = rc.queryParams().get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw AdminException.invalid("'" + name + "' must be a whole number >= 0.");
  }
}
