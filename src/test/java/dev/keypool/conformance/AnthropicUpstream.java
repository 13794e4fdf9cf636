package dev.keypool.conformance;

import static dev.keypool.conformance.Json.F;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.testkit.RecordedRequest;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.Reply;
import dev.keypool.testkit.SseEvent;
import dev.keypool.testkit.WireFormat;
import dev.keypool.translate.Usage;
import java.util.ArrayList;
import java.util.List;

/** An Anthropic messages upstream (2023-06-01, or 2026-10-21 on the route {@code m-anthropic-2026}). */
final class AnthropicUpstream extends UpstreamDialect {
  AnthropicUpstream() {
    super(WireFormat.ANTHROPIC, "Anthropic upstream", "m-anthropic", "claude-up");
  }

  private static ObjectNode envelope(Script s, boolean done) {
    ObjectNode root = F.objectNode().put("id", "msg_up1").put("type", "message").put("role", "assistant")
        .put("model", "claude-up");
    root.putArray("content");
    root.put("stop_reason", done ? s.stop().in(WireFormat.ANTHROPIC) : null);
    if (done && s.stop() == Script.Stop.STOP_SEQUENCE) {
      root.put("stop_sequence", Script.STOP_SEQUENCE);
    } else {
      root.putNull("stop_sequence");
    }
    return root;
  }

  @Override
  ObjectNode body(Script s) {
    ObjectNode root = envelope(s, true);
    var content = root.withArray("content");
    if (s.thinking() != null) {
      content.addObject().put("type", "thinking").put("thinking", s.thinking()).put("signature", "sig-up");
    }
    if (!s.deltas().isEmpty()) {
      content.addObject().put("type", "text").put("text", s.text());
    }
    if (s.toolArgs() != null) {
      content.addObject().put("type", "tool_use").put("id", "toolu_up1").put("name", Ask.TOOL)
          .set("input", Json.parse(s.toolArgs()));
    }
    root.set("usage", usage(s.usage()));
    return root;
  }

  @Override
  List<SseEvent> events(Script s, RecordedRequest request) {
    List<SseEvent> events = new ArrayList<>();
    ObjectNode start = envelope(s, false);
    start.set("usage", usage(s.usage()).put("output_tokens", 1));
    events.add(event(F.objectNode().put("type", "message_start").set("message", start)));
    int index = 0;
    if (s.thinking() != null) {
      block(events, index++, F.objectNode().put("type", "thinking").put("thinking", ""),
          List.of(F.objectNode().put("type", "thinking_delta").put("thinking", s.thinking()),
              F.objectNode().put("type", "signature_delta").put("signature", "sig-up")));
    }
    if (!s.deltas().isEmpty()) {
      block(events, index++, F.objectNode().put("type", "text").put("text", ""),
          s.deltas().stream().map(d -> F.objectNode().put("type", "text_delta").put("text", d)).toList());
    }
    if (s.toolArgs() != null) {
      ObjectNode use = F.objectNode().put("type", "tool_use").put("id", "toolu_up1").put("name", Ask.TOOL);
      use.putObject("input");
      block(events, index, use, OpenAiUpstream.fragments(s.toolArgs()).stream()
          .map(f -> F.objectNode().put("type", "input_json_delta").put("partial_json", f)).toList());
    }
    ObjectNode delta = F.objectNode().put("type", "message_delta");
    delta.putObject("delta").put("stop_reason", s.stop().in(WireFormat.ANTHROPIC))
        .put("stop_sequence", s.stop() == Script.Stop.STOP_SEQUENCE ? Script.STOP_SEQUENCE : null);
    delta.putObject("usage").put("output_tokens", s.usage().output());
    events.add(event(delta));
    events.add(event(F.objectNode().put("type", "message_stop")));
    return events;
  }

  private static void block(List<SseEvent> events, int index, ObjectNode block, List<ObjectNode> deltas) {
    events.add(event(F.objectNode().put("type", "content_block_start").put("index", index).set("content_block", block)));
    deltas.forEach(d -> events.add(event(
        F.objectNode().put("type", "content_block_delta").put("index", index).set("delta", d))));
    events.add(event(F.objectNode().put("type", "content_block_stop").put("index", index)));
  }

  private static SseEvent event(JsonNode data) {
    return new SseEvent(data.path("type").asText(), data.toString());
  }

  /** Anthropic's input_tokens exclude cache reads and writes; thinking has no count of its own. */
  private static ObjectNode usage(Usage u) {
    return F.objectNode().put("input_tokens", u.uncachedInput()).put("cache_creation_input_tokens", u.cacheWrite())
        .put("cache_read_input_tokens", u.cacheRead()).put("output_tokens", u.output());
  }

  @Override
  public Reply badRequest(String message) {
    return Replies.anthropicError(400, "invalid_request_error", message);
  }

  @Override
  public Sent sent(RecordedRequest r) {
    JsonNode b = r.bodyJson();
    Json.Refs refs = new Json.Refs();
    List<String> transcript = new ArrayList<>();
    for (JsonNode m : b.path("messages")) {
      String role = m.path("role").asText();
      JsonNode content = m.path("content");
      if (content.isTextual()) {
        transcript.add(role + ": text " + content.asText());
      }
      for (JsonNode block : content.isArray() ? content : F.arrayNode()) {
        transcript.add(switch (block.path("type").asText()) {
          case "text" -> role + ": text " + block.path("text").asText();
          case "image" -> role + ": image " + (block.at("/source/type").asText().equals("url")
              ? "url " + block.at("/source/url").asText()
              : "base64 " + block.at("/source/media_type").asText() + " " + block.at("/source/data").asText());
          case "tool_use" -> role + ": call " + refs.call(block.path("id").asText()) + " " + block.path("name").asText()
              + " " + block.path("input");
          case "tool_result" -> "result " + refs.result(block.path("tool_use_id").asText()) + " "
              + (block.path("content").isTextual() ? block.path("content").asText()
                  : UpstreamDialect.joinTexts(block.path("content"), "text"));
          default -> role + ": " + block.path("type").asText();
        });
      }
    }
    JsonNode system = b.path("system");
    List<String> tools = new ArrayList<>();
    b.path("tools").forEach(t -> tools.add(Json.toolLine(t.path("name").asText(), t.path("input_schema"))));
    List<String> stops = new ArrayList<>();
    b.path("stop_sequences").forEach(s -> stops.add(s.asText()));
    return new Sent(b.path("model").asText(), b.path("stream").asBoolean(),
        system.isMissingNode() ? null : system.isTextual() ? system.asText() : UpstreamDialect.joinTexts(system, "text"),
        transcript, tools, b.at("/tool_choice/type").asText().equals("tool") ? b.at("/tool_choice/name").asText() : null,
        stops, b.has("max_tokens") ? b.get("max_tokens").asInt() : null,
        b.has("temperature") ? b.get("temperature").asDouble() : null, b.has("top_p") ? b.get("top_p").asDouble() : null);
  }
}
