package dev.keypool.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Typed reads of admin request fields, each failing with a 400 that names the field. */
final class Fields {
  private Fields() {}

  static void allowOnly(JsonNode body, Set<String> allowed) {
    body.fieldNames().forEachRemaining(f -> {
      if (!allowed.contains(f)) {
        throw AdminException.invalid("Unknown field '" + f + "'. Allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ".");
      }
    });
  }

  static String text(JsonNode body, String field, String fallback) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isTextual()) {
      throw AdminException.invalid("'" + field + "' must be a string.");
    }
    return v.asText();
  }

  static String requiredText(JsonNode body, String field) {
    String v = text(body, field, null);
    if (v == null || v.isBlank()) {
      throw AdminException.invalid("'" + field + "' is required.");
    }
    return v;
  }

  static int integer(JsonNode body, String field, int fallback, int min) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw AdminException.invalid("'" + field + "' must be an integer.");
    }
    if (v.asInt() < min) {
      throw AdminException.invalid("'" + field + "' must be at least " + min + ".");
    }
    return v.asInt();
  }

  static boolean bool(JsonNode body, String field, boolean fallback) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw AdminException.invalid("'" + field + "' must be true or false.");
    }
    return v.asBoolean();
  }

  static List<String> strings(JsonNode body, String field, List<String> fallback) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isArray()) {
      throw AdminException.invalid("'" + field + "' must be an array of strings.");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw AdminException.invalid("'" + field + "' must be an array of strings.");
      }
      out.add(e.asText());
    }
    return out;
  }
}
