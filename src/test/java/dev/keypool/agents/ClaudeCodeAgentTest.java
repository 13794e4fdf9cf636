package dev.keypool.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.e2e.GatewayHarness;
import dev.keypool.testkit.RecordedRequest;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Claude Code's own requests (reconstructed from its published format: system blocks with
 * {@code cache_control}, a system reminder inside {@code messages} after the prompt, adaptive thinking
 * with an effort, deferred tools, a server tool, {@code context_management}, {@code ?beta=true} and
 * {@code anthropic-beta}) through a GPT, a Gemini and a Claude route, as JSON and as a stream. The
 * upstream must get the prompt as the last user turn and the reminder as system content; the client
 * must get an answer it parses, with the tool call under the name it sent.
 */
class ClaudeCodeAgentTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PROMPT = "List the Java files under src and tell me which one is the largest.";
  static final String REMINDER = "The following agent types are available for the Task tool";
  static final String GLOB_ARGS = "{\"pattern\":\"src/**/*.java\"}";
  static final String ANSWER = "The largest is src/main/java/App.java.";

  static GatewayHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = GatewayHarness.start(GatewayHarness.WITH_GEMINI.replace("models:\n", """
        models:
          - { id: cc-gpt, candidates: [ { provider: openai, model: gpt-5.1 } ] }
          - { id: cc-gemini, candidates: [ { provider: gemini, model: gemini-2.5-pro } ] }
          - { id: cc-claude, candidates: [ { provider: anthropic, model: claude-opus-4-6 } ] }
        """));
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @BeforeEach
  void reset() {
    h.upstream.reset();
  }

  static Stream<Arguments> routes() {
    return Stream.of(Target.values()).flatMap(t -> Stream.of(Arguments.of(t, false), Arguments.of(t, true)));
  }

  @ParameterizedTest(name = "{0}, stream={1}")
  @MethodSource("routes")
  void first_request_reaches_the_upstream_with_the_prompt_last_and_the_reminder_as_system(Target target,
      boolean stream) throws Exception {
    h.upstream.defaultReply(target.toolCall());

    ObjectNode request = fixture("first-request.json", target, stream);
    HttpResponse<String> response = send(request);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    ClientAnswer answer = ClientAnswer.parse(response.body(), stream);
    assertThat(answer.toolNames()).containsExactly("Glob");
    assertThat(answer.toolInputs().getFirst().path("pattern").asText()).isEqualTo("src/**/*.java");

    RecordedRequest sent = h.upstream.requests().getFirst();
    UpstreamView view = UpstreamView.of(target, sent);
    assertThat(view.lastUserTurnText()).endsWith(PROMPT);
    assertThat(view.userTurnsText()).doesNotContain(REMINDER);
    assertThat(view.systemText()).contains(REMINDER).contains("You are Claude Code");
    assertThat(view.toolNames()).contains("Glob", "Bash", "Task", "mcp__github__create_issue")
        .doesNotContain("tool_search_tool_regex").hasSize(17);
    if (target == Target.CLAUDE) {
      assertPassedThrough(request, sent);
    } else {
      assertTranslatedCleanly(sent);
      assertThat(view.reasoning()).isEqualTo(target == Target.GPT ? "high" : "16384 thoughts");
    }
  }

  @ParameterizedTest(name = "{0}, stream={1}")
  @MethodSource("routes")
  void tool_result_follow_up_reaches_the_upstream_paired_with_its_call(Target target, boolean stream)
      throws Exception {
    h.upstream.defaultReply(target.text());

    ObjectNode request = fixture("tool-result-request.json", target, stream);
    HttpResponse<String> response = send(request);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(ClientAnswer.parse(response.body(), stream).text()).isEqualTo(ANSWER);
    RecordedRequest sent = h.upstream.requests().getFirst();
    UpstreamView view = UpstreamView.of(target, sent);
    assertThat(view.lastTurnIsResultOf("toolu_01A2b3C4d5E6f7G8h9", "Glob")).isTrue();
    assertThat(view.userTurnsText()).contains(PROMPT).doesNotContain(REMINDER);
    assertThat(view.systemText()).contains(REMINDER);
    if (target == Target.CLAUDE) {
      assertPassedThrough(request, sent);
    } else {
      assertTranslatedCleanly(sent);
    }
  }

  /** The same format gets the client's bytes (but the model), its beta query and its beta header. */
  private static void assertPassedThrough(ObjectNode request, RecordedRequest sent) throws IOException {
    assertThat(sent.path()).isEqualTo("/v1/messages");
    assertThat(sent.query()).isEqualTo("beta=true");
    assertThat(sent.header("anthropic-beta")).isEqualTo(headers().path("anthropic-beta").asText());
    ObjectNode expected = request.deepCopy().put("model", "claude-opus-4-6");
    assertThat(sent.bodyJson()).isEqualTo(expected);
  }

  /** Another format gets none of Anthropic's marks, beta fields or headers. */
  private static void assertTranslatedCleanly(RecordedRequest sent) {
    assertThat(sent.header("anthropic-beta")).isNull();
    assertThat(sent.header("anthropic-version")).isNull();
    assertThat(String.valueOf(sent.query())).doesNotContain("beta");
    assertThat(sent.bodyText()).doesNotContain("cache_control", "context_management", "defer_loading",
        "output_config", "x-anthropic-billing-header");
  }

  static HttpResponse<String> send(ObjectNode request) throws Exception {
    JsonNode headers = headers();
    return h.post("/v1/messages?beta=true", JSON.writeValueAsString(request),
        "anthropic-version", headers.path("anthropic-version").asText(),
        "anthropic-beta", headers.path("anthropic-beta").asText(),
        "x-app", headers.path("x-app").asText());
  }

  static ObjectNode fixture(String name, Target target, boolean stream) throws IOException {
    ObjectNode body = (ObjectNode) resource(name);
    return body.put("model", target.route).put("stream", stream);
  }

  static JsonNode headers() throws IOException {
    return resource("headers.json");
  }

  private static JsonNode resource(String name) throws IOException {
    try (InputStream in = ClaudeCodeAgentTest.class.getResourceAsStream("/agents/claude-code/" + name)) {
      return JSON.readTree(in);
    }
  }

  /** The three routes: one per upstream format. */
  enum Target {
    GPT("cc-gpt"),
    GEMINI("cc-gemini"),
    CLAUDE("cc-claude");

    final String route;

    Target(String route) {
      this.route = route;
    }

    Reply toolCall() {
      return switch (this) {
        case GPT -> Reply.dynamic(dev.keypool.testkit.WireFormat.OPENAI, r -> r.streaming()
            ? Replies.openAiToolCallStream("Glob", GLOB_ARGS) : Replies.openAiToolCall("Glob", GLOB_ARGS));
        case GEMINI -> Replies.geminiToolCall("Glob", GLOB_ARGS, null);
        case CLAUDE -> Reply.dynamic(dev.keypool.testkit.WireFormat.ANTHROPIC, r -> r.streaming()
            ? Replies.anthropicToolUseStream("Glob", GLOB_ARGS) : Replies.anthropicToolUse("Glob", GLOB_ARGS));
      };
    }

    Reply text() {
      return switch (this) {
        case GPT -> Reply.dynamic(dev.keypool.testkit.WireFormat.OPENAI, r -> r.streaming()
            ? Replies.openAiStream("The largest is ", "src/main/java/App.java.") : Replies.openAiChat(ANSWER));
        case GEMINI -> Replies.geminiText("The largest is ", "src/main/java/App.java.");
        case CLAUDE -> Reply.dynamic(dev.keypool.testkit.WireFormat.ANTHROPIC, r -> r.streaming()
            ? Replies.anthropicStream("The largest is ", "src/main/java/App.java.") : Replies.anthropicMessage(ANSWER));
      };
    }
  }

  /** What the Anthropic client got back: text and tool calls, from a message or its event stream. */
  record ClientAnswer(String text, List<String> toolNames, List<JsonNode> toolInputs) {
    static ClientAnswer parse(String body, boolean stream) throws IOException {
      StringBuilder text = new StringBuilder();
      List<String> names = new ArrayList<>();
      List<JsonNode> inputs = new ArrayList<>();
      if (!stream) {
        for (JsonNode block : JSON.readTree(body).path("content")) {
          if (block.path("type").asText().equals("text")) {
            text.append(block.path("text").asText());
          } else if (block.path("type").asText().equals("tool_use")) {
            names.add(block.path("name").asText());
            inputs.add(block.path("input"));
          }
        }
        return new ClientAnswer(text.toString(), names, inputs);
      }
      StringBuilder partial = null;
      boolean stopped = false;
      for (String line : body.split("\n")) {
        if (!line.startsWith("data:")) {
          continue;
        }
        JsonNode event = JSON.readTree(line.substring(5).trim());
        switch (event.path("type").asText()) {
          case "content_block_start" -> {
            if (event.at("/content_block/type").asText().equals("tool_use")) {
              names.add(event.at("/content_block/name").asText());
              partial = new StringBuilder();
            }
          }
          case "content_block_delta" -> {
            JsonNode delta = event.path("delta");
            if (delta.path("type").asText().equals("text_delta")) {
              text.append(delta.path("text").asText());
            } else if (delta.path("type").asText().equals("input_json_delta") && partial != null) {
              partial.append(delta.path("partial_json").asText());
            }
          }
          case "content_block_stop" -> {
            if (partial != null) {
              inputs.add(JSON.readTree(partial.toString()));
              partial = null;
            }
          }
          case "message_stop" -> stopped = true;
          default -> { }
        }
      }
      assertThat(stopped).as("the stream ends with message_stop").isTrue();
      return new ClientAnswer(text.toString(), names, inputs);
    }
  }
}
