package dev.keypool.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI's Responses API as the real one sends it: the {@code response} object and its named SSE
 * stream ({@code response.created} ... {@code response.completed}, each with a {@code sequence_number}).
 */
final class ResponsesWire {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ResponsesWire() {}

  /** Token counts: {@code cached} within {@code input}, {@code reasoning} within {@code output}, as the API reports them. */
  record Counts(int input, int cached, int output, int reasoning) {}

  static ObjectNode usage(Counts c) {
    ObjectNode u = F.objectNode().put("input_tokens", c.input());
    u.putObject("input_tokens_details").put("cached_tokens", c.cached());
    u.put("output_tokens", c.output());
    u.putObject("output_tokens_details").put("reasoning_tokens", c.reasoning());
    return u.put("total_tokens", c.input() + c.output());
  }

  static ObjectNode response(String id, String model, String status, List<ObjectNode> output, Counts counts) {
    ObjectNode r = F.objectNode().put("id", id).put("object", "response").put("created_at", Ids.epochSeconds())
        .put("status", status);
    r.putNull("error");
    r.putNull("incomplete_details");
    r.put("model", model);
    r.putArray("output").addAll(output);
    r.put("parallel_tool_calls", true);
    r.put("tool_choice", "auto");
    r.putArray("tools");
    if (counts == null) {
      r.putNull("usage");
    } else {
      r.set("usage", usage(counts));
    }
    return r;
  }

  static ObjectNode message(String id, String text) {
    ObjectNode m = F.objectNode().put("id", id).put("type", "message").put("status", "completed")
        .put("role", "assistant");
    ObjectNode part = m.putArray("content").addObject().put("type", "output_text").put("text", text);
    part.putArray("annotations");
    return m;
  }

  static ObjectNode functionCall(String id, String callId, String name, String arguments) {
    return F.objectNode().put("id", id).put("type", "function_call").put("status", "completed")
        .put("arguments", arguments).put("call_id", callId).put("name", name);
  }

  /** The events of a streamed text answer: created, in_progress, the message item's events, completed. */
  static List<SseEvent> textStream(String model, List<String> deltas, Counts counts) {
    String id = Ids.next("resp_");
    String itemId = Ids.next("msg_");
    Events e = new Events();
    e.add("response.created", F.objectNode().set("response", response(id, model, "in_progress", List.of(), null)));
    e.add("response.in_progress", F.objectNode().set("response", response(id, model, "in_progress", List.of(), null)));
    ObjectNode open = message(itemId, "").put("status", "in_progress");
    ((ArrayNode) open.get("content")).removeAll();
    e.add("response.output_item.added", F.objectNode().put("output_index", 0).set("item", open));
    e.add("response.content_part.added", F.objectNode().put("item_id", itemId).put("output_index", 0)
        .put("content_index", 0).set("part", message(itemId, "").get("content").get(0)));
    for (String d : deltas) {
      e.add("response.output_text.delta", F.objectNode().put("item_id", itemId).put("output_index", 0)
          .put("content_index", 0).put("delta", d));
    }
    String text = String.join("", deltas);
    e.add("response.output_text.done", F.objectNode().put("item_id", itemId).put("output_index", 0)
        .put("content_index", 0).put("text", text));
    ObjectNode done = message(itemId, text);
    e.add("response.content_part.done", F.objectNode().put("item_id", itemId).put("output_index", 0)
        .put("content_index", 0).set("part", done.get("content").get(0)));
    e.add("response.output_item.done", F.objectNode().put("output_index", 0).set("item", done));
    e.add("response.completed", F.objectNode().set("response", response(id, model, "completed", List.of(done), counts)));
    return e.events;
  }

  /** Numbers events and names them after their type, as the API does. */
  private static final class Events {
    final List<SseEvent> events = new ArrayList<>();

    void add(String type, ObjectNode payload) {
      ObjectNode event = F.objectNode().put("type", type);
      event.setAll(payload);
      event.put("sequence_number", events.size());
      events.add(new SseEvent(type, event.toString()));
    }
  }
}
