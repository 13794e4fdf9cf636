package dev.keypool.translate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading and writing helpers for the Jackson trees the wire mappers work on. */
public final class Nodes {
  public static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();

  private Nodes() {}

  /** The text of a scalar field, or null when it is missing, null or a container. */
  public static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  public static Integer integer(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isNumber() ? null : v.intValue();
  }

  public static Double decimal(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isNumber() ? null : v.doubleValue();
  }

  public static Boolean bool(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isBoolean() ? null : v.booleanValue();
  }

  public static long count(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || !v.isNumber() ? 0 : v.longValue();
  }

  /** The fields of {@code node} whose names are not in {@code known}, in order. */
  public static Extras unknownFields(dev.keypool.config.ProviderFormat origin, JsonNode node, Set<String> known) {
    Map<String, JsonNode> extra = new java.util.LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!known.contains(e.getKey())) {
        extra.put(e.getKey(), e.getValue());
      }
    }
    return extra.isEmpty() ? Extras.NONE : new Extras(origin, extra);
  }

  /** A string or an array of strings, as a list. */
  public static List<String> strings(JsonNode v) {
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (v.isArray()) {
      v.forEach(s -> out.add(s.asText()));
    } else {
      out.add(v.asText());
    }
    return out;
  }

  public static void putIfNotNull(ObjectNode node, String field, Object value) {
    if (value == null) {
      return;
    }
    switch (value) {
      case String s -> node.put(field, s);
      case Integer i -> node.put(field, i);
      case Long l -> node.put(field, l);
      case Double d -> node.put(field, d);
      case Boolean b -> node.put(field, b);
      case JsonNode n -> node.set(field, n);
      default -> throw new IllegalArgumentException("not a JSON scalar: " + value.getClass());
    }
  }

  /** Parses JSON text (tool arguments); text that is not JSON becomes an empty object. */
  public static JsonNode parseOrEmpty(String json) {
    if (json == null || json.isBlank()) {
      return F.objectNode();
    }
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return F.objectNode();
    }
  }

  public static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static String write(JsonNode node) {
    return node.toString();
  }
}
