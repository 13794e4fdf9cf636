package dev.keypool.catalog;

/**
 * What a model accepts, in tokens: its context window and the largest output cap its vendor's API takes.
 * Either may be unknown (0); a catalog entry knows at least one.
 *
 * @param contextWindow the most tokens the model takes in one request, as its vendor states it; 0 when unknown
 * @param maxOutputTokens the largest {@code max_tokens} (or variant) the vendor accepts; 0 when unknown
 */
public record ModelLimits(long contextWindow, long maxOutputTokens) {
  /** The largest figure accepted: far above any model, small enough to stay exact in JSON numbers. */
  public static final long MAX = 1L << 40;

  public ModelLimits {
    if (contextWindow < 0 || contextWindow > MAX || maxOutputTokens < 0 || maxOutputTokens > MAX) {
      throw new IllegalArgumentException("token limits must be between 0 and " + MAX);
    }
    if (contextWindow == 0 && maxOutputTokens == 0) {
      throw new IllegalArgumentException("give context_window, max_output_tokens or both");
    }
  }

  /** Whether the output limit is known. */
  public boolean knowsMaxOutput() {
    return maxOutputTokens > 0;
  }
}
