package dev.keypool.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.quota.LimitRules;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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

  /** A text field where an explicit null clears the value: absent gives {@code fallback}, null gives null. */
  static String clearableText(JsonNode body, String field, String fallback) {
    if (!body.has(field)) {
      return fallback;
    }
    return body.get(field).isNull() ? null : text(body, field, null);
  }

  /** An ISO-8601 instant; absent gives {@code fallback}, null clears it. */
  static Instant instant(JsonNode body, String field, Instant fallback) {
    String v = clearableText(body, field, fallback == null ? null : fallback.toString());
    try {
      return v == null ? null : Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw AdminException.invalid("'" + field + "' must be an ISO-8601 instant such as 2026-01-05T10:00:00Z, or null.");
    }
  }

  /** Limits in their JSON object form ({@link LimitRules}); absent gives {@code fallback}, null means none. */
  static LimitRules limits(JsonNode body, String field, LimitRules fallback) {
    if (!body.has(field)) {
      return fallback;
    }
    JsonNode v = body.get(field);
    if (v.isNull()) {
      return LimitRules.NONE;
    }
    if (!v.isObject()) {
      throw AdminException.invalid("'" + field + "' must be an object such as {\"requests_per_minute\":60}.");
    }
    Map<String, Object> map = AdminJson.MAPPER.convertValue(v, new TypeReference<Map<String, Object>>() {});
    return parsed(field, map, LimitRules::parse);
  }

  /** Runs a domain parser, turning its {@link IllegalArgumentException} into a 400 naming the field. */
  static <T, R> R parsed(String field, T value, Function<T, R> parser) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw AdminException.invalid("'" + field + "': " + e.getMessage() + ".");
    }
  }
}
