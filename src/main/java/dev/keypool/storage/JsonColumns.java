package dev.keypool.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.quota.LimitRules;
import java.util.List;
import java.util.Map;

/**
 * Text columns holding JSON: string lists (scopes, permissions) and {@link LimitRules} in their JSON
 * object form. JSON rather than join tables because these are only read and written with their row.
 */
public final class JsonColumns {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  private static final TypeReference<List<String>> LIST = new TypeReference<>() {};
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private JsonColumns() {}

  public static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
    }
  }

  public static List<String> strings(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return List.copyOf(JSON.readValue(json, LIST));
    } catch (JsonProcessingException e) {
      throw new StorageException("stored value is not a JSON array of strings: " + json, e);
    }
  }

  public static String limits(LimitRules rules) {
    return write(rules == null ? Map.of() : rules.toMap());
  }

  public static LimitRules limits(String json) {
    if (json == null || json.isBlank()) {
      return LimitRules.NONE;
    }
    try {
      return LimitRules.parse(JSON.readValue(json, MAP));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new StorageException("stored limits are not valid: " + json, e);
    }
  }
}
