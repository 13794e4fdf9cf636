package dev.keypool.usage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads an OpenAI {@code usage} object into {@link Usage}. Chat completions and embeddings report
 * {@code prompt_tokens} and {@code completion_tokens} with {@code prompt_tokens_details.cached_tokens}
 * and {@code completion_tokens_details.reasoning_tokens}; the Responses API names them
 * {@code input_tokens}, {@code output_tokens}, {@code input_tokens_details} and
 * {@code output_tokens_details}. DeepSeek reports its cache hits as {@code prompt_cache_hit_tokens}.
 *
 * <p>OpenAI counts cached tokens inside the prompt, so they are subtracted to get the uncached input.
 */
final class OpenAiUsage {

  private OpenAiUsage() {}

  /** The usage in {@code usage}, or null when it is not a usage object. */
  static Usage from(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return null;
    }
    boolean chat = UsageJson.has(usage, "prompt_tokens") || UsageJson.has(usage, "completion_tokens");
    boolean responses = UsageJson.has(usage, "input_tokens") || UsageJson.has(usage, "output_tokens");
    if (!chat && !responses) {
      return null;
    }
    long prompt = UsageJson.count(usage, chat ? "prompt_tokens" : "input_tokens", 0);
    long output = UsageJson.count(usage, chat ? "completion_tokens" : "output_tokens", 0);
    JsonNode inDetails = usage.get(chat ? "prompt_tokens_details" : "input_tokens_details");
    JsonNode outDetails = usage.get(chat ? "completion_tokens_details" : "output_tokens_details");
    long cached = UsageJson.count(inDetails, "cached_tokens", UsageJson.count(usage, "prompt_cache_hit_tokens", 0));
    cached = Math.min(cached, prompt);
    long reasoning = Math.min(UsageJson.count(outDetails, "reasoning_tokens", 0), output);
    return new Usage(prompt - cached, output, cached, 0, reasoning);
  }
}
