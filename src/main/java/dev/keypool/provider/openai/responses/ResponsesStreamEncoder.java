package dev.keypool.provider.openai.responses;

import static dev.keypool.translate.Nodes.F;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.translate.ErrorCategory;
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
import io.vertx.core.buffer.Buffer;

/**
 * Writes canonical stream events as a Responses API stream: named SSE events ({@code event:} is the
 * payload's {@code type}), each with a {@code sequence_number} counting from 0. The message start
 * becomes {@code response.created} and {@code response.in_progress}; each canonical block becomes one
 * output item, opened with {@code response.output_item.added} and closed with
 * {@code response.output_item.done}: text as a {@code message} with one {@code output_text} part
 * ({@code content_part.added}, {@code output_text.delta}s, {@code output_text.done},
 * {@code content_part.done}), a tool call as a {@code function_call} ({@code function_call_arguments.delta}s
 * and {@code .done}), thinking as a {@code reasoning} item with one summary part
 * ({@code reasoning_summary_part.added}, {@code reasoning_summary_text.delta}s and {@code .done},
 * {@code reasoning_summary_part.done}): the closest Responses field for another provider's visible reasoning.
 * A namespaced function's call names its namespace and a freeform tool's call is a {@code custom_tool_call}
 * whose input is sent whole when the call is complete ({@code custom_tool_call_input.delta} and
 * {@code .done}), as the client declared them ({@link ToolNames}).
 * The end is {@code response.completed} (or {@code response.incomplete} for a cut-off answer) carrying
 * the whole response with usage; an upstream error is {@code response.failed}. There is no {@code [DONE]}.
 * Stateful, one per stream, not thread-safe.
 */
public final class ResponsesStreamEncoder {
  private enum Kind { TEXT, TOOL, THINKING }

  private final long createdAt;
  private final ToolNames names;
  private final ArrayNode output = F.arrayNode();
  private String id = "resp_";
  private String model;
  private Usage usage = Usage.ZERO;
  private int sequence;

  // The open output item: at most one, since canonical blocks never interleave.
  private Kind kind;
  private int block = -1;
  private String itemId;
  private String callId;
  private String upstreamName;
  private boolean custom;
  private String signature;
  private final StringBuilder text = new StringBuilder();

  /** @param createdAt epoch seconds, the response's {@code created_at} */
  public ResponsesStreamEncoder(long createdAt) {
    this(createdAt, ToolNames.NONE);
  }

  /**
   * @param createdAt epoch seconds, the response's {@code created_at}
   * @param names the request's renamed tools, whose calls are written back as the client declared them
   */
  public ResponsesStreamEncoder(long createdAt, ToolNames names) {
    this.createdAt = createdAt;
    this.names = names;
  }

  /** The SSE bytes for one event; empty when the event has no counterpart in the Responses stream. */
  public Buffer encode(StreamEvent event) {
    Buffer out = Buffer.buffer();
    switch (event) {
      case MessageStart s -> {
        id = ResponsesObjects.responseId(s.id());
        model = s.model();
        emit(out, "response.created", F.objectNode().set("response", envelope("in_progress")));
        emit(out, "response.in_progress", F.objectNode().set("response", envelope("in_progress")));
      }
      case TextDelta t -> {
        open(out, t.index(), Kind.TEXT, null, null);
        text.append(t.text());
        ObjectNode delta = inItem("response.output_text.delta").put("content_index", 0).put("delta", t.text());
        delta.putArray("logprobs");
        emitted(out, delta);
      }
      case ThinkingDelta t -> {
        open(out, t.index(), Kind.THINKING, null, null);
        text.append(t.text());
        emitted(out, inItem("response.reasoning_summary_text.delta").put("summary_index", 0).put("delta", t.text()));
      }
      case ToolCallStart s -> open(out, s.index(), Kind.TOOL, s.id(), s.name());
      case ToolCallArgumentsDelta a -> {
        open(out, a.index(), Kind.TOOL, null, null);
        text.append(a.fragment());
        // A freeform tool's input is inside the arguments JSON: it is sent whole once the call is complete.
        if (!custom) {
          emitted(out, inItem("response.function_call_arguments.delta").put("delta", a.fragment()));
        }
      }
      case ContentBlockStop s -> {
        if (s.index() == block) {
          close(out, "completed");
        }
      }
      case UsageUpdate u -> usage = u.usage();
      case MessageStop s -> {
        close(out, s.stopReason() == StopReason.MAX_TOKENS ? "incomplete" : "completed");
        ObjectNode response = envelope("completed");
        ResponsesObjects.finish(response, s.stopReason(), usage);
        String type = "completed".equals(response.path("status").asText()) ? "response.completed" : "response.incomplete";
        emit(out, type, F.objectNode().set("response", response));
      }
      case Failure f -> {
        close(out, "incomplete");
        ObjectNode response = envelope("failed");
        response.putObject("error").put("code", f.category() == ErrorCategory.RATE_LIMITED
            ? "rate_limit_exceeded" : "server_error").put("message", f.message());
        response.set("usage", ResponsesObjects.usage(usage));
        emit(out, "response.failed", F.objectNode().set("response", response));
      }
      case ThinkingSignature t -> {
        if (t.index() == block && kind == Kind.THINKING) {
          signature = t.signature();
        }
      }
    }
    return out;
  }

