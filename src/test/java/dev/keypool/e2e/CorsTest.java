package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.testkit.Replies;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Browser pages on configured origins may call the proxy port: preflights are answered, answers
 * (JSON, errors, streams) carry what the page may read; other origins get no CORS header at all, and
 * without {@code cors} nothing changes.
 */
class CorsTest {
  static final String APP = "https://app.example.com";
  static final String EVIL = "https://evil.example";
  static final String CORS = "cors: { allowed_origins: [\"https://APP.example.com:443\"], max_age: 5m }\n";
  static final String SDK_HEADERS = "authorization, content-type, x-stainless-os, x-stainless-lang, anthropic-version";
  GatewayHarness h;

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  private HttpResponse<String> preflight(String path, String origin) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(h.proxy(path)).timeout(Duration.ofSeconds(20))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", SDK_HEADERS)
        .build();
    return h.http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String header(HttpResponse<String> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  @Test
  void a_preflight_from_an_allowed_origin_is_answered_on_every_api_path() throws Exception {
    h = GatewayHarness.start(GatewayHarness.STANDARD + CORS);

    for (String path : new String[] {"/v1/chat/completions", "/v1/messages", "/v1/models",
        "/v1beta/models/gemini-test:streamGenerateContent"}) {
      HttpResponse<String> r = preflight(path, APP);

      assertThat(r.statusCode()).as(path).isEqualTo(204);
      assertThat(header(r, "access-control-allow-origin")).isEqualTo(APP);
      assertThat(r.headers().allValues("vary")).contains("Origin");
      assertThat(header(r, "access-control-allow-methods")).contains("POST").contains("GET");
      assertThat(header(r, "access-control-allow-headers")).isEqualTo(SDK_HEADERS);
      assertThat(header(r, "access-control-max-age")).isEqualTo("300");
      assertThat(header(r, "access-control-allow-credentials")).isNull();
    }
    assertThat(h.upstream.requests()).isEmpty();
  }

  @Test
  void a_preflight_from_another_origin_is_refused_without_cors_headers() throws Exception {
    h = GatewayHarness.start(GatewayHarness.STANDARD + CORS);

    HttpResponse<String> r = preflight("/v1/chat/completions", EVIL);

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().map().keySet()).noneMatch(name -> name.startsWith("access-control-"));
  }

  @Test
  void a_chat_completion_an_error_and_a_stream_carry_the_headers_for_an_allowed_origin_only() throws Exception {
    h = GatewayHarness.start(GatewayHarness.STANDARD + CORS);

    HttpResponse<String> json = h.post("/v1/chat/completions", GatewayHarness.chat("gpt-test"), "origin", APP);
    assertThat(json.statusCode()).isEqualTo(200);
    assertAllowed(json);

    HttpResponse<String> error = h.post("/v1/chat/completions", GatewayHarness.chat("no-such-model"), "origin", APP);
    assertThat(error.statusCode()).isEqualTo(404);
    assertAllowed(error);

    HttpResponse<String> other = h.post("/v1/chat/completions", GatewayHarness.chat("gpt-test"), "origin", EVIL);
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(other.headers().map().keySet()).noneMatch(name -> name.startsWith("access-control-"));

    h.upstream.defaultReply(Replies.openAiStream("Hel", "lo"));
    HttpResponse<String> stream = h.post("/v1/chat/completions", GatewayHarness.chatStream("gpt-test"), "origin", APP);
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(header(stream, "content-type")).startsWith("text/event-stream");
    assertThat(stream.body()).contains("Hel").contains("[DONE]");
    assertAllowed(stream);
  }

  private static void assertAllowed(HttpResponse<String> r) {
    assertThat(header(r, "access-control-allow-origin")).isEqualTo(APP);
    assertThat(r.headers().allValues("vary")).contains("Origin");
    assertThat(header(r, "access-control-expose-headers"))
        .contains("x-keypool-request-id", "retry-after", "x-ratelimit-remaining-requests");
    assertThat(header(r, "access-control-allow-credentials")).isNull();
    assertThat(header(r, "x-keypool-request-id")).isNotNull();
  }

  @Test
  void any_origin_is_allowed_with_a_star() throws Exception {
    h = GatewayHarness.start(GatewayHarness.STANDARD + "cors: { allowed_origins: [\"*\"] }\n");

    HttpResponse<String> pre = preflight("/v1/messages", EVIL);
    assertThat(pre.statusCode()).isEqualTo(204);
    assertThat(header(pre, "access-control-allow-origin")).isEqualTo("*");
    assertThat(header(pre, "access-control-max-age")).isEqualTo("600");

    HttpResponse<String> models = h.get("/v1/models", "origin", EVIL);
    assertThat(models.statusCode()).isEqualTo(200);
    assertThat(header(models, "access-control-allow-origin")).isEqualTo("*");
    assertThat(header(models, "access-control-expose-headers")).contains("x-keypool-request-id");
  }

  @Test
  void without_configuration_nothing_changes() throws Exception {
    h = GatewayHarness.start(GatewayHarness.STANDARD);

    HttpResponse<String> pre = preflight("/v1/chat/completions", APP);
    assertThat(pre.statusCode()).isEqualTo(405);
    assertThat(pre.headers().map().keySet()).noneMatch(name -> name.startsWith("access-control-"));

    HttpResponse<String> json = h.post("/v1/chat/completions", GatewayHarness.chat("gpt-test"), "origin", APP);
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.headers().map().keySet()).noneMatch(name -> name.startsWith("access-control-"));
  }
}
