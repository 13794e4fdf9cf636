package dev.keypool.config;

import java.util.HashMap;
import java.util.Map;

/** Reports the second and later use of a value that must be unique within one list, e.g. provider ids. */
final class Uniqueness {

  private final String what;
  private final boolean secret;
  private final Map<String, String> firstPath = new HashMap<>();

  /** {@code secret} values are not printed in the message, only where else they appear. */
  Uniqueness(String what, boolean secret) {
    this.what = what;
    this.secret = secret;
  }

  void check(ConfigErrors errors, String path, String value) {
    if (value == null || value.isEmpty()) {
      return;
    }
    String previous = firstPath.putIfAbsent(value, path);
    if (previous != null) {
      String shown = secret ? "" : " \"" + value + "\"";
      errors.add(path, "duplicate " + what + shown + " (also " + previous + ")");
    }
  }
}
