package dev.keypool.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.translate.Nodes;
import dev.keypool.translate.StopReason;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the events of one Anthropic messages stream ({@code message_start},
 * {@code content_block_start/delta/stop}, {@code message_delta}, {@code message_stop}, {@code ping},
 * {@code error}) into canonical stream events, keeping Anthropic's block indexes. The event name is
 * read from the data's {@code type}. Blocks with no canonical stream counterpart
 * ({@code redacted_thinking}, server tool blocks) are skipped with their deltas and stop. Stateful,
 * one per stream, not thread-safe.
 */
public final class AnthropicStreamDecoder {
  private final Set<Integer> skipped = new HashSet<>();
  private Usage usage = Usage.ZERO;
  private StopReason stopReason;
  private String stopSequence;

  /** The events for one SSE {@code data:} payload. */
  public List<StreamEvent> decode(String data) {
    return decode(Nodes.parse(data));
  }

  public List<StreamEvent> decode(JsonNode event) {
    List<StreamEvent> out = new ArrayList<>();
    int index = event.path("index").asInt(-1);
    switch (String.valueOf(Nodes.text(event, "type"))) {
      case "message_start" -> {
        JsonNode message = event.path("message");
        out.add(new MessageStart(Nodes.text(message, "id"), Nodes.text(message, "model")));
        usage = AnthropicUsage.read(message.get("usage"));
        out.add(new UsageUpdate(usage));
      }
      case "content_block_start" -> blockStart(index, event.path("content_block"), out);
      case "content_block_delta" -> {
        if (!skipped.contains(index)) {
          delta(index, event.path("delta"), out);
        }
      }
      case "content_block_stop" -> {
        if (!skipped.contains(index)) {
          out.add(new ContentBlockStop(index));
        }
      }
      case "message_delta" -> {
        JsonNode delta = event.path("delta");
        stopReason = AnthropicStopReasons.read(Nodes.text(delta, "stop_reason"));
        stopSequence = Nodes.text(delta, "stop_sequence");
        usage = AnthropicUsage.merge(usage, event.get("usage"));
        out.add(new UsageUpdate(usage));
      }
      case "message_stop" -> out.add(new MessageStop(stopReason == null ? StopReason.END_TURN : stopReason,
          stopSequence));
      case "error" -> {
        JsonNode err = event.path("error");
        out.add(new Failure(new AnthropicErrors().classify(0, Nodes.text(err, "type"), null),
            Nodes.text(err, "message")));
      }
      default -> { }
    }
    return out;
  }

  private void blockStart(int index, JsonNode block, List<StreamEvent> out) {
    switch (String.valueOf(Nodes.text(block, "type"))) {
      case "text" -> {
        String text = Nodes.text(block, "text");
        if (text != null && !text.isEmpty()) {
          out.add(new TextDelta(index, text));
        }
      }
      case "thinking" -> {
        String thinking = Nodes.text(block, "thinking");
        if (thinking != null && !thinking.isEmpty()) {
          out.add(new ThinkingDelta(index, thinking));
        }
      }
      case "tool_use" -> out.add(new ToolCallStart(index, Nodes.text(block, "id"), Nodes.text(block, "name")));
      default -> skipped.add(index);
    }
  }

  private static void delta(int index, JsonNode delta, List<StreamEvent> out) {
    switch (String.valueOf(Nodes.text(delta, "type"))) {
      case "text_delta" -> out.add(new TextDelta(index, Nodes.text(delta, "text")));
      case "thinking_delta" -> out.add(new ThinkingDelta(index, Nodes.text(delta, "thinking")));
      case "signature_delta" -> out.add(new ThinkingSignature(index, Nodes.text(delta, "signature")));
      case "input_json_delta" -> {
        String fragment = Nodes.text(delta, "partial_json");
        if (fragment != null && !fragment.isEmpty()) {
          out.add(new ToolCallArgumentsDelta(index, fragment));
        }
      }
      default -> { }
    }
  }
}
