package dev.keypool.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Records {@link ConfigOrigins} while a configuration is loaded: every node of the parsed file first,
 * then what {@link EnvInterpolation} and {@link EnvOverrides} change. An override that replaces a
 * whole list or mapping forgets what the file had below it.
 */
final class OriginTracker {

  private final Map<String, ConfigOrigins.Origin> paths = new HashMap<>();

  /** Marks every field, list entry and mapping of the file's tree. */
  void fromFile(JsonNode node, String path) {
    if (!path.isEmpty()) {
      paths.put(path, ConfigOrigins.Origin.FILE);
    }
    if (node.isObject()) {
      node.properties().forEach(e -> fromFile(e.getValue(), ConfigPaths.field(path, e.getKey())));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        fromFile(node.get(i), ConfigPaths.index(path, i));
      }
    }
  }

  /** {@code variable} wrote the value at {@code path}, replacing whatever was below it. */
  void env(String path, String variable) {
    paths.keySet().removeIf(p -> ConfigOrigins.isBelow(p, path));
    paths.put(path, ConfigOrigins.Origin.env(variable));
  }

  ConfigOrigins build() {
    return new ConfigOrigins(null, paths);
  }
}
