package dev.keypool.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Field access for Gemini bodies, which may spell every field two ways: the REST API is the JSON form of
 * protocol buffers, so it accepts {@code inlineData} and {@code inline_data} alike (Google's curl
 * samples use snake_case, its SDKs and its responses lowerCamelCase). Readers accept both; writers use
 * lowerCamelCase, as Gemini's own responses do.
 */
final class GeminiFields {

  private GeminiFields() {}

  /** The field named {@code camel} in either spelling, or null. */
  static JsonNode get(JsonNode node, String camel) {
    if (node == null) {
      return null;
    }
    JsonNode v = node.get(camel);
    return v != null ? v : node.get(snake(camel));
  }

  /** The field in either spelling, or a missing node (for chained {@code path} reads). */
  static JsonNode path(JsonNode node, String camel) {
    JsonNode v = get(node, camel);
    return v == null ? MissingNode.getInstance() : v;
  }

  static String text(JsonNode node, String camel) {
    JsonNode v = get(node, camel);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  /** Both spellings of each name, for the known-fields sets of {@code Nodes.unknownFields}. */
  static Set<String> bothSpellings(List<String> camelNames) {
    Set<String> out = new HashSet<>();
    camelNames.forEach(n -> {
      out.add(n);
      out.add(snake(n));
    });
    return out;
  }

  static String snake(String camel) {
    StringBuilder sb = new StringBuilder(camel.length() + 4);
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        sb.append('_').append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The lowerCamelCase form of a snake_case name (a camelCase name is returned unchanged). */
  static String camel(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    boolean up = false;
    for (char c : name.toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        sb.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return sb.toString();
  }
}
