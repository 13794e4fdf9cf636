package dev.keypool.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Applies environment overrides to a YAML tree: {@code KEYPOOL__A__B__C=value} sets {@code a.b.c}.
 * Segments are lower-cased; a numeric segment indexes a list (the index equal to the list's size
 * appends); a segment after {@code headers} turns {@code _} into {@code -}, because header names are
 * hyphenated and variable names cannot be. Values are YAML scalars ({@code true}, {@code 42}, text); a
 * value in flow form {@code [a, b]} sets a whole list.
 *
 * <p>Overrides are applied to the tree, not checked against a schema here: the binder reports unknown
 * fields for the file and the environment alike, and {@link ConfigErrors} names the variable that
 * wrote the field.
 */
final class EnvOverrides {

  static final String PREFIX = "KEYPOOL__";

  private static final Pattern INDEX = Pattern.compile("\\d{1,6}");
  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
  private static final Pattern FLOW_LIST = Pattern.compile("\\[[^\\[\\]{}]*]");

  private final ConfigErrors errors;
  private final OriginTracker origins;

  EnvOverrides(ConfigErrors errors) {
    this(errors, new OriginTracker());
  }

  EnvOverrides(ConfigErrors errors, OriginTracker origins) {
    this.errors = errors;
    this.origins = origins;
  }

  /** Applies every {@code KEYPOOL__} variable of {@code env} to {@code root}, in name order. */
  void apply(ObjectNode root, Map<String, String> env) {
    for (var e : new TreeMap<>(env).entrySet()) {
      if (e.getKey().startsWith(PREFIX)) {
        applyOne(root, e.getKey(), e.getValue());
      }
    }
  }

  private void applyOne(ObjectNode root, String variable, String value) {
    String[] segments = variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT).split("__", -1);
    for (String s : segments) {
      if (s.isEmpty()) {
        errors.addForVariable(variable, "empty path segment (write KEYPOOL__SECTION__FIELD, e.g. KEYPOOL__ROUTING__MAX_ATTEMPTS)");
        return;
      }
    }
    JsonNode container = root;
    String path = "";
    for (int i = 0; i < segments.length; i++) {
      boolean last = i == segments.length - 1;
      String segment = i > 0 && segments[i - 1].equals("headers") ? segments[i].replace('_', '-') : segments[i];
      String nextSegment = last ? null : segments[i + 1];
      JsonNode fresh = last ? scalar(value) : newContainer(nextSegment);
      if (container instanceof ObjectNode object) {
        path = ConfigPaths.field(path, segment);
        JsonNode child = object.get(segment);
        if (last || child == null || child.isNull()) {
          object.set(segment, last ? fresh : (child = fresh));
          errors.markOverride(path, variable);
          origins.env(path, variable);
        }
        container = child;
      } else if (container instanceof ArrayNode array) {
        if (!INDEX.matcher(segment).matches() || Integer.parseInt(segment) > array.size()) {
          errors.addForVariable(variable, path + " is a list of " + array.size()
              + " entries; the segment after it must be an index 0.." + array.size() + " (was \"" + segment + "\")");
          return;
        }
        int index = Integer.parseInt(segment);
        path = ConfigPaths.index(path, index);
        JsonNode child = index < array.size() ? array.get(index) : null;
        if (last || child == null || child.isNull()) {
          if (index < array.size()) {
            array.set(index, last ? fresh : (child = fresh));
          } else {
            array.add(last ? fresh : (child = fresh));
          }
          errors.markOverride(path, variable);
          origins.env(path, variable);
        }
        container = child;
      } else {
        errors.addForVariable(variable, path + " holds a single value, so it has no field \"" + segment + "\"");
        return;
      }
    }
  }

  private static JsonNode newContainer(String nextSegment) {
    return INDEX.matcher(nextSegment).matches()
        ? JsonNodeFactory.instance.arrayNode()
        : JsonNodeFactory.instance.objectNode();
  }

  /** Reads {@code value} as a YAML plain scalar, or a flow list of them. */
  static JsonNode scalar(String value) {
    String v = value.trim();
    if (FLOW_LIST.matcher(v).matches()) {
      ArrayNode list = JsonNodeFactory.instance.arrayNode();
      String inner = v.substring(1, v.length() - 1).trim();
      if (!inner.isEmpty()) {
        for (String item : inner.split(",")) {
          list.add(scalar(unquote(item.trim())));
        }
      }
      return list;
    }
    if (v.equals("true") || v.equals("false")) {
      return BooleanNode.valueOf(Boolean.parseBoolean(v));
    }
    if (INTEGER.matcher(v).matches()) {
      return LongNode.valueOf(Long.parseLong(v));
    }
    // The raw value, not the trimmed one: a secret keeps every character it was given.
    return TextNode.valueOf(value);
  }

  private static String unquote(String s) {
    boolean quoted = s.length() >= 2
        && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"));
    return quoted ? s.substring(1, s.length() - 1) : s;
  }
}
