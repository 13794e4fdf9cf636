package dev.keypool.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.Reply;
import dev.keypool.testkit.SseEvent;
import dev.keypool.testkit.WireFormat;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Rows of the Responses API's tools as Codex CLI sends them: a {@code namespace} group of functions and
 * the hosted {@code web_search}. Only an OpenAI client speaks the Responses API; its request goes to
 * {@code /v1/responses} of each upstream format's route, JSON and stream.
 */
final class ResponsesFeatures {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ONLY_RESPONSES = "a Responses API feature: OpenAI clients only";
  static final String ARGS = "{\"query\":\"retry delay\"}";
  static final String FUNCTION = """
      {"type":"function","name":"search","description":"Search the docs.",
       "parameters":{"type":"object","properties":{"query":{"type":"string"}}}}""";

  private ResponsesFeatures() {}

  static final Feature NAMESPACE_TOOLS = new Feature("namespace tools (Responses)", "a `namespace` tool's functions "
      + "reach the upstream as plain functions named `<namespace>__<name>`; the call comes back with its own name "
      + "and `namespace`, JSON and stream", c -> {
        if (c.client().format() != WireFormat.OPENAI) {
          return Verdict.na(ONLY_RESPONSES);
        }
        for (boolean stream : List.of(false, true)) {
          String tools = "[{\"type\":\"namespace\",\"name\":\"docs\",\"description\":\"Docs.\",\"tools\":[" + FUNCTION + "]}]";
          JsonNode call = call(send(c, tools, stream, toolCall(c.upstream().format(), stream, "docs__search")), stream);
          assertThat(call.path("name").asText()).as("name, stream=%s", stream).isEqualTo("search");
          assertThat(call.path("namespace").asText()).as("namespace, stream=%s", stream).isEqualTo("docs");
          assertThat(JSON.readTree(call.path("arguments").asText())).isEqualTo(JSON.readTree(ARGS));
          assertThat(c.sent().tools()).singleElement().asString().contains("docs__search");
        }
        return Verdict.PASS;
      });

  static final Feature HOSTED_TOOLS_DROPPED = new Feature("hosted tools dropped (Responses)", "`web_search` (which "
      + "only OpenAI's Responses API runs) is left out, the function kept, and `x-keypool-dropped-tools` names it", c -> {
        if (c.client().format() != WireFormat.OPENAI) {
          return Verdict.na(ONLY_RESPONSES);
        }
        for (boolean stream : List.of(false, true)) {
          String tools = "[" + FUNCTION + ",{\"type\":\"web_search\"}]";
          HttpResponse<String> r = send(c, tools, stream, toolCall(c.upstream().format(), stream, "search"));
          assertThat(r.headers().firstValue("x-keypool-dropped-tools")).hasValue("web_search");
          assertThat(call(r, stream).path("name").asText()).isEqualTo("search");
          assertThat(c.sent().tools()).singleElement().asString().contains("search").doesNotContain("web_search");
        }
        return Verdict.PASS;
      });

  private static HttpResponse<String> send(Cell c, String tools, boolean stream, Reply reply) throws Exception {
    c.h().upstream.reset();
    c.h().upstream.defaultReply(reply);
    String body = "{\"model\":\"" + c.upstream().route() + "\",\"stream\":" + stream
        + ",\"store\":false,\"input\":\"Where is the retry delay?\",\"tools\":" + tools + "}";
    HttpResponse<String> r = c.h().post("/v1/responses", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r;
  }

  private static Reply toolCall(WireFormat upstream, boolean stream, String name) {
    return switch (upstream) {
      case OPENAI -> stream ? Replies.openAiToolCallStream(name, ARGS) : Replies.openAiToolCall(name, ARGS);
      case ANTHROPIC -> stream ? Replies.anthropicToolUseStream(name, ARGS) : Replies.anthropicToolUse(name, ARGS);
      case GEMINI -> Replies.geminiToolCall(name, ARGS, null);
    };
  }

  /** The function call of the answer: the JSON body's, or the completed response's of the stream. */
  private static JsonNode call(HttpResponse<String> r, boolean stream) throws Exception {
    JsonNode response = stream
        ? JSON.readTree(SseEvent.parse(r.body()).getLast().data()).path("response") : JSON.readTree(r.body());
    for (JsonNode item : response.path("output")) {
      if (item.path("type").asText().equals("function_call")) {
        return item;
      }
    }
    throw new AssertionError("no function_call in " + response);
  }
}
