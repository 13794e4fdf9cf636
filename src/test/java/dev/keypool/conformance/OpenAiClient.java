package dev.keypool.conformance;

import static dev.keypool.conformance.Json.F;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.e2e.GatewayHarness;
import dev.keypool.testkit.WireFormat;
import dev.keypool.translate.Usage;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** An OpenAI chat completions client ({@code POST /v1/chat/completions}). */
final class OpenAiClient extends ClientDialect {
  OpenAiClient() {
    super(WireFormat.OPENAI, "OpenAI client (`POST /v1/chat/completions`)");
  }

  @Override
  public HttpResponse<String> send(GatewayHarness h, String model, Ask ask) throws Exception {
    return h.post("/v1/chat/completions", body(model, ask).toString());
  }

  static ObjectNode body(String model, Ask ask) {
    ObjectNode body = F.objectNode().put("model", model);
    ArrayNode messages = body.putArray("messages");
    if (ask.system != null) {
      messages.addObject().put("role", "system").put("content", ask.system);
    }
    ask.turns.forEach(t -> turn(messages, t));
    if (ask.laterSystem != null) {
      messages.addObject().put("role", "system").put("content", ask.laterSystem);
    }
    if (ask.tools) {
      body.putArray("tools").addObject().put("type", "function").putObject("function")
          .put("name", Ask.TOOL).put("description", "The weather in a city").set("parameters", Json.schema());
    }
    if (ask.forceTool) {
      body.putObject("tool_choice").put("type", "function").putObject("function").put("name", Ask.TOOL);
    }
    if (!ask.stop.isEmpty()) {
      ask.stop.forEach(body.putArray("stop")::add);
    }
    if (ask.maxTokens != null) {
      body.put("max_tokens", ask.maxTokens);
    }
    if (ask.temperature != null) {
      body.put("temperature", ask.temperature).put("top_p", ask.topP);
    }
    if (ask.stream) {
      body.put("stream", true).putObject("stream_options").put("include_usage", true);
    }
    return body;
  }

  private static void turn(ArrayNode messages, Ask.Turn turn) {
    if (turn.assistant()) {
      ObjectNode m = messages.addObject().put("role", "assistant");
      m.putNull("content");
      for (Ask.Part p : turn.parts()) {
        switch (p) {
          case Ask.Text t -> m.put("content", t.text());
          case Ask.Call c -> {
            ArrayNode calls = m.has("tool_calls") ? (ArrayNode) m.get("tool_calls") : m.putArray("tool_calls");
            calls.addObject().put("id", c.id()).put("type", "function").putObject("function")
                .put("name", c.name()).put("arguments", c.argsJson());
          }
          default -> throw new IllegalArgumentException("not in an assistant turn: " + p);
        }
      }
      return;
    }
    ArrayNode content = F.arrayNode();
    for (Ask.Part p : turn.parts()) {
      switch (p) {
        case Ask.Result r -> messages.addObject().put("role", "tool").put("tool_call_id", r.id()).put("content", r.text());
        case Ask.Text t -> content.addObject().put("type", "text").put("text", t.text());
        case Ask.Base64Image i -> content.addObject().put("type", "image_url").putObject("image_url")
            .put("url", "data:" + i.mediaType() + ";base64," + i.data());
        case Ask.UrlImage i -> content.addObject().put("type", "image_url").putObject("image_url").put("url", i.url());
        case Ask.Call c -> throw new IllegalArgumentException("not in a user turn: " + c);
      }
    }
    if (content.size() == 1 && content.get(0).has("text")) {
      messages.addObject().put("role", "user").put("content", content.get(0).path("text").asText());
    } else if (!content.isEmpty()) {
      messages.addObject().put("role", "user").set("content", content);
    }
  }

  @Override
  Answer readJson(JsonNode body) {
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    JsonNode message = body.at("/choices/0/message");
    List<Answer.ToolCall> calls = new ArrayList<>();
    for (JsonNode c : message.path("tool_calls")) {
      assertThat(c.path("id").asText()).as("tool call id").isNotEmpty();
      calls.add(new Answer.ToolCall(c.at("/function/name").asText(), Json.canonical(c.at("/function/arguments").asText())));
    }
    return new Answer(message.path("content").asText(""), message.path("reasoning_content").asText(null), calls,
        body.at("/choices/0/finish_reason").asText(null), usage(body.get("usage")));
  }

  @Override
  Answer readStream(String sse) {
    assertThat(sse).as("an OpenAI stream ends with [DONE]").endsWith("data: [DONE]\n\n");
    StringBuilder text = new StringBuilder();
    StringBuilder thinking = new StringBuilder();
    TreeMap<Integer, String[]> calls = new TreeMap<>(); // index -> {name, arguments so far}
    String finish = null;
    Usage usage = null;
    for (JsonNode chunk : Json.sseData(sse)) {
      assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
      if (chunk.hasNonNull("usage")) {
        usage = usage(chunk.get("usage"));
      }
      JsonNode choice = chunk.at("/choices/0");
      if (choice.isMissingNode()) {
        continue;
      }
      text.append(choice.at("/delta/content").asText(""));
      thinking.append(choice.at("/delta/reasoning_content").asText(""));
      for (JsonNode c : choice.at("/delta/tool_calls")) {
        String[] call = calls.computeIfAbsent(c.path("index").asInt(), i -> new String[] {null, ""});
        if (c.at("/function/name").isTextual()) {
          call[0] = c.at("/function/name").asText();
        }
        call[1] += c.at("/function/arguments").asText("");
      }
      if (choice.hasNonNull("finish_reason")) {
        finish = choice.get("finish_reason").asText();
      }
    }
    List<Answer.ToolCall> out = calls.values().stream().map(c -> new Answer.ToolCall(c[0], Json.canonical(c[1]))).toList();
    return Answer.of(text, thinking, out, finish, usage);
  }

  private static Usage usage(JsonNode u) {
    if (u == null || u.isNull()) {
      return null;
    }
    return new Usage(u.path("prompt_tokens").asLong(), u.path("completion_tokens").asLong(),
        u.at("/prompt_tokens_details/cached_tokens").asLong(), 0,
        u.at("/completion_tokens_details/reasoning_tokens").asLong());
  }

  @Override
  public void assertError(HttpResponse<String> response, int status, ErrorKind kind) {
    assertThat(response.statusCode()).as("status; body: %s", response.body()).isEqualTo(status);
    JsonNode root = Json.parse(response.body());
    assertThat(root.has("type")).as("not Anthropic's envelope").isFalse();
    JsonNode error = root.path("error");
    assertThat(error.isObject() && error.has("message") && error.has("type") && error.has("param"))
        .as("OpenAI's error object: %s", root).isTrue();
    if (kind == ErrorKind.RATE_LIMIT) {
      assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
    } else {
      assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    }
  }
}
