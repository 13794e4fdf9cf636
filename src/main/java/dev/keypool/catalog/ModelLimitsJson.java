package dev.keypool.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Model limits as JSON, in the shape the shipped catalog, the admin API and the console use:
 * {@code {"context_window": 200000, "max_output_tokens": 64000}}, either field optional (not both).
 */
public final class ModelLimitsJson {
  public static final String CONTEXT_WINDOW = "context_window";
  public static final String MAX_OUTPUT_TOKENS = "max_output_tokens";
  public static final Set<String> FIELDS = Set.of(CONTEXT_WINDOW, MAX_OUTPUT_TOKENS);

  private ModelLimitsJson() {}

  /** The limits {@code body} gives; an IllegalArgumentException naming the field that is wrong. */
  public static ModelLimits read(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("model limits are an object: {\"context_window\": ..., \"max_output_tokens\": ...}");
    }
    long context = tokens(body, CONTEXT_WINDOW);
    long output = tokens(body, MAX_OUTPUT_TOKENS);
    if (context == 0 && output == 0) {
      throw new IllegalArgumentException("give '" + CONTEXT_WINDOW + "', '" + MAX_OUTPUT_TOKENS + "' or both.");
    }
    return new ModelLimits(context, output);
  }

  /** {@code limits} as JSON; an unknown figure is null. */
  public static ObjectNode write(ObjectNode out, ModelLimits limits) {
    if (limits.contextWindow() > 0) {
      out.put(CONTEXT_WINDOW, limits.contextWindow());
    } else {
      out.putNull(CONTEXT_WINDOW);
    }
    if (limits.maxOutputTokens() > 0) {
      out.put(MAX_OUTPUT_TOKENS, limits.maxOutputTokens());
    } else {
      out.putNull(MAX_OUTPUT_TOKENS);
    }
    return out;
  }

  private static long tokens(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.isIntegralNumber() || v.longValue() < 1 || v.longValue() > ModelLimits.MAX) {
      throw new IllegalArgumentException("'" + field + "' must be a whole number of tokens >= 1 (was " + v + ").");
    }
    return v.longValue();
  }
}
