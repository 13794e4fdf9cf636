package dev.keypool.config;

import java.util.Locale;

/** Checks the key of one entry of a section keyed by model id ({@code prices}, {@code model_limits}). */
final class ModelIdKeys {

  private ModelIdKeys() {}

  /** The trimmed id; records an error for a blank id, whitespace, or a duplicate of another ignoring case. */
  static String check(String key, FieldReader r, Uniqueness ids) {
    String id = key.trim();
    if (id.isEmpty() || id.chars().anyMatch(Character::isWhitespace)) {
      r.errors().add(r.path(), "a model id must be non-empty without whitespace (was \"" + key + "\")");
    }
    ids.check(r.errors(), r.path(), id.toLowerCase(Locale.ROOT));
    return id;
  }
}
