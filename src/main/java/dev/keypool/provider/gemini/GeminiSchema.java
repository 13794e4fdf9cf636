package dev.keypool.provider.gemini;

import static dev.keypool.translate.Nodes.F;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Function parameter schemas between JSON Schema (the canonical form, as OpenAI and Anthropic send it)
 * and Gemini's {@code FunctionDeclaration.parameters}, a subset of OpenAPI 3.0 that answers unknown
 * keywords with 400 {@code INVALID_ARGUMENT}. Writing keeps only the keywords Gemini's {@code Schema}
 * has, turns {@code "type": ["string", "null"]} into {@code "type": "string", "nullable": true} and
 * {@code const} into a one-value {@code enum}, and drops the rest ({@code additionalProperties},
 * {@code $schema}, {@code $ref}/{@code $defs}: references are not resolved). Reading turns
 * {@code parameters} into JSON Schema and gives both {@code parameters} and {@code parametersJsonSchema}
 * the root OpenAI and Anthropic require.
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

  /**
   * Gemini {@code parameters} (the OpenAPI subset) as a canonical JSON Schema: type names lower-cased
   * ({@code OBJECT} is as valid there as {@code object}), {@code nullable: true} as a {@code "null"} in
   * the type, {@code example} as {@code examples}, and {@code propertyOrdering} (Gemini's own) dropped;
   * then shaped as a tool's root schema ({@link #root}). A declaration without parameters takes none.
   */
  static JsonNode read(JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      return root(null);
    }
    return root(fromOpenApi(schema));
  }

  /**
   * Gemini {@code parametersJsonSchema}, JSON Schema already (Gemini CLI declares its tools so), as the
   * canonical schema: kept as it is ({@code $ref}/{@code $defs}, {@code anyOf}, {@code enum},
   * {@code additionalProperties}, {@code format} and descriptions all mean the same to OpenAI and
   * Anthropic) except for its root ({@link #root}).
   */
  static JsonNode readJsonSchema(JsonNode schema) {
    return root(schema == null || !schema.isObject() ? null : schema.deepCopy());
  }

  private static JsonNode fromOpenApi(JsonNode node) {
    if (!(node instanceof ObjectNode o)) {
      return node;
    }
    ObjectNode out = F.objectNode();
    boolean nullable = o.path("nullable").asBoolean(false);
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "type" -> {
          JsonNode type = v.isTextual() ? F.textNode(v.asText().toLowerCase(Locale.ROOT)) : v;
          out.set("type", nullable && type.isTextual() && !"null".equals(type.asText())
              ? F.arrayNode().add(type).add("null") : type);
        }
        case "nullable", "propertyOrdering" -> { }
        case "example" -> out.putArray("examples").add(v);
        case "properties" -> {
          ObjectNode props = out.putObject("properties");
          v.fields().forEachRemaining(p -> props.set(p.getKey(), fromOpenApi(p.getValue())));
        }
        case "items" -> out.set("items", fromOpenApi(v));
        case "anyOf" -> {
          ArrayNode any = out.putArray("anyOf");
          v.forEach(s -> any.add(fromOpenApi(s)));
        }
        default -> out.set(e.getKey(), v);
      }
    }
    return out;
  }

  /**
   * A tool's root schema as OpenAI and Anthropic take it: both want {@code "type": "object"} there
   * (Anthropic answers 400 without it, or with {@code anyOf}, {@code oneOf} or {@code allOf} at the
   * root). A missing schema takes no arguments; a missing root type is {@code object}; a root
   * combinator of object schemas is folded into the root: the alternatives' properties all become the
   * root's, required only when every alternative ({@code anyOf}, {@code oneOf}) or any part
   * ({@code allOf}) requires them. The combination rule itself is lost; the model still sees every
   * property and its description.
   */
  static JsonNode root(JsonNode schema) {
    if (!(schema instanceof ObjectNode out)) {
      return F.objectNode().put("type", "object").set("properties", F.objectNode());
    }
    for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
      JsonNode parts = out.remove(combinator);
      if (parts != null && parts.isArray()) {
        fold(out, parts, combinator.equals("allOf"));
      }
    }
    if (!out.has("type")) {
      out.put("type", "object");
    }
    return out;
  }

  private static void fold(ObjectNode root, JsonNode parts, boolean all) {
    ObjectNode props = root.has("properties") && root.get("properties").isObject()
        ? (ObjectNode) root.get("properties") : root.putObject("properties");
    Set<String> required = new LinkedHashSet<>();
    root.path("required").forEach(r -> required.add(r.asText()));
    Set<String> common = null;
    for (JsonNode part : parts) {
      part.path("properties").fields().forEachRemaining(p -> props.putIfAbsent(p.getKey(), p.getValue()));
      Set<String> partRequired = new LinkedHashSet<>();
      part.path("required").forEach(r -> partRequired.add(r.asText()));
      if (all) {
        required.addAll(partRequired);
      } else if (common == null) {
        common = partRequired;
      } else {
        common.retainAll(partRequired);
      }
    }
    if (common != null) {
      required.addAll(common);
    }
    if (!required.isEmpty()) {
      ArrayNode req = root.putArray("required");
      required.forEach(req::add);
    }
  }
}
