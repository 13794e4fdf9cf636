package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.quota.Period;
import dev.keypool.quota.Window;
import dev.keypool.testkit.Replies;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Limits of every kind and period through the real gateway: exactly N requests pass, the next is
 * refused with 429, Retry-After and a message naming the limit, and never reaches the upstream; the
 * next window admits again. Time is moved with the harness's clock.
 */
class QuotaLimitsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  /** $1000 per million tokens: a request of 40 + 10 tokens costs exactly $0.05. */
  static final String PRICED = GatewayHarness.STANDARD + """
      prices: { gpt-upstream: { input: 1000, output: 1000 }, claude-upstream: { input: 1000, output: 1000 } }
      """;
  static final String CAPPED = "{\"model\":\"gpt-test\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  GatewayHarness h;

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  enum Kind {
    // Each request really uses 50 tokens and $0.05; each limit admits exactly three.
    REQUESTS("requests", "3", "3 requests"),
    TOKENS("tokens", "150", "150 tokens"),
    COST("cost_usd", "0.15", "cost of $0.15");

    final String field;
    final String max;
    final String words;

    Kind(String field, String max, String words) {
      this.field = field;
      this.max = max;
      this.words = words;
    }
  }

  @ParameterizedTest
  @EnumSource(Period.class)
  void requests_per_period(Period period) throws Exception {
    exactlyThreePass(Kind.REQUESTS, period);
  }

  @ParameterizedTest
  @EnumSource(Period.class)
  void tokens_per_period(Period period) throws Exception {
    exactlyThreePass(Kind.TOKENS, period);
  }

  @ParameterizedTest
  @EnumSource(Period.class)
  void cost_per_period(Period period) throws Exception {
    exactlyThreePass(Kind.COST, period);
  }

  void exactlyThreePass(Kind kind, Period period) throws Exception {
    h = GatewayHarness.start(PRICED + "quotas: { gateway_key: { %s_per_%s: %s } }\n"
        .formatted(kind.field, period.label(), kind.max));
    h.upstream.defaultReply(Replies.openAiChat("ok", 40, 10));
    Window w = period.window(h.clock.instant(), LocalTime.MIDNIGHT);
    Duration lead = period == Period.SECOND ? Duration.ofMillis(400) : Duration.ofMillis(10_400);
    h.clock.set(w.end().minus(lead));
    for (int i = 0; i < 3; i++) {
      assertThat(h.post("/v1/chat/completions", CAPPED).statusCode()).as("request %d", i + 1).isEqualTo(200);
    }
    HttpResponse<String> refused = h.post("/v1/chat/completions", CAPPED);
    long wait = period == Period.SECOND ? 1 : 11;
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("retry-after")).contains(Long.toString(wait));
    JsonNode error = JSON.readTree(refused.body()).path("error");
    assertThat(error.path("type").asText()).isEqualTo("rate_limit_error");
    assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
    assertThat(error.path("message").asText()).isEqualTo("gateway key " + h.clientKeyId() + ": " + kind.words
        + " per " + period.label() + " exceeded; retry in " + wait + " s");
    assertThat(h.upstream.requests()).hasSize(3);
    String metrics = h.http.send(java.net.http.HttpRequest.newBuilder(h.admin("/metrics")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).contains("keypool_quota_refusals_total{kind=\"" + kind.name().toLowerCase(java.util.Locale.ROOT)
        .replace("cost", "cost_nanos") + "\",period=\"" + period.label() + "\",scope=\"gateway_key\"} 1.0");

    h.clock.set(w.end());
    assertThat(h.post("/v1/chat/completions", CAPPED).statusCode()).isEqualTo(200);
    assertThat(h.upstream.requests()).hasSize(4);
  }

  @Test
  void concurrent_requests_are_refused_without_retry_after_and_admitted_once_one_ends() throws Exception {
    h = GatewayHarness.start(PRICED + "quotas: { gateway_key: { concurrent: 2 } }\n");
    h.upstream.defaultReply(Replies.openAiStream("a ", "b ", "c ", "d ").eventDelay(Duration.ofMillis(300)));
    List<CompletableFuture<HttpResponse<String>>> open = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      open.add(CompletableFuture.supplyAsync(() -> post(GatewayHarness.chatStream("gpt-test"))));
    }
    h.upstream.awaitRequests(2, Duration.ofSeconds(5));
    HttpResponse<String> refused = h.post("/v1/chat/completions", GatewayHarness.chatStream("gpt-test"));
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("retry-after")).isEmpty();
    assertThat(JSON.readTree(refused.body()).path("error").path("message").asText())
        .isEqualTo("gateway key " + h.clientKeyId() + ": 2 concurrent requests exceeded");
    for (var f : open) {
      assertThat(f.get().statusCode()).isEqualTo(200);
    }
    assertThat(h.upstream.requests()).hasSize(2);
    assertThat(h.post("/v1/chat/completions", GatewayHarness.chatStream("gpt-test")).statusCode()).isEqualTo(200);
  }

  @Test
  void daily_quota_resets_at_the_configured_time() throws Exception {
    h = GatewayHarness.start(PRICED + "quotas: { daily_reset: \"07:00\", gateway_key: { requests_per_day: 1 } }\n");
    h.upstream.defaultReply(Replies.openAiChat("ok", 40, 10));
    h.clock.set(Instant.parse("2026-01-06T06:59:00Z"));
    assertThat(h.post("/v1/chat/completions", CAPPED).statusCode()).isEqualTo(200);
    HttpResponse<String> refused = h.post("/v1/chat/completions", CAPPED);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("retry-after")).contains("60");
    h.clock.set(Instant.parse("2026-01-06T07:00:00Z"));
    assertThat(h.post("/v1/chat/completions", CAPPED).statusCode()).isEqualTo(200);
    assertThat(h.post("/v1/chat/completions", CAPPED).statusCode()).isEqualTo(429);
    assertThat(h.upstream.requests()).hasSize(2);
  }

  @Test
  void client_ip_limit_holds_across_gateway_keys_in_the_anthropic_shape_too() throws Exception {
    h = GatewayHarness.start(PRICED + "quotas: { client_ip: { requests_per_minute: 2 } }\n");
    h.upstream.defaultReply(Replies.echo());
    String other = JSON.readTree(h.adminCall("POST", "/api/gateway-keys", "{\"name\":\"other\"}").body())
        .path("key").asText();
    assertThat(h.post("/v1/chat/completions", GatewayHarness.chat("gpt-test")).statusCode()).isEqualTo(200);
    assertThat(h.post("/v1/chat/completions", GatewayHarness.chat("gpt-test"), "authorization", "Bearer " + other)
        .statusCode()).isEqualTo(200);
    HttpResponse<String> refused = h.postRaw("/v1/messages", GatewayHarness.message("claude-test"),
        "x-api-key", other, "anthropic-version", "2023-06-01", "content-type", "application/json");
    assertThat(refused.statusCode()).isEqualTo(429);
    JsonNode body = JSON.readTree(refused.body());
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.path("error").path("type").asText()).isEqualTo("rate_limit_error");
    assertThat(body.path("error").path("message").asText()).startsWith("client IP 127.0.0.1: 2 requests per minute exceeded");
    assertThat(h.upstream.requests()).hasSize(2);
  }

  private HttpResponse<String> post(String body) {
    try {
      return h.post("/v1/chat/completions", body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
