package dev.keypool.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.translate.Reasoning;
import dev.keypool.translate.Reasoning.Effort;
import java.util.Locale;

/**
 * Gemini's {@code generationConfig.thinkingConfig} read into the canonical {@link Reasoning}.
 *
 * <ul>
 *   <li>{@code thinkingBudget}: {@code -1} is dynamic thinking (the model decides how much), which is
 *       the canonical {@code adaptive}; {@code 0} turns thinking off ({@link Reasoning#OFF}); a positive
 *       value is a token budget. Gemini 2.5 models take a budget.
 *   <li>{@code thinkingLevel} ({@code minimal}, {@code low}, {@code medium}, {@code high}, upper or lower
 *       case as the SDKs send it): Gemini 3 models take a level, which is the canonical effort of the same
 *       name. An unknown level (or {@code THINKING_LEVEL_UNSPECIFIED}) names no effort.
 *   <li>{@code includeThoughts}: whether the client wants thought summaries back, the canonical
 *       {@code visible}. Gemini CLI always sends it true with a thinking model.
 * </ul>
 *
 * <p>A config that says nothing of these is no reasoning setting at all (null): the model's default
 * applies. The config itself also stays among the Gemini extras, so a request written back to Gemini
 * keeps the client's exact spelling.
 */
final class GeminiThinking {

  private GeminiThinking() {}

  /** The reasoning a {@code thinkingConfig} asks for; null when there is none or it names nothing. */
  static Reasoning read(JsonNode thinkingConfig) {
    if (thinkingConfig == null || !thinkingConfig.isObject()) {
      return null;
    }
    JsonNode budgetNode = GeminiFields.get(thinkingConfig, "thinkingBudget");
    Integer budget = budgetNode != null && budgetNode.isNumber() ? budgetNode.intValue() : null;
    Effort effort = level(GeminiFields.text(thinkingConfig, "thinkingLevel"));
    JsonNode include = GeminiFields.get(thinkingConfig, "includeThoughts");
    Boolean visible = include != null && include.isBoolean() ? include.booleanValue() : null;
    if (budget != null && budget == 0) {
      return new Reasoning(Effort.NONE, null, false, visible);
    }
    boolean adaptive = budget != null && budget < 0;
    Integer budgetTokens = budget != null && budget > 0 ? budget : null;
    if (effort == null && budgetTokens == null && !adaptive && visible == null) {
      return null;
    }
    return new Reasoning(effort, budgetTokens, adaptive, visible);
  }

  private static Effort level(String level) {
    if (level == null) {
      return null;
    }
    return switch (level.toLowerCase(Locale.ROOT)) {
      case "minimal" -> Effort.MINIMAL;
      case "low" -> Effort.LOW;
      case "medium" -> Effort.MEDIUM;
      case "high" -> Effort.HIGH;
      default -> null;
    };
  }
}
