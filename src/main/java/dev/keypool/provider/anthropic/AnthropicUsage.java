package dev.keypool.provider.anthropic;

import static dev.keypool.translate.Nodes.F;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.translate.Nodes;
import dev.keypool.translate.Usage;

/**
 * Anthropic's {@code usage} object to canonical usage and back. Anthropic's {@code input_tokens}
 * excludes {@code cache_read_input_tokens} and {@code cache_creation_input_tokens}, so reading adds
 * them and writing subtracts them. Thinking tokens are inside {@code output_tokens} with no field of
 * their own, so a canonical reasoning count is not written.
 */
public final class AnthropicUsage {

  private AnthropicUsage() {}

  public static Usage read(JsonNode usage) {
    return merge(Usage.ZERO, usage);
  }

  /**
   * {@code previous} updated with the fields {@code usage} carries; a {@code message_delta}'s usage is
   * cumulative but may omit the input counts given in {@code message_start}.
   */
  public static Usage merge(Usage previous, JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return previous;
    }
    long uncached = has(usage, "input_tokens") ? Nodes.count(usage, "input_tokens") : previous.uncachedInput();
    long read = has(usage, "cache_read_input_tokens") ? Nodes.count(usage, "cache_read_input_tokens")
        : previous.cacheRead();
    long write = has(usage, "cache_creation_input_tokens") ? Nodes.count(usage, "cache_creation_input_tokens")
        : previous.cacheWrite();
    long output = has(usage, "output_tokens") ? Nodes.count(usage, "output_tokens") : previous.output();
    return new Usage(uncached + read + write, output, read, write, previous.reasoning());
  }

  public static ObjectNode write(Usage u) {
    return F.objectNode().put("input_tokens", u.uncachedInput())
        .put("cache_creation_input_tokens", u.cacheWrite())
        .put("cache_read_input_tokens", u.cacheRead())
        .put("output_tokens", u.output());
  }

  private static boolean has(JsonNode usage, String field) {
    return usage.path(field).isNumber();
  }
}
