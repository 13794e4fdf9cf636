package dev.keypool.provider.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.translate.StreamEvent;
import dev.keypool.translate.Usage;
import io.vertx.core.buffer.Buffer;

/**
 * Writes canonical stream events as a legacy completions SSE stream: one {@code text_completion} chunk
 * per text delta, a finish chunk, a usage chunk with empty {@code choices} when the client asked for
 * {@code include_usage} (every chunk then carries {@code "usage":null}, as for chat), and
 * {@code data: [DONE]}. Reasoning and tool calls have no place in a completion and are left out.
 * Stateful, one per stream.
 */
public final class OpenAiCompletionsStreamEncoder {
  private static final Buffer EMPTY = Buffer.buffer();

  private final boolean includeUsage;
  private final long created;
  private String id;
  private String model;
  private Usage usage = Usage.ZERO;

  public OpenAiCompletionsStreamEncoder(boolean includeUsage, long created) {
    this.includeUsage = includeUsage;
    this.created = created;
  }

  public Buffer encode(StreamEvent event) {
    return switch (event) {
      case StreamEvent.MessageStart s -> {
        id = s.id();
        model = s.model();
        yield EMPTY; // completions streams have no role chunk
      }
      case StreamEvent.TextDelta t -> chunk(t.text(), null);
      case StreamEvent.UsageUpdate u -> {
        usage = u.usage();
        yield EMPTY;
      }
      case StreamEvent.MessageStop s -> {
        Buffer out = chunk("", OpenAiFinishReasons.write(s.stopReason()));
        if (includeUsage) {
          ObjectNode last = OpenAiCompletions.envelope(id, model, created);
          last.putArray("choices");
          last.set("usage", OpenAiUsage.write(usage));
          out.appendString("data: " + last + "\n\n");
        }
        yield out.appendString("data: [DONE]\n\n");
      }
      case StreamEvent.Failure f -> {
        OpenAiErrors errors = new OpenAiErrors();
        yield Buffer.buffer("data: ").appendBuffer(errors.body(errors.render(f.category(), f.message())))
            .appendString("\n\n");
      }
      default -> EMPTY;
    };
  }

  private Buffer chunk(String text, String finishReason) {
    ObjectNode root = OpenAiCompletions.envelope(id, model, created);
    OpenAiCompletions.choice(root, text, finishReason);
    if (includeUsage) {
      root.putNull("usage");
    }
    return Buffer.buffer("data: " + root + "\n\n");
  }
}
