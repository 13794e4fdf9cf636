package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.Replies;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /v1/usage: the key's limits with what is used and left, and its totals today and this month. */
class UsageEndpointTest {
  static final ObjectMapper JSON = new ObjectMapper();
  GatewayHarness h;

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.start(QuotaLimitsTest.PRICED + """
        quotas:
          daily_reset: "07:00"
          gateway_key: { requests_per_minute: 10, tokens_per_day: 1000, cost_usd_per_month: 1, concurrent: 2 }
        """);
    h.upstream.defaultReply(Replies.openAiChat("ok", 40, 10));
    h.clock.set(java.time.Instant.parse("2026-01-05T10:00:30Z"));
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void shows_limits_and_totals() throws Exception {
    for (int i = 0; i < 2; i++) {
      assertThat(h.post("/v1/chat/completions", QuotaLimitsTest.CAPPED).statusCode()).isEqualTo(200);
    }
    JsonNode[] body = new JsonNode[1];
    Poll.until("today's totals include both requests", Duration.ofSeconds(10), () -> {
      try {
        body[0] = JSON.readTree(h.get("/v1/usage").body());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return body[0].path("usage").path("today").path("requests").asLong() == 2;
    });
    JsonNode u = body[0];
    assertThat(u.path("key").path("id").asText()).isEqualTo(h.clientKeyId());
    assertThat(u.path("key").path("name").asText()).isEqualTo("test");
    JsonNode limits = u.path("limits");
    assertThat(limits).hasSize(4);
    JsonNode requests = find(limits, "requests");
    assertThat(requests.path("period").asText()).isEqualTo("minute");
    assertThat(requests.path("limit").asLong()).isEqualTo(10);
    assertThat(requests.path("used").asLong()).isEqualTo(2);
    assertThat(requests.path("remaining").asLong()).isEqualTo(8);
    assertThat(requests.path("resets_at").asText()).isEqualTo("2026-01-05T10:01:00Z");
    JsonNode tokens = find(limits, "tokens");
    assertThat(tokens.path("used").asLong()).isEqualTo(100);
    assertThat(tokens.path("resets_at").asText()).isEqualTo("2026-01-06T07:00:00Z");
    JsonNode cost = find(limits, "cost_usd");
    assertThat(cost.path("used").decimalValue()).isEqualByComparingTo("0.1");
    assertThat(cost.path("remaining").decimalValue()).isEqualByComparingTo("0.9");
    assertThat(cost.path("resets_at").asText()).isEqualTo("2026-02-01T07:00:00Z");
    JsonNode concurrent = find(limits, "concurrent");
    assertThat(concurrent.path("used").asLong()).isZero();
    assertThat(concurrent.path("resets_at").isNull()).isTrue();
    JsonNode today = u.path("usage").path("today");
    assertThat(today.path("from").asText()).isEqualTo("2026-01-05T07:00:00Z");
    assertThat(today.path("total_tokens").asLong()).isEqualTo(100);
    assertThat(today.path("cost_usd").decimalValue()).isEqualByComparingTo("0.1");
    assertThat(u.path("usage").path("month").path("requests").asLong()).isEqualTo(2);
  }

  @Test
  void errors_in_the_openai_shape_or_anthropic_when_asked() throws Exception {
    HttpResponse<String> openAi = h.get("/v1/usage", "authorization", "Bearer ak_wrong_key_0123456789");
    assertThat(openAi.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(openAi.body()).path("error").path("code").asText()).isEqualTo("invalid_api_key");
    HttpResponse<String> anthropic = h.get("/v1/usage", "authorization", "Bearer ak_wrong_key_0123456789",
        "anthropic-version", "2023-06-01");
    assertThat(anthropic.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(anthropic.body()).path("error").path("type").asText()).isEqualTo("authentication_error");
  }

  private static JsonNode find(JsonNode limits, String kind) {
    for (JsonNode l : limits) {
      if (l.path("kind").asText().equals(kind)) {
        return l;
      }
    }
    throw new AssertionError("no " + kind + " limit in " + limits);
  }
}
