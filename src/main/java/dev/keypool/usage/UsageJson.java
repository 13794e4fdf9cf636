package dev.keypool.usage;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** The JSON reading shared by the meters: lenient, never throwing, treating bad input as absent. */
final class UsageJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private UsageJson() {}

  /** The object {@code text} holds, or null when it is not a JSON object. */
  static JsonNode object(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** The JSON value {@code body} holds, or null when it is not JSON. */
  static JsonNode tree(byte[] body) {
    try {
      return body == null || body.length == 0 ? null : JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /** The object {@code body} holds, or null when it is not a JSON object. */
  static JsonNode object(byte[] body) {
    try {
      JsonNode node = body == null || body.length == 0 ? null : JSON.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The value of one top-level field of a JSON object body, or null. Only that field is built as a
   * tree; the rest (the generated text, often most of the body) is skipped by the streaming parser, as
   * this runs for every non-streamed response.
   */
  static JsonNode topLevelField(byte[] body, String field) {
    if (body == null || body.length == 0) {
      return null;
    }
    try (JsonParser p = JSON.getFactory().createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (field.equals(name)) {
          return JSON.readTree(p);
        }
        p.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The non-negative whole number at {@code field}, or {@code def} when absent or not a number. */
  static long count(JsonNode parent, String field, long def) {
    JsonNode v = parent == null ? null : parent.get(field);
    return v != null && v.isIntegralNumber() && v.asLong() >= 0 ? v.asLong() : def;
  }

  static boolean has(JsonNode parent, String field) {
    JsonNode v = parent == null ? null : parent.get(field);
    return v != null && v.isIntegralNumber();
  }

  /** Appends the text at {@code field} when it is a string. */
  static void appendText(TextTally out, JsonNode parent, String field) {
    JsonNode v = parent == null ? null : parent.get(field);
    if (v != null && v.isTextual()) {
      out.append(v.asText());
    }
  }
}
