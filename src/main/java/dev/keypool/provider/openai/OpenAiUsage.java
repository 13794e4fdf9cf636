package dev.keypool.provider.openai;

import static dev.keypool.translate.Nodes.F;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.translate.Nodes;
import dev.keypool.translate.Usage;

/**
 * OpenAI's {@code usage} object to canonical usage and back. {@code prompt_tokens} already includes
 * {@code prompt_tokens_details.cached_tokens} and {@code completion_tokens} includes
 * {@code completion_tokens_details.reasoning_tokens}, as in the canonical model. OpenAI has no field for
 * cache writes; they stay inside {@code prompt_tokens}. DeepSeek's {@code prompt_cache_hit_tokens} is
 * read when the standard field is missing.
 */
public final class OpenAiUsage {

  private OpenAiUsage() {}

  public static Usage read(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return Usage.ZERO;
    }
    JsonNode promptDetails = usage.path("prompt_tokens_details");
    long cached = promptDetails.has("cached_tokens") ? Nodes.count(promptDetails, "cached_tokens")
        : Nodes.count(usage, "prompt_cache_hit_tokens");
    return new Usage(Nodes.count(usage, "prompt_tokens"), Nodes.count(usage, "completion_tokens"), cached, 0,
        Nodes.count(usage.path("completion_tokens_details"), "reasoning_tokens"));
  }

  public static ObjectNode write(Usage u) {
    ObjectNode usage = F.objectNode().put("prompt_tokens", u.input()).put("completion_tokens", u.output())
        .put("total_tokens", u.total());
    usage.putObject("prompt_tokens_details").put("cached_tokens", u.cacheRead());
    usage.putObject("completion_tokens_details").put("reasoning_tokens", u.reasoning());
    return usage;
  }
}
