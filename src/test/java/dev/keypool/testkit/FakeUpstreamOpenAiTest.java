package dev.keypool.testkit;

import static dev.keypool.testkit.TestHttp.json;
import static dev.keypool.testkit.TestHttp.postBearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeUpstreamOpenAiTest {
  private static FakeUpstream upstream;

  @BeforeAll
  static void start() {
    upstream = FakeUpstream.start();
  }

  @AfterAll
  static void stop() {
    upstream.close();
  }

  @BeforeEach
  void reset() {
    upstream.reset();
  }

  @Test
  void default_chat_completion_echoes_the_model_with_usage() {
    HttpResponse<String> response = postBearer(upstream, "sk-1", "/chat/completions",
        "{\"model\":\"gpt-x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode body = json(response.body());
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.path("id").asText()).startsWith("chatcmpl-");
    assertThat(body.path("model").asText()).isEqualTo("gpt-x");
    assertThat(body.at("/choices/0/message/role").asText()).isEqualTo("assistant");
    assertThat(body.at("/choices/0/message/content").asText()).isEqualTo(Replies.ECHO_TEXT);
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    JsonNode usage = body.path("usage");
    assertThat(usage.path("total_tokens").asInt())
        .isEqualTo(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt());
  }

  @Test
  void stream_ends_with_done_and_has_no_usage_chunk_unless_asked() {
    HttpResponse<String> response = postBearer(upstream, "sk-1", "/chat/completions",
        "{\"model\":\"gpt-x\",\"stream\":true,\"messages\":[]}");

    assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    List<SseEvent> events = SseEvent.parse(response.body());
    assertThat(events.getLast().data()).isEqualTo("[DONE]");
    assertThat(events).allSatisfy(e -> assertThat(e.event()).isNull());
    List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(e -> json(e.data())).toList();
    assertThat(chunks).allSatisfy(c -> {
      assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk");
      assertThat(c.has("usage")).isFalse();
    });
    assertThat(chunks.getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    assertThat(chunks.getLast().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    String text = chunks.stream().map(c -> c.at("/choices/0/delta/content").asText("")).reduce("", String::concat);
    assertThat(text).isEqualTo(Replies.ECHO_TEXT);
  }

  @Test
  void stream_with_include_usage_sends_a_final_usage_chunk_before_done() {
    upstream.defaultReply(Replies.openAiStreamWithUsage(7, 3, "a", "b"));
    HttpResponse<String> response = postBearer(upstream, "sk-1", "/chat/completions",
        "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");

    List<SseEvent> events = SseEvent.parse(response.body());
    assertThat(events.getLast().data()).isEqualTo("[DONE]");
    JsonNode usageChunk = json(events.get(events.size() - 2).data());
    assertThat(usageChunk.path("choices").isEmpty()).isTrue();
    assertThat(usageChunk.at("/usage/prompt_tokens").asInt()).isEqualTo(7);
    assertThat(usageChunk.at("/usage/completion_tokens").asInt()).isEqualTo(3);
    assertThat(usageChunk.at("/usage/total_tokens").asInt()).isEqualTo(10);
    assertThat(events.subList(0, events.size() - 2))
        .allSatisfy(e -> assertThat(json(e.data()).path("usage").isNull()).isTrue());
  }

  @Test
  void streamed_tool_call_arguments_arrive_in_fragments() {
    String args = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";
    upstream.script("sk-t", Replies.openAiToolCallStream("get_weather", args));
    List<SseEvent> events = SseEvent.parse(postBearer(upstream, "sk-t", "/chat/completions",
        "{\"model\":\"m\",\"stream\":true}").body());

    List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(e -> json(e.data())).toList();
    assertThat(chunks.getFirst().at("/choices/0/delta/tool_calls/0/function/name").asText()).isEqualTo("get_weather");
    List<String> fragments = chunks.stream().skip(1)
        .map(c -> c.at("/choices/0/delta/tool_calls/0/function/arguments"))
        .filter(JsonNode::isTextual).map(JsonNode::asText).toList();
    assertThat(fragments).hasSizeGreaterThan(1);
    assertThat(String.join("", fragments)).isEqualTo(args);
    assertThat(chunks.getLast().at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
  }

  @Test
  void non_streamed_tool_call() {
    upstream.script("sk-t", Replies.openAiToolCall("f", "{\"x\":1}"));
    JsonNode body = json(postBearer(upstream, "sk-t", "/chat/completions", "{\"model\":\"m\"}").body());

    assertThat(body.at("/choices/0/message/content").isNull()).isTrue();
    assertThat(body.at("/choices/0/message/tool_calls/0/type").asText()).isEqualTo("function");
    assertThat(body.at("/choices/0/message/tool_calls/0/function/arguments").asText()).isEqualTo("{\"x\":1}");
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
  }

  @Test
  void embeddings_return_one_vector_per_input() {
    JsonNode body = json(postBearer(upstream, "sk-1", "/embeddings",
        "{\"model\":\"text-embedding-3-small\",\"input\":[\"a\",\"b\"]}").body());

    assertThat(body.path("object").asText()).isEqualTo("list");
    assertThat(body.path("data")).hasSize(2);
    assertThat(body.at("/data/1/index").asInt()).isEqualTo(1);
    assertThat(body.at("/data/0/embedding").size()).isEqualTo(8);
    assertThat(body.at("/usage/prompt_tokens").asInt()).isPositive();
  }

  @Test
  void scripts_are_per_key_in_order_with_the_last_repeating() {
    upstream.script("sk-a",
        Replies.rateLimited(WireFormat.OPENAI, Duration.ofMillis(1500)),
        Replies.openAiChat("second"));

    HttpResponse<String> first = postBearer(upstream, "sk-a", "/chat/completions", "{}");
    HttpResponse<String> other = postBearer(upstream, "sk-b", "/chat/completions", "{}");
    HttpResponse<String> second = postBearer(upstream, "sk-a", "/chat/completions", "{}");
    HttpResponse<String> third = postBearer(upstream, "sk-a", "/chat/completions", "{}");

    assertThat(first.statusCode()).isEqualTo(429);
    assertThat(first.headers().firstValue("retry-after")).hasValue("2");
    JsonNode error = json(first.body()).path("error");
    assertThat(error.path("type").asText()).isEqualTo("requests");
    assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
    assertThat(error.has("param")).isTrue();
    assertThat(error.path("message").asText()).contains("1.5s");
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(json(second.body()).at("/choices/0/message/content").asText()).isEqualTo("second");
    assertThat(json(third.body()).at("/choices/0/message/content").asText()).isEqualTo("second");
    assertThat(upstream.requestsFor("sk-a")).hasSize(3);
  }

  @Test
  void rate_limit_headers_and_errors_follow_the_openai_format() {
    upstream.script("sk-r", Replies.openAiChat("ok").withRateLimit(100, 42, Duration.ofSeconds(360)),
        Replies.openAiError(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided"));

    HttpResponse<String> ok = postBearer(upstream, "sk-r", "/chat/completions", "{}");
    HttpResponse<String> denied = postBearer(upstream, "sk-r", "/chat/completions", "{}");

    assertThat(ok.headers().firstValue("x-ratelimit-limit-requests")).hasValue("100");
    assertThat(ok.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("42");
    assertThat(ok.headers().firstValue("x-ratelimit-reset-requests")).hasValue("6m0s");
    assertThat(denied.statusCode()).isEqualTo(401);
    assertThat(json(denied.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");
  }

  @Test
  void records_requests_with_their_credential_and_headers() {
    TestHttp.send(TestHttp.post(upstream, "/chat/completions?x=1", "{\"model\":\"m\"}")
        .header("Authorization", "Bearer sk-rec").header("X-Custom", "v"));

    RecordedRequest request = upstream.awaitRequests(1, Duration.ofSeconds(2)).getFirst();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/chat/completions");
    assertThat(request.query()).isEqualTo("x=1");
    assertThat(request.key()).isEqualTo("sk-rec");
    assertThat(request.header("x-custom")).isEqualTo("v");
    assertThat(request.headers().get("AUTHORIZATION")).containsExactly("Bearer sk-rec");
    assertThat(request.bodyJson().path("model").asText()).isEqualTo("m");
    assertThat(request.receivedAt()).isNotNull();
  }

  @Test
  void unknown_paths_get_an_openai_404() {
    HttpResponse<String> response = postBearer(upstream, "sk-1", "/nope", "{}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response.body()).at("/error/code").asText()).isEqualTo("unknown_url");
  }
}
