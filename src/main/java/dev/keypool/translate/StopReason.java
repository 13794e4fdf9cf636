package dev.keypool.translate;

/**
 * Why the model stopped, in the canonical model. Each format maps its own values to these and back
 * (tables in {@code OpenAiFinishReasons} and {@code AnthropicStopReasons}).
 */
public enum StopReason {
  /** The model finished its turn naturally. */
  END_TURN,
  /** The output hit the token cap (or the context window): the answer is truncated. */
  MAX_TOKENS,
  /** One of the request's stop sequences was generated. */
  STOP_SEQUENCE,
  /** The model called one or more tools and waits for their results. */
  TOOL_USE,
  /** The upstream withheld or cut the content (OpenAI content filter, Anthropic refusal). */
  CONTENT_FILTER,
  /** The upstream reported an error as a finish reason (some OpenAI-compatible hosts do). */
  ERROR
}
