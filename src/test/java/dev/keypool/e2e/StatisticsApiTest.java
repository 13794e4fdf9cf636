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
  static final String HOURS = "?bucket=hour&from=2026-01-05T09:00:00Z&to=2026-01-05T12:00:00Z";

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
  void page_wide_figures_add_up_to_the_per_key_figures_of_the_same_requests() throws Exception {
    // The overview, timeline and model and provider rankings read the rollups by model; the key
    // rankings the rollups by key: both must count the same requests.
    JsonNode other = twoRequestsAndOneOfAnotherKey();
    assertThat(h.post("/v1/chat/completions", chat("no-such-model")).statusCode()).isGreaterThanOrEqualTo(400);
    h.clock.advance(Duration.ofMinutes(1));
    Poll.until("the requests in the rollups", Duration.ofSeconds(10), () -> {
      try {
        return get("/api/statistics/overview").path("requests").asLong() == 4;
      } catch (Exception e) {
        return false;
      }
    });

    JsonNode overview = get("/api/statistics/overview");
    assertThat(overview.path("errors").asLong()).isEqualTo(1);
    for (String field : new String[] {"requests", "successes", "errors", "input_tokens", "output_tokens",
        "cost_nanos", "charged_nanos"}) {
      long total = overview.path(field).asLong();
      assertThat(sum(get("/api/statistics/gateway-keys?limit=100"), field)).as(field).isEqualTo(total);
      assertThat(sum(get("/api/statistics/provider-keys?limit=100"), field)).as(field).isEqualTo(total);
      assertThat(sum(get("/api/statistics/models?limit=100"), field)).as(field).isEqualTo(total);
      assertThat(sum(get("/api/statistics/providers?limit=100"), field)).as(field).isEqualTo(total);
    }
    JsonNode hours = get("/api/statistics/timeline" + HOURS);
    JsonNode mine = get("/api/gateway-keys/" + h.clientKeyId() + "/timeline" + HOURS);
    JsonNode theirs = get("/api/gateway-keys/" + other.path("id").asText() + "/timeline" + HOURS);
    for (int i = 0; i < hours.size(); i++) {
      assertThat(hours.get(i).path("stats").path("requests").asLong()).isEqualTo(
          mine.get(i).path("stats").path("requests").asLong() + theirs.get(i).path("stats").path("requests").asLong());
    }
    assertThat(total(hours)).isEqualTo(4);
  }

  /** Two requests with the client's key and one with a new gateway key "other", which it returns. */
  JsonNode twoRequestsAndOneOfAnotherKey() throws Exception {
    h.upstream.defaultReply(Replies.openAiChat("Hello", 11, 7));
    JsonNode other = JSON.readTree(h.adminCall("POST", "/api/gateway-keys", "{\"name\":\"other\"}").body());
    for (int i = 0; i < 2; i++) {
      assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
    }
    assertThat(h.post("/v1/chat/completions", chat("gpt-test"), "authorization",
        "Bearer " + other.path("key").asText()).statusCode()).isEqualTo(200);
    return other;
  }

  static long sum(JsonNode groups, String field) {
    long n = 0;
    for (JsonNode g : groups) {
      n += g.path("stats").path(field).asLong();
    }
    return n;
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

  @Test
  void gateway_key_timeline_counts_only_that_keys_requests_per_bucket() throws Exception {
    JsonNode other = twoRequestsAndOneOfAnotherKey();
    String mine = "/api/gateway-keys/" + h.clientKeyId() + "/timeline" + HOURS;
    String theirs = "/api/gateway-keys/" + other.path("id").asText() + "/timeline" + HOURS;
    Poll.until("the requests in the rollups", Duration.ofSeconds(10), () -> {
      try {
        return total(get(mine)) == 2 && total(get(theirs)) == 1;
      } catch (Exception e) {
        return false;
      }
    });

    JsonNode points = get(mine);
    assertThat(points).extracting(p -> p.path("start").asText())
        .containsExactly("2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z", "2026-01-05T11:00:00Z");
    JsonNode ten = points.get(1).path("stats");
    assertThat(ten.path("requests").asLong()).isEqualTo(2);
    assertThat(ten.path("errors").isNumber()).isTrue();
    assertThat(ten.path("errors").asLong()).isZero();
    assertThat(ten.path("input_tokens").asLong()).isEqualTo(22);
    assertThat(ten.path("output_tokens").asLong()).isEqualTo(14);
    assertThat(ten.path("cost_nanos").asLong()).isEqualTo(2 * COST);
    assertThat(ten.has("cache_read_tokens")).isTrue();
    assertThat(ten.has("reasoning_tokens")).isTrue();
    assertThat(ten.has("charged_nanos")).isTrue();
    assertThat(get(theirs).get(1).path("stats").path("cost_nanos").asLong()).isEqualTo(COST);
    // A deleted key keeps its history.
    assertThat(h.adminCall("DELETE", "/api/gateway-keys/" + other.path("id").asText(), null).statusCode())
        .isEqualTo(200);
    assertThat(get(theirs).get(1).path("stats").path("requests").asLong()).isEqualTo(1);

    JsonNode days = get("/api/gateway-keys/" + h.clientKeyId()
        + "/timeline?bucket=day&from=2026-01-04T00:00:00Z&to=2026-01-06T00:00:00Z");
    assertThat(days).extracting(p -> p.path("stats").path("requests").asLong()).containsExactly(0L, 2L);
  }

  @Test
  void gateway_key_timeline_of_an_unknown_key_is_a_404_and_of_bad_parameters_a_400() throws Exception {
    HttpResponse<String> unknown = h.adminCall("GET", "/api/gateway-keys/gk_nope/timeline", null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).path("error").path("type").asText()).isEqualTo("not_found");

    String base = "/api/gateway-keys/" + h.clientKeyId() + "/timeline";
    assertThat(h.adminCall("GET", base, null).statusCode()).isEqualTo(200);
    HttpResponse<String> bucket = h.adminCall("GET", base + "?bucket=year", null);
    assertThat(bucket.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bucket.body()).path("error").path("message").asText()).contains("'bucket'");
    assertThat(h.adminCall("GET", base + "?from=yesterday", null).body()).contains("'from'");
    assertThat(h.adminCall("GET", base + "?from=2026-01-06T00:00:00Z&to=2026-01-05T00:00:00Z", null).statusCode())
        .isEqualTo(400);
    assertThat(h.adminCall("GET", base + "?from=2000-01-01T00:00:00Z", null).statusCode()).isEqualTo(400);
    // The parameters are checked first: a bad bucket for an unknown key is still a 400.
    assertThat(h.adminCall("GET", "/api/gateway-keys/gk_nope/timeline?bucket=year", null).statusCode())
        .isEqualTo(400);
  }

  static long total(JsonNode points) {
    long n = 0;
    for (JsonNode p : points) {
      n += p.path("stats").path("requests").asLong();
    }
    return n;
  }
}
