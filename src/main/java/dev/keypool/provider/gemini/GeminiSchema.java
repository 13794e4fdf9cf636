package dev.keypool.provider.gemini;

import static dev.keypool.translate.Nodes.F;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Function parameter schemas between JSON Schema (the canonical form, as OpenAI and Anthropic send it)
 * and Gemini's {@code FunctionDeclaration.parameters}, a subset of OpenAPI 3.0 that answers unknown
 * keywords with 400 {@code INVALID_ARGUMENT}. Writing keeps only the keywords Gemini's {@code Schema}
 * has, turns {@code "type": ["string", "null"]} into {@code "type": "string", "nullable": true} and
 * {@code const} into a one-value {@code enum}, and drops the rest ({@code additionalProperties},
 * {@code $schema}, {@code $ref}/{@code $defs}: references are not resolved). Reading lower-cases
 * Gemini's type names ({@code OBJECT} is as valid there as {@code object}).
 */
final class GeminiSchema {
  private static final Set<String> KEPT = Set.of("type", "format", "title", "description", "nullable", "enum",
      "maxItems", "minItems", "properties", "required", "minProperties", "maxProperties", "minLength", "maxLength",
      "pattern", "example", "anyOf", "propertyOrdering", "default", "items", "minimum", "maximum");

  private GeminiSchema() {}

  /**
   * Whether a parameters schema takes nothing (none, or an object without properties): Gemini answers
   * an {@code OBJECT} with empty {@code properties} with 400, so such a function is declared without
   * {@code parameters}.
   */
  static boolean isEmptyObject(JsonNode schema) {
    return schema == null || schema.isNull()
        || "object".equalsIgnoreCase(schema.path("type").asText()) && schema.path("properties").isEmpty();
  }

  /** A canonical JSON Schema as Gemini {@code parameters}. */
  static JsonNode write(JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      return schema;
    }
    ObjectNode out = F.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode v = e.getValue();
      switch (key) {
        case "type" -> type(out, v);
        case "const" -> out.putArray("enum").add(v);
        case "properties" -> {
          ObjectNode props = out.putObject("properties");
          v.fields().forEachRemaining(p -> props.set(p.getKey(), write(p.getValue())));
        }
        case "items" -> out.set("items", write(v));
        case "anyOf" -> {
          ArrayNode any = out.putArray("anyOf");
          v.forEach(s -> any.add(write(s)));
        }
        default -> {
          if (KEPT.contains(key)) {
            out.set(key, v);
          }
        }
      }
    }
    return out;
  }

  private static void type(ObjectNode out, JsonNode type) {
    if (!type.isArray()) {
      out.set("type", type);
      return;
    }
    for (JsonNode t : type) {
      if ("null".equals(t.asText())) {
        out.put("nullable", true);
      } else if (!out.has("type")) {
        out.put("type", t.asText());
      }
    }
  }

  /** Gemini {@code parameters} as a canonical JSON Schema. */
  static JsonNode read(JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      return schema;
    }
    ObjectNode out = schema.deepCopy();
    lowerTypes(out);
    return out;
  }

  private static void lowerTypes(JsonNode node) {
    if (node instanceof ObjectNode o) {
      JsonNode type = o.get("type");
      if (type != null && type.isTextual()) {
        o.put("type", type.asText().toLowerCase(Locale.ROOT));
      }
      JsonNode props = o.get("properties");
      if (props != null) {
        props.forEach(GeminiSchema::lowerTypes);
      }
      lowerTypes(o.get("items"));
      JsonNode any = o.get("anyOf");
      if (any != null) {
        any.forEach(GeminiSchema::lowerTypes);
      }
    }
  }
}
