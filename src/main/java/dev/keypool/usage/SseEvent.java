package dev.keypool.usage;

import io.vertx.core.buffer.Buffer;

/**
 * One server-sent event block as it came from the upstream: its exact bytes up to and including the
 * blank line that ends it, plus the parsed {@code event:} name and {@code data:} text.
 *
 * <p>{@code raw} is what a relay forwards, unchanged. A block without data lines (a {@code : ping}
 * comment, a stray blank line) is still an event here, with {@code data} null, so that forwarding
 * every event forwards every byte. Several {@code data:} lines are joined with {@code \n}, as the SSE
 * specification says; {@code id:} and {@code retry:} are kept in {@code raw} only.
 *
 * @param raw the block's bytes; may share memory with the chunk it came from, so never modify it
 * @param event the {@code event:} field, or null when absent (OpenAI streams)
 * @param data the {@code data:} text, or null when the block has none
 */
public record SseEvent(Buffer raw, String event, String data) {

  /** Whether the block carries data, i.e. is more than a comment or keep-alive. */
  public boolean hasData() {
    return data != null;
  }
}
