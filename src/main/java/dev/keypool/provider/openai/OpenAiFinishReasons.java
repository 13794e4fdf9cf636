package dev.keypool.provider.openai;

import dev.keypool.translate.StopReason;

/**
 * OpenAI's {@code finish_reason} values to canonical stop reasons and back. OpenAI has no separate
 * value for a stop sequence ({@code stop} covers both) and none for an error; {@code error} is what
 * OpenAI-compatible hosts such as OpenRouter send, and SDKs take it as an unknown value.
 */
public final class OpenAiFinishReasons {

  private OpenAiFinishReasons() {}

  /** The canonical reason for a finish_reason; null for null (the stream is not finished). */
  public static StopReason read(String finishReason) {
    if (finishReason == null) {
      return null;
    }
    return switch (finishReason) {
      case "length" -> StopReason.MAX_TOKENS;
      case "tool_calls", "function_call" -> StopReason.TOOL_USE;
      case "content_filter" -> StopReason.CONTENT_FILTER;
      case "error", "insufficient_system_resource" -> StopReason.ERROR;
      default -> StopReason.END_TURN;
    };
  }

  public static String write(StopReason reason) {
    if (reason == null) {
      return null;
    }
    return switch (reason) {
      case END_TURN, STOP_SEQUENCE -> "stop";
      case MAX_TOKENS -> "length";
      case TOOL_USE -> "tool_calls";
      case CONTENT_FILTER -> "content_filter";
      case ERROR -> "error";
    };
  }
}
