package dev.keypool.provider.openai;

import static dev.keypool.translate.Nodes.F;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.translate.StreamEvent;
import dev.keypool.translate.StreamEvent.ContentBlockStop;
import dev.keypool.translate.StreamEvent.Failure;
import dev.keypool.translate.StreamEvent.MessageStart;
import dev.keypool.translate.StreamEvent.MessageStop;
import dev.keypool.translate.StreamEvent.TextDelta;
import dev.keypool.translate.StreamEvent.ThinkingDelta;
import dev.keypool.translate.StreamEvent.ThinkingSignature;
import dev.keypool.translate.StreamEvent.ToolCallArgumentsDelta;
import dev.keypool.translate.StreamEvent.ToolCallStart;
import dev.keypool.translate.StreamEvent.UsageUpdate;
import dev.keypool.translate.Usage;
import io.vertx.core.buffer.Buffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes canonical stream events as an OpenAI {@code chat.completion.chunk} SSE stream: a role chunk at
 * the start, one chunk per delta (reasoning as {@code reasoning_content}), tool calls numbered from 0
 * in {@code tool_calls[].index}, a finish chunk, a usage chunk with empty {@code choices} when the client
 * asked for {@code include_usage} (every chunk then carries {@code "usage":null}, as OpenAI sends them),
 * and {@code data: [DONE]}. Stateful, one per stream, not thread-safe.
 */
public final class OpenAiStreamEncoder {
  private static final Buffer EMPTY = Buffer.buffer();

  private final boolean includeUsage;
  private final long created;
  private final Map<Integer, Integer> toolIndexes = new HashMap<>();
  private String id;
  private String model;
  private Usage usage = Usage.ZERO;

  /** {@code created} is the epoch second every chunk carries. */
  public OpenAiStreamEncoder(boolean includeUsage, long created) {
    this.includeUsage = includeUsage;
    this.created = created;
  }

  /** The SSE bytes for one event; empty when the event has no counterpart in OpenAI's stream. */
  public Buffer encode(StreamEvent event) {
    return switch (event) {
      case MessageStart s -> {
        id = s.id();
        model = s.model();
        ObjectNode delta = F.objectNode().put("role", "assistant").put("content", "");
        delta.putNull("refusal");
        yield chunk(delta, null);
      }
      case TextDelta t -> chunk(F.objectNode().put("content", t.text()), null);
      case ThinkingDelta t -> chunk(F.objectNode().put("reasoning_content", t.text()), null);
      case ToolCallStart s -> {
        int index = toolIndexes.size();
        toolIndexes.put(s.index(), index);
        ObjectNode delta = F.objectNode();
        ObjectNode call = delta.putArray("tool_calls").addObject().put("index", index).put("id", s.id())
            .put("type", "function");
        call.putObject("function").put("name", s.name()).put("arguments", "");
        yield chunk(delta, null);
      }
      case ToolCallArgumentsDelta a -> {
        ObjectNode delta = F.objectNode();
        delta.putArray("tool_calls").addObject().put("index", toolIndexes.getOrDefault(a.index(), 0))
            .putObject("function").put("arguments", a.fragment());
        yield chunk(delta, null);
      }
      case UsageUpdate u -> {
        usage = u.usage();
        yield EMPTY;
      }
      case MessageStop s -> stop(OpenAiFinishReasons.write(s.stopReason()));
      case Failure f -> {
        var error = new OpenAiErrors().render(f.category(), f.message());
        yield Buffer.buffer("data: ").appendBuffer(new OpenAiErrors().body(error)).appendString("\n\n");
      }
      case ThinkingSignature ignored -> EMPTY;
      case ContentBlockStop ignored -> EMPTY;
    };
  }

  private Buffer stop(String finishReason) {
    Buffer out = chunk(F.objectNode(), finishReason);
    if (includeUsage) {
      ObjectNode last = envelope();
      last.putArray("choices");
      last.set("usage", OpenAiUsage.write(usage));
      out.appendString("data: " + last + "\n\n");
    }
    return out.appendString("data: [DONE]\n\n");
  }

  private Buffer chunk(ObjectNode delta, String finishReason) {
    ObjectNode root = envelope();
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
    if (includeUsage) {
      root.putNull("usage");
    }
    return Buffer.buffer("data: " + root + "\n\n");
  }

  private ObjectNode envelope() {
    ObjectNode root = F.objectNode().put("id", id).put("object", "chat.completion.chunk").put("created", created)
        .put("model", model);
    root.putNull("system_fingerprint");
    return root;
  }
}
