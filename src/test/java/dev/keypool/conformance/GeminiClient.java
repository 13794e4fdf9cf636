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

/** A Gemini client ({@code :generateContent}, {@code :streamGenerateContent?alt=sse}). */
final class GeminiClient extends ClientDialect {
  GeminiClient() {
    super(WireFormat.GEMINI, "Gemini client (`POST /v1beta/models/{model}:generateContent`, "
        + "`:streamGenerateContent`, with or without `?alt=sse`)");
  }

  @Override
  public HttpResponse<String> send(GatewayHarness h, String model, Ask ask) throws Exception {
    String method = !ask.stream ? ":generateContent"
        : ask.jsonArray ? ":streamGenerateContent" : ":streamGenerateContent?alt=sse";
    String path = "/v1beta/models/" + model + method;
    return h.postRaw(path, body(ask).toString(), "content-type", "application/json",
        "x-goog-api-key", GatewayHarness.CLIENT_KEY);
  }

  static ObjectNode body(Ask ask) {
    ObjectNode body = F.objectNode();
    if (ask.system != null) {
      body.putObject("systemInstruction").putArray("parts").addObject().put("text", ask.system);
    }
    ArrayNode contents = body.putArray("contents");
    for (Ask.Turn t : ask.turns) {
      ArrayNode parts = contents.addObject().put("role", t.assistant() ? "model" : "user").putArray("parts");
      t.parts().forEach(p -> parts.add(part(p)));
    }
    if (ask.tools) {
      body.putArray("tools").addObject().putArray("functionDeclarations").addObject().put("name", Ask.TOOL)
          .put("description", "The weather in a city").set("parameters", Json.schema());
    }
    if (ask.forceTool) {
      body.putObject("toolConfig").putObject("functionCallingConfig").put("mode", "ANY")
          .putArray("allowedFunctionNames").add(Ask.TOOL);
    }
    ObjectNode gen = F.objectNode();
    if (!ask.stop.isEmpty()) {
      ask.stop.forEach(gen.putArray("stopSequences")::add);
    }
    if (ask.maxTokens != null) {
      gen.put("maxOutputTokens", ask.maxTokens);
    }
    if (ask.temperature != null) {
      gen.put("temperature", ask.temperature).put("topP", ask.topP);
    }
    if (!gen.isEmpty()) {
      body.set("generationConfig", gen);
    }
    return body;
  }

  private static ObjectNode part(Ask.Part p) {
    ObjectNode part = F.objectNode();
    switch (p) {
      case Ask.Text t -> part.put("text", t.text());
      case Ask.Base64Image i -> part.putObject("inlineData").put("mimeType", i.mediaType()).put("data", i.data());
      case Ask.UrlImage i -> part.putObject("fileData").put("mimeType", "image/png").put("fileUri", i.url());
      case Ask.Call c -> part.putObject("functionCall").put("name", c.name()).set("args", Json.parse(c.argsJson()));
      case Ask.Result r -> part.putObject("functionResponse").put("name", r.name()).putObject("response")
          .put("output", r.text());
    }
    return part;
  }

  @Override
  Answer readJson(JsonNode body) {
    return answer(List.of(body));
  }

  @Override
  Answer readStream(String body) {
    if (!body.startsWith("[")) {
      return answer(Json.sseData(body));
    }
    List<JsonNode> chunks = new ArrayList<>();
    Json.parse(body).forEach(chunks::add);
    return answer(chunks);
  }

  private static Answer answer(List<JsonNode> chunks) {
    StringBuilder text = new StringBuilder();
    StringBuilder thinking = new StringBuilder();
    List<Answer.ToolCall> calls = new ArrayList<>();
    String finish = null;
    Usage usage = null;
    for (JsonNode chunk : chunks) {
      JsonNode candidate = chunk.at("/candidates/0");
      for (JsonNode part : candidate.at("/content/parts")) {
        if (part.has("functionCall")) {
          calls.add(new Answer.ToolCall(part.at("/functionCall/name").asText(), part.at("/functionCall/args").toString()));
        } else if (part.path("thought").asBoolean()) {
          thinking.append(part.path("text").asText());
        } else {
          text.append(part.path("text").asText(""));
        }
      }
      if (candidate.hasNonNull("finishReason")) {
        finish = candidate.get("finishReason").asText();
      }
      if (chunk.has("usageMetadata")) {
        usage = usage(chunk.get("usageMetadata")); // cumulative: the last one counts
      }
    }
    return Answer.of(text, thinking, calls, finish, usage);
  }

  /** Gemini's thoughts are beside candidatesTokenCount; the canonical output holds them. */
  private static Usage usage(JsonNode u) {
    long thoughts = u.path("thoughtsTokenCount").asLong();
    return new Usage(u.path("promptTokenCount").asLong(), u.path("candidatesTokenCount").asLong() + thoughts,
        u.path("cachedContentTokenCount").asLong(), 0, thoughts);
  }

  @Override
  public void assertError(HttpResponse<String> response, int status, ErrorKind kind) {
    assertThat(response.statusCode()).as("status; body: %s", response.body()).isEqualTo(status);
    JsonNode error = Json.parse(response.body()).path("error");
    assertThat(error.path("code").asInt()).as("Google's error object: %s", response.body()).isEqualTo(status);
    assertThat(error.path("message").asText()).isNotEmpty();
    assertThat(error.path("status").asText())
        .isEqualTo(kind == ErrorKind.RATE_LIMIT ? "RESOURCE_EXHAUSTED" : "INVALID_ARGUMENT");
  }
}
