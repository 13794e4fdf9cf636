package dev.keypool.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.e2e.GatewayHarness;
import dev.keypool.testkit.RecordedRequest;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.Reply;
import dev.keypool.testkit.SseEvent;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Codex CLI's requests ({@code src/test/resources/agents/codex/}) through a route of each format, JSON
 * and stream: the upstream gets the prompt as the last user turn, the instructions and developer items as
 * system content and the tools it can call (namespaced functions flattened, the freeform tool as a
 * function, {@code web_search} dropped and named in {@code x-keypool-dropped-tools}); Codex gets an answer
 * it parses, with the calls under the names and namespaces it declared.
 */
class CodexAgentTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path DIR = Path.of("src/test/resources/agents/codex");
  static final String PROMPT = "Find where the retry delay is configured and double it.";
  static final String ARGS = "{\"query\":\"retry delay\"}";
  static final String CONFIG = GatewayHarness.WITH_GEMINI.replace("models:\n", """
        - id: openai-responses
          format: openai
          base_url: UPSTREAM
          responses: true
          keys:
            - { name: r, secret: sk-r }
      models:
        - { id: resp-test, candidates: [ { provider: openai-responses, model: gpt-upstream } ] }
        - { id: claude-strict, hosted_tools: reject, candidates: [ { provider: anthropic, model: claude-upstream } ] }
      """);

  GatewayHarness h;

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.start(CONFIG);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @ParameterizedTest(name = "{0}, stream {1}")
  @CsvSource({"claude-test,false", "claude-test,true", "gemini-test,false", "gemini-test,true",
      "gpt-test,false", "gpt-test,true"})
  void the_first_turn_reaches_the_upstream_whole_and_the_namespaced_call_comes_back_under_codex_names(
      String route, boolean stream) throws Exception {
    h.upstream.defaultReply(toolCall(route, stream, "mcp__docs__search", ARGS));
    HttpResponse<String> r = h.post("/v1/responses", fixture("first-request.json", route, stream));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-keypool-dropped-tools")).hasValue("web_search");
    JsonNode call = onlyCall(r, stream);
    assertThat(call.path("type").asText()).isEqualTo("function_call");
    assertThat(call.path("name").asText()).isEqualTo("search");
    assertThat(call.path("namespace").asText()).isEqualTo("mcp__docs__");
    assertThat(JSON.readTree(call.path("arguments").asText())).isEqualTo(JSON.readTree(ARGS));
    assertThat(call.path("call_id").asText()).isNotEmpty();

    CodexUpstreamBody sent = CodexUpstreamBody.of(route, h.upstream.requests().getFirst());
    assertThat(sent.system()).contains("You are Codex").contains("<permissions instructions>");
    assertThat(sent.lastUserText()).contains(PROMPT);
    assertThat(sent.toolNames()).containsExactlyInAnyOrder("exec_command", "update_plan", "apply_patch",
        "view_image", "mcp__docs__search", "mcp__docs__fetch", "agents__spawn_agent");
    assertThat(sent.toolNames()).allMatch(n -> n.matches("[a-zA-Z0-9_-]{1,64}"));
  }

  @ParameterizedTest(name = "{0}, stream {1}")
  @CsvSource({"claude-test,false", "claude-test,true", "gemini-test,false", "gemini-test,true",
      "gpt-test,false", "gpt-test,true"})
  void the_follow_up_sends_the_earlier_calls_under_the_upstream_names_and_gets_the_answer(String route,
      boolean stream) throws Exception {
    h.upstream.defaultReply(text(route, stream, "Doubled the delay; the tests pass."));
    HttpResponse<String> r = h.post("/v1/responses", fixture("followup-request.json", route, stream));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode response = finalResponse(r, stream);
    assertThat(response.path("status").asText()).isEqualTo("completed");
    assertThat(response.toString()).contains("Doubled the delay; the tests pass.");

    String sent = h.upstream.requests().getFirst().bodyText();
    assertThat(sent).contains("mcp__docs__search").contains("retry.delay_ms in app.yaml")
        .contains("*** Update File: app.yaml").contains("BUILD SUCCESSFUL")
        .doesNotContain("opaque-reasoning-of-another-upstream");
  }

  @ParameterizedTest(name = "stream {0}")
  @CsvSource({"false", "true"})
  void a_freeform_call_comes_back_as_a_custom_tool_call_with_its_input(boolean stream) throws Exception {
    String patch = "*** Begin Patch\n*** Update File: app.yaml\n@@\n-  delay_ms: 250\n+  delay_ms: 500\n*** End Patch\n";
    h.upstream.defaultReply(toolCall("claude-test", stream, "apply_patch",
        JSON.createObjectNode().put("input", patch).toString()));
    HttpResponse<String> r = h.post("/v1/responses", fixture("first-request.json", "claude-test", stream));

    JsonNode call = onlyCall(r, stream);
    assertThat(call.path("type").asText()).isEqualTo("custom_tool_call");
    assertThat(call.path("name").asText()).isEqualTo("apply_patch");
    assertThat(call.path("input").asText()).isEqualTo(patch);
    if (stream) {
      List<JsonNode> events = events(r);
      assertThat(events).extracting(e -> e.path("type").asText()).contains("response.custom_tool_call_input.done")
          .doesNotContain("response.function_call_arguments.delta");
    }
    JsonNode tool = null;
    for (JsonNode t : h.upstream.requests().getFirst().bodyJson().path("tools")) {
      tool = t.path("name").asText().equals("apply_patch") ? t : tool;
    }
    assertThat(tool).isNotNull();
    assertThat(tool.at("/input_schema/properties/input/type").asText()).isEqualTo("string");
    assertThat(tool.path("description").asText()).contains("The input must follow this lark grammar")
        .contains("*** Begin Patch");
  }

  @Test
  void a_responses_route_gets_codex_request_as_sent() throws Exception {
    h.upstream.defaultReply(Replies.responsesText("Hi"));
    String body = fixture("first-request.json", "resp-test", true);
    HttpResponse<String> r = h.post("/v1/responses", body);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-keypool-dropped-tools")).isEmpty();
    RecordedRequest sent = h.upstream.requests().getFirst();
    assertThat(sent.path()).isEqualTo("/v1/responses");
    assertThat(new String(sent.body(), StandardCharsets.UTF_8)).isEqualTo(body.replace("resp-test", "gpt-upstream"));
  }

  @Test
  void a_route_that_rejects_hosted_tools_answers_a_400_naming_them_before_any_upstream_call() throws Exception {
    HttpResponse<String> r = h.post("/v1/responses", fixture("first-request.json", "claude-strict", false));

    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(r.body()).path("error");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.path("message").asText()).contains("web_search").contains("hosted_tools");
    assertThat(h.upstream.requests()).isEmpty();
  }

  // ---- helpers ----

  static String fixture(String name, String route, boolean stream) throws Exception {
    ObjectNode body = (ObjectNode) JSON.readTree(Files.readString(DIR.resolve(name)));
    return body.put("model", route).put("stream", stream).toString();
  }

  static Reply toolCall(String route, boolean stream, String name, String args) {
    return switch (route) {
      case "gemini-test" -> Replies.geminiToolCall(name, args, null);
      case "gpt-test" -> stream ? Replies.openAiToolCallStream(name, args) : Replies.openAiToolCall(name, args);
      default -> stream ? Replies.anthropicToolUseStream(name, args) : Replies.anthropicToolUse(name, args);
    };
  }

  static Reply text(String route, boolean stream, String text) {
    return switch (route) {
      case "gemini-test" -> Replies.geminiText(text);
      case "gpt-test" -> stream ? Replies.openAiStream(text) : Replies.openAiChat(text);
      default -> stream ? Replies.anthropicStream(text) : Replies.anthropicMessage(text);
    };
  }

  /**
   * The one call of the answer, checked the same in every place the stream shows it: the item added,
   * the item done and the completed response.
   */
  static JsonNode onlyCall(HttpResponse<String> r, boolean stream) throws Exception {
    JsonNode output = finalResponse(r, stream).path("output");
    List<JsonNode> calls = new ArrayList<>();
    output.forEach(item -> {
      if (item.path("type").asText().endsWith("call")) {
        calls.add(item);
      }
    });
    assertThat(calls).hasSize(1);
    JsonNode call = calls.getFirst();
    if (stream) {
      List<JsonNode> events = events(r);
      JsonNode added = events.stream().filter(e -> e.path("type").asText().equals("response.output_item.added")
          && e.at("/item/type").asText().equals(call.path("type").asText())).findFirst().orElseThrow().path("item");
      JsonNode done = events.stream().filter(e -> e.path("type").asText().equals("response.output_item.done")
          && e.at("/item/type").asText().equals(call.path("type").asText())).findFirst().orElseThrow().path("item");
      assertThat(added.path("name")).isEqualTo(call.path("name"));
      assertThat(added.path("namespace")).isEqualTo(call.path("namespace"));
      assertThat(done).isEqualTo(call);
      events.stream().filter(e -> e.path("type").asText().equals("response.function_call_arguments.done"))
          .forEach(e -> assertThat(e.path("name")).isEqualTo(call.path("name")));
    }
    return call;
  }

  static JsonNode finalResponse(HttpResponse<String> r, boolean stream) throws Exception {
    if (!stream) {
      return JSON.readTree(r.body());
    }
    JsonNode last = events(r).getLast();
    assertThat(last.path("type").asText()).isEqualTo("response.completed");
    return last.path("response");
  }

  static List<JsonNode> events(HttpResponse<String> r) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (SseEvent e : SseEvent.parse(r.body())) {
      out.add(JSON.readTree(e.data()));
    }
    return out;
  }
}
