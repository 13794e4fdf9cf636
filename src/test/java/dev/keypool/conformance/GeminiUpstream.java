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
 * A Gemini {@code generateContent} upstream. Its stream sends whole responses: one chunk per text
 * delta and a function call in one piece, with the finish reason and final counts in the last chunk.
 */
final class GeminiUpstream extends UpstreamDialect {
  GeminiUpstream() {
    super(WireFormat.GEMINI, "Gemini upstream", "m-gemini", "gemini-up");
  }

  @Override
  ObjectNode body(Script s) {
    return response(parts(s, s.text()), s.stop(), s.usage());
  }

  private static List<ObjectNode> parts(Script s, String text) {
    List<ObjectNode> parts = new ArrayList<>();
    if (s.thinking() != null) {
      parts.add(F.objectNode().put("text", s.thinking()).put("thought", true));
    }
    if (!text.isEmpty()) {
      parts.add(F.objectNode().put("text", text));
    }
    if (s.toolArgs() != null) {
      ObjectNode call = F.objectNode();
      call.putObject("functionCall").put("name", Ask.TOOL).set("args", Json.parse(s.toolArgs()));
      parts.add(call);
    }
    return parts;
  }

  /** Without {@code alt=sse} Gemini streams one JSON array of the same responses. */
  @Override
  Reply stream(Script s, RecordedRequest request) {
    if (request.sse()) {
      return super.stream(s, request);
    }
    List<String> items = events(s, request).stream().map(SseEvent::data).toList();
    return Replies.raw(WireFormat.GEMINI, 200, "application/json; charset=UTF-8", "[" + String.join(",\r\n", items) + "]");
  }

  @Override
  List<SseEvent> events(Script s, RecordedRequest request) {
    List<SseEvent> events = new ArrayList<>();
    Usage promptOnly = new Usage(s.usage().input(), 0, s.usage().cacheRead(), 0, 0);
    if (s.thinking() != null) {
      events.add(SseEvent.data(response(List.of(F.objectNode().put("text", s.thinking()).put("thought", true)), null,
          promptOnly).toString()));
    }
    s.deltas().forEach(d -> events.add(SseEvent.data(response(List.of(F.objectNode().put("text", d)), null,
        promptOnly).toString())));
    Script last = new Script(List.of(), null, s.toolArgs(), s.stop(), s.usage());
    List<ObjectNode> parts = parts(last, "");
    events.add(SseEvent.data(response(parts.isEmpty() ? List.of(F.objectNode().put("text", "")) : parts, s.stop(),
        s.usage()).toString()));
    return events;
  }

  private static ObjectNode response(List<ObjectNode> parts, Script.Stop stop, Usage u) {
    ObjectNode root = F.objectNode();
    ObjectNode candidate = root.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    parts.forEach(content.putArray("parts")::add);
    content.put("role", "model");
    if (stop != null) {
      candidate.put("finishReason", stop.in(WireFormat.GEMINI));
    }
    candidate.put("index", 0);
    root.set("usageMetadata", usage(u));
    root.put("modelVersion", "gemini-up");
    return root;
  }

  /** Gemini counts cached tokens inside the prompt and thoughts beside the candidates; no cache writes. */
  private static ObjectNode usage(Usage u) {
    ObjectNode usage = F.objectNode().put("promptTokenCount", u.input())
        .put("candidatesTokenCount", u.output() - u.reasoning()).put("totalTokenCount", u.total());
    if (u.cacheRead() > 0) {
      usage.put("cachedContentTokenCount", u.cacheRead());
    }
    if (u.reasoning() > 0) {
      usage.put("thoughtsTokenCount", u.reasoning());
    }
    return usage;
  }

  @Override
  public Reply badRequest(String message) {
    return Replies.geminiError(400, "INVALID_ARGUMENT", message, null);
  }

  @Override
  public Sent sent(RecordedRequest r) {
    JsonNode b = r.bodyJson();
    Json.Refs refs = new Json.Refs(); // Gemini pairs calls and responses by function name
    List<String> transcript = new ArrayList<>();
    for (JsonNode c : b.path("contents")) {
      String role = c.path("role").asText().equals("model") ? "assistant" : "user";
      for (JsonNode p : c.path("parts")) {
        if (p.has("inlineData")) {
          transcript.add(role + ": image base64 " + p.at("/inlineData/mimeType").asText() + " "
              + p.at("/inlineData/data").asText());
        } else if (p.has("fileData")) {
          transcript.add(role + ": image url " + p.at("/fileData/fileUri").asText());
        } else if (p.has("functionCall")) {
          String name = p.at("/functionCall/name").asText();
          transcript.add(role + ": call " + refs.call(name) + " " + name + " " + p.at("/functionCall/args"));
        } else if (p.has("functionResponse")) {
          JsonNode response = p.at("/functionResponse/response");
          transcript.add("result " + refs.result(p.at("/functionResponse/name").asText()) + " "
              + (response.path("output").isTextual() ? response.path("output").asText() : response.toString()));
        } else {
          transcript.add(role + ": text " + p.path("text").asText());
        }
      }
    }
    JsonNode system = b.at("/systemInstruction/parts");
    List<String> tools = new ArrayList<>();
    for (JsonNode t : b.path("tools")) {
      t.path("functionDeclarations").forEach(d -> tools.add(Json.toolLine(d.path("name").asText(), d.path("parameters"))));
    }
    JsonNode calling = b.at("/toolConfig/functionCallingConfig");
    JsonNode gen = b.path("generationConfig");
    List<String> stops = new ArrayList<>();
    gen.path("stopSequences").forEach(s -> stops.add(s.asText()));
    return new Sent(r.model(), r.streaming(), system.isMissingNode() ? null : UpstreamDialect.joinTexts(system, "text"),
        transcript, tools,
        calling.path("mode").asText().equals("ANY") ? calling.at("/allowedFunctionNames/0").asText(null) : null,
        stops, gen.has("maxOutputTokens") ? gen.get("maxOutputTokens").asInt() : null,
        gen.has("temperature") ? gen.get("temperature").asDouble() : null,
        gen.has("topP") ? gen.get("topP").asDouble() : null);
  }
}
