package dev.keypool.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.translate.Nodes;
import dev.keypool.translate.OpenBlock;
import dev.keypool.translate.StopReason;
import dev.keypool.translate.StreamEvent;
import dev.keypool.translate.StreamEvent.Failure;
import dev.keypool.translate.StreamEvent.MessageStart;
import dev.keypool.translate.StreamEvent.MessageStop;
import dev.keypool.translate.StreamEvent.TextDelta;
import dev.keypool.translate.StreamEvent.ThinkingDelta;
import dev.keypool.translate.StreamEvent.ToolCallArgumentsDelta;
import dev.keypool.translate.StreamEvent.ToolCallStart;
import dev.keypool.translate.StreamEvent.UsageUpdate;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the {@code data:} payloads of one Gemini {@code streamGenerateContent?alt=sse} stream into
 * canonical stream events. Each payload is a whole {@code GenerateContentResponse} holding the new
 * parts only. Stateful, one per stream, not thread-safe.
 *
 * <p>Gemini parts have no blocks, so this makes them: a run of {@code thought} text and a run of text
 * each become a block, and every {@code functionCall}, which Gemini sends whole in one part, becomes a
 * block of its own with its start, all its arguments as one fragment and its stop. Each chunk's
 * {@code usageMetadata} (cumulative; the last chunk carries the final counts) is reported before its
 * parts, so that an encoder holding its start event back can show the prompt count. The chunk with a
 * {@code finishReason} closes the open block and stops the stream: Gemini has no end marker, so
 * {@link #finish} only matters for a body cut short. A {@code STOP} after function calls reads as
 * TOOL_USE; an {@code error} payload becomes a {@link Failure}.
 */
public final class GeminiStreamDecoder {
  private enum Block { THINKING, TEXT, TOOL }

  private final GeminiCallIds ids = new GeminiCallIds();
  private boolean started;
  private boolean stopped;
  private boolean calledTools;
  private final OpenBlock blocks = new OpenBlock();

  /** The events for one {@code data:} payload. */
  public List<StreamEvent> decode(String data) {
    return decode(Nodes.parse(data));
  }

  public List<StreamEvent> decode(JsonNode chunk) {
    List<StreamEvent> out = new ArrayList<>();
    if (stopped) {
      return out;
    }
    if (chunk.path("error").isObject()) {
      JsonNode err = chunk.get("error");
      out.add(new Failure(new GeminiErrors().classify(err.path("code").asInt(0), Nodes.text(err, "status"), null),
          Nodes.text(err, "message")));
      stopped = true;
      return out;
    }
    if (!started) {
      started = true;
      out.add(new MessageStart(GeminiFields.text(chunk, "responseId"), GeminiFields.text(chunk, "modelVersion")));
    }
    JsonNode usage = GeminiFields.get(chunk, "usageMetadata");
    if (GeminiUsage.hasCounts(usage)) {
      out.add(new UsageUpdate(GeminiUsage.read(usage)));
    }
    JsonNode candidate = chunk.path("candidates").path(0);
    for (JsonNode part : candidate.path("content").path("parts")) {
      part(part, out);
    }
    StopReason stop = GeminiFinishReasons.read(GeminiFields.text(candidate, "finishReason"), calledTools);
    if (stop == null && GeminiFields.text(GeminiFields.get(chunk, "promptFeedback"), "blockReason") != null) {
      stop = StopReason.CONTENT_FILTER;
    }
    if (stop != null) {
      blocks.close(out);
      stopped = true;
      out.add(new MessageStop(stop, null));
    }
    return out;
  }

  /**
   * Ends the stream when the body ended: closes the open block of a stream cut short (no stop event:
   * the stream did not finish). Nothing after a finish reason or an error.
   */
  public List<StreamEvent> finish() {
    List<StreamEvent> out = new ArrayList<>();
    if (!stopped) {
      blocks.close(out);
    }
    return out;
  }

  private void part(JsonNode part, List<StreamEvent> out) {
    JsonNode call = GeminiFields.get(part, "functionCall");
    if (call != null) {
      calledTools = true;
      int index = blocks.openNew(Block.TOOL, out);
      String name = Nodes.text(call, "name");
      String signature = GeminiFields.text(part, "thoughtSignature");
      out.add(new ToolCallStart(index, ids.call(Nodes.text(call, "id"), name, signature), name));
      JsonNode args = call.get("args");
      out.add(new ToolCallArgumentsDelta(index, args == null || args.isNull() ? "{}" : args.toString()));
      blocks.close(out);
      return;
    }
    String text = GeminiFields.text(part, "text");
    if (text == null || text.isEmpty()) {
      return;
    }
    if (part.path("thought").asBoolean(false)) {
      out.add(new ThinkingDelta(blocks.enter(Block.THINKING, out), text));
    } else {
      out.add(new TextDelta(blocks.enter(Block.TEXT, out), text));
    }
  }

}
