package dev.keypool.provider.anthropic;

import static dev.keypool.translate.Nodes.F;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.translate.Nodes;
import dev.keypool.translate.Reasoning;
import dev.keypool.translate.Reasoning.Effort;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Anthropic's thinking settings to the canonical {@link Reasoning} and back: {@code thinking}
 * ({@code enabled} with {@code budget_tokens}, {@code adaptive}, {@code disabled}; {@code display}
 * {@code summarized} or {@code omitted}) and {@code output_config.effort} ({@code low} ... {@code max}).
 *
 * <p>Writing follows what Anthropic accepts, which depends on the model:
 * <ul>
 *   <li>Adaptive thinking with an effort exists on Claude 4.6 and later (Opus 4.6, Sonnet 4.6, every 5.x,
 *       Mythos, Fable); some of those refuse {@code enabled} and {@code disabled} with a 400. Older
 *       models refuse {@code adaptive}, so an effort becomes a {@code budget_tokens} there.</li>
 *   <li>A budget must be at least 1024 and below {@code max_tokens}; when the cap leaves no room for
 *       1024 tokens of thinking, no thinking is asked for.</li>
 *   <li>{@link Effort#NONE} writes nothing: no thinking is Anthropic's default, and {@code disabled} is
 *       refused by the adaptive-only models.</li>
 *   <li>Anthropic's {@code xhigh} and {@code max} both read as {@link Effort#MAX}, written back as
 *       {@code max}, the level more models accept.</li>
 * </ul>
 */
public final class AnthropicReasoning {
  /** Anthropic's smallest thinking budget. */
  static final int MIN_BUDGET = 1024;

  private static final Pattern VERSIONED = Pattern.compile("claude-(?:opus|sonnet|haiku)-(\\d+)(?:-(\\d{1,2}))?(?!\\d)");

  private AnthropicReasoning() {}

  /** The request's reasoning; null when it names neither thinking nor an effort. */
  static Reasoning read(JsonNode thinking, JsonNode outputConfig) {
    Effort effort = effort(Nodes.text(outputConfig == null ? F.objectNode() : outputConfig, "effort"));
    String type = thinking == null ? null : Nodes.text(thinking, "type");
    Boolean visible = thinking == null || !thinking.has("display") ? null
        : !"omitted".equals(Nodes.text(thinking, "display"));
    if (type == null) {
      return effort == null ? null : new Reasoning(effort, null, false, null);
    }
    return switch (type) {
      case "disabled" -> Reasoning.OFF;
      case "adaptive" -> new Reasoning(effort, null, true, visible == null ? Boolean.TRUE : visible);
      case "enabled" -> new Reasoning(effort, Nodes.integer(thinking, "budget_tokens"), false,
          visible == null ? Boolean.TRUE : visible);
      default -> effort == null ? null : new Reasoning(effort, null, false, null);
    };
  }

  private static Effort effort(String value) {
    if (value == null) {
      return null;
    }
    return switch (value) {
      case "low" -> Effort.LOW;
      case "medium" -> Effort.MEDIUM;
      case "high" -> Effort.HIGH;
      case "xhigh", "max" -> Effort.MAX;
      default -> null;
    };
  }

  private static String effortName(Effort effort) {
    return switch (effort) {
      case NONE, MINIMAL, LOW -> "low";
      case MEDIUM -> "medium";
      case HIGH -> "high";
      case MAX -> "max";
    };
  }

  /**
   * A budget for an effort on a model without adaptive thinking: a share of what the output cap
   * leaves, so that thinking never eats the whole answer.
   */
  private static int budgetFor(Effort effort, int maxTokens) {
    int room = maxTokens - 1;
    int wanted = switch (effort) {
      case NONE, MINIMAL -> MIN_BUDGET;
      case LOW -> Math.max(MIN_BUDGET, room / 8);
      case MEDIUM -> Math.max(MIN_BUDGET, room / 4);
      case HIGH -> Math.max(MIN_BUDGET, room / 2);
      case MAX -> room * 3 / 4;
    };
    return Math.min(wanted, room);
  }

  /** Whether {@code model} takes {@code thinking: adaptive} and {@code output_config.effort}: Claude 4.6 and later. */
  static boolean acceptsAdaptive(String model) {
    if (model == null) {
      return false;
    }
    if (model.contains("mythos") || model.contains("fable")) {
      return true;
    }
    Matcher m = VERSIONED.matcher(model);
    if (!m.find()) {
      return false;
    }
    int major = Integer.parseInt(m.group(1));
    int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    return major > 4 || (major == 4 && minor >= 6);
  }

  /** Writes the request's reasoning on {@code body}; returns whether thinking was turned on. */
  static boolean write(Reasoning r, String model, int maxTokens, ObjectNode body) {
    if (r == null || r.effort() == Effort.NONE) {
      return false;
    }
    boolean adaptive = acceptsAdaptive(model);
    if (adaptive) { // a budget alone too: some of these models refuse budget_tokens
      ObjectNode thinking = body.putObject("thinking").put("type", "adaptive");
      display(r, thinking);
      if (r.effort() != null) {
        effortInto(body, effortName(r.effort()));
      }
      return true;
    }
    Integer budget = r.budgetTokens() != null ? Integer.valueOf(Math.min(r.budgetTokens(), maxTokens - 1))
        : r.effort() != null ? Integer.valueOf(budgetFor(r.effort(), maxTokens))
        : r.adaptive() ? Integer.valueOf(budgetFor(Effort.MEDIUM, maxTokens)) : null;
    if (budget == null || budget < MIN_BUDGET) {
      return false;
    }
    ObjectNode thinking = body.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
    display(r, thinking);
    return true;
  }

  private static void display(Reasoning r, ObjectNode thinking) {
    if (Boolean.FALSE.equals(r.visible())) {
      thinking.put("display", "omitted");
    }
  }

  /** Sets {@code output_config.effort}, keeping any other {@code output_config} field already written. */
  private static void effortInto(ObjectNode body, String effort) {
    JsonNode existing = body.get("output_config");
    ObjectNode config = existing instanceof ObjectNode o ? o.deepCopy() : F.objectNode();
    config.put("effort", effort);
    body.set("output_config", config);
  }
}
