package dev.keypool.e2e;

import static dev.keypool.e2e.GatewayHarness.CLIENT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.relay.OutputLimit;
import dev.keypool.testkit.RecordedRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client's output cap above the target model's limit (model limits catalog) is clamped to it on
 * every client format, pass-through and translated, JSON and streamed, or refused with a 400 before
 * any upstream call on a route that rejects; a model the catalog does not know is left alone.
 */
class ModelLimitsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CONFIG = GatewayHarness.WITH_GEMINI.replace("models:\n", """
      models:
        - { id: gpt-strict, max_tokens_over_limit: reject, candidates: [ { provider: openai, model: gpt-upstream } ] }
        - { id: claude-strict, max_tokens_over_limit: reject, candidates: [ { provider: anthropic, model: claude-upstream } ] }
        - { id: gpt-unknown, candidates: [ { provider: openai, model: model-nobody-knows } ] }
        - { id: claude-via-gpt, candidates: [ { provider: openai, model: gpt-upstream } ] }
      """) + """
      model_limits:
        gpt-upstream: { context_window: 128000, max_output_tokens: 1000 }
        claude-upstream: { max_output_tokens: 2000 }
        gemini-upstream: { context_window: 1048576, max_output_tokens: 3000 }
      """;

  GatewayHarness h;

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.start(CONFIG);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void openai_chat_pass_through_is_clamped_in_the_bytes_with_a_header() throws Exception {
    HttpResponse<String> r = h.post("/v1/chat/completions",
        "{\"model\":\"gpt-test\",\"max_completion_tokens\": 5000,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue(OutputLimit.CLAMPED_HEADER)).hasValue("5000->1000");
    assertThat(sent().bodyText()).as("only the cap and the model change")
        .isEqualTo("{\"model\":\"gpt-upstream\",\"max_completion_tokens\": 1000,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
  }

  @Test
  void a_cap_within_the_limit_and_a_model_the_catalog_does_not_know_are_left_alone() throws Exception {
    HttpResponse<String> within = h.post("/v1/chat/completions", chat("gpt-test", 1000, false));
    assertThat(within.statusCode()).isEqualTo(200);
    assertThat(within.headers().firstValue(OutputLimit.CLAMPED_HEADER)).isEmpty();
    assertThat(sentJson().path("max_tokens").asInt()).isEqualTo(1000);

    h.upstream.reset();
    HttpResponse<String> unknown = h.post("/v1/chat/completions", chat("gpt-unknown", 999_999, false));
    assertThat(unknown.statusCode()).isEqualTo(200);
    assertThat(unknown.headers().firstValue(OutputLimit.CLAMPED_HEADER)).isEmpty();
    assertThat(sentJson().path("max_tokens").asInt()).isEqualTo(999_999);
  }

  @Test
  void claude_code_stream_asking_32000_from_a_smaller_model_is_clamped() throws Exception {
    HttpResponse<String> r = h.post("/v1/messages", message("claude-test", 32000, true), "anthropic-version", "2023-06-01");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("event: message_stop");
    assertThat(r.headers().firstValue(OutputLimit.CLAMPED_HEADER)).hasValue("32000->2000");
    assertThat(sentJson().path("max_tokens").asInt()).isEqualTo(2000);
    assertThat(sentJson().path("stream").asBoolean()).isTrue();
  }

  @Test
  void translated_requests_are_clamped_and_the_route_default_stays_within_the_limit() throws Exception {
    HttpResponse<String> r = h.post("/v1/chat/completions", chat("cross-test", 5000, true));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("data: [DONE]");
    assertThat(r.headers().firstValue(OutputLimit.CLAMPED_HEADER)).hasValue("5000->2000");
    assertThat(sent().path()).isEqualTo("/v1/messages");
    assertThat(sentJson().path("max_tokens").asInt()).isEqualTo(2000);

    h.upstream.reset();
    HttpResponse<String> noCap = h.post("/v1/chat/completions", GatewayHarness.chat("cross-test"));
    assertThat(noCap.statusCode()).isEqualTo(200);
    assertThat(sentJson().path("max_tokens").asInt()).as("the route's default, lowered to the limit").isEqualTo(2000);

    h.upstream.reset();
    HttpResponse<String> anthropicClient = h.post("/v1/messages", message("claude-via-gpt", 32000, false),
        "anthropic-version", "2023-06-01");
    assertThat(anthropicClient.statusCode()).as(anthropicClient.body()).isEqualTo(200);
    assertThat(sent().path()).isEqualTo("/v1/chat/completions");
    JsonNode upstream = sentJson();
    assertThat(upstream.has("max_tokens") ? upstream.path("max_tokens").asInt()
        : upstream.path("max_completion_tokens").asInt()).isEqualTo(1000);
  }

  @Test
  void responses_translated_to_chat_and_gemini_pass_through_are_clamped() throws Exception {
    HttpResponse<String> responses = h.post("/v1/responses",
        "{\"model\":\"gpt-test\",\"input\":\"Hi\",\"max_output_tokens\":4096}");
    assertThat(responses.statusCode()).as(responses.body()).isEqualTo(200);
    assertThat(responses.headers().firstValue(OutputLimit.CLAMPED_HEADER)).hasValue("4096->1000");
    assertThat(sent().path()).as("this provider has no Responses API").isEqualTo("/v1/chat/completions");
    assertThat(sentJson().path("max_completion_tokens").asInt()).isEqualTo(1000);

    h.upstream.reset();
    String gemini = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}],"
        + "\"generationConfig\":{\"temperature\":0.2,\"maxOutputTokens\":65536}}";
    HttpResponse<String> r = h.postRaw("/v1beta/models/gemini-test:streamGenerateContent?alt=sse", gemini,
        "content-type", "application/json", "x-goog-api-key", CLIENT_KEY);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue(OutputLimit.CLAMPED_HEADER)).hasValue("65536->3000");
    assertThat(sent().bodyText()).isEqualTo(gemini.replace("65536", "3000"));
  }

  @Test
  void a_rejecting_route_answers_400_in_the_client_format_before_any_upstream_call() throws Exception {
    HttpResponse<String> openAi = h.post("/v1/chat/completions", chat("gpt-strict", 5000, false));
    assertThat(openAi.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(openAi.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("max_tokens_over_limit");
    assertThat(error.path("message").asText()).contains("5000", "'gpt-upstream'", "1000");

    HttpResponse<String> anthropic = h.post("/v1/messages", message("claude-strict", 32000, true),
        "anthropic-version", "2023-06-01");
    assertThat(anthropic.statusCode()).isEqualTo(400);
    JsonNode body = JSON.readTree(anthropic.body());
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.path("error").path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(body.path("error").path("message").asText()).contains("32000", "'claude-upstream'", "2000");
    assertThat(h.upstream.requests()).as("nothing went upstream").isEmpty();

    HttpResponse<String> within = h.post("/v1/chat/completions", chat("gpt-strict", 1000, false));
    assertThat(within.statusCode()).as("a cap within the limit passes").isEqualTo(200);
  }

  @Test
  void anthropic_model_list_carries_the_limits_of_each_route_target() throws Exception {
    HttpResponse<String> list = h.get("/v1/models", "anthropic-version", "2023-06-01");
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    JsonNode gpt = null;
    JsonNode claude = null;
    for (JsonNode m : JSON.readTree(list.body()).path("data")) {
      gpt = "gpt-test".equals(m.path("id").asText()) ? m : gpt;
      claude = "claude-test".equals(m.path("id").asText()) ? m : claude;
    }
    assertThat(gpt.path("max_input_tokens").asLong()).isEqualTo(128000);
    assertThat(gpt.path("max_tokens").asLong()).isEqualTo(1000);
    assertThat(claude.has("max_input_tokens")).as("unknown context window: no field").isFalse();
    assertThat(claude.path("max_tokens").asLong()).isEqualTo(2000);

    JsonNode one = JSON.readTree(h.get("/v1/models/gpt-unknown", "anthropic-version", "2023-06-01").body());
    assertThat(one.path("id").asText()).isEqualTo("gpt-unknown");
    assertThat(one.has("max_tokens")).as("a model the catalog does not know").isFalse();
  }

  private RecordedRequest sent() {
    return h.upstream.requests().getLast();
  }

  private JsonNode sentJson() throws Exception {
    return JSON.readTree(sent().bodyText());
  }

  static String chat(String model, int maxTokens, boolean stream) {
    return "{\"model\":\"" + model + "\",\"max_tokens\":" + maxTokens + ",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  }

  static String message(String model, int maxTokens, boolean stream) {
    return "{\"model\":\"" + model + "\",\"max_tokens\":" + maxTokens + ",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  }
}
