package dev.keypool.e2e;

import static dev.keypool.e2e.GatewayHarness.chat;
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

/** The statistics endpoints of the admin port report what requests through the real gateway used. */
class StatisticsApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PRICED = GatewayHarness.STANDARD + """
      prices:
        gpt-upstream: { input: 2.50, output: 10.00 }
      """;
  static final long COST = 11 * 2_500 + 7 * 10_000;

  GatewayHarness h;

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.start(PRICED);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  JsonNode get(String path) throws Exception {
    HttpResponse<String> r = h.adminCall("GET", path, null);
    assertThat(r.statusCode()).as("%s: %s", path, r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  @Test
  void overview_models_and_key_figures_count_the_requests_made() throws Exception {
    h.upstream.defaultReply(Replies.openAiChat("Hello", 11, 7));
    for (int i = 0; i < 2; i++) {
      assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
    }
    h.clock.advance(Duration.ofMinutes(1)); // the default range ends now, after the requests
    Poll.until("both requests in the rollups", Duration.ofSeconds(10), () -> {
      try {
        return get("/api/statistics/overview").path("requests").asLong() == 2;
      } catch (Exception e) {
        return false;
      }
    });
    JsonNode overview = get("/api/statistics/overview");
    assertThat(overview.path("success_rate").asDouble()).isEqualTo(1.0);
    assertThat(overview.path("input_tokens").asLong()).isEqualTo(22);
    assertThat(overview.path("output_tokens").asLong()).isEqualTo(14);
    assertThat(overview.path("cost_nanos").asLong()).isEqualTo(2 * COST);
    assertThat(overview.path("p50_latency_ms").isNumber()).isTrue();

    JsonNode models = get("/api/statistics/models?rank_by=cost");
    assertThat(models).hasSize(1);
    assertThat(models.get(0).path("id").asText()).isEqualTo("gpt-test");
    assertThat(models.get(0).path("stats").path("requests").asLong()).isEqualTo(2);

    JsonNode keys = get("/api/statistics/provider-keys");
    long total = 0;
    for (JsonNode k : keys) {
      String id = k.path("id").asText();
      long requests = k.path("stats").path("requests").asLong();
      assertThat(get("/api/provider-keys/" + id + "/stats").path("requests").asLong()).isEqualTo(requests);
      JsonNode trend = get("/api/provider-keys/" + id + "/trends?days=7");
      assertThat(trend).hasSize(7);
      assertThat(trend.get(6).path("start").asText()).isEqualTo("2026-01-05T00:00:00Z");
      assertThat(trend.get(6).path("stats").path("requests").asLong()).isEqualTo(requests);
      total += requests;
    }
    assertThat(total).isEqualTo(2);

    JsonNode days = get("/api/statistics/timeline?bucket=day&from=2026-01-04T00:00:00Z&to=2026-01-06T00:00:00Z");
    assertThat(days).hasSize(2);
    assertThat(days.get(0).path("stats").path("requests").asLong()).isZero();
    assertThat(days.get(1).path("stats").path("requests").asLong()).isEqualTo(2);
    assertThat(get("/api/statistics/errors").path("total").asLong()).isZero();
  }

  @Test
  void invalid_parameters_get_a_400_naming_the_parameter() throws Exception {
    assertThat(h.adminCall("GET", "/api/statistics/overview?from=yesterday", null).body()).contains("'from'");
    assertThat(h.adminCall("GET", "/api/statistics/overview?to=2026-13-01", null).statusCode()).isEqualTo(400);
    assertThat(h.adminCall("GET", "/api/statistics/timeline?bucket=year", null).body()).contains("'bucket'");
    assertThat(h.adminCall("GET", "/api/statistics/models?rank_by=tokens", null).body()).contains("'rank_by'");
    assertThat(h.adminCall("GET", "/api/statistics/models?limit=0", null).body()).contains("'limit'");
    assertThat(h.adminCall("GET", "/api/provider-keys/x/trends?days=400", null).body()).contains("'days'");
    assertThat(h.adminCall("GET", "/api/statistics/overview?from=2026-01-06T00:00:00Z&to=2026-01-05T00:00:00Z",
        null).statusCode()).isEqualTo(400);
    assertThat(h.adminCall("GET", "/api/statistics/timeline?from=2000-01-01T00:00:00Z", null).statusCode())
        .isEqualTo(400);
  }
}
