package dev.keypool.usage;

import java.util.List;

/**
 * A meter of one streamed response: fed the stream's {@link SseEvent}s in order, it keeps the usage
 * the upstream reports and counts the text served so far, for an estimate when the upstream reports
 * none. The served text is counted as it passes ({@link TextTally}), never kept whole, so a meter's
 * memory is bounded however long the stream. Pure: no I/O, no clock; one meter per stream, used from
 * one thread.
 */
public interface StreamMeter {

  /** Takes the next event of the stream; events without data and unparsable data are ignored. */
  void accept(SseEvent event);

  /** Takes several events, in order. */
  default void acceptAll(List<SseEvent> events) {
    for (SseEvent e : events) {
      accept(e);
    }
  }

  /** The usage the upstream reported so far, or null when it reported none. */
  Usage usage();

  /** Whether the stream reached its regular end ({@code [DONE]}, {@code message_stop}). */
  boolean complete();

  /**
   * The estimated tokens of the generated text served so far: content deltas, tool-call argument
   * fragments and thinking or reasoning deltas, concatenated. It is the output of an estimate when
   * {@link #usage()} is null or cut short. Bounded work: at most one unfinished block is tokenized.
   */
  long servedTokens();

  /** The chars of the text served so far. */
  long servedChars();
}
