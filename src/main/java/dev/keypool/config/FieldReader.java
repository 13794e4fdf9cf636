package dev.keypool.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A cursor over one YAML mapping that reads typed fields with defaults and records every problem
 * under the field's path. It never throws: a bad field yields its default, so binding goes on and all
 * problems are reported together. The fields read are the mapping's schema; {@link #finish()} reports
 * the others as unknown. Values of fields read with {@link #secret} never appear in messages.
 */
final class FieldReader {

  private final String path;
  private final JsonNode node;
  private final ConfigErrors errors;
  private final Set<String> known = new LinkedHashSet<>();

  FieldReader(String path, JsonNode node, ConfigErrors errors) {
    this.path = path;
    this.errors = errors;
    if (node != null && !node.isNull() && !node.isObject()) {
      errors.add(path, "must be a mapping of fields (was " + kind(node) + ")");
    }
    this.node = node != null && node.isObject() ? node : null;
  }

  String path() {
    return path;
  }

  String path(String name) {
    return ConfigPaths.field(path, name);
  }

  ConfigErrors errors() {
    return errors;
  }

  /** Whether the field is given with a non-null value. */
  boolean has(String name) {
    return raw(name) != null;
  }

  String string(String name, String def) {
    JsonNode v = scalar(name);
    return v == null ? def : v.asText();
  }

  /** A string whose value must never be printed; {@code ""} when absent. */
  String secret(String name) {
    JsonNode v = scalar(name);
    return v == null ? "" : v.asText();
  }

  int integer(String name, int def, int min, int max) {
    JsonNode v = scalar(name);
    if (v == null) {
      return def;
    }
    String text = v.asText().trim();
    long n;
    try {
      n = Long.parseLong(text);
    } catch (NumberFormatException e) {
      errors.add(path(name), "must be a whole number (was \"" + text + "\")");
      return def;
    }
    if (n < min || n > max) {
      String range = max == Integer.MAX_VALUE ? ">= " + min : min + ".." + max;
      errors.add(path(name), "must be " + range + " (was " + n + ")");
      return def;
    }
    return (int) n;
  }

  boolean bool(String name, boolean def) {
    JsonNode v = scalar(name);
    if (v == null) {
      return def;
    }
    String text = v.asText().trim();
    if (!text.equals("true") && !text.equals("false")) {
      errors.add(path(name), "must be true or false (was \"" + text + "\")");
      return def;
    }
    return Boolean.parseBoolean(text);
  }

  /** A duration; zero is allowed only when {@code allowZero}, negative never. */
  Duration duration(String name, Duration def, boolean allowZero) {
    JsonNode v = scalar(name);
    if (v == null) {
      return def;
    }
    try {
      Duration d = Durations.parse(v.asText());
      if (d.isZero() && !allowZero) {
        errors.add(path(name), "must be longer than 0 (was \"" + v.asText() + "\")");
        return def;
      }
      return d;
    } catch (IllegalArgumentException e) {
      errors.add(path(name), e.getMessage());
      return def;
    }
  }

  /** A positive byte size. */
  long bytes(String name, long def) {
    JsonNode v = scalar(name);
    if (v == null) {
      return def;
    }
    try {
      long n = ByteSizes.parse(v.asText());
      if (n <= 0) {
        errors.add(path(name), "must be larger than 0 (was \"" + v.asText() + "\")");
        return def;
      }
      return n;
    } catch (IllegalArgumentException e) {
      errors.add(path(name), e.getMessage());
      return def;
    }
  }

  /**
   * A decimal number {@code >= 0}, read exactly from its text ({@code 2.50}, {@code "0.075"});
   * {@code def} null makes it required, with {@code hint} saying what it is.
   */
  BigDecimal decimal(String name, BigDecimal def, String hint) {
    JsonNode v = scalar(name);
    if (v == null) {
      if (def == null) {
        errors.add(path(name), "required (" + hint + ")");
      }
      return def;
    }
    String text = v.asText().trim();
    BigDecimal n;
    try {
      n = new BigDecimal(text);
    } catch (NumberFormatException e) {
      errors.add(path(name), "must be a number >= 0 (was \"" + text + "\")");
      return def;
    }
    if (n.signum() < 0) {
      errors.add(path(name), "must be >= 0 (was " + text + ")");
      return def;
    }
    return n;
  }

  /** One of the lower-case names of {@code type}'s constants; {@code def} null makes it required. */
  <E extends Enum<E>> E choice(String name, Class<E> type, E def) {
    return choice(name, List.of(type.getEnumConstants()), def);
  }

  /** One of the lower-case names of {@code constants} (a subset of an enum, in order); {@code def} null makes it required. */
  <E extends Enum<E>> E choice(String name, Collection<E> constants, E def) {
    String allowed = constants.stream().map(FieldReader::wire).collect(Collectors.joining(", "));
    JsonNode v = scalar(name);
    if (v == null) {
      if (def == null) {
        errors.add(path(name), "required (one of " + allowed + ")");
      }
      return def;
    }
    for (E constant : constants) {
      if (wire(constant).equals(v.asText())) {
        return constant;
      }
    }
    errors.add(path(name), "must be one of " + allowed + " (was \"" + v.asText() + "\")");
    return def;
  }

  FieldReader object(String name) {
    return new FieldReader(path(name), raw(name), errors);
  }

  /** The mappings of a list field; empty when absent. */
  List<FieldReader> objects(String name) {
    List<FieldReader> out = new ArrayList<>();
    JsonNode v = list(name);
    for (int i = 0; v != null && i < v.size(); i++) {
      out.add(new FieldReader(ConfigPaths.index(path(name), i), v.get(i), errors));
    }
    return out;
  }

  /** A list of single values as text, or {@code def} when absent. */
  List<String> strings(String name, List<String> def) {
    JsonNode v = list(name);
    if (v == null) {
      return def;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      if (item.isValueNode() && !item.isNull()) {
        out.add(item.asText());
      } else {
        errors.add(ConfigPaths.index(path(name), i), "must be a single value (was " + kind(item) + ")");
      }
    }
    return out;
  }

  /** The entries of a mapping field whose keys are free names (e.g. model ids), in file order; empty when absent. */
  Map<String, FieldReader> entries(String name) {
    FieldReader map = object(name);
    Map<String, FieldReader> out = new LinkedHashMap<>();
    if (map.node == null) {
      return out;
    }
    for (var it = map.node.properties().iterator(); it.hasNext(); ) {
      var e = it.next();
      out.put(e.getKey(), new FieldReader(map.path(e.getKey()), e.getValue(), errors));
    }
    return out;
  }

  /** A mapping of names to text values; values are not printed, as headers may carry credentials. */
  Map<String, String> stringMap(String name) {
    FieldReader map = object(name);
    Map<String, String> out = new LinkedHashMap<>();
    if (map.node == null) {
      return out;
    }
    for (var it = map.node.properties().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (e.getValue().isValueNode() && !e.getValue().isNull()) {
        out.put(e.getKey(), e.getValue().asText());
      } else {
        errors.add(map.path(e.getKey()), "must be a single value (was " + kind(e.getValue()) + ")");
      }
    }
    return out;
  }

  /** A mapping of names to single values (numbers as numbers, the rest as text); empty when absent. */
  Map<String, Object> values(String name) {
    FieldReader map = object(name);
    Map<String, Object> out = new LinkedHashMap<>();
    if (map.node == null) {
      return out;
    }
    for (var it = map.node.properties().iterator(); it.hasNext(); ) {
      var e = it.next();
      JsonNode v = e.getValue();
      if (v.isNumber()) {
        out.put(e.getKey(), v.decimalValue());
      } else if (v.isValueNode() && !v.isNull()) {
        out.put(e.getKey(), v.asText());
      } else {
        errors.add(map.path(e.getKey()), "must be a single value (was " + kind(v) + ")");
      }
    }
    return out;
  }

  /** Reports every field of this mapping that was never read. */
  void finish() {
    if (node == null) {
      return;
    }
    for (var it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        errors.add(path(name), "unknown field (allowed: " + String.join(", ", known) + ")");
      }
    }
  }

  static String wire(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  private JsonNode raw(String name) {
    known.add(name);
    JsonNode v = node == null ? null : node.get(name);
    return v == null || v.isNull() ? null : v;
  }

  private JsonNode scalar(String name) {
    JsonNode v = raw(name);
    if (v != null && !v.isValueNode()) {
      errors.add(path(name), "must be a single value (was " + kind(v) + ")");
      return null;
    }
    return v;
  }

  private JsonNode list(String name) {
    JsonNode v = raw(name);
    if (v != null && !v.isArray()) {
      errors.add(path(name), "must be a list (was " + kind(v) + ")");
      return null;
    }
    return v;
  }

  private static String kind(JsonNode v) {
    if (v.isObject()) {
      return "a mapping";
    }
    return v.isArray() ? "a list" : "a single value";
  }
}
