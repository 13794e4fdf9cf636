package dev.keypool.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * The stored form of a key's tags: a JSON array of strings in a text column. JSON rather than a
 * join table because tags are only ever read and written with their key, and both dialects store text.
 */
final class Tags {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> LIST = new TypeReference<>() {};

  private Tags() {}

  static String toJson(List<String> tags) {
    try {
      return JSON.writeValueAsString(tags == null ? List.of() : tags);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize tags", e);
    }
  }

  static List<String> fromJson(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return List.copyOf(JSON.readValue(json, LIST));
    } catch (JsonProcessingException e) {
      throw new StorageException("stored tags are not a JSON array of strings: " + json, e);
    }
  }
}
