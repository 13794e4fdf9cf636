package dev.keypool.provider.openai;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the {@code data:} payloads of one OpenAI {@code chat.completion.chunk} stream into canonical
 * stream events. Stateful, one per stream, not thread-safe.
 *
 * <p>OpenAI deltas have no blocks, so this one makes them: a run of reasoning, a run of text and each
 * tool call (keyed by its {@code tool_calls[].index}; the first delta of a call carries its id and
 * name, later ones only argument fragments) each become a block, closed when the next one begins or
 * at {@code finish_reason}. The stop event waits for {@code [DONE]} (or {@link #finish}) because the
 * usage chunk of {@code stream_options.include_usage} comes after the finish chunk.
 */
public final class OpenAiStreamDecoder {
  private enum Block { THINKING, TEXT, TOOL }

  private final Map<Integer, Integer> toolBlocks = new HashMap<>();
  private boolean started;
  private boolean stopped;
  private final OpenBlock blocks = new OpenBlock();
  private StopReason stopReason;

  /** The events for one {@code data:} payload: a chunk's JSON, or {@code [DONE]}. */
  public List<StreamEvent> decode(String data) {
    if ("[DONE]".equals(data.strip())) {
      return finish();
    }
    return decode(Nodes.parse(data));
  }

  public List<StreamEvent> decode(JsonNode chunk) {
    List<StreamEvent> out = new ArrayList<>();
    if (chunk.path("error").isObject()) {
      JsonNode err = chunk.get("error");
      out.add(new Failure(new OpenAiErrors().classify(0, Nodes.text(err, "type"), Nodes.text(err, "code")),
          Nodes.text(err, "message")));
      return out;
    }
    if (!started) {
      started = true;
      out.add(new MessageStart(Nodes.text(chunk, "id"), Nodes.text(chunk, "model")));
    }
    JsonNode choice = chunk.path("choices").path(0);
    JsonNode delta = choice.path("delta");
    String reasoning = OpenAiResponseReader.reasoning(delta);
    if (reasoning != null && !reasoning.isEmpty()) {
      out.add(new ThinkingDelta(blocks.enter(Block.THINKING, out), reasoning));
    }
    String content = Nodes.text(delta, "content");
    if (content != null && !content.isEmpty()) {
      out.add(new TextDelta(blocks.enter(Block.TEXT, out), content));
    }
    for (JsonNode call : delta.path("tool_calls")) {
      toolCall(call, out);
    }
    String finish = Nodes.text(choice, "finish_reason");
    if (finish != null) {
      blocks.close(out);
      stopReason = OpenAiFinishReasons.read(finish);
    }
    if (chunk.path("usage").isObject()) {
      out.add(new UsageUpdate(OpenAiUsage.read(chunk.get("usage"))));
    }
    return out;
  }

  /** Ends the stream: at {@code [DONE]}, or when the body ends without it. */
  public List<StreamEvent> finish() {
    List<StreamEvent> out = new ArrayList<>();
    blocks.close(out);
    if (started && !stopped && stopReason != null) {
      stopped = true;
      out.add(new MessageStop(stopReason, null));
    }
    return out;
  }

  private void toolCall(JsonNode call, List<StreamEvent> out) {
    int toolIndex = call.path("index").asInt(0);
    JsonNode fn = call.path("function");
    Integer block = toolBlocks.get(toolIndex);
    if (block == null) {
      block = blocks.openNew(Block.TOOL, out);
      toolBlocks.put(toolIndex, block);
      out.add(new ToolCallStart(block, Nodes.text(call, "id"), Nodes.text(fn, "name")));
    }
    String args = Nodes.text(fn, "arguments");
    if (args != null && !args.isEmpty()) {
      out.add(new ToolCallArgumentsDelta(block, args));
    }
  }

}
