package dev.keypool.translate;

/**
 * One event of a canonical response stream. Decoders turn a format's SSE events into these; encoders
 * turn these into another format's SSE bytes. Content is organised in blocks with increasing indexes in order
 * of appearance: deltas for a new {@code index} open its block, {@link ContentBlockStop} closes it,
 * and blocks never interleave. A stream is {@link MessageStart}, blocks, any {@link UsageUpdate}s,
 * then {@link MessageStop} (or a {@link Failure}).
 */
public sealed interface StreamEvent {

  /** The message begins; {@code id} and {@code model} as the upstream named them. */
  record MessageStart(String id, String model) implements StreamEvent {}

  /** A fragment of answer text in block {@code index}. */
  record TextDelta(int index, String text) implements StreamEvent {}

  /** A fragment of visible reasoning in block {@code index}. */
  record ThinkingDelta(int index, String text) implements StreamEvent {}

  /** The signature of the thinking block {@code index} (Anthropic), sent once it is complete. */
  record ThinkingSignature(int index, String signature) implements StreamEvent {}

  /** A tool call begins in block {@code index}. */
  record ToolCallStart(int index, String id, String name) implements StreamEvent {}

  /** A fragment of the arguments JSON of the tool call in block {@code index}; concatenated in order. */
  record ToolCallArgumentsDelta(int index, String fragment) implements StreamEvent {}

  /** Block {@code index} is complete. */
  record ContentBlockStop(int index) implements StreamEvent {}

  /** Usage so far, cumulative: each update replaces the previous one. */
  record UsageUpdate(Usage usage) implements StreamEvent {}

  /** The message ended normally. */
  record MessageStop(StopReason stopReason, String stopSequence) implements StreamEvent {}

  /** The upstream reported an error after the stream started. */
  record Failure(ErrorCategory category, String message) implements StreamEvent {}
}
