package dev.keypool.conformance;

import static dev.keypool.conformance.Json.F;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.e2e.GatewayHarness;
import dev.keypool.testkit.SseEvent;
import dev.keypool.testkit.WireFormat;
import dev.keypool.translate.Usage;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** An Anthropic messages client ({@code POST /v1/messages}, version 2023-06-01). */
final class AnthropicClient extends ClientDialect {
  /** Anthropic requires max_tokens; cases that do not test it send this. */
  static final int DEFAULT_MAX_TOKENS = 256;

  AnthropicClient() {
    super(WireFormat.ANTHROPIC, "Anthropic client (`POST /v1/messages`)");
  }

  @Override
  public HttpResponse<String> send(GatewayHarness h, String model, Ask ask) throws Exception {
    return h.postRaw("/v1/messages", body(model, ask).toString(), "content-type", "application/json",
        "x-api-key", GatewayHarness.CLIENT_KEY, "anthropic-version", "2023-06-01");
  }

  static ObjectNode body(String model, Ask ask) {
    ObjectNode body = F.objectNode().put("model", model)
        .put("max_tokens", ask.maxTokens != null ? ask.maxTokens : DEFAULT_MAX_TOKENS);
    if (ask.system != null) {
      body.put("system", ask.system);
    }
    ArrayNode messages = body.putArray("messages");
    for (Ask.Turn t : ask.turns) {
      ArrayNode content = messages.addObject().put("role", t.assistant() ? "assistant" : "user").putArray("content");
      t.parts().forEach(p -> content.add(block(p)));
    }
    if (ask.laterSystem != null) {
      messages.addObject().put("role", "system").put("content", ask.laterSystem);
    }
    if (ask.tools) {
      body.putArray("tools").addObject().put("name", Ask.TOOL).put("description", "The weather in a city")
          .set("input_schema", Json.schema());
    }
    if (ask.forceTool) {
      body.putObject("tool_choice").put("type", "tool").put("name", Ask.TOOL);
    }
    if (!ask.stop.isEmpty()) {
      ask.stop.forEach(body.putArray("stop_sequences")::add);
    }
    if (ask.temperature != null) {
      body.put("temperature", ask.temperature).put("top_p", ask.topP);
    }
    if (ask.stream) {
      body.put("stream", true);
    }
    return body;
  }

  private static ObjectNode block(Ask.Part p) {
    return switch (p) {
      case Ask.Text t -> F.objectNode().put("type", "text").put("text", t.text());
      case Ask.Base64Image i -> {
        ObjectNode b = F.objectNode().put("type", "image");
        b.putObject("source").put("type", "base64").put("media_type", i.mediaType()).put("data", i.data());
        yield b;
      }
      case Ask.UrlImage i -> {
        ObjectNode b = F.objectNode().put("type", "image");
        b.putObject("source").put("type", "url").put("url", i.url());
        yield b;
      }
      case Ask.Call c -> {
        ObjectNode b = F.objectNode().put("type", "tool_use").put("id", c.id()).put("name", c.name());
        b.set("input", Json.parse(c.argsJson()));
        yield b;
      }
      case Ask.Result r -> F.objectNode().put("type", "tool_result").put("tool_use_id", r.id()).put("content", r.text());
    };
  }

  @Override
  Answer readJson(JsonNode body) {
    assertThat(body.path("type").asText()).isEqualTo("message");
    StringBuilder text = new StringBuilder();
    StringBuilder thinking = new StringBuilder();
    List<Answer.ToolCall> calls = new ArrayList<>();
    for (JsonNode b : body.path("content")) {
      switch (b.path("type").asText()) {
        case "text" -> text.append(b.path("text").asText());
        case "thinking" -> thinking.append(b.path("thinking").asText());
        case "tool_use" -> {
          assertThat(b.path("id").asText()).as("tool_use id").isNotEmpty();
          calls.add(new Answer.ToolCall(b.path("name").asText(), b.path("input").toString()));
        }
        default -> { }
      }
    }
    return Answer.of(text, thinking, calls,
        body.path("stop_reason").asText(null), merge(null, body.get("usage")));
  }

  @Override
  Answer readStream(String sse) {
    StringBuilder text = new StringBuilder();
    StringBuilder thinking = new StringBuilder();
    TreeMap<Integer, String[]> calls = new TreeMap<>();
    String stop = null;
    Usage usage = null;
    for (SseEvent e : SseEvent.parse(sse)) {
      JsonNode data = Json.parse(e.data());
      assertThat(e.event()).as("Anthropic names each event after its type").isEqualTo(data.path("type").asText());
      switch (e.event()) {
        case "message_start" -> usage = merge(usage, data.at("/message/usage"));
        case "content_block_start" -> {
          if (data.at("/content_block/type").asText().equals("tool_use")) {
            calls.put(data.path("index").asInt(), new String[] {data.at("/content_block/name").asText(), ""});
          }
        }
        case "content_block_delta" -> {
          JsonNode d = data.path("delta");
          switch (d.path("type").asText()) {
            case "text_delta" -> text.append(d.path("text").asText());
            case "thinking_delta" -> thinking.append(d.path("thinking").asText());
            case "input_json_delta" -> calls.get(data.path("index").asInt())[1] += d.path("partial_json").asText();
            default -> { }
          }
        }
        case "message_delta" -> {
          stop = data.at("/delta/stop_reason").asText(null);
          usage = merge(usage, data.get("usage"));
        }
        default -> { }
      }
    }
    List<Answer.ToolCall> out = calls.values().stream().map(c -> new Answer.ToolCall(c[0], Json.canonical(c[1]))).toList();
    return Answer.of(text, thinking, out, stop, usage);
  }

  /** Anthropic's input_tokens leave cache reads and writes out; the canonical input holds them. */
  private static Usage merge(Usage previous, JsonNode u) {
    if (u == null || !u.isObject()) {
      return previous;
    }
    Usage p = previous != null ? previous : new Usage(0, 0, 0, 0, 0);
    long uncached = u.has("input_tokens") ? u.path("input_tokens").asLong() : p.uncachedInput();
    long read = u.has("cache_read_input_tokens") ? u.path("cache_read_input_tokens").asLong() : p.cacheRead();
    long write = u.has("cache_creation_input_tokens") ? u.path("cache_creation_input_tokens").asLong() : p.cacheWrite();
    long output = u.has("output_tokens") ? u.path("output_tokens").asLong() : p.output();
    return new Usage(uncached + read + write, output, read, write, 0);
  }

  @Override
  public void assertError(HttpResponse<String> response, int status, ErrorKind kind) {
    assertThat(response.statusCode()).as("status; body: %s", response.body()).isEqualTo(status);
    JsonNode root = Json.parse(response.body());
    assertThat(root.path("type").asText()).as("Anthropic's error envelope: %s", root).isEqualTo("error");
    assertThat(root.at("/error/message").asText()).isNotEmpty();
    assertThat(root.at("/error/type").asText())
        .isEqualTo(kind == ErrorKind.RATE_LIMIT ? "rate_limit_error" : "invalid_request_error");
  }
}
