package dev.keypool.provider.anthropic;

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

/**
 * Writes canonical stream events as Anthropic's named SSE events: {@code message_start},
 * {@code content_block_start}/{@code _delta}/{@code _stop} per block (numbered from 0 here, whatever
 * the canonical indexes), {@code message_delta} with the stop reason and cumulative usage, and
 * {@code message_stop}. Stateful, one per stream, not thread-safe.
 *
 * <p>{@code message_start} is held back until the first content or stop event so that it can carry
 * the input usage of an upstream that reports it at the start. An OpenAI upstream reports usage only
 * at the end; its input counts then appear in the final {@code message_delta}'s usage, which Anthropic's
 * SDKs fold into the message.
 */
public final class AnthropicStreamEncoder {
  private static final Buffer EMPTY = Buffer.buffer();
  private enum Block { TEXT, THINKING, TOOL }

  private MessageStart pendingStart;
  private Usage usage = Usage.ZERO;
  private int sourceIndex = -1;
  private int openIndex = -1;
  private int nextIndex;

  /** The SSE bytes for one event; empty when nothing is to be written yet. */
  public Buffer encode(StreamEvent event) {
    if (event instanceof MessageStart s) {
      pendingStart = s;
      return EMPTY;
    }
    if (event instanceof UsageUpdate u) {
      usage = u.usage();
      return EMPTY;
    }
    Buffer out = Buffer.buffer();
    if (pendingStart != null) {
      out.appendBuffer(messageStart());
    }
    switch (event) {
      case TextDelta t -> delta(out, t.index(), Block.TEXT, F.objectNode().put("type", "text_delta").put("text", t.text()));
      case ThinkingDelta t -> delta(out, t.index(), Block.THINKING,
          F.objectNode().put("type", "thinking_delta").put("thinking", t.text()));
      case ThinkingSignature s -> delta(out, s.index(), Block.THINKING,
          F.objectNode().put("type", "signature_delta").put("signature", s.signature()));
      case ToolCallStart s -> {
        close(out);
        ObjectNode block = F.objectNode().put("type", "tool_use").put("id", s.id()).put("name", s.name());
        block.putObject("input");
        open(out, s.index(), block);
      }
      case ToolCallArgumentsDelta a -> delta(out, a.index(), Block.TOOL,
          F.objectNode().put("type", "input_json_delta").put("partial_json", a.fragment()));
      case ContentBlockStop s -> {
        if (s.index() == sourceIndex) {
          close(out);
        }
      }
      case MessageStop s -> {
        close(out);
        ObjectNode e = F.objectNode().put("type", "message_delta");
        e.putObject("delta").put("stop_reason", AnthropicStopReasons.write(s.stopReason()))
            .put("stop_sequence", s.stopSequence());
        e.set("usage", AnthropicUsage.write(usage));
        event(out, e);
        event(out, F.objectNode().put("type", "message_stop"));
      }
      case Failure f -> {
        ObjectNode e = F.objectNode().put("type", "error");
        var error = new AnthropicErrors().render(f.category(), f.message());
        e.putObject("error").put("type", error.type()).put("message", error.message());
        event(out, e);
      }
      case MessageStart ignored -> { }
      case UsageUpdate ignored -> { }
    }
    return out;
  }

  private Buffer messageStart() {
    ObjectNode message = F.objectNode().put("id", pendingStart.id()).put("type", "message")
        .put("role", "assistant").put("model", pendingStart.model());
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    message.set("usage", AnthropicUsage.write(usage));
    ObjectNode e = F.objectNode().put("type", "message_start");
    e.set("message", message);
    pendingStart = null;
    Buffer out = Buffer.buffer();
    event(out, e);
    return out;
  }

  /** A delta for block {@code index}, opening it (as {@code kind}) first if it is not the open one. */
  private void delta(Buffer out, int index, Block kind, ObjectNode delta) {
    if (index != sourceIndex || openIndex < 0) {
      close(out);
      ObjectNode block = kind == Block.THINKING ? F.objectNode().put("type", "thinking").put("thinking", "")
          : F.objectNode().put("type", "text").put("text", "");
      open(out, index, block);
    }
    ObjectNode e = F.objectNode().put("type", "content_block_delta").put("index", openIndex);
    e.set("delta", delta);
    event(out, e);
  }

  private void open(Buffer out, int index, ObjectNode block) {
    sourceIndex = index;
    openIndex = nextIndex++;
    ObjectNode e = F.objectNode().put("type", "content_block_start").put("index", openIndex);
    e.set("content_block", block);
    event(out, e);
  }

  private void close(Buffer out) {
    if (openIndex >= 0) {
      event(out, F.objectNode().put("type", "content_block_stop").put("index", openIndex));
      openIndex = -1;
    }
  }

  private static void event(Buffer out, ObjectNode data) {
    out.appendString("event: " + data.get("type").asText() + "\ndata: " + data + "\n\n");
  }
}
