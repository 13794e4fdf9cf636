package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.SseEvent;
import dev.keypool.testkit.WireFormat;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fake streaming: a streaming client on a {@code fake_stream} route gets keep-alive comments while the
 * upstream, asked without streaming, works; then the whole answer as SSE of the client's format.
 */
public class FakeStreamTest extends SseGatewayTest {
  public static final String CONFIG = GatewayHarness.WITH_GEMINI.replace("models:\n", """
      models:
        - { id: fake-gemini, fake_stream: true, keep_alive: 200ms, candidates: [ { provider: gemini, model: gemini-upstream } ] }
        - { id: fake-gpt, fake_stream: true, keep_alive: 200ms, candidates: [ { provider: openai, model: gpt-upstream } ] }
        - { id: fake-claude, fake_stream: true, keep_alive: 200ms, candidates: [ { provider: anthropic, model: claude-upstream } ] }
      """);
  /** Long enough for a few keep-alives, well within the providers' 2 s first-byte timeout. */
  static final Duration SLOW = Duration.ofMillis(700);
  static final String ARGS = "{\"city\":\"Paris\"}";
  static final String TOOLS_CHAT = """
      {"model":"fake-gpt","stream":true,"stream_options":{"include_usage":true},
       "messages":[{"role":"user","content":"Weather in Paris?"}],
       "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]}
      """;

  @Override
  String config() {
    return CONFIG;
  }

