package dev.keypool.provider.gemini;

import static dev.keypool.translate.Nodes.F;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.translate.Usage;

/**
 * Gemini's {@code usageMetadata} to canonical usage and back.
 *
 * <ul>
 *   <li>{@code promptTokenCount} already includes {@code cachedContentTokenCount}, as OpenAI's
 *       {@code prompt_tokens} does: input is the prompt count plus {@code toolUsePromptTokenCount}
 *       (tokens of built-in tool results, billed as input), and cache reads are the cached count.
 *       Gemini has no cache-write count (explicit caches are created by a separate call).
 *   <li>{@code thoughtsTokenCount} is reasoning and is <em>not</em> part of
 *       {@code candidatesTokenCount}, unlike the canonical model where reasoning is part of output: output
 *       is candidates plus thoughts, reasoning is thoughts.
 *   <li>Writing reverses this: {@code candidatesTokenCount} is output minus reasoning, and
 *       {@code totalTokenCount} is input plus output. {@code cachedContentTokenCount} and
 *       {@code thoughtsTokenCount} are written only when not zero, as Gemini does.
 * </ul>
 */
public final class GeminiUsage {

  private GeminiUsage() {}

  public static Usage read(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return Usage.ZERO;
    }
    long thoughts = count(usage, "thoughtsTokenCount");
    return new Usage(count(usage, "promptTokenCount") + count(usage, "toolUsePromptTokenCount"),
        count(usage, "candidatesTokenCount") + thoughts, count(usage, "cachedContentTokenCount"), 0, thoughts);
  }

  /** Whether a {@code usageMetadata} carries any count (Vertex sends some without, mid-stream). */
  static boolean hasCounts(JsonNode usage) {
    return usage != null && (GeminiFields.path(usage, "promptTokenCount").isNumber()
        || GeminiFields.path(usage, "candidatesTokenCount").isNumber()
        || GeminiFields.path(usage, "totalTokenCount").isNumber());
  }

  public static ObjectNode write(Usage u) {
    ObjectNode usage = F.objectNode().put("promptTokenCount", u.input())
        .put("candidatesTokenCount", Math.max(0, u.output() - u.reasoning()))
        .put("totalTokenCount", u.total());
    if (u.cacheRead() > 0) {
      usage.put("cachedContentTokenCount", u.cacheRead());
    }
    if (u.reasoning() > 0) {
      usage.put("thoughtsTokenCount", u.reasoning());
    }
    return usage;
  }

  private static long count(JsonNode usage, String camel) {
    JsonNode v = GeminiFields.get(usage, camel);
    return v == null || !v.isNumber() ? 0 : v.longValue();
  }
}
