package dev.keypool.usage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a Gemini {@code usageMetadata} object into {@link Usage}. {@code promptTokenCount} includes
 * {@code cachedContentTokenCount} (as OpenAI's prompt includes its cached tokens), so the cached count
 * is subtracted to get the uncached input; {@code toolUsePromptTokenCount} (results of Gemini's built-in
 * tools) is input too. {@code thoughtsTokenCount} is reasoning, billed as output but <em>not</em> part
 * of {@code candidatesTokenCount}, so output is candidates plus thoughts. Gemini has no cache-write count.
 */
final class GeminiUsageMetadata {

  private GeminiUsageMetadata() {}

  /** The usage in {@code usageMetadata}, or null when it carries no count (Vertex sends some mid-stream). */
  static Usage from(JsonNode metadata) {
    if (metadata == null || !metadata.isObject() || !UsageJson.has(metadata, "promptTokenCount")
        && !UsageJson.has(metadata, "candidatesTokenCount") && !UsageJson.has(metadata, "totalTokenCount")) {
      return null;
    }
    long prompt = UsageJson.count(metadata, "promptTokenCount", 0)
        + UsageJson.count(metadata, "toolUsePromptTokenCount", 0);
    long cached = Math.min(UsageJson.count(metadata, "cachedContentTokenCount", 0), prompt);
    long thoughts = UsageJson.count(metadata, "thoughtsTokenCount", 0);
    long output = UsageJson.count(metadata, "candidatesTokenCount", 0) + thoughts;
    return new Usage(prompt - cached, output, cached, 0, thoughts);
  }

  /**
   * The usage of a whole Gemini response body: a {@code GenerateContentResponse} object, or the JSON
   * array {@code streamGenerateContent} answers without {@code alt=sse}, whose counts are cumulative so
   * the last element that carries them wins. Null when there are none.
   */
  static Usage fromBody(byte[] body) {
    if (body != null && body.length > 0 && firstNonBlank(body) == '[') {
      JsonNode array = UsageJson.tree(body);
      Usage last = null;
      if (array != null) {
        for (JsonNode element : array) {
          Usage u = from(element.get("usageMetadata"));
          last = u == null ? last : u;
        }
      }
      return last;
    }
    return from(UsageJson.topLevelField(body, "usageMetadata"));
  }

  private static byte firstNonBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return b;
      }
    }
    return 0;
  }
}
