package dev.keypool.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.testkit.SseEvent;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** JSON and SSE helpers shared by the dialects. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final JsonNodeFactory F = JsonNodeFactory.instance;
  /** The parameters of {@link Ask#TOOL}, in JSON Schema as OpenAI and Anthropic clients send it. */
  static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
      + "\"unit\":{\"type\":\"string\"}},\"required\":[\"city\"]}";

  private Json() {}

  static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  static ObjectNode schema() {
    return (ObjectNode) parse(SCHEMA);
  }

  /** The JSON of every SSE event's data, {@code [DONE]} left out. */
  static List<JsonNode> sseData(String body) {
    List<JsonNode> out = new ArrayList<>();
    for (SseEvent e : SseEvent.parse(body)) {
      if (!"[DONE]".equals(e.data())) {
        out.add(parse(e.data()));
      }
    }
    return out;
  }

  /** Arguments JSON in one canonical spelling, so fragments reassembled compare equal to the original. */
  static String canonical(String json) {
    return json == null || json.isBlank() ? "{}" : parse(json).toString();
  }

  /** A tool's name followed by its parameters' property names, as {@link Sent#tools} lists it. */
  static String toolLine(String name, JsonNode parameters) {
    List<String> props = new ArrayList<>();
    parameters.path("properties").fieldNames().forEachRemaining(props::add);
    return name + " " + props;
  }

  /** Numbers calls in order of appearance and resolves the results that reference them. */
  static final class Refs {
    private final Map<String, String> byKey = new HashMap<>();

    String call(String key) {
      return byKey.computeIfAbsent(key, k -> "c" + (byKey.size() + 1));
    }

    String result(String key) {
      return byKey.getOrDefault(key, "c?");
    }
  }
}
