package dev.keypool.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Anthropic wire format: Messages responses, their named SSE event sequence
 * ({@code message_start} … {@code message_stop}), count_tokens, error bodies and
 * {@code anthropic-ratelimit-*} headers, built as the real API sends them.
 */
final class AnthropicWire {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();

  private AnthropicWire() {}

  static ObjectNode message(String model, JsonNode content, String stopReason, int in, int out) {
    ObjectNode root = envelope(model, stopReason);
    root.set("content", content);
    root.putObject("usage").put("input_tokens", in).put("output_tokens", out);
    return root;
  }

  static JsonNode textContent(String text) {
    return F.arrayNode().add(F.objectNode().put("type", "text").put("text", text));
  }

  static JsonNode toolUseContent(String name, String inputJson) {
    ObjectNode block = F.objectNode().put("type", "tool_use").put("id", Ids.next("toolu_")).put("name", name);
    block.set("input", parse(inputJson));
    return F.arrayNode().add(block);
  }

  /** message_start, content_block_start, ping, one text_delta per delta, content_block_stop, message_delta, message_stop. */
  static List<SseEvent> textStream(String model, List<String> deltas, int in, int out) {
    ObjectNode block = F.objectNode().put("type", "text").put("text", "");
    List<ObjectNode> blockDeltas = new ArrayList<>();
    deltas.forEach(d -> blockDeltas.add(F.objectNode().put("type", "text_delta").put("text", d)));
    return stream(model, block, blockDeltas, "end_turn", in, out);
  }

  /** A streamed tool_use block whose input arrives as input_json_delta fragments. */
  static List<SseEvent> toolUseStream(String model, String name, List<String> fragments, int in, int out) {
    ObjectNode block = F.objectNode().put("type", "tool_use").put("id", Ids.next("toolu_")).put("name", name);
    block.putObject("input");
    List<ObjectNode> blockDeltas = new ArrayList<>();
    blockDeltas.add(F.objectNode().put("type", "input_json_delta").put("partial_json", ""));
    fragments.forEach(f -> blockDeltas.add(F.objectNode().put("type", "input_json_delta").put("partial_json", f)));
    return stream(model, block, blockDeltas, "tool_use", in, out);
  }

  private static List<SseEvent> stream(String model, ObjectNode block, List<ObjectNode> deltas,
      String stopReason, int in, int out) {
    List<SseEvent> events = new ArrayList<>();
    ObjectNode start = envelope(model, null);
    start.putArray("content");
    start.putObject("usage").put("input_tokens", in).put("output_tokens", 1);
    ObjectNode messageStart = F.objectNode().put("type", "message_start");
    messageStart.set("message", start);
    events.add(named(messageStart));
    ObjectNode blockStart = F.objectNode().put("type", "content_block_start").put("index", 0);
    blockStart.set("content_block", block);
    events.add(named(blockStart));
    events.add(named(F.objectNode().put("type", "ping")));
    for (ObjectNode delta : deltas) {
      ObjectNode e = F.objectNode().put("type", "content_block_delta").put("index", 0);
      e.set("delta", delta);
      events.add(named(e));
    }
    events.add(named(F.objectNode().put("type", "content_block_stop").put("index", 0)));
    ObjectNode messageDelta = F.objectNode().put("type", "message_delta");
    messageDelta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
    messageDelta.putObject("usage").put("output_tokens", out);
    events.add(named(messageDelta));
    events.add(named(F.objectNode().put("type", "message_stop")));
    return events;
  }

  private static ObjectNode envelope(String model, String stopReason) {
    ObjectNode root = F.objectNode().put("id", Ids.next("msg_")).put("type", "message").put("role", "assistant")
        .put("model", model);
    root.putArray("content");
    root.put("stop_reason", stopReason);
    root.putNull("stop_sequence");
    return root;
  }

  private static SseEvent named(ObjectNode data) {
    return new SseEvent(data.get("type").asText(), data.toString());
  }

  static ObjectNode countTokens(int inputTokens) {
    return F.objectNode().put("input_tokens", inputTokens);
  }

  /** {@code {"type":"error","error":{"type","message"}}}. */
  static ObjectNode error(String type, String message) {
    ObjectNode root = F.objectNode().put("type", "error");
    root.putObject("error").put("type", type).put("message", message);
    return root;
  }

  static List<Map.Entry<String, String>> rateLimitHeaders(long limit, long remaining, Duration reset) {
    String at = Instant.now().plus(reset).truncatedTo(ChronoUnit.SECONDS).toString();
    return List.of(
        Map.entry("anthropic-ratelimit-requests-limit", Long.toString(limit)),
        Map.entry("anthropic-ratelimit-requests-remaining", Long.toString(remaining)),
        Map.entry("anthropic-ratelimit-requests-reset", at));
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException("tool input is not JSON: " + json, e);
    }
  }
}
