package dev.keypool.e2e;

import static dev.keypool.e2e.GatewayHarness.CLIENT_KEY;
import static dev.keypool.e2e.GatewayHarness.chat;
import static dev.keypool.e2e.GatewayHarness.chatStream;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.testkit.RecordedRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Same format in and out: bodies, streams and headers pass through, only the model and the credentials change. */
class PassthroughTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static GatewayHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = GatewayHarness.standard();
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @BeforeEach
  void reset() {
    h.upstream.reset();
  }

  @Test
  void chat_body_reaches_upstream_byte_for_byte_except_the_model() throws Exception {
    String body = "{ \"model\" : \"gpt-test\", \"x_unknown\": {\"keep\": [1, 2.50, 1e3]},\n"
        + "  \"messages\":[{\"role\":\"user\",\"content\":\"Hi \\u00e9\"}], \"temperature\": 0.70 }";
    HttpResponse<String> r = h.post("/v1/chat/completions", body);

    assertThat(r.statusCode()).isEqualTo(200);
    RecordedRequest sent = h.upstream.requests().get(0);
    assertThat(sent.bodyText()).isEqualTo(body.replace("\"gpt-test\"", "\"gpt-upstream\""));
    assertThat(sent.path()).isEqualTo("/v1/chat/completions");
    JsonNode answer = JSON.readTree(r.body());
    assertThat(answer.path("object").asText()).isEqualTo("chat.completion");
    assertThat(answer.path("choices").get(0).path("message").path("content").asText()).isNotEmpty();
    assertThat(r.headers().firstValue("x-keypool-request-id")).isPresent();
  }

  @Test
  void model_name_is_unchanged_when_route_and_upstream_agree() throws Exception {
    String body = "{\"model\":\"embed-test\",\"input\":\"hello\",\"encoding_format\":\"float\"}";
    HttpResponse<String> r = h.post("/v1/embeddings", body);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(h.upstream.requests().get(0).bodyText()).isEqualTo(body);
    assertThat(h.upstream.requests().get(0).path()).isEqualTo("/v1/embeddings");
    assertThat(JSON.readTree(r.body()).path("data").get(0).path("embedding").isArray()).isTrue();
  }

  @Test
  void openai_stream_is_relayed_event_by_event_to_done() throws Exception {
    HttpResponse<String> r = h.post("/v1/chat/completions", chatStream("gpt-test"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
    assertThat(r.body()).contains("\"chat.completion.chunk\"").endsWith("data: [DONE]\n\n");
    long events = r.body().lines().filter(l -> l.startsWith("data: ")).count();
    assertThat(events).isGreaterThanOrEqualTo(3);
  }

  @Test
  void stream_usage_is_requested_upstream_and_hidden_from_a_client_that_did_not_ask() throws Exception {
    HttpResponse<String> r = h.post("/v1/chat/completions", chatStream("gpt-test"));

    JsonNode sent = h.upstream.requests().get(0).bodyJson();
    assertThat(sent.path("stream_options").path("include_usage").asBoolean()).isTrue();
    assertThat(r.body()).endsWith("data: [DONE]\n\n").doesNotContain("\"choices\":[]").doesNotContain("\"prompt_tokens\"");
  }

  @Test
  void stream_usage_reaches_a_client_that_asked_for_it() throws Exception {
    String body = "{\"model\":\"gpt-test\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    HttpResponse<String> r = h.post("/v1/chat/completions", body);

    assertThat(h.upstream.requests().get(0).bodyText()).isEqualTo(body.replace("gpt-test", "gpt-upstream"));
    assertThat(r.body()).contains("\"prompt_tokens\"").endsWith("data: [DONE]\n\n");
  }

  @Test
  void anthropic_message_and_stream_pass_through() throws Exception {
    HttpResponse<String> plain = h.post("/v1/messages", GatewayHarness.message("claude-test"),
        "anthropic-version", "2023-06-01");
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(plain.body()).path("type").asText()).isEqualTo("message");

    HttpResponse<String> stream = h.post("/v1/messages", GatewayHarness.messageStream("claude-test"),
        "anthropic-version", "2023-06-01");
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.body()).contains("event: message_start", "event: content_block_delta", "event: message_stop");
    RecordedRequest sent = h.upstream.requests().get(1);
    assertThat(sent.path()).isEqualTo("/v1/messages");
    assertThat(sent.model()).isEqualTo("claude-upstream");
    assertThat(sent.header("x-api-key")).isIn("ant-a", "ant-b");
    assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
  }

  @Test
  void count_tokens_passes_through() throws Exception {
    HttpResponse<String> r = h.post("/v1/messages/count_tokens",
        "{\"model\":\"claude-test\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}]}",
        "anthropic-version", "2023-06-01");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("input_tokens").asInt()).isPositive();
    assertThat(h.upstream.requests().get(0).path()).isEqualTo("/v1/messages/count_tokens");
  }

  @Test
  void anthropic_version_defaults_upstream_when_the_client_sends_none() throws Exception {
    h.post("/v1/messages", GatewayHarness.message("claude-test"));
    assertThat(h.upstream.requests().get(0).header("anthropic-version")).isEqualTo("2023-06-01");
  }

  @Test
  void client_identity_never_reaches_the_upstream_and_allow_listed_headers_do() throws Exception {
    HttpResponse<String> r = h.post("/v1/messages", GatewayHarness.message("claude-test"),
        "cookie", "session=secret",
        "x-forwarded-for", "203.0.113.9",
        "x-real-ip", "203.0.113.9",
        "forwarded", "for=203.0.113.9",
        "x-api-key", CLIENT_KEY,
        "user-agent", "my-private-app/1.0",
        "x-custom-tracking", "abc",
        "x-stainless-os", "MyHostOS-5.1",
        "anthropic-version", "2023-06-01",
        "anthropic-beta", "prompt-caching-2024-07-31");

    assertThat(r.statusCode()).isEqualTo(200);
    RecordedRequest sent = h.upstream.requests().get(0);
    String allHeaders = sent.headers().toString();
    assertThat(allHeaders).doesNotContain(CLIENT_KEY, "203.0.113.9", "session=secret", "my-private-app", "abc", "MyHostOS");
    assertThat(sent.header("authorization")).isNull();
    assertThat(sent.header("x-api-key")).isIn("ant-a", "ant-b");
    assertThat(sent.header("anthropic-beta")).isEqualTo("prompt-caching-2024-07-31");
  }

  @Test
  void upstream_rate_limit_headers_are_not_shown_to_the_client() throws Exception {
    h.upstream.defaultReply(dev.keypool.testkit.Replies.openAiChat("hi").withRateLimit(100, 42, java.time.Duration.ofSeconds(10)));
    try {
      HttpResponse<String> r = h.post("/v1/chat/completions", chat("gpt-test"));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().map().keySet()).noneMatch(n -> n.toLowerCase().contains("ratelimit"));
    } finally {
      h.upstream.defaultReply(dev.keypool.testkit.Replies.echo());
    }
  }

  @Test
  void models_are_listed_in_openai_shape_and_in_anthropic_shape_on_request() throws Exception {
    var get = java.net.http.HttpRequest.newBuilder(h.proxy("/v1/models"))
        .header("authorization", "Bearer " + CLIENT_KEY).GET().build();
    JsonNode openai = JSON.readTree(h.http.send(get, HttpResponse.BodyHandlers.ofString()).body());
    assertThat(openai.path("object").asText()).isEqualTo("list");
    assertThat(openai.path("data").findValuesAsText("id")).contains("gpt-test", "claude-test", "embed-test");

    var getAnthropic = java.net.http.HttpRequest.newBuilder(h.proxy("/v1/models"))
        .header("x-api-key", CLIENT_KEY).header("anthropic-version", "2023-06-01").GET().build();
    JsonNode anthropic = JSON.readTree(h.http.send(getAnthropic, HttpResponse.BodyHandlers.ofString()).body());
    assertThat(anthropic.path("data").get(0).path("type").asText()).isEqualTo("model");
    assertThat(anthropic.path("has_more").asBoolean(true)).isFalse();
  }

  @Test
  void one_model_is_retrievable_by_id_and_an_unknown_id_is_404() throws Exception {
    var get = java.net.http.HttpRequest.newBuilder(h.proxy("/v1/models/claude-test"))
        .header("authorization", "Bearer " + CLIENT_KEY).GET().build();
    HttpResponse<String> r = h.http.send(get, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("id").asText()).isEqualTo("claude-test");
    assertThat(JSON.readTree(r.body()).path("owned_by").asText()).isEqualTo("anthropic");

    var missing = java.net.http.HttpRequest.newBuilder(h.proxy("/v1/models/nope"))
        .header("x-api-key", CLIENT_KEY).header("anthropic-version", "2023-06-01").GET().build();
    HttpResponse<String> m = h.http.send(missing, HttpResponse.BodyHandlers.ofString());
    assertThat(m.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(m.body()).path("error").path("type").asText()).isEqualTo("not_found_error");
  }
}
