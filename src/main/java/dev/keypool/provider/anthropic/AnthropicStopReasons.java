package dev.keypool.provider.anthropic;

import dev.keypool.translate.StopReason;

/**
 * Anthropic's {@code stop_reason} values to canonical stop reasons and back. Lossy on the way in:
 * {@code pause_turn} (a server-tool loop paused; the turn is over for now) reads as END_TURN,
 * {@code model_context_window_exceeded} as MAX_TOKENS (the answer is truncated either way), and
 * {@code refusal} as CONTENT_FILTER. Anthropic has no error stop reason; ERROR writes as
 * {@code end_turn} (an upstream error mid-stream travels as a {@code Failure} event instead).
 */
public final class AnthropicStopReasons {

  private AnthropicStopReasons() {}

  /** The canonical reason; null for null (not stopped yet). */
  public static StopReason read(String stopReason) {
    if (stopReason == null) {
      return null;
    }
    return switch (stopReason) {
      case "max_tokens", "model_context_window_exceeded" -> StopReason.MAX_TOKENS;
      case "stop_sequence" -> StopReason.STOP_SEQUENCE;
      case "tool_use" -> StopReason.TOOL_USE;
      case "refusal" -> StopReason.CONTENT_FILTER;
      default -> StopReason.END_TURN;
    };
  }

  public static String write(StopReason reason) {
    if (reason == null) {
      return null;
    }
    return switch (reason) {
      case END_TURN, ERROR -> "end_turn";
      case MAX_TOKENS -> "max_tokens";
      case STOP_SEQUENCE -> "stop_sequence";
      case TOOL_USE -> "tool_use";
      case CONTENT_FILTER -> "refusal";
    };
  }
}
