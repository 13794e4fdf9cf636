package dev.keypool.provider.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.translate.Nodes;
import dev.keypool.translate.Reasoning;
import dev.keypool.translate.Reasoning.Effort;
import dev.keypool.translate.UntranslatableRequest;

/**
 * A Responses {@code reasoning} object as the canonical {@link Reasoning}: {@code effort}
 * {@code none | minimal | low | medium | high | xhigh} (xhigh is the most a model does, canonical
 * {@code MAX}); a {@code summary} ({@code auto | concise | detailed}, or the older
 * {@code generate_summary}) asks to see the reasoning, {@code none} not to. Null when the request
 * says nothing about either.
 */
final class ResponsesReasoning {

  private ResponsesReasoning() {}

  static Reasoning read(JsonNode reasoning) {
    if (reasoning == null || !reasoning.isObject()) {
      return null;
    }
    String effort = Nodes.text(reasoning, "effort");
    String summary = Nodes.text(reasoning, "summary");
    if (summary == null) {
      summary = Nodes.text(reasoning, "generate_summary");
    }
    Boolean visible = summary == null ? null : !summary.equals("none");
    if (effort == null && visible == null) {
      return null;
    }
    return new Reasoning(effort == null ? null : effort(effort), null, false, visible);
  }

  private static Effort effort(String effort) {
    return switch (effort) {
      case "none" -> Effort.NONE;
      case "minimal" -> Effort.MINIMAL;
      case "low" -> Effort.LOW;
      case "medium" -> Effort.MEDIUM;
      case "high" -> Effort.HIGH;
      case "xhigh" -> Effort.MAX;
      default -> throw new UntranslatableRequest("'reasoning.effort' must be one of none, minimal, low, medium, "
          + "high, xhigh (was '" + effort + "')");
    };
  }
}