  @Test
  void openai_client_gets_keep_alives_then_the_tool_call_as_chunks_with_usage() throws Exception {
    h.upstream.defaultReply(Replies.openAiToolCall("get_weather", ARGS).delayed(SLOW));
    HttpResponse<String> r = h.post("/v1/chat/completions", TOOLS_CHAT);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    JsonNode sent = h.upstream.requests().getFirst().bodyJson();
    assertThat(sent.path("stream").asBoolean(false)).as("the upstream is not asked to stream").isFalse();
    assertThat(sent.has("stream_options")).isFalse();
    assertKeepAlivesFirst(r.body());
    assertThat(r.body()).endsWith("data: [DONE]\n\n");

    List<JsonNode> chunks = dataChunks(r.body());
    chunks.forEach(c -> assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk"));
    JsonNode call = chunks.stream().map(c -> c.at("/choices/0/delta/tool_calls/0")).filter(JsonNode::isObject)
        .filter(c -> c.has("id")).findFirst().orElseThrow();
    assertThat(call.at("/function/name").asText()).isEqualTo("get_weather");
    StringBuilder args = new StringBuilder();
    chunks.forEach(c -> args.append(c.at("/choices/0/delta/tool_calls/0/function/arguments").asText("")));
    assertThat(JSON.readTree(args.toString())).isEqualTo(JSON.readTree(ARGS));
    assertThat(r.body()).contains("\"finish_reason\":\"tool_calls\"");
    JsonNode usage = chunks.getLast();
    assertThat(usage.path("choices")).isEmpty();
    assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(12);

    JsonNode rec = h.record(r);
    assertThat(rec.path("output_tokens").asLong()).isEqualTo(12);
    assertThat(rec.path("input_tokens").asLong()).isEqualTo(usage.at("/usage/prompt_tokens").asLong());
    assertThat(rec.path("usage_source").asText()).isEqualTo("provider");
  }

  @Test
  void anthropic_client_gets_the_message_events_including_a_tool_use() throws Exception {
    h.upstream.defaultReply(Replies.anthropicToolUse("get_weather", ARGS).delayed(SLOW));
    HttpResponse<String> r = h.post("/v1/messages", """
        {"model":"fake-claude","max_tokens":100,"stream":true,
         "messages":[{"role":"user","content":"Weather in Paris?"}],
         "tools":[{"name":"get_weather","input_schema":{"type":"object"}}]}
        """, "anthropic-version", "2023-06-01");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(h.upstream.requests().getFirst().bodyJson().path("stream").asBoolean(false)).isFalse();
    assertKeepAlivesFirst(r.body());
    List<String> names = SseEvent.parse(r.body()).stream().map(SseEvent::event).filter(e -> e != null).toList();
    assertThat(names).containsSubsequence("message_start", "content_block_start", "content_block_delta",
        "content_block_stop", "message_delta", "message_stop");
    assertThat(r.body()).contains("\"type\":\"tool_use\"").contains("\"name\":\"get_weather\"")
        .contains("input_json_delta").contains("\"stop_reason\":\"tool_use\"");
    JsonNode delta = SseEvent.parse(r.body()).stream().filter(e -> "message_delta".equals(e.event()))
        .map(e -> read(e.data())).findFirst().orElseThrow();
    assertThat(delta.at("/usage/output_tokens").asInt()).isEqualTo(12);
    assertThat(h.record(r).path("output_tokens").asLong()).isEqualTo(12);
  }

  @Test
  void openai_client_on_a_translated_route_gets_text_chunks_without_usage_when_not_asked() throws Exception {
    h.upstream.defaultReply(Replies.anthropicMessage("Hello there", 9, 3).delayed(SLOW));
    HttpResponse<String> r = h.post("/v1/chat/completions", GatewayHarness.chatStream("fake-claude"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(h.upstream.requests().getFirst().path()).isEqualTo("/v1/messages");
    assertKeepAlivesFirst(r.body());
    StringBuilder text = new StringBuilder();
    dataChunks(r.body()).forEach(c -> text.append(c.at("/choices/0/delta/content").asText("")));
    assertThat(text).hasToString("Hello there");
    assertThat(r.body()).doesNotContain("prompt_tokens").endsWith("data: [DONE]\n\n");
    JsonNode rec = h.record(r);
    assertThat(rec.path("input_tokens").asLong()).isEqualTo(9);
    assertThat(rec.path("output_tokens").asLong()).isEqualTo(3);
  }

  @Test
  void a_completions_client_gets_text_completion_chunks_from_a_non_streamed_completion() throws Exception {
    h.upstream.defaultReply(Replies.openAiTextCompletion("Once upon a time", 4, 4).delayed(SLOW));
    HttpResponse<String> r = h.post("/v1/completions", "{\"model\":\"fake-gpt\",\"prompt\":\"Tell\",\"stream\":true}");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode sent = h.upstream.requests().getFirst().bodyJson();
    assertThat(h.upstream.requests().getFirst().path()).as("still a completion").isEqualTo("/v1/completions");
    assertThat(sent.path("stream").asBoolean(false)).isFalse();
    assertThat(sent.path("prompt").asText()).isEqualTo("Tell");
    assertKeepAlivesFirst(r.body());
    List<JsonNode> chunks = dataChunks(r.body());
    chunks.forEach(c -> assertThat(c.path("object").asText()).isEqualTo("text_completion"));
    assertThat(chunks.getFirst().at("/choices/0/text").asText()).isEqualTo("Once upon a time");
    assertThat(r.body()).doesNotContain("prompt_tokens").endsWith("data: [DONE]\n\n");
    assertThat(h.record(r).path("output_tokens").asLong()).isEqualTo(4);
  }

  @Test
  void a_gemini_client_gets_gemini_sse() throws Exception {
    h.upstream.defaultReply(Replies.geminiTextWithUsage(6, 2, 0, 0, null, "Hallo Welt").delayed(SLOW));
    HttpResponse<String> r = h.postRaw("/v1beta/models/fake-gemini:streamGenerateContent?alt=sse",
        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}",
        "content-type", "application/json", "x-goog-api-key", GatewayHarness.CLIENT_KEY);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(h.upstream.requests().getFirst().path()).isEqualTo("/v1beta/models/gemini-upstream:generateContent");
    assertKeepAlivesFirst(r.body());
    StringBuilder text = new StringBuilder();
    dataChunks(r.body()).forEach(c -> text.append(c.at("/candidates/0/content/parts/0/text").asText("")));
    assertThat(text).hasToString("Hallo Welt");
    assertThat(r.body()).contains("\"promptTokenCount\":6");
    JsonNode rec = h.record(r);
    assertThat(rec.path("input_tokens").asLong()).isEqualTo(6);
    assertThat(rec.path("output_tokens").asLong()).isEqualTo(2);
  }

  @Test
  void a_quick_answer_needs_no_keep_alive_and_a_non_streaming_client_is_unaffected() throws Exception {
    h.upstream.defaultReply(Replies.openAiChat("Quick", 3, 1));
    HttpResponse<String> streamed = h.post("/v1/chat/completions", GatewayHarness.chatStream("fake-gpt"));
    assertThat(streamed.body()).doesNotContain("keep-alive").contains("\"content\":\"Quick\"");

    HttpResponse<String> plain = h.post("/v1/chat/completions", GatewayHarness.chat("fake-gpt"));
    assertThat(JSON.readTree(plain.body()).path("object").asText()).isEqualTo("chat.completion");
  }

  @Test
  void an_upstream_error_after_keep_alives_ends_the_stream_with_an_error_event() throws Exception {
    h.upstream.defaultReply(Replies.rateLimited(WireFormat.OPENAI, Duration.ofSeconds(5)).delayed(Duration.ofMillis(300)));
    HttpResponse<String> r = h.post("/v1/chat/completions", GatewayHarness.chatStream("fake-gpt"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertKeepAlivesFirst(r.body());
    assertThat(r.body()).contains("\"error\"");
  }

  @Test
  void the_route_flag_is_shown_by_the_models_api() throws Exception {
    JsonNode route = JSON.readTree(h.adminCall("GET", "/api/models/fake-gpt", null).body());
    assertThat(route.path("fake_stream").asBoolean()).isTrue();
    assertThat(route.path("keep_alive").asText()).isEqualTo("200ms");
  }

  /** At least one keep-alive comment came before the first data. */
  private static void assertKeepAlivesFirst(String body) {
    assertThat(body).startsWith(": keep-alive\n\n");
    int firstData = body.indexOf("data:");
    assertThat(body.substring(0, firstData < 0 ? body.length() : firstData)).contains(": keep-alive");
  }
}
