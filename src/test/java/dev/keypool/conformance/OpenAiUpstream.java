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

/**
 * An OpenAI chat completions upstream. Reasoning text travels as {@code reasoning_content}, the field
 * OpenAI-compatible hosts (DeepSeek, vLLM) use; tool arguments stream in three fragments.
 */
final class OpenAiUpstream extends UpstreamDialect {
  OpenAiUpstream() {
    super(WireFormat.OPENAI, "OpenAI upstream", "m-openai", "gpt-up");
  }

  @Override
  ObjectNode body(Script s) {
    ObjectNode root = F.objectNode().put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1)
        .put("model", "gpt-up");
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    if (s.deltas().isEmpty()) {
      message.putNull("content");
    } else {
      message.put("content", s.text());
    }
    if (s.thinking() != null) {
      message.put("reasoning_content", s.thinking());
    }
    if (s.toolArgs() != null) {
      message.putArray("tool_calls").addObject().put("id", "call_up1").put("type", "function")
          .putObject("function").put("name", Ask.TOOL).put("arguments", s.toolArgs());
    }
    choice.put("finish_reason", s.stop().in(WireFormat.OPENAI));
    root.set("usage", usage(s.usage()));
    return root;
  }

  /** The usage chunk comes only when the request asks for it, as with the real API. */
  @Override
  List<SseEvent> events(Script s, RecordedRequest request) {
    boolean includeUsage = request.bodyJson().at("/stream_options/include_usage").asBoolean();
    List<ObjectNode> deltas = new ArrayList<>();
    deltas.add(F.objectNode().put("role", "assistant").put("content", ""));
    if (s.thinking() != null) {
      deltas.add(F.objectNode().put("reasoning_content", s.thinking()));
    }
    s.deltas().forEach(d -> deltas.add(F.objectNode().put("content", d)));
    if (s.toolArgs() != null) {
      ObjectNode first = F.objectNode();
      first.putArray("tool_calls").addObject().put("index", 0).put("id", "call_up1").put("type", "function")
          .putObject("function").put("name", Ask.TOOL).put("arguments", "");
      deltas.add(first);
      for (String fragment : fragments(s.toolArgs())) {
        ObjectNode d = F.objectNode();
        d.putArray("tool_calls").addObject().put("index", 0).putObject("function").put("arguments", fragment);
        deltas.add(d);
      }
    }
    List<SseEvent> events = new ArrayList<>();
    for (int i = 0; i <= deltas.size(); i++) {
      ObjectNode chunk = chunk();
      ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
      boolean last = i == deltas.size();
      choice.set("delta", last ? F.objectNode() : deltas.get(i));
      choice.put("finish_reason", last ? s.stop().in(WireFormat.OPENAI) : null);
      events.add(SseEvent.data(chunk.toString()));
    }
    if (includeUsage) {
      ObjectNode chunk = chunk();
      chunk.putArray("choices");
      chunk.set("usage", usage(s.usage()));
      events.add(SseEvent.data(chunk.toString()));
    }
    events.add(SseEvent.data("[DONE]"));
    return events;
  }

  /** Three pieces of a JSON text, so a stream must reassemble them. */
  static List<String> fragments(String json) {
    int third = json.length() / 3;
    return List.of(json.substring(0, third), json.substring(third, 2 * third), json.substring(2 * third));
  }

  private static ObjectNode chunk() {
    return F.objectNode().put("id", "chatcmpl-1").put("object", "chat.completion.chunk").put("created", 1)
        .put("model", "gpt-up");
  }

  /** OpenAI has no cache-write count: writes stay inside prompt_tokens. */
  private static ObjectNode usage(Usage u) {
    ObjectNode usage = F.objectNode().put("prompt_tokens", u.input()).put("completion_tokens", u.output())
        .put("total_tokens", u.total());
    usage.putObject("prompt_tokens_details").put("cached_tokens", u.cacheRead());
    usage.putObject("completion_tokens_details").put("reasoning_tokens", u.reasoning());
    return usage;
  }

  @Override
  public Reply badRequest(String message) {
    return Replies.openAiError(400, "invalid_request_error", null, message);
  }

  @Override
  public Sent sent(RecordedRequest r) {
    JsonNode b = r.bodyJson();
    Json.Refs refs = new Json.Refs();
    List<String> transcript = new ArrayList<>();
    String system = null;
    for (JsonNode m : b.path("messages")) {
      String role = m.path("role").asText();
      switch (role) {
        case "system", "developer" -> system = text(m.path("content"));
        case "tool" ->
            transcript.add("result " + refs.result(m.path("tool_call_id").asText()) + " " + text(m.path("content")));
        default -> {
          JsonNode content = m.path("content");
          if (content.isTextual()) {
            transcript.add(role + ": text " + content.asText());
          }
          for (JsonNode p : content.isArray() ? content : F.arrayNode()) {
            transcript.add(role + ": " + part(p));
          }
          for (JsonNode c : m.path("tool_calls")) {
            transcript.add(role + ": call " + refs.call(c.path("id").asText()) + " " + c.at("/function/name").asText()
                + " " + Json.canonical(c.at("/function/arguments").asText()));
          }
        }
      }
    }
    List<String> tools = new ArrayList<>();
    b.path("tools").forEach(t -> tools.add(Json.toolLine(t.at("/function/name").asText(), t.at("/function/parameters"))));
    JsonNode stop = b.path("stop");
    List<String> stops = new ArrayList<>();
    if (stop.isTextual()) {
      stops.add(stop.asText());
    }
    stop.forEach(s -> stops.add(s.asText()));
    JsonNode max = b.has("max_completion_tokens") ? b.get("max_completion_tokens") : b.get("max_tokens");
    return new Sent(b.path("model").asText(), b.path("stream").asBoolean(), system, transcript, tools,
        b.at("/tool_choice/function/name").asText(null), stops, max == null ? null : max.asInt(),
        b.has("temperature") ? b.get("temperature").asDouble() : null, b.has("top_p") ? b.get("top_p").asDouble() : null);
  }

  private static String part(JsonNode p) {
    if (p.path("type").asText().equals("image_url")) {
      String url = p.at("/image_url/url").asText();
      if (url.startsWith("data:")) {
        int comma = url.indexOf(";base64,");
        return "image base64 " + url.substring(5, comma) + " " + url.substring(comma + 8);
      }
      return "image url " + url;
    }
    return "text " + p.path("text").asText();
  }

  private static String text(JsonNode content) {
    return content.isTextual() ? content.asText() : UpstreamDialect.joinTexts(content, "text");
  }
}
