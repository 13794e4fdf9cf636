package dev.keypool.usage;

/**
 * The tokens one request consumed, in disjoint billing buckets, so that a cost is a plain sum of
 * tokens times price per bucket with no subtraction.
 *
 * <ul>
 *   <li>{@code inputTokens}: input read fresh, <em>without</em> cached input. OpenAI counts cached
 *       tokens inside {@code prompt_tokens}, so for OpenAI this is {@code prompt_tokens - cached_tokens};
 *       Anthropic's {@code input_tokens} already excludes the cache buckets.
 *   <li>{@code cacheReadTokens}: input served from the provider's prompt cache (OpenAI
 *       {@code cached_tokens}, Anthropic {@code cache_read_input_tokens}).
 *   <li>{@code cacheWriteTokens}: input written to the prompt cache (Anthropic
 *       {@code cache_creation_input_tokens}; OpenAI never reports any).
 *   <li>{@code outputTokens}: every generated token, reasoning included, as both providers bill it.
 *   <li>{@code reasoningTokens}: the reasoning part of {@code outputTokens}, for information only; it is
 *       never billed on top of the output.
 * </ul>
 */
public record Usage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
    long reasoningTokens) {

  /** No tokens at all, e.g. a free {@code count_tokens} call. */
  public static final Usage ZERO = new Usage(0, 0, 0, 0, 0);

  public Usage {
    if (inputTokens < 0 || outputTokens < 0 || cacheReadTokens < 0 || cacheWriteTokens < 0 || reasoningTokens < 0) {
      throw new IllegalArgumentException("token counts must be >= 0: " + inputTokens + ", " + outputTokens
          + ", " + cacheReadTokens + ", " + cacheWriteTokens + ", " + reasoningTokens);
    }
  }

  /** Usage with only fresh input and output, the common case. */
  public static Usage of(long inputTokens, long outputTokens) {
    return new Usage(inputTokens, outputTokens, 0, 0, 0);
  }

  /** The bucket-wise sum, e.g. over the attempts of one request. */
  public Usage plus(Usage other) {
    return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
        cacheReadTokens + other.cacheReadTokens, cacheWriteTokens + other.cacheWriteTokens,
        reasoningTokens + other.reasoningTokens);
  }

  /** Every input token, cached or not: what OpenAI calls {@code prompt_tokens}. */
  public long promptTokens() {
    return inputTokens + cacheReadTokens + cacheWriteTokens;
  }
}
