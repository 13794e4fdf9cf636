package dev.keypool.agents;

import static dev.keypool.e2e.GatewayHarness.CLIENT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.e2e.GatewayHarness;
import dev.keypool.testkit.RecordedRequest;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Gemini CLI's own requests ({@code agents/gemini-cli/}) through the gateway to a GPT, a Claude and a
 * Gemini route, as {@code generateContent} and as {@code streamGenerateContent?alt=sse}: the upstream
 * gets the prompt as the last user turn, the system instruction as system content and twelve tools it
 * accepts; Gemini CLI gets an answer it parses, a function call under an id it answers with, and its
 * answer to that call paired with the call upstream.
 */
class GeminiCliAgentTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PROMPT = "Read pom.xml and tell me which Java version the project builds with.";
  static final String SYSTEM_START = "You are an interactive command line agent";
  static final String ARGS = "{\"absolute_path\":\"/home/dev/shop/pom.xml\"}";

  /** A route of each format; the Gemini one passes Gemini CLI's bodies through untouched. */
  enum Route {
    GPT("gpt-test"), CLAUDE("claude-test"), GEMINI("gemini-test");

    final String model;

    Route(String model) {
      this.model = model;
    }
  }

  static GatewayHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = GatewayHarness.start(GatewayHarness.WITH_GEMINI);
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @BeforeEach
  void reset() {
    h.upstream.reset();
  }

  @ParameterizedTest
  @EnumSource(Route.class)
  void first_request_as_json_gets_a_function_call_gemini_cli_can_answer(Route route) throws Exception {
    h.upstream.defaultReply(toolCall(route, false));

    HttpResponse<String> r = send(route, "first-request.json", false);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<JsonNode> calls = functionCalls(List.of(JSON.readTree(r.body())));
    assertThat(calls).hasSize(1);
    assertThat(calls.getFirst().path("name").asText()).isEqualTo("read_file");
    assertThat(calls.getFirst().path("args")).isEqualTo(JSON.readTree(ARGS));
    if (route != Route.GEMINI) {
      assertThat(calls.getFirst().path("id").asText()).as("the id Gemini CLI answers under").isNotEmpty();
    }
    assertThat(JSON.readTree(r.body()).at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    checkUpstream(route, 1);
  }

  @ParameterizedTest
  @EnumSource(Route.class)
  void first_request_streamed_as_sse_gets_a_function_call_and_a_finish_reason(Route route) throws Exception {
    h.upstream.defaultReply(toolCall(route, true));

    HttpResponse<String> r = send(route, "first-request.json", true);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    List<JsonNode> chunks = sseData(r.body());
    List<JsonNode> calls = functionCalls(chunks);
    assertThat(calls).extracting(c -> c.path("name").asText()).containsExactly("read_file");
    assertThat(calls.getFirst().path("args")).isEqualTo(JSON.readTree(ARGS));
    JsonNode last = chunks.getLast();
    assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    assertThat(last.at("/usageMetadata/promptTokenCount").isNumber()).isTrue();
    checkUpstream(route, 1);
  }

  @ParameterizedTest
  @EnumSource(Route.class)
  void tool_result_follow_up_pairs_the_answer_with_the_call_and_gets_text(Route route) throws Exception {
    for (boolean stream : new boolean[] {false, true}) {
      h.upstream.reset();
      h.upstream.defaultReply(text(route));

      HttpResponse<String> r = send(route, "tool-result-request.json", stream);

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      List<JsonNode> chunks = stream ? sseData(r.body()) : List.of(JSON.readTree(r.body()));
      assertThat(answerText(chunks)).isEqualTo("Java 21.");
      checkUpstream(route, 2);
    }
  }

  /** What every route's upstream must receive, for a body ending in the prompt (1) or a tool result (2). */
  private void checkUpstream(Route route, int turn) throws Exception {
    RecordedRequest sent = h.upstream.requests().getFirst();
    JsonNode body = sent.bodyJson();
    switch (route) {
      case GEMINI -> assertThat(body).as("passed through untouched")
          .isEqualTo(JSON.readTree(fixture(turn == 1 ? "first-request.json" : "tool-result-request.json")));
      case GPT -> checkOpenAi(body, turn);
      case CLAUDE -> checkAnthropic(body, turn);
    }
  }

  private static void checkOpenAi(JsonNode body, int turn) {
    JsonNode messages = body.path("messages");
    assertThat(messages.at("/0/role").asText()).isEqualTo("system");
    assertThat(messages.at("/0/content").toString()).contains(SYSTEM_START);
    assertThat(lastUserText(messages, "content")).contains(PROMPT);
    assertThat(body.path("tools")).hasSize(12);
    body.path("tools").forEach(t -> rootIsAnObject(t.at("/function/parameters")));
    if (turn == 2) {
      JsonNode call = messages.get(messages.size() - 2);
      JsonNode result = messages.get(messages.size() - 1);
      String id = call.at("/tool_calls/0/id").asText();
      assertThat(call.at("/tool_calls/0/function/name").asText()).isEqualTo("read_file");
      assertThat(result.path("role").asText()).isEqualTo("tool");
      assertThat(result.path("tool_call_id").asText()).isEqualTo(id);
      assertThat(id.length()).as("OpenAI refuses tool call ids over 40 characters").isLessThanOrEqualTo(40);
      assertThat(result.path("content").toString()).contains("maven.compiler.release");
    }
  }

  private static void checkAnthropic(JsonNode body, int turn) {
    assertThat(body.path("system").toString()).contains(SYSTEM_START);
    JsonNode messages = body.path("messages");
    assertThat(lastUserText(messages, "content")).contains(PROMPT);
    assertThat(body.path("tools")).hasSize(12);
    body.path("tools").forEach(t -> rootIsAnObject(t.path("input_schema")));
    if (turn == 2) {
      JsonNode call = messages.get(messages.size() - 2).path("content");
      JsonNode result = messages.get(messages.size() - 1).path("content");
      JsonNode use = call.get(call.size() - 1);
      assertThat(use.path("type").asText()).isEqualTo("tool_use");
      assertThat(use.path("name").asText()).isEqualTo("read_file");
      assertThat(result.at("/0/type").asText()).isEqualTo("tool_result");
      assertThat(result.at("/0/tool_use_id").asText()).isEqualTo(use.path("id").asText()).matches("[A-Za-z0-9_-]+");
    }
  }

  /** What OpenAI and Anthropic require of a tool's root schema. */
  private static void rootIsAnObject(JsonNode schema) {
    assertThat(schema.path("type").asText()).isEqualTo("object");
    assertThat(schema.has("anyOf") || schema.has("oneOf") || schema.has("allOf")).as(schema.toString()).isFalse();
  }

  /** The text of the last user message that has text (a tool result turn may follow it). */
  private static String lastUserText(JsonNode messages, String field) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode m = messages.get(i);
      if ("user".equals(m.path("role").asText()) && m.path(field).toString().contains("\"text\"")
          || "user".equals(m.path("role").asText()) && m.path(field).isTextual()) {
        return m.path(field).toString();
      }
    }
    return "";
  }

  private static Reply toolCall(Route route, boolean stream) {
    return switch (route) {
      case GPT -> stream ? Replies.openAiToolCallStream("read_file", ARGS) : Replies.openAiToolCall("read_file", ARGS);
      case CLAUDE -> stream ? Replies.anthropicToolUseStream("read_file", ARGS) : Replies.anthropicToolUse("read_file", ARGS);
      case GEMINI -> Replies.geminiToolCall("read_file", ARGS, "c2lnbmF0dXJl");
    };
  }

  private static Reply text(Route route) {
    return switch (route) {
      case GPT -> Reply.dynamic(dev.keypool.testkit.WireFormat.OPENAI, r -> (r.streaming()
          ? Replies.openAiStream("Java ", "21.") : Replies.openAiChat("Java 21.")).resolve(r));
      case CLAUDE -> Reply.dynamic(dev.keypool.testkit.WireFormat.ANTHROPIC, r -> (r.streaming()
          ? Replies.anthropicStream("Java ", "21.") : Replies.anthropicMessage("Java 21.")).resolve(r));
      case GEMINI -> Replies.geminiText("Java ", "21.");
    };
  }

  private static HttpResponse<String> send(Route route, String fixture, boolean stream) throws Exception {
    String path = "/v1beta/models/" + route.model + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
    return h.postRaw(path, fixture(fixture), "content-type", "application/json", "x-goog-api-key", CLIENT_KEY,
        "user-agent", "GeminiCLI/0.20.0 (linux; x64)");
  }

  static String fixture(String name) throws IOException {
    try (InputStream in = GeminiCliAgentTest.class.getResourceAsStream("/agents/gemini-cli/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<JsonNode> functionCalls(List<JsonNode> chunks) {
    List<JsonNode> out = new ArrayList<>();
    chunks.forEach(c -> c.at("/candidates/0/content/parts").forEach(p -> {
      if (p.has("functionCall")) {
        out.add(p.get("functionCall"));
      }
    }));
    return out;
  }

  /** The answer as Gemini CLI reads it: the text of every part that is not a thought. */
  private static String answerText(List<JsonNode> chunks) {
    StringBuilder sb = new StringBuilder();
    chunks.forEach(c -> c.at("/candidates/0/content/parts").forEach(p -> {
      if (!p.path("thought").asBoolean(false)) {
        sb.append(p.path("text").asText(""));
      }
    }));
    return sb.toString();
  }

  static List<JsonNode> sseData(String body) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : body.split("\r?\n")) {
      if (line.startsWith("data: ")) {
        out.add(JSON.readTree(line.substring(6)));
      }
    }
    return out;
  }
}
