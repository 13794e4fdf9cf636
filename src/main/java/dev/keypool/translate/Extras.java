package dev.keypool.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.config.ProviderFormat;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The top-level fields of a wire body that have no canonical meaning, tagged with the format they
 * came from. A writer emits them only for that same format: OpenAI's {@code frequency_penalty} means
 * nothing to Anthropic, which rejects unknown fields, so a translation drops them, while a request
 * read and written back in its own format keeps them.
 */
public record Extras(ProviderFormat origin, Map<String, JsonNode> fields) {
  public static final Extras NONE = new Extras(null, Map.of());

  public Extras {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The fields to write for {@code target}: all of them for the origin format, none for another. */
  public Map<String, JsonNode> fieldsFor(ProviderFormat target) {
    return target == origin ? fields : Map.of();
  }
}
