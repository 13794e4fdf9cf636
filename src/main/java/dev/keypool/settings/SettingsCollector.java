package dev.keypool.settings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.config.ConfigOrigins;
import dev.keypool.config.ConfigOrigins.Origin;
import java.util.List;
import java.util.Optional;

/**
 * Collects the entries of the settings view, one per setting: its path in the file's terms, its
 * effective value and where that value came from ({@code file}, {@code env}, {@code database} or
 * {@code default}). Secrets go in through {@link #secret}, which only ever takes a masked form. The
 * collector from {@link #atRunTime()} adds to the same entries, each reported as {@code database}.
 */
final class SettingsCollector {
  static final String FILE = "file";
  static final String ENV = "env";
  static final String DATABASE = "database";
  static final String DEFAULT = "default";

  private final ConfigOrigins origins;
  private final ArrayNode values;
  private final boolean runTime;

  SettingsCollector(ConfigOrigins origins) {
    this(origins, JsonNodeFactory.instance.arrayNode(), false);
  }

  private SettingsCollector(ConfigOrigins origins, ArrayNode values, boolean runTime) {
    this.origins = origins;
    this.values = values;
    this.runTime = runTime;
  }

  /** A collector for values changed at run time through the admin API and stored in the database. */
  SettingsCollector atRunTime() {
    return new SettingsCollector(origins, values, true);
  }

  /** A value from the file, the environment or the defaults, as the load recorded for {@code path}. */
  ObjectNode put(String path, Object value) {
    return entry(path, value, origins.within(path));
  }

  /**
   * A value whose origin is recorded under other paths than its own (a price, written as
   * {@code prices.<model>.input} and its siblings, whose model id may contain dots).
   */
  void put(String path, Object value, List<String> originPaths) {
    Optional<Origin> found = Optional.empty();
    for (String p : originPaths) {
      Optional<Origin> o = origins.of(p);
      if (o.isPresent() && (found.isEmpty() || o.get().kind() == ConfigOrigins.Kind.ENV)) {
        found = o;
      }
    }
    entry(path, value, found);
  }

  /** A secret, shown only as {@code masked} (a mask or a short hint; null when none is set). */
  void secret(String path, Object masked) {
    entry(path, masked, origins.within(path)).put("secret", true);
  }

  /** The entries so far, in the order they were added. */
  ArrayNode values() {
    return values;
  }

  private ObjectNode entry(String path, Object value, Optional<Origin> origin) {
    if (runTime) {
      return add(path, value, DATABASE, null);
    }
    if (origin.isEmpty()) {
      return add(path, value, DEFAULT, null);
    }
    return origin.get().kind() == ConfigOrigins.Kind.ENV
        ? add(path, value, ENV, origin.get().variable())
        : add(path, value, FILE, null);
  }

  private ObjectNode add(String path, Object value, String source, String variable) {
    ObjectNode e = values.addObject();
    e.put("section", section(path)).put("path", path).set("value", SettingValues.json(value));
    e.put("source", source);
    if (variable != null) {
      e.put("env", variable);
    }
    return e;
  }

  private static String section(String path) {
    int end = 0;
    while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
      end++;
    }
    return path.substring(0, end);
  }
}
