package dev.keypool.provider.gemini;

import dev.keypool.translate.StopReason;

/**
 * Gemini's {@code finishReason} values to canonical stop reasons and back. Gemini says {@code STOP} for
 * a natural end, a stop sequence and function calls alike, so a {@code STOP} whose candidate holds a
 * {@code functionCall} reads as TOOL_USE. Every block for content reasons ({@code SAFETY},
 * {@code RECITATION}, {@code LANGUAGE}, {@code BLOCKLIST}, {@code PROHIBITED_CONTENT}, {@code SPII} and
 * their {@code IMAGE_*} forms) reads as CONTENT_FILTER; a broken tool call
 * ({@code MALFORMED_FUNCTION_CALL}, {@code UNEXPECTED_TOOL_CALL}, {@code TOO_MANY_TOOL_CALLS}) and
 * {@code OTHER} read as ERROR, since the turn did not end by the model's choice. Values added later
 * read as END_TURN. Writing, STOP_SEQUENCE and TOOL_USE become {@code STOP}, CONTENT_FILTER
 * {@code SAFETY} and ERROR {@code OTHER}.
 */
public final class GeminiFinishReasons {

  private GeminiFinishReasons() {}

  /** The canonical reason; null for null (not finished yet). */
  public static StopReason read(String finishReason, boolean calledTools) {
    if (finishReason == null) {
      return null;
    }
    return switch (finishReason) {
      case "STOP" -> calledTools ? StopReason.TOOL_USE : StopReason.END_TURN;
      case "MAX_TOKENS" -> StopReason.MAX_TOKENS;
      case "SAFETY", "RECITATION", "LANGUAGE", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
          "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION" -> StopReason.CONTENT_FILTER;
      case "MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL", "TOO_MANY_TOOL_CALLS", "OTHER" -> StopReason.ERROR;
      default -> StopReason.END_TURN;
    };
  }

  public static String write(StopReason reason) {
    if (reason == null) {
      return null;
    }
    return switch (reason) {
      case END_TURN, STOP_SEQUENCE, TOOL_USE -> "STOP";
      case MAX_TOKENS -> "MAX_TOKENS";
      case CONTENT_FILTER -> "SAFETY";
      case ERROR -> "OTHER";
    };
  }
}
