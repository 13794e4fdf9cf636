package dev.keypool.provider.openai.responses;

import static dev.keypool.translate.Nodes.F;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.translate.Nodes;

/**
 * A freeform ({@code custom}) tool's input as the arguments of the function that stands for it
 * upstream, {@code {"input": "..."}}, and back.
 */
final class CustomInput {

  private CustomInput() {}

  static String asArguments(String input) {
    return F.objectNode().put("input", input == null ? "" : input).toString();
  }

  /** The {@code input} of the arguments; the arguments themselves when the model wrote something else. */
  static String fromArguments(String arguments) {
    if (arguments == null || arguments.isBlank()) {
      return "";
    }
    try {
      JsonNode parsed = Nodes.parse(arguments);
      JsonNode input = parsed.get("input");
      return input != null && input.isTextual() ? input.asText() : arguments;
    } catch (RuntimeException e) {
      return arguments;
    }
  }
}
