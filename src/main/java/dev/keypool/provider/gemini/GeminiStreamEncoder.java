package dev.keypool.provider.gemini;

import static dev.keypool.translate.Nodes.F;
import static dev.keypool.translate.Nodes.putIfNotNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.translate.Nodes;
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
 * Writes canonical stream events as a Gemini {@code streamGenerateContent?alt=sse} stream: each event
 * is {@code data: <GenerateContentResponse>} followed by a blank line, with {@code \r\n} line ends as
 * Gemini sends them, and there is no end marker. Without {@code alt=sse} Gemini streams the same
 * responses as one JSON array written piece by piece ({@code [} before the first, {@code ,\r\n}
 * between them, {@code ]} at the {@link #end}): {@link #jsonArray()} writes that form. Every text or thinking delta is one chunk holding one
 * part ({@code thought: true} for thinking). Gemini sends a function call whole, so a tool call's
 * argument fragments are buffered and written as one {@code functionCall} part when its block stops,
 * with the call's id, or the Gemini thought signature its id carries ({@link GeminiResponseWriter#callId}).
 * The last chunk has an empty text part, the {@code finishReason} and the {@code usageMetadata}.
 * Stateful, one per stream, not thread-safe.
 */
public final class GeminiStreamEncoder {
  private static final Buffer EMPTY = Buffer.buffer();

  private final boolean array;
  private boolean anyElement;
  private String id;
  private String model;
  private Usage usage = Usage.ZERO;
  private int toolIndex = -1;
  private String toolName;
  private String toolId;
  private final StringBuilder toolArguments = new StringBuilder();

  /** An encoder of the {@code alt=sse} form. */
  public GeminiStreamEncoder() {
    this(false);
  }

  private GeminiStreamEncoder(boolean array) {
    this.array = array;
  }

  /** An encoder of the JSON-array form Gemini streams without {@code alt=sse}. */
  public static GeminiStreamEncoder jsonArray() {
    return new GeminiStreamEncoder(true);
  }

  /** The content type of the stream this encoder writes. */
  public String contentType() {
    return array ? "application/json" : "text/event-stream";
  }

  /** What ends the stream: the array's closing bracket, nothing for SSE. */
  public Buffer end() {
    if (!array) {
      return EMPTY;
    }
    return Buffer.buffer(anyElement ? "]" : "[]");
  }

  /** The bytes for one event; empty when nothing is to be written yet. */
  public Buffer encode(StreamEvent event) {
    return switch (event) {
      case MessageStart s -> {
        id = s.id();
        model = s.model();
        yield EMPTY;
      }
      case TextDelta t -> chunk(F.objectNode().put("text", t.text()), null);
      case ThinkingDelta t -> chunk(F.objectNode().put("text", t.text()).put("thought", true), null);
      case ToolCallStart s -> {
        Buffer out = flushToolCall();
        toolIndex = s.index();
        toolName = s.name();
        toolId = s.id();
        yield out;
      }
      case ToolCallArgumentsDelta a -> {
        if (a.index() == toolIndex) {
          toolArguments.append(a.fragment());
        }
        yield EMPTY;
      }
      case ContentBlockStop s -> s.index() == toolIndex ? flushToolCall() : EMPTY;
      case UsageUpdate u -> {
        usage = u.usage();
        yield EMPTY;
      }
      case MessageStop s -> flushToolCall().appendBuffer(chunk(F.objectNode().put("text", ""),
          GeminiFinishReasons.write(s.stopReason())));
      case Failure f -> {
        GeminiErrors errors = new GeminiErrors();
        yield frame(errors.body(errors.render(f.category(), f.message())).toString());
      }
      case ThinkingSignature ignored -> EMPTY;
    };
  }

  private Buffer flushToolCall() {
    if (toolIndex < 0) {
      return Buffer.buffer();
    }
    ObjectNode part = F.objectNode();
    part.putObject("functionCall").put("name", toolName).set("args", Nodes.parseOrEmpty(toolArguments.toString()));
    GeminiResponseWriter.callId(part, toolId);
    putIfNotNull(part, "thoughtSignature", GeminiSignatures.signature(toolId));
    toolIndex = -1;
    toolName = null;
    toolId = null;
    toolArguments.setLength(0);
    return chunk(part, null);
  }

  private Buffer chunk(ObjectNode part, String finishReason) {
    ObjectNode root = F.objectNode();
    ObjectNode candidate = root.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    content.putArray("parts").add(part);
    content.put("role", "model");
    if (finishReason != null) {
      candidate.put("finishReason", finishReason);
      root.set("usageMetadata", GeminiUsage.write(usage));
    }
    putIfNotNull(root, "modelVersion", model);
    putIfNotNull(root, "responseId", id);
    return frame(root.toString());
  }

  private Buffer frame(String json) {
    if (!array) {
      return Buffer.buffer("data: " + json + "\r\n\r\n");
    }
    String separator = anyElement ? ",\r\n" : "[";
    anyElement = true;
    return Buffer.buffer(separator + json);
  }
}
