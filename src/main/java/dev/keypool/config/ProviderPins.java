package dev.keypool.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of file providers that environment overrides set ({@code KEYPOOL__PROVIDERS__0__BASE_URL}
 * and the like), by provider id. The environment wins over the file and over run-time changes, so a
 * provider changed through the admin API gets these laid over its stored definition again. The id and
 * the keys of a provider are never pinned here: the id names the provider, and keys have their own API.
 */
public final class ProviderPins {
  private static final ProviderPins NONE = new ProviderPins(Map.of());

  /** Per provider id: the variable's name relative to the provider entry ({@code KEYPOOL__BASE_URL}) to its value. */
  private final Map<String, Map<String, String>> variables;

  private ProviderPins(Map<String, Map<String, String>> variables) {
    this.variables = variables;
  }

  public static ProviderPins none() {
    return NONE;
  }

  /** The pins that {@code env} sets on {@code providers} (as bound, in file order). */
  static ProviderPins of(Map<String, String> env, List<ProviderConfig> providers) {
    String prefix = EnvOverrides.PREFIX + "PROVIDERS__";
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    env.forEach((name, value) -> {
      // As EnvOverrides reads them: the prefix exactly, the segments in any case.
      if (!name.startsWith(EnvOverrides.PREFIX) || !name.substring(EnvOverrides.PREFIX.length())
          .toLowerCase(Locale.ROOT).startsWith("providers__")) {
        return;
      }
      String[] parts = name.substring(prefix.length()).split("__", 2);
      if (parts.length < 2 || !parts[0].matches("\\d{1,6}") || Integer.parseInt(parts[0]) >= providers.size()) {
        return;
      }
      String field = parts[1].toLowerCase(Locale.ROOT);
      if (field.equals("id") || field.equals("keys") || field.startsWith("keys__") || field.isEmpty()) {
        return;
      }
      String id = providers.get(Integer.parseInt(parts[0])).id();
      out.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(EnvOverrides.PREFIX + parts[1], value);
    });
    return out.isEmpty() ? NONE : new ProviderPins(Map.copyOf(out));
  }

  /** The pinned fields of provider {@code id} as dotted paths ({@code base_url}, {@code timeouts.connect}), sorted. */
  public List<String> fields(String id) {
    List<String> out = new ArrayList<>();
    for (String variable : variables.getOrDefault(id, Map.of()).keySet()) {
      String[] segments = variable.substring(EnvOverrides.PREFIX.length()).toLowerCase(Locale.ROOT).split("__");
      for (int i = 1; i < segments.length; i++) {
        if (segments[i - 1].equals("headers")) {
          segments[i] = segments[i].replace('_', '-');
        }
      }
      out.add(String.join(".", segments));
    }
    out.sort(null);
    return out;
  }

  /**
   * {@code definition} (a provider entry as JSON) with provider {@code id}'s pins laid over it; throws
   * {@link ConfigException} when a pin does not fit the definition's shape.
   */
  public ObjectNode applyTo(String id, ObjectNode definition) {
    Map<String, String> pins = variables.get(id);
    if (pins == null) {
      return definition;
    }
    ObjectNode out = definition.deepCopy();
    ConfigErrors errors = new ConfigErrors();
    new EnvOverrides(errors).apply(out, pins);
    errors.throwIfAny();
    return out;
  }
}
