package dev.keypool.config;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where each value of a loaded configuration came from, by field path ({@code listeners.admin.port},
 * {@code providers[0].keys[1].secret}, the paths of error messages): written in the file, or put there
 * by the environment. A path with no origin was left out, so its value is the default. Recorded while
 * loading, so the admin API can tell an operator which knob to turn; it holds no values.
 *
 * @param file the configuration file as it was given, or null for a configuration not read from a file
 * @param paths the origin of every field, list and mapping the file or the environment wrote
 */
public record ConfigOrigins(String file, Map<String, Origin> paths) {

  /** No file and no recorded origins: every value is a default. */
  public static final ConfigOrigins NONE = new ConfigOrigins(null, Map.of());

  public ConfigOrigins {
    paths = Collections.unmodifiableNavigableMap(new TreeMap<>(paths));
  }

  /** Where one value came from. */
  public enum Kind { FILE, ENV }

  /**
   * @param variable for {@link Kind#ENV}, the variable that gave the value: the {@code ${VAR}} the file
   *     refers to (several comma-separated when one string refers to more), or the {@code KEYPOOL__...}
   *     override; null for {@link Kind#FILE}
   */
  public record Origin(Kind kind, String variable) {
    static final Origin FILE = new Origin(Kind.FILE, null);

    static Origin env(String variable) {
      return new Origin(Kind.ENV, variable);
    }
  }

  /** The same origins, recorded for {@code file}. */
  public ConfigOrigins forFile(String file) {
    return new ConfigOrigins(file, paths);
  }

  /** The origin of exactly {@code path}; empty when the file and the environment left it out. */
  public Optional<Origin> of(String path) {
    return Optional.ofNullable(paths.get(path));
  }

  /**
   * The origin of a value shown as a whole (a list, a mapping) at {@code path}: the environment if it
   * wrote {@code path} or anything below it, else the file if it did; empty when neither did.
   */
  public Optional<Origin> within(String path) {
    Origin found = paths.get(path);
    if (found != null && found.kind() == Kind.ENV) {
      return Optional.of(found);
    }
    // The map is sorted, so the paths below {@code path} follow it; "a[1]" must not take in "a[10]".
    for (var e : ((NavigableMap<String, Origin>) paths).tailMap(path, false).entrySet()) {
      String p = e.getKey();
      if (!p.startsWith(path)) {
        break;
      }
      if (isBelow(p, path)) {
        if (e.getValue().kind() == Kind.ENV) {
          return Optional.of(e.getValue());
        }
        found = found == null ? e.getValue() : found;
      }
    }
    return Optional.ofNullable(found);
  }

  static boolean isBelow(String candidate, String parent) {
    return candidate.length() > parent.length() && candidate.startsWith(parent)
        && (candidate.charAt(parent.length()) == '.' || candidate.charAt(parent.length()) == '[');
  }
}
