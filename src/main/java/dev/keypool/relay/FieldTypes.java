package dev.keypool.relay;

import com.fasterxml.jackson.core.JsonToken;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JSON types that the top-level fields of a request body may have, checked during the one
 * streaming scan so that a body every upstream would refuse costs no upstream call and no use of a
 * key. One table serves every endpoint: each field listed means the same thing wherever it occurs
 * (OpenAI chat, completions, Responses and embeddings; Anthropic messages; Gemini), and the types
 * allowed are the union of what those APIs accept. {@code null} is allowed where an API treats it as
 * "not set"; fields not listed are never checked.
 */
final class FieldTypes {
  /** A JSON value's type, named as error messages name it. */
  enum Kind {
    STRING("a string"), NUMBER("a number"), BOOLEAN("a boolean"), ARRAY("an array"), OBJECT("an object"),
    NULL("null");

    final String words;

    Kind(String words) {
      this.words = words;
    }

    static Kind of(JsonToken t) {
      return switch (t) {
        case VALUE_STRING -> STRING;
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> NUMBER;
        case VALUE_TRUE, VALUE_FALSE -> BOOLEAN;
        case START_ARRAY -> ARRAY;
        case START_OBJECT -> OBJECT;
        default -> NULL;
      };
    }
  }

  private static final Set<Kind> NUMBER = EnumSet.of(Kind.NUMBER, Kind.NULL);
  private static final Set<Kind> TEXT_OR_LIST = EnumSet.of(Kind.STRING, Kind.ARRAY, Kind.NULL);

  private static final Map<String, Set<Kind>> ALLOWED = Map.ofEntries(
      Map.entry("model", EnumSet.of(Kind.STRING)),
      // The conversation itself: chat and Anthropic messages, Gemini contents.
      Map.entry("messages", EnumSet.of(Kind.ARRAY)),
      Map.entry("contents", EnumSet.of(Kind.ARRAY)),
      // Responses and embeddings: one text or a list (of items, strings or token arrays).
      Map.entry("input", TEXT_OR_LIST),
      // Anthropic: one text or a list of text blocks.
      Map.entry("system", TEXT_OR_LIST),
      // OpenAI: one stop sequence or up to four.
      Map.entry("stop", TEXT_OR_LIST),
      Map.entry("stop_sequences", EnumSet.of(Kind.ARRAY, Kind.NULL)),
      Map.entry("stream", EnumSet.of(Kind.BOOLEAN, Kind.NULL)),
      Map.entry("stream_options", EnumSet.of(Kind.OBJECT, Kind.NULL)),
      Map.entry("tools", EnumSet.of(Kind.ARRAY, Kind.NULL)),
      Map.entry("generationConfig", EnumSet.of(Kind.OBJECT, Kind.NULL)),
      Map.entry("max_tokens", NUMBER),
      Map.entry("max_completion_tokens", NUMBER),
      Map.entry("max_output_tokens", NUMBER),
      Map.entry("temperature", NUMBER),
      Map.entry("top_p", NUMBER),
      Map.entry("top_k", NUMBER));

  private FieldTypes() {}

  /**
   * Refuses a top-level field whose value (its first token) has a type no endpoint accepts for it.
   *
   * @throws ApiException 400 {@code invalid_type}, naming the field and the types it may have
   */
  static void check(String field, JsonToken value) {
    Set<Kind> allowed = ALLOWED.get(field);
    Kind kind = Kind.of(value);
    if (allowed != null && !allowed.contains(kind)) {
      String expected = allowed.stream().filter(k -> k != Kind.NULL).map(k -> k.words)
          .collect(Collectors.joining(" or "));
      throw new ApiException(ErrorKind.INVALID_REQUEST, "invalid_type", "Invalid type for '" + field + "': expected "
          + expected + ", but got " + kind.words + " instead.", null);
    }
  }
}