  /** Opens the item of block {@code index} unless it is the open one, closing the previous item. */
  private void open(Buffer out, int index, Kind next, String callId, String name) {
    if (index == block && kind == next) {
      return;
    }
    close(out, "completed");
    kind = next;
    block = index;
    int position = output.size();
    itemId = ResponsesObjects.itemId(switch (next) {
      case TEXT -> "msg";
      case TOOL -> "fc";
      case THINKING -> "rs";
    }, id, position);
    this.callId = callId;
    upstreamName = name;
    ToolNames.Origin origin = names.origin(name);
    custom = origin != null && origin.custom();
    ObjectNode item = switch (next) {
      case TEXT -> ResponsesObjects.message(itemId, "in_progress", null);
      case TOOL -> ResponsesObjects.call(names, itemId, callId, name, "", "in_progress");
      case THINKING -> ResponsesObjects.reasoning(itemId, null);
    };
    emit(out, "response.output_item.added", F.objectNode().put("output_index", position).set("item", item));
    if (next == Kind.TEXT) {
      emitted(out, inItem("response.content_part.added").put("content_index", 0)
          .set("part", ResponsesObjects.outputText("")));
    } else if (next == Kind.THINKING) {
      emitted(out, inItem("response.reasoning_summary_part.added").put("summary_index", 0)
          .set("part", summaryText("")));
    }
  }

  /**
   * Closes the open item, if any, with its done events, and adds it to the response's output; an item
   * cut short (output cap, upstream error) is {@code incomplete}, as the API marks it.
   */
  private void close(Buffer out, String status) {
    if (kind == null) {
      return;
    }
    String whole = text.toString();
    ObjectNode item = switch (kind) {
      case TEXT -> {
        ObjectNode done = inItem("response.output_text.done").put("content_index", 0).put("text", whole);
        done.putArray("logprobs");
        emitted(out, done);
        emitted(out, inItem("response.content_part.done").put("content_index", 0)
            .set("part", ResponsesObjects.outputText(whole)));
        yield ResponsesObjects.message(itemId, status, whole);
      }
      case TOOL -> {
        ObjectNode call = ResponsesObjects.call(names, itemId, callId, upstreamName, whole, status);
        if (custom) {
          String input = call.path("input").asText();
          if (!input.isEmpty()) {
            emitted(out, inItem("response.custom_tool_call_input.delta").put("delta", input));
          }
          emitted(out, inItem("response.custom_tool_call_input.done").put("input", input));
        } else {
          emitted(out, inItem("response.function_call_arguments.done").put("name", call.path("name").asText(null))
              .put("arguments", whole));
        }
        yield call;
      }
      case THINKING -> {
        emitted(out, inItem("response.reasoning_summary_text.done").put("summary_index", 0).put("text", whole));
        emitted(out, inItem("response.reasoning_summary_part.done").put("summary_index", 0)
            .set("part", summaryText(whole)));
        yield ResponsesObjects.reasoning(itemId, whole, ReasoningCarrier.write(signature));
      }
    };
    emit(out, "response.output_item.done", F.objectNode().put("output_index", output.size()).set("item", item));
    output.add(item);
    kind = null;
    block = -1;
    callId = null;
    upstreamName = null;
    custom = false;
    signature = null;
    text.setLength(0);
  }

  private static ObjectNode summaryText(String text) {
    return F.objectNode().put("type", "summary_text").put("text", text);
  }

  private ObjectNode envelope(String status) {
    ObjectNode response = ResponsesObjects.envelope(id, model, createdAt, status);
    response.set("output", output.deepCopy());
    return response;
  }

  /** An event about the open item: its type, {@code item_id} and {@code output_index}. */
  private ObjectNode inItem(String type) {
    return F.objectNode().put("type", type).put("item_id", itemId).put("output_index", output.size());
  }

  private void emit(Buffer out, String type, ObjectNode payload) {
    ObjectNode event = F.objectNode().put("type", type);
    event.setAll(payload);
    emitted(out, event);
  }

  /** Appends one named event, numbering it; the {@code type} field is first, as the API sends it. */
  private void emitted(Buffer out, ObjectNode event) {
    event.put("sequence_number", sequence++);
    out.appendString("event: " + event.path("type").asText() + "\ndata: " + event + "\n\n");
  }
}
