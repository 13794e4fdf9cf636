package dev.keypool.e2e;

import static dev.keypool.e2e.ErrorShapes.assertError;
import static dev.keypool.e2e.ErrorShapes.assertNoInternals;
import static dev.keypool.e2e.GatewayHarness.CLIENT_KEY;
import static dev.keypool.e2e.GatewayHarness.chat;
import static dev.keypool.e2e.GatewayHarness.chatStream;
import static dev.keypool.e2e.GatewayHarness.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.e2e.ErrorShapes.Shape;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.ResettingUpstream;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Upstream connections that fail (refused, reset, silent, cut mid-stream) are told to the client in
 * words, in the called endpoint's error shape: no exception class or library message reaches it, nor
 * the request record.
 */
class UpstreamFailureMessagesTest {
  static final String GEMINI_BODY = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}";

  GatewayHarness h;
  ResettingUpstream resetting;

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
    if (resetting != null) {
      resetting.close();
    }
  }

  /** One provider of each format at {@code root}, two keys each, one route each. */
  static String providersAt(String root) {
    return """
        providers:
          - { id: openai, format: openai, base_url: ROOT/v1, timeouts: { connect: 2s, first_byte: 1s, idle: 1s, total: 10s },
              keys: [ { name: a, secret: sk-a }, { name: b, secret: sk-b } ] }
          - { id: anthropic, format: anthropic, base_url: ROOT/v1, timeouts: { connect: 2s, first_byte: 1s, idle: 1s, total: 10s },
              keys: [ { name: a, secret: ant-a }, { name: b, secret: ant-b } ] }
          - { id: gemini, format: gemini, base_url: ROOT, timeouts: { connect: 2s, first_byte: 1s, idle: 1s, total: 10s },
              keys: [ { name: a, secret: gk-a }, { name: b, secret: gk-b } ] }
        models:
          - { id: gpt-test, candidates: [ { provider: openai, model: gpt-upstream } ] }
          - { id: claude-test, candidates: [ { provider: anthropic, model: claude-upstream } ] }
          - { id: gemini-test, candidates: [ { provider: gemini, model: gemini-upstream } ] }
        """.replace("ROOT", root);
  }

  @Test
  void a_refused_connection_is_told_in_words_in_each_endpoint_shape() throws Exception {
    h = GatewayHarness.start(providersAt("http://127.0.0.1:" + ResettingUpstream.closedPort()));

    HttpResponse<String> openAi = h.post("/v1/chat/completions", chat("gpt-test"));
    assertThat(assertError(openAi, 502, Shape.OPENAI)).contains("refused the connection");
    HttpResponse<String> anthropic = h.post("/v1/messages", message("claude-test"));
    assertThat(assertError(anthropic, 502, Shape.ANTHROPIC)).contains("refused the connection");
    HttpResponse<String> gemini = h.postRaw("/v1beta/models/gemini-test:generateContent", GEMINI_BODY,
        "content-type", "application/json", "x-goog-api-key", CLIENT_KEY);
    assertThat(assertError(gemini, 502, Shape.GEMINI)).contains("refused the connection");

    JsonNode record = h.record(openAi);
    assertNoInternals(record.toString());
    assertThat(record.path("error_message").asText()).contains("refused the connection");
  }

  @Test
  void a_reset_connection_is_told_in_words() throws Exception {
    resetting = ResettingUpstream.start();
    h = GatewayHarness.start(providersAt(resetting.rootUrl()));

    HttpResponse<String> openAi = h.post("/v1/chat/completions", chat("gpt-test"));
    assertThat(assertError(openAi, 502, Shape.OPENAI)).containsAnyOf("connection was reset", "closed the connection");
    HttpResponse<String> anthropic = h.post("/v1/messages", message("claude-test"));
    assertError(anthropic, 502, Shape.ANTHROPIC);
    assertNoInternals(h.record(openAi).toString());
  }

  @Test
  void a_silent_upstream_is_a_504_naming_the_timeout() throws Exception {
    h = GatewayHarness.start(GatewayHarness.STANDARD.replace("first_byte: 2s", "first_byte: 300ms"));
    h.upstream.defaultReply(Replies.openAiChat("late").delayed(Duration.ofSeconds(3)));

    HttpResponse<String> r = h.post("/v1/chat/completions", chat("gpt-test"));

    assertThat(assertError(r, 504, Shape.OPENAI)).contains("first-byte timeout of 300ms");
  }

  @Test
  void a_stream_cut_mid_way_ends_with_an_error_event_in_words() throws Exception {
    h = GatewayHarness.standard();
    h.upstream.defaultReply(Replies.openAiStream("one", "two", "three", "four").cutAfterEvents(2));

    HttpResponse<String> r = h.post("/v1/chat/completions", chatStream("gpt-test"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"one\"", "stream was interrupted", "\"error\"");
    assertNoInternals(r.body());
    assertNoInternals(h.record(r).toString());
  }
}
