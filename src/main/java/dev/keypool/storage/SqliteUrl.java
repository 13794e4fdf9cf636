package dev.keypool.storage;

import java.nio.file.Path;
import java.util.Optional;

/** Reads the database file out of a {@code jdbc:sqlite:} URL. */
final class SqliteUrl {

  private static final String PREFIX = "jdbc:sqlite:";

  private SqliteUrl() {}

  /**
   * The file a SQLite URL points at, or empty for in-memory databases. Accepts the forms the xerial
   * driver accepts: a plain path, {@code file:path}, and a trailing {@code ?pragma=...} query.
   */
  static Optional<Path> file(String url) {
    if (!url.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a SQLite JDBC URL: " + url);
    }
    String rest = url.substring(PREFIX.length());
    int query = rest.indexOf('?');
    if (query >= 0) {
      rest = rest.substring(0, query);
    }
    if (rest.startsWith("file:")) {
      rest = rest.substring("file:".length());
    }
    if (rest.isEmpty() || rest.equals(":memory:") || rest.contains("mode=memory")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(rest));
  }
}
