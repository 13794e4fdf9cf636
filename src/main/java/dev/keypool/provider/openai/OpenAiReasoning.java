package dev.keypool.provider.openai;

import dev.keypool.translate.Reasoning;
import dev.keypool.translate.Reasoning.Effort;
import java.util.regex.Pattern;

/**
 * OpenAI chat's {@code reasoning_effort} ({@code none}, {@code minimal}, {@code low}, {@code medium},
 * {@code high}, {@code xhigh}) to the canonical {@link Reasoning} and back.
 *
 * <p>Only reasoning models take the field: OpenAI answers 400 when {@code gpt-4o} and the like get it,
 * and so do many OpenAI-compatible hosts. It is written for the model families that reason (o-series,
 * GPT-5 and later, gpt-oss) and left out for any other model, which would refuse it. A budget without
 * an effort (Anthropic's {@code budget_tokens}, Gemini's {@code thinkingBudget}) is mapped to the
 * nearest effort; adaptive thinking without an effort leaves the model's default.
 */
final class OpenAiReasoning {
  private static final Pattern REASONING_MODELS = Pattern.compile("^(?:.*/)?(?:o\\d|gpt-(?:[5-9]|\\d{2})|gpt-oss)");

  private OpenAiReasoning() {}

  /** {@code reasoning_effort} as canonical reasoning; null when absent or unknown. */
  static Reasoning read(String effort) {
    if (effort == null) {
      return null;
    }
    Effort e = switch (effort) {
      case "none" -> Effort.NONE;
      case "minimal" -> Effort.MINIMAL;
      case "low" -> Effort.LOW;
      case "medium" -> Effort.MEDIUM;
      case "high" -> Effort.HIGH;
      case "xhigh" -> Effort.MAX;
      default -> null;
    };
    return e == null ? null : new Reasoning(e, null, false, null);
  }

  /** The {@code reasoning_effort} to send {@code model}; null to send none. */
  static String write(Reasoning r, String model) {
    if (r == null || model == null || !REASONING_MODELS.matcher(model).find()) {
      return null;
    }
    Effort effort = r.effectiveEffort();
    if (effort == null) {
      return null;
    }
    return switch (effort) {
      case NONE -> "none";
      case MINIMAL -> "minimal";
      case LOW -> "low";
      case MEDIUM -> "medium";
      case HIGH -> "high";
      case MAX -> "xhigh";
    };
  }
}
