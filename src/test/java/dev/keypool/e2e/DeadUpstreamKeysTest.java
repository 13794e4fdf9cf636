package dev.keypool.e2e;

import static dev.keypool.e2e.ErrorShapes.assertError;
import static dev.keypool.e2e.GatewayHarness.CLIENT_KEY;
import static dev.keypool.e2e.GatewayHarness.chat;
import static dev.keypool.e2e.GatewayHarness.chatStream;
import static dev.keypool.e2e.GatewayHarness.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.e2e.ErrorShapes.Shape;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the pool's own keys fail (rejected, out of quota, no access to the model), the client gets a
 * 502 in its endpoint's error shape saying so, never the provider's 401/403 nor its headers: a dead
 * upstream key must not look like a bad client key. The request itself being wrong (a 400) still goes
 * back as the upstream said. For each client format, same-format and translated.
 */
class DeadUpstreamKeysTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String GEMINI_BODY = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}";
  static final String UPSTREAM_REQUEST_ID = "req_upstream_0123456789";

  GatewayHarness h;

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.start(GatewayHarness.WITH_GEMINI);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  /** How the providers answer a dead key, with their own request id and rate-limit headers. */
  static Reply openAiDeadKey() {
    return Replies.openAiError(401, "invalid_request_error", "invalid_api_key",
        "Incorrect API key provided: sk-a***. You can find your API key at https://platform.openai.com/account/api-keys.")
        .withHeader("x-request-id", UPSTREAM_REQUEST_ID).withRateLimit(500, 499, Duration.ofSeconds(1));
  }

  static Reply anthropicDeadKey() {
    return Replies.anthropicError(401, "authentication_error", "invalid x-api-key")
        .withHeader("request-id", UPSTREAM_REQUEST_ID).withRateLimit(50, 49, Duration.ofSeconds(1));
  }

  static Reply geminiDeadKey() {
    return Replies.geminiError(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.",
        "API_KEY_INVALID");
  }

  void allKeysDead() {
    for (String key : new String[] {"sk-a", "sk-b"}) {
      h.upstream.script(key, openAiDeadKey());
    }
    for (String key : new String[] {"ant-a", "ant-b"}) {
      h.upstream.script(key, anthropicDeadKey());
    }
    for (String key : new String[] {"gk-a", "gk-b"}) {
      h.upstream.script(key, geminiDeadKey());
    }
  }

  HttpResponse<String> gemini(String model, String body) throws Exception {
    return h.postRaw("/v1beta/models/" + model + ":generateContent", body, "content-type", "application/json",
        "x-goog-api-key", CLIENT_KEY);
  }

  /** A 502 in {@code shape} naming the route and the credential failure, with nothing of the upstream's answer. */
  String assertPoolFault(HttpResponse<String> r, Shape shape, String route) throws Exception {
    // Past the cooldowns and bans the failures leave, so that the next request tries the keys again.
    h.clock.advance(Duration.ofDays(1));
    String message = assertError(r, 502, shape);
    assertThat(message).contains("upstream keys tried for model '" + route + "'", "rejected by the provider",
        "(credential)");
    assertThat(r.body()).doesNotContain("Incorrect API key", "invalid x-api-key", "API key not valid",
        "invalid_api_key", "authentication_error");
    assertThat(r.headers().map().keySet()).noneMatch(name -> name.equalsIgnoreCase("x-request-id")
        || name.equalsIgnoreCase("request-id") || name.toLowerCase().contains("ratelimit"));
    assertThat(r.headers().firstValue("x-keypool-request-id")).isPresent();
    return message;
  }

  @Test
  void every_key_rejected_is_a_502_in_each_format_when_passed_through() throws Exception {
    allKeysDead();

    HttpResponse<String> openAi = h.post("/v1/chat/completions", chat("gpt-test"));
    assertPoolFault(openAi, Shape.OPENAI, "gpt-test");
    assertThat(JSON.readTree(openAi.body()).path("error").path("code").asText()).isEqualTo("upstream_keys_failed");
    assertPoolFault(h.post("/v1/messages", message("claude-test")), Shape.ANTHROPIC, "claude-test");
    assertPoolFault(gemini("gemini-test", GEMINI_BODY), Shape.GEMINI, "gemini-test");
    assertPoolFault(h.post("/v1/chat/completions", chatStream("gpt-test")), Shape.OPENAI, "gpt-test");

    JsonNode record = h.record(openAi);
    assertThat(record.path("status").asInt()).isEqualTo(502);
    assertThat(record.path("error_class").asText()).as("the upstream failure class is kept").isEqualTo("credential");
  }

  @Test
  void every_key_rejected_is_a_502_in_each_format_when_translated() throws Exception {
    allKeysDead();

    assertPoolFault(h.post("/v1/chat/completions", chat("claude-test")), Shape.OPENAI, "claude-test");
    assertPoolFault(h.post("/v1/chat/completions", chat("gemini-test")), Shape.OPENAI, "gemini-test");
    assertPoolFault(h.post("/v1/messages", message("gpt-test")), Shape.ANTHROPIC, "gpt-test");
    assertPoolFault(gemini("gpt-test", GEMINI_BODY), Shape.GEMINI, "gpt-test");
    assertPoolFault(gemini("claude-test", GEMINI_BODY), Shape.GEMINI, "claude-test");
  }

  @Test
  void exhausted_quota_and_missing_model_access_are_502s_too() throws Exception {
    h.upstream.defaultReply(Replies.openAiError(429, "insufficient_quota", "insufficient_quota",
        "You exceeded your current quota, please check your plan and billing details."));
    String quota = assertError(h.post("/v1/chat/completions", chat("gpt-test")), 502, Shape.OPENAI);
    assertThat(quota).contains("lack of quota or credit", "(quota)");

    h.upstream.defaultReply(Replies.anthropicError(404, "not_found_error", "model: claude-upstream"));
    String model = assertError(h.post("/v1/messages", message("claude-test")), 502, Shape.ANTHROPIC);
    assertThat(model).contains("refused access to the model", "(model_access)");
  }

  @Test
  void a_caller_fault_still_goes_back_as_the_upstream_said() throws Exception {
    String upstreamBody = "{\"error\":{\"message\":\"too long\",\"type\":\"invalid_request_error\",\"param\":null,"
        + "\"code\":\"context_length_exceeded\"}}";
    h.upstream.defaultReply(Replies.raw(dev.keypool.testkit.WireFormat.OPENAI, 400, "application/json", upstreamBody));

    HttpResponse<String> same = h.post("/v1/chat/completions", chat("gpt-test"));
    assertThat(same.statusCode()).isEqualTo(400);
    assertThat(same.body()).as("passed through byte for byte").isEqualTo(upstreamBody);

    HttpResponse<String> translated = h.post("/v1/messages", message("gpt-test"));
    assertThat(assertError(translated, 400, Shape.ANTHROPIC)).isEqualTo("too long");
  }

  @Test
  void a_dead_key_beside_a_live_one_is_invisible_to_the_client() throws Exception {
    h.upstream.script("sk-a", openAiDeadKey());
    h.upstream.script("sk-b", openAiDeadKey());
    h.upstream.script("ant-a", anthropicDeadKey());

    HttpResponse<String> r = h.post("/v1/messages", message("claude-test"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(h.upstream.requestsFor("ant-b")).isNotEmpty();
  }
}
