package dev.keypool.storage;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads connection parameters Keypool cares about out of a {@code jdbc:postgresql:} URL. */
final class PostgresUrl {

  private PostgresUrl() {}

  /**
   * The first schema named by the {@code currentSchema} parameter, if any. Flyway must create and
   * migrate that schema rather than {@code public}, so tests and shared servers can keep to their own.
   */
  static Optional<String> currentSchema(String url) {
    int query = url.indexOf('?');
    if (query < 0) {
      return Optional.empty();
    }
    for (String pair : url.substring(query + 1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals("currentSchema")) {
        String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        String first = value.split(",")[0].trim();
        return first.isEmpty() ? Optional.empty() : Optional.of(first);
      }
    }
    return Optional.empty();
  }
}
