package dev.keypool.conformance;

import dev.keypool.translate.Usage;
import java.util.List;

/**
 * What the client received, read back from its wire format into format-independent values (a stream
 * reassembled). Usage is in the canonical meaning, so a count the gateway wrote with the wrong
 * convention (say cached tokens left out of OpenAI's {@code prompt_tokens}) shows as a wrong total.
 *
 * @param stop the finish or stop reason as the client's format spells it
 * @param usage null when the answer carried none
 */
record Answer(String text, String thinking, List<ToolCall> calls, String stop, Usage usage) {
  record ToolCall(String name, String argsJson) {}

  /** An answer whose thinking is null when none came. */
  static Answer of(CharSequence text, CharSequence thinking, List<ToolCall> calls, String stop, Usage usage) {
    return new Answer(text.toString(), thinking.isEmpty() ? null : thinking.toString(), calls, stop, usage);
  }
}
