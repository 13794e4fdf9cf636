package dev.keypool.translate;

/**
 * How much the model should think before it answers, in the canonical model. Each format spells it
 * differently: OpenAI chat {@code reasoning_effort}, the Responses API {@code reasoning.effort} and
 * {@code reasoning.summary}, Anthropic {@code thinking} ({@code enabled} with {@code budget_tokens}, or
 * {@code adaptive}) with {@code output_config.effort}, Gemini {@code thinkingConfig}
 * ({@code thinkingBudget}, {@code thinkingLevel}, {@code includeThoughts}). A reader fills in what its
 * format said; a writer maps it to the closest setting its format has.
 *
 * @param effort the effort asked for; null when the client named none (a budget alone, or adaptive)
 * @param budgetTokens a token budget for thinking; null when the client named none
 * @param adaptive whether the client left the budget to the model (Anthropic {@code adaptive},
 *     Gemini {@code thinkingBudget: -1})
 * @param visible whether the client wants the reasoning shown (Gemini {@code includeThoughts}, a
 *     Responses {@code reasoning.summary}); null when it did not say
 */
public record Reasoning(Effort effort, Integer budgetTokens, boolean adaptive, Boolean visible) {

  /** Thinking switched off (OpenAI {@code none}, Anthropic {@code disabled}, Gemini budget 0). */
  public static final Reasoning OFF = new Reasoning(Effort.NONE, null, false, null);

  /**
   * The effort asked for, or for a budget alone the effort that spends about as much (for formats that
   * speak in efforts only); null when neither is known (adaptive alone).
   */
  public Effort effectiveEffort() {
    if (effort != null || budgetTokens == null) {
      return effort;
    }
    if (budgetTokens <= 0) {
      return Effort.NONE;
    }
    return budgetTokens <= 2048 ? Effort.LOW : budgetTokens <= 16384 ? Effort.MEDIUM : Effort.HIGH;
  }

  /** The efforts every format's setting is mapped through, least to most. */
  public enum Effort {
    NONE,
    MINIMAL,
    LOW,
    MEDIUM,
    HIGH,
    /** The most the model can do (Anthropic {@code max}, OpenAI {@code xhigh}). */
    MAX
  }
}
