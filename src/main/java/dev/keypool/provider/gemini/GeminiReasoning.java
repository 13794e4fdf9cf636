package dev.keypool.provider.gemini;

import static dev.keypool.translate.Nodes.F;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.translate.Reasoning;
import dev.keypool.translate.Reasoning.Effort;

/**
 * The canonical {@link Reasoning} as Gemini's {@code generationConfig.thinkingConfig}.
 *
 * <p>Gemini 3 models think by level ({@code thinkingLevel}: {@code minimal}, {@code low},
 * {@code medium}, {@code high}) and cannot switch thinking off, so an effort maps to the nearest level
 * ({@code none} to {@code minimal}, the most to {@code high}) and a budget to the level that spends
 * about as much. Earlier models (2.5) think by budget ({@code thinkingBudget}, {@code -1} for the
 * model to decide, {@code 0} for none): a budget is sent as is, adaptive as {@code -1}, an effort as a
 * budget from the table below. {@code includeThoughts} follows whether the client wants the reasoning
 * shown.
 */
final class GeminiReasoning {
  /** The largest budget every 2.5 model takes (Flash's maximum); larger ones are lowered to it. */
  private static final int MAX_BUDGET = 24576;

  private GeminiReasoning() {}

  /** The thinking config for {@code model}; null when the request leaves thinking to the model. */
  static ObjectNode write(Reasoning r, String model) {
    if (r == null) {
      return null;
    }
    ObjectNode config = F.objectNode();
    if (GeminiRequestWriter.needsSignatures(model)) {
      Effort effort = r.effectiveEffort();
      if (effort != null) {
        config.put("thinkingLevel", level(effort));
      }
    } else if (r.budgetTokens() != null) {
      config.put("thinkingBudget", Math.min(r.budgetTokens(), MAX_BUDGET));
    } else if (r.effort() != null) {
      config.put("thinkingBudget", budget(r.effort()));
    } else if (r.adaptive()) {
      config.put("thinkingBudget", -1);
    }
    if (r.visible() != null && r.effort() != Effort.NONE) {
      config.put("includeThoughts", r.visible());
    }
    return config.isEmpty() ? null : config;
  }

  private static String level(Effort effort) {
    return switch (effort) {
      case NONE, MINIMAL -> "minimal";
      case LOW -> "low";
      case MEDIUM -> "medium";
      case HIGH, MAX -> "high";
    };
  }

  /** Budgets within what every 2.5 model accepts (Flash up to 24576, Pro 128 to 32768). */
  private static int budget(Effort effort) {
    return switch (effort) {
      case NONE -> 0;
      case MINIMAL -> 512;
      case LOW -> 2048;
      case MEDIUM -> 8192;
      case HIGH -> 16384;
      case MAX -> MAX_BUDGET;
    };
  }
}
