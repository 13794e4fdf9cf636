package dev.keypool.usage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Usage from a complete, non-streamed JSON response body. Pure and stateless.
 *
 * <ul>
 *   <li>{@link #openAi}: chat completions, legacy completions and the Responses API (the
 *       {@code usage} object, see {@link OpenAiUsage}), and embeddings, whose {@code usage} has only
 *       {@code prompt_tokens}.
 *   <li>{@link #anthropic}: Messages ({@code usage} with disjoint input, cache-read, cache-write and
 *       output counts).
 *   <li>{@link #gemini}: {@code usageMetadata} (see {@link GeminiUsageMetadata}).
 *   <li>{@link #anthropicCountTokens}: {@code count_tokens} is free; its {@code input_tokens} is the
 *       answer to the caller's question, not tokens consumed.
 * </ul>
 */
public final class BodyMeter {

  private BodyMeter() {}

  /** The usage of an OpenAI-format response body, or null when it has none. */
  public static Usage openAi(byte[] body) {
    return OpenAiUsage.from(UsageJson.topLevelField(body, "usage"));
  }

  /** The usage of an Anthropic Messages response body, or null when it has none. */
  public static Usage anthropic(byte[] body) {
    JsonNode usage = UsageJson.topLevelField(body, "usage");
    if (usage == null || !usage.isObject()
        || !UsageJson.has(usage, "input_tokens") && !UsageJson.has(usage, "output_tokens")) {
      return null;
    }
    return new Usage(UsageJson.count(usage, "input_tokens", 0), UsageJson.count(usage, "output_tokens", 0),
        UsageJson.count(usage, "cache_read_input_tokens", 0), UsageJson.count(usage, "cache_creation_input_tokens", 0),
        0);
  }

  /**
   * The usage of a Gemini {@code generateContent} body, or of the JSON array of a stream without
   * {@code alt=sse}; null when it has none.
   */
  public static Usage gemini(byte[] body) {
    return GeminiUsageMetadata.fromBody(body);
  }

  /** The usage of a {@code /v1/messages/count_tokens} answer: always {@link Usage#ZERO}. */
  public static Usage anthropicCountTokens() {
    return Usage.ZERO;
  }
}
