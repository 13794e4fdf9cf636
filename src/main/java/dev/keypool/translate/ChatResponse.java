package dev.keypool.translate;

import java.util.List;

/**
 * A complete (non-streamed) chat response in the canonical model: the assistant's content parts, why
 * it stopped and the usage the upstream reported.
 *
 * @param stopSequence the stop sequence that ended the output when {@code stopReason} is
 *     {@link StopReason#STOP_SEQUENCE} and the format says which; otherwise null
 * @param extras top-level fields without a canonical meaning (e.g. OpenAI {@code created})
 */
public record ChatResponse(
    String id,
    String model,
    List<ContentPart> content,
    StopReason stopReason,
    String stopSequence,
    Usage usage,
    Extras extras) {

  public ChatResponse {
    content = List.copyOf(content);
    usage = usage == null ? Usage.ZERO : usage;
    extras = extras == null ? Extras.NONE : extras;
  }
}
