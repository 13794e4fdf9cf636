package dev.keypool.e2e;

import static dev.keypool.e2e.GatewayHarness.CLIENT_KEY;
import static dev.keypool.e2e.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear error in the called endpoint's own error shape, with the right status, and never reaches an upstream. */
class BadInputTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static GatewayHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = GatewayHarness.standard();
  }

  @AfterAll
  static void stop() throws Exception {
    assertThat(h.upstream.requests()).as("no bad request may reach an upstream").isEmpty();
    h.close();
  }

  static JsonNode openAiError(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode err = JSON.readTree(r.body()).path("error");
    assertThat(err.path("message").asText()).isNotBlank();
    assertThat(err.path("type").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain("Exception", "at dev.");
    return err;
  }

  static JsonNode anthropicError(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).isEqualTo(status);
    JsonNode root = JSON.readTree(r.body());
    assertThat(root.path("type").asText()).isEqualTo("error");
    assertThat(root.path("error").path("message").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain("Exception", "at dev.");
    return root.path("error");
  }

  @Test
  void missing_key_is_401_in_openai_shape() throws Exception {
    JsonNode err = openAiError(h.postRaw("/v1/chat/completions", chat("gpt-test"), "content-type", "application/json"), 401);
    assertThat(err.path("code").asText()).isEqualTo("missing_api_key");
  }

  @Test
  void wrong_key_is_401_in_anthropic_shape() throws Exception {
    JsonNode err = anthropicError(h.postRaw("/v1/messages", GatewayHarness.message("claude-test"),
        "x-api-key", "ak_" + "x".repeat(64), "anthropic-version", "2023-06-01"), 401);
    assertThat(err.path("type").asText()).isEqualTo("authentication_error");
  }

  @Test
  void key_in_x_api_key_is_accepted_on_openai_endpoints_too() throws Exception {
    HttpResponse<String> r = h.postRaw("/v1/chat/completions", chat("gpt-test"), "x-api-key", CLIENT_KEY);
    assertThat(r.statusCode()).isEqualTo(200);
    h.upstream.reset();
  }

  @Test
  void malformed_json_is_400() throws Exception {
    JsonNode err = openAiError(h.post("/v1/chat/completions", "{\"model\": \"gpt-test\", "), 400);
    assertThat(err.path("message").asText()).contains("not valid JSON");
    anthropicError(h.post("/v1/messages", "[1,2]"), 400);
    openAiError(h.post("/v1/chat/completions", "{\"model\":\"gpt-test\"} trailing"), 400);
  }

  @Test
  void missing_model_is_400() throws Exception {
    JsonNode err = openAiError(h.post("/v1/chat/completions", "{\"messages\":[]}"), 400);
    assertThat(err.path("message").asText()).contains("model");
    anthropicError(h.post("/v1/messages", "{\"model\": 42, \"max_tokens\": 1}"), 400);
  }

  @Test
  void unknown_model_is_404() throws Exception {
    JsonNode err = openAiError(h.post("/v1/chat/completions", chat("no-such-model")), 404);
    assertThat(err.path("code").asText()).isEqualTo("model_not_found");
    assertThat(anthropicError(h.post("/v1/messages", GatewayHarness.message("no-such-model")), 404)
        .path("type").asText()).isEqualTo("not_found_error");
  }

  @Test
  void body_over_the_limit_is_413() throws Exception {
    String huge = "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}]}";
    for (int i = 0; i < 10; i++) {
      openAiError(h.post("/v1/chat/completions", huge), 413);
    }
    assertThat(anthropicError(h.post("/v1/messages", huge), 413).path("type").asText()).isEqualTo("request_too_large");
  }

  @Test
  void wrong_method_is_405() throws Exception {
    var get = HttpRequest.newBuilder(h.proxy("/v1/chat/completions")).header("authorization", "Bearer " + CLIENT_KEY).GET().build();
    HttpResponse<String> r = h.http.send(get, HttpResponse.BodyHandlers.ofString());
    openAiError(r, 405);
    assertThat(r.headers().firstValue("allow")).hasValue("POST");
    var post = HttpRequest.newBuilder(h.proxy("/v1/models")).header("authorization", "Bearer " + CLIENT_KEY)
        .POST(HttpRequest.BodyPublishers.noBody()).build();
    openAiError(h.http.send(post, HttpResponse.BodyHandlers.ofString()), 405);
  }

  @Test
  void unknown_path_is_404() throws Exception {
    openAiError(h.post("/v1/nothing-here", chat("gpt-test")), 404);
  }

  @Test
  void an_unknown_path_is_quoted_cut_short() throws Exception {
    String path = "/v1/" + "x".repeat(3000);
    JsonNode err = openAiError(h.post(path, chat("gpt-test")), 404);
    assertThat(err.path("message").asText()).hasSizeLessThan(300).contains("'/v1/xxx").contains("\u2026'");
  }

  @Test
  void chat_on_a_route_served_only_by_another_format_is_translated() throws Exception {
    HttpResponse<String> r = h.post("/v1/chat/completions", chat("cross-test"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("object").asText()).isEqualTo("chat.completion");
    assertThat(h.upstream.requests()).hasSize(1);
    assertThat(h.upstream.requests().getFirst().path()).isEqualTo("/v1/messages");
    h.upstream.reset();
  }

  @Test
  void count_tokens_and_embeddings_on_a_route_without_a_same_format_candidate_are_a_clear_400() throws Exception {
    JsonNode err = anthropicError(h.post("/v1/messages/count_tokens", GatewayHarness.message("gpt-test")), 400);
    assertThat(err.path("message").asText()).contains("another wire format", "not translated");
    JsonNode err2 = openAiError(h.post("/v1/embeddings", "{\"model\":\"claude-test\",\"input\":\"hi\"}"), 400);
    assertThat(err2.path("message").asText()).contains("another wire format", "not translated");
  }
}
