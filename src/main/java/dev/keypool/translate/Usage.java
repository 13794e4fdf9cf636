package dev.keypool.translate;

/**
 * Token usage in the canonical model. {@code input} counts every prompt token, cached ones included
 * (OpenAI's meaning; Anthropic reports cache reads and writes beside {@code input_tokens}, so its
 * reader adds them). {@code cacheRead} and {@code cacheWrite} are parts of {@code input};
 * {@code reasoning} is part of {@code output}. A count the upstream did not report is 0.
 */
public record Usage(long input, long output, long cacheRead, long cacheWrite, long reasoning) {
  public static final Usage ZERO = new Usage(0, 0, 0, 0, 0);

  /** Prompt tokens neither read from nor written to a cache. */
  public long uncachedInput() {
    return Math.max(0, input - cacheRead - cacheWrite);
  }

  public long total() {
    return input + output;
  }
}
