package dev.keypool.e2e;

import static dev.keypool.e2e.GatewayHarness.chat;
import static dev.keypool.e2e.GatewayHarness.chatStream;
import static dev.keypool.e2e.GatewayHarness.message;
import static dev.keypool.e2e.GatewayHarness.messageStream;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.testkit.RecordedRequest;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.WireFormat;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chat across wire formats: an OpenAI client served by an Anthropic provider and an Anthropic client
 * served by an OpenAI provider, plain and streamed, with tool calls, errors, fallback across formats
 * and exact accounting from the provider's own figures.
 */
class TranslationTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CONFIG = GatewayHarness.STANDARD.replace("  - { id: cross-test",
      "  - { id: mixed-test, candidates: [ { provider: anthropic, model: claude-upstream },"
          + " { provider: openai, model: gpt-upstream } ] }\n"
          + "  - { id: claude-pinned, candidates: [ { provider: anthropic-pinned, model: claude-upstream } ] }\n"
          + "  - { id: cross-test")
      .replace("models:\n", """
        - id: anthropic-pinned
          format: anthropic
          base_url: UPSTREAM
          headers: { anthropic-version: "2026-10-21" }
          keys:
            - { name: p, secret: ant-p }
      models:
      """) + """
      prices:
        gpt-upstream: { input: 2.50, output: 10.00 }
        claude-upstream: { input: 3.00, output: 15.00 }
      """;
  static final String TOOLS_CHAT = """
      {"model":"claude-test","stream":true,"stream_options":{"include_usage":true},
       "messages":[{"role":"user","content":"Weather in Paris?"}],
       "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]}
      """;
  static final String TOOLS_MESSAGE = """
      {"model":"gpt-test","max_tokens":100,"stream":true,
       "messages":[{"role":"user","content":"Weather in Paris?"}],
       "tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}]}
      """;
  static final String ARGS = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";

  GatewayHarness h;

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.start(CONFIG);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  // ---- OpenAI client, Anthropic provider ----

  @Test
  void openai_client_gets_a_chat_completion_from_a_claude_route() throws Exception {
    h.upstream.defaultReply(Replies.anthropicMessage("Hello there", 11, 7));
    HttpResponse<String> r = h.post("/v1/chat/completions", chat("claude-test"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Hello there");
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(11);
    assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(7);

    RecordedRequest sent = h.upstream.requests().getFirst();
    assertThat(sent.path()).isEqualTo("/v1/messages");
    assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(sent.key()).startsWith("ant-");
    assertThat(sent.bodyJson().path("model").asText()).isEqualTo("claude-upstream");
    assertThat(sent.bodyJson().path("max_tokens").asInt()).as("default cap for an OpenAI client").isEqualTo(4096);
    assertThat(sent.bodyJson().at("/messages/0/role").asText()).isEqualTo("user");

    JsonNode rec = record(r);
    assertThat(rec.path("model_served").asText()).isEqualTo("claude-upstream");
    assertThat(rec.path("input_tokens").asLong()).isEqualTo(11);
    assertThat(rec.path("output_tokens").asLong()).isEqualTo(7);
    assertThat(rec.path("usage_source").asText()).isEqualTo("provider");
    assertThat(rec.path("cost_nanos").asLong()).isEqualTo(11 * 3_000 + 7 * 15_000);
  }

  @Test
  void openai_client_streams_from_a_claude_route_with_usage_when_asked() throws Exception {
    h.upstream.defaultReply(Replies.anthropicStreamWithUsage(25, 9, "Hel", "lo", " world"));
    String body = chatStream("claude-test").replace("\"stream\":true", "\"stream\":true,\"stream_options\":{\"include_usage\":true}");
    HttpResponse<String> r = h.post("/v1/chat/completions", body);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    List<JsonNode> chunks = openAiChunks(r.body());
    assertThat(r.body()).endsWith("data: [DONE]\n\n");
    StringBuilder text = new StringBuilder();
    chunks.forEach(c -> text.append(c.at("/choices/0/delta/content").asText("")));
    assertThat(text).hasToString("Hello world");
    assertThat(chunks).anyMatch(c -> "stop".equals(c.at("/choices/0/finish_reason").asText()));
    JsonNode usage = chunks.getLast();
    assertThat(usage.path("choices")).isEmpty();
    assertThat(usage.at("/usage/prompt_tokens").asInt()).isEqualTo(25);
    assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(9);
    assertThat(h.upstream.requests().getFirst().bodyJson().path("stream").asBoolean()).isTrue();

    JsonNode rec = record(r);
    assertThat(rec.path("stream").asBoolean()).isTrue();
    assertThat(rec.path("input_tokens").asLong()).isEqualTo(25);
    assertThat(rec.path("output_tokens").asLong()).isEqualTo(9);
    assertThat(rec.path("usage_source").asText()).isEqualTo("provider");
  }

  @Test
  void openai_client_without_include_usage_sees_no_usage_chunk_but_the_record_has_it() throws Exception {
    h.upstream.defaultReply(Replies.anthropicStreamWithUsage(25, 9, "a", "b"));
    HttpResponse<String> r = h.post("/v1/chat/completions", chatStream("claude-test"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("prompt_tokens").endsWith("data: [DONE]\n\n");
    JsonNode rec = record(r);
    assertThat(rec.path("input_tokens").asLong()).isEqualTo(25);
    assertThat(rec.path("output_tokens").asLong()).isEqualTo(9);
    assertThat(rec.path("usage_source").asText()).isEqualTo("provider");
  }

  @Test
  void openai_client_gets_a_streamed_tool_call_from_a_claude_route() throws Exception {
    h.upstream.defaultReply(Replies.anthropicToolUseStream("get_weather", ARGS));
    HttpResponse<String> r = h.post("/v1/chat/completions", TOOLS_CHAT);

    assertThat(r.statusCode()).isEqualTo(200);
    StringBuilder args = new StringBuilder();
    String name = null;
    String id = null;
    int fragments = 0;
    for (JsonNode c : openAiChunks(r.body())) {
      for (JsonNode call : c.at("/choices/0/delta/tool_calls")) {
        assertThat(call.path("index").asInt()).isZero();
        if (call.has("id")) {
          id = call.path("id").asText();
          name = call.at("/function/name").asText();
        }
        String piece = call.at("/function/arguments").asText("");
        if (!piece.isEmpty()) {
          fragments++;
          args.append(piece);
        }
      }
    }
    assertThat(name).isEqualTo("get_weather");
    assertThat(id).startsWith("toolu_");
    assertThat(fragments).as("arguments streamed in fragments").isEqualTo(3);
    assertThat(JSON.readTree(args.toString())).isEqualTo(JSON.readTree(ARGS));
    assertThat(r.body()).contains("\"finish_reason\":\"tool_calls\"");

    JsonNode sentTool = h.upstream.requests().getFirst().bodyJson().at("/tools/0");
    assertThat(sentTool.path("name").asText()).isEqualTo("get_weather");
    assertThat(sentTool.at("/input_schema/type").asText()).isEqualTo("object");
    assertThat(record(r).path("output_tokens").asLong()).isEqualTo(12);
  }

  @Test
  void anthropic_rate_limit_reaches_an_openai_client_as_an_openai_429_after_failover() throws Exception {
    h.upstream.script("ant-a", Replies.rateLimited(WireFormat.ANTHROPIC, Duration.ofSeconds(5)));
    h.upstream.script("ant-b", Replies.rateLimited(WireFormat.ANTHROPIC, Duration.ofSeconds(5)));
    HttpResponse<String> r = h.post("/v1/chat/completions", chat("claude-test"));

    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(r.headers().firstValue("retry-after")).isPresent();
    JsonNode root = JSON.readTree(r.body());
    assertThat(root.has("type")).as("not Anthropic's envelope").isFalse();
    JsonNode err = root.path("error");
    assertThat(err.path("message").asText()).contains("rate limit");
    assertThat(err.path("code").asText()).isEqualTo("rate_limit_exceeded");
    assertThat(err.has("param")).as("OpenAI's error object").isTrue();
    assertThat(h.upstream.requests()).hasSize(2).allMatch(q -> q.path().equals("/v1/messages"));
    assertThat(record(r).path("status").asInt()).isEqualTo(429);
  }

  @Test
  void anthropic_caller_fault_reaches_an_openai_client_as_an_openai_400_without_retry() throws Exception {
    h.upstream.defaultReply(Replies.anthropicError(400, "invalid_request_error", "messages: too many"));
    HttpResponse<String> r = h.post("/v1/chat/completions", chat("claude-test"));

    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode err = JSON.readTree(r.body()).path("error");
    assertThat(err.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(err.path("message").asText()).isEqualTo("messages: too many");
    assertThat(h.upstream.requests()).hasSize(1);
  }

  @Test
  void anthropic_version_sent_and_written_for_is_the_providers_configured_one() throws Exception {
    String body = "{\"model\":\"claude-pinned\",\"temperature\":0.5,\"max_tokens\":50,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    assertThat(h.post("/v1/chat/completions", body, "anthropic-version", "2023-06-01").statusCode()).isEqualTo(200);
    assertThat(h.post("/v1/chat/completions", body.replace("claude-pinned", "claude-test")).statusCode())
        .isEqualTo(200);

    RecordedRequest pinned = h.upstream.requests().get(0);
    assertThat(pinned.header("anthropic-version")).isEqualTo("2026-10-21");
    assertThat(pinned.bodyJson().has("temperature")).as("2026-10-21 rejects sampling parameters").isFalse();
    assertThat(pinned.bodyJson().path("max_tokens").asInt()).isEqualTo(50);
    RecordedRequest standard = h.upstream.requests().get(1);
    assertThat(standard.header("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(standard.bodyJson().path("temperature").asDouble()).isEqualTo(0.5);
  }

  // ---- Anthropic client, OpenAI provider ----

  @Test
  void anthropic_client_gets_a_message_from_a_gpt_route() throws Exception {
    h.upstream.defaultReply(Replies.openAiChat("Hi there", 13, 4));
    HttpResponse<String> r = h.post("/v1/messages", message("gpt-test"), "anthropic-version", "2023-06-01",
        "anthropic-beta", "some-beta");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("type").asText()).isEqualTo("message");
    assertThat(body.path("role").asText()).isEqualTo("assistant");
    assertThat(body.at("/content/0/type").asText()).isEqualTo("text");
    assertThat(body.at("/content/0/text").asText()).isEqualTo("Hi there");
    assertThat(body.path("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(body.at("/usage/input_tokens").asInt()).isEqualTo(13);
    assertThat(body.at("/usage/output_tokens").asInt()).isEqualTo(4);

    RecordedRequest sent = h.upstream.requests().getFirst();
    assertThat(sent.path()).isEqualTo("/v1/chat/completions");
    assertThat(sent.key()).startsWith("sk-");
    assertThat(sent.header("anthropic-version")).as("client's format headers stay behind").isNull();
    assertThat(sent.header("anthropic-beta")).isNull();
    assertThat(sent.bodyJson().path("model").asText()).isEqualTo("gpt-upstream");

    JsonNode rec = record(r);
    assertThat(rec.path("input_tokens").asLong()).isEqualTo(13);
    assertThat(rec.path("output_tokens").asLong()).isEqualTo(4);
    assertThat(rec.path("usage_source").asText()).isEqualTo("provider");
    assertThat(rec.path("cost_nanos").asLong()).isEqualTo(13 * 2_500 + 4 * 10_000);
  }

  @Test
  void anthropic_client_streams_from_a_gpt_route_with_usage_in_message_delta() throws Exception {
    h.upstream.defaultReply(Replies.openAiStreamWithUsage(30, 5, "Hel", "lo"));
    HttpResponse<String> r = h.post("/v1/messages", messageStream("gpt-test"), "anthropic-version", "2023-06-01");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    List<JsonNode> events = anthropicEvents(r.body());
    assertThat(events.stream().map(e -> e.path("type").asText()).distinct())
        .containsExactly("message_start", "content_block_start", "content_block_delta", "content_block_stop",
            "message_delta", "message_stop");
    StringBuilder text = new StringBuilder();
    events.forEach(e -> text.append(e.at("/delta/text").asText("")));
    assertThat(text).hasToString("Hello");
    JsonNode delta = events.stream().filter(e -> e.path("type").asText().equals("message_delta")).findFirst().orElseThrow();
    assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
    assertThat(delta.at("/usage/output_tokens").asInt()).isEqualTo(5);
    assertThat(delta.at("/usage/input_tokens").asInt()).isEqualTo(30);
    assertThat(h.upstream.requests().getFirst().bodyJson().at("/stream_options/include_usage").asBoolean())
        .as("usage asked of the OpenAI upstream").isTrue();

    JsonNode rec = record(r);
    assertThat(rec.path("input_tokens").asLong()).isEqualTo(30);
    assertThat(rec.path("output_tokens").asLong()).isEqualTo(5);
    assertThat(rec.path("usage_source").asText()).isEqualTo("provider");
  }

  @Test
  void anthropic_client_gets_streamed_tool_use_from_a_gpt_route() throws Exception {
    h.upstream.defaultReply(Replies.openAiToolCallStream("get_weather", ARGS));
    HttpResponse<String> r = h.post("/v1/messages", TOOLS_MESSAGE, "anthropic-version", "2023-06-01");

    assertThat(r.statusCode()).isEqualTo(200);
    List<JsonNode> events = anthropicEvents(r.body());
    JsonNode start = events.stream().filter(e -> e.at("/content_block/type").asText().equals("tool_use"))
        .findFirst().orElseThrow();
    assertThat(start.at("/content_block/name").asText()).isEqualTo("get_weather");
    assertThat(start.at("/content_block/id").asText()).startsWith("call_");
    StringBuilder input = new StringBuilder();
    events.forEach(e -> input.append(e.at("/delta/partial_json").asText("")));
    assertThat(JSON.readTree(input.toString())).isEqualTo(JSON.readTree(ARGS));
    assertThat(r.body()).contains("\"stop_reason\":\"tool_use\"");

    JsonNode sentTool = h.upstream.requests().getFirst().bodyJson().at("/tools/0");
    assertThat(sentTool.path("type").asText()).isEqualTo("function");
    assertThat(sentTool.at("/function/name").asText()).isEqualTo("get_weather");
    assertThat(record(r).path("output_tokens").asLong()).isEqualTo(12);
  }

  @Test
  void anthropic_client_gets_plain_tool_use_from_a_gpt_route() throws Exception {
    h.upstream.defaultReply(Replies.openAiToolCall("get_weather", ARGS));
    HttpResponse<String> r = h.post("/v1/messages", TOOLS_MESSAGE.replace("\"stream\":true,", ""),
        "anthropic-version", "2023-06-01");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("stop_reason").asText()).isEqualTo("tool_use");
    JsonNode use = body.at("/content/0");
    assertThat(use.path("type").asText()).isEqualTo("tool_use");
    assertThat(use.path("name").asText()).isEqualTo("get_weather");
    assertThat(use.path("input")).isEqualTo(JSON.readTree(ARGS));
  }

  // ---- Fallback across formats ----

  @Test
  void overloaded_anthropic_candidate_falls_back_to_the_openai_one() throws Exception {
    h.upstream.script("ant-a", Replies.anthropicOverloaded());
    h.upstream.script("ant-b", Replies.anthropicOverloaded());
    h.upstream.defaultReply(Replies.openAiChat("From GPT", 3, 2));
    HttpResponse<String> r = h.post("/v1/chat/completions", chat("mixed-test"));

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("From GPT");
    assertThat(body.path("model").asText()).isEqualTo("gpt-upstream");
    assertThat(h.upstream.requests()).extracting(RecordedRequest::path)
        .containsExactly("/v1/messages", "/v1/chat/completions");
    JsonNode rec = record(r);
    assertThat(rec.path("attempts")).hasSize(2);
    assertThat(rec.path("model_served").asText()).isEqualTo("gpt-upstream");
    assertThat(rec.path("input_tokens").asLong()).isEqualTo(3);
  }

  @Test
  void mixed_route_serves_an_anthropic_client_from_the_first_candidate_as_is() throws Exception {
    h.upstream.defaultReply(Replies.anthropicMessage("From Claude", 3, 2));
    HttpResponse<String> r = h.post("/v1/messages", message("mixed-test"), "anthropic-version", "2023-06-01");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).at("/content/0/text").asText()).isEqualTo("From Claude");
    assertThat(h.upstream.requests()).extracting(RecordedRequest::path).containsExactly("/v1/messages");
  }

  @Test
  void translated_stream_that_dies_before_any_content_is_retried_on_the_next_candidate() throws Exception {
    h.upstream.script("ant-a", Replies.anthropicStream("never", " seen").cutAfterEvents(1));
    h.upstream.script("ant-b", Replies.anthropicStream("never", " seen").cutAfterEvents(1));
    h.upstream.defaultReply(Replies.openAiStream("fresh"));
    HttpResponse<String> r = h.post("/v1/chat/completions", chatStream("mixed-test"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("fresh").doesNotContain("never");
    assertThat(h.upstream.requests().getLast().path()).isEqualTo("/v1/chat/completions");
  }

  @Test
  void translated_stream_cut_after_content_ends_with_an_error_in_the_clients_format() throws Exception {
    h.upstream.defaultReply(Replies.anthropicStreamWithUsage(20, 9, "first ", "second ", "third").cutAfterEvents(5));
    HttpResponse<String> r = h.post("/v1/chat/completions", chatStream("claude-test"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("first", "second").doesNotContain("third").doesNotContain("event: error");
    JsonNode last = openAiChunks(r.body()).getLast();
    assertThat(last.at("/error/message").asText()).contains("interrupted");
    assertThat(h.upstream.requests()).as("nothing retried once content reached the client").hasSize(1);
    JsonNode rec = record(r);
    assertThat(rec.path("outcome").asText()).isEqualTo("error");
    assertThat(rec.path("usage_source").asText()).isEqualTo("estimated");
  }

  static List<JsonNode> openAiChunks(String sse) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : sse.split("\n")) {
      if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
        out.add(JSON.readTree(line.substring(6)));
      }
    }
    return out;
  }

  static List<JsonNode> anthropicEvents(String sse) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : sse.split("\n")) {
      if (line.startsWith("data: ")) {
        out.add(JSON.readTree(line.substring(6)));
      }
    }
    return out;
  }

  JsonNode record(HttpResponse<String> response) throws Exception {
    return h.record(response);
  }
}
