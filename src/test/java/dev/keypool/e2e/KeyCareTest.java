package dev.keypool.e2e;

import static dev.keypool.e2e.GatewayHarness.chat;
import static dev.keypool.e2e.ProviderAdminTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.balance.FakeBalanceApi;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.RecordedRequest;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.Reply;
import dev.keypool.testkit.WireFormat;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Key care through the real gateway: a key refused one model is avoided for that model and still used
 * for another; the days-left alert fires once and resolves after a top-up; {@code /metrics} shows the
 * keys' health scores, balances, days left and health checks.
 */
class KeyCareTest {
  static final String TWO_MODELS = """
      providers:
        - id: openai
          format: openai
          base_url: UPSTREAM
          keys:
            - { name: a, secret: sk-a }
            - { name: b, secret: sk-b }
      models:
        - { id: gpt-x, candidates: [ { provider: openai, model: model-x } ] }
        - { id: gpt-y, candidates: [ { provider: openai, model: model-y } ] }
      """;

  @Test
  void a_key_refused_one_model_is_avoided_for_it_and_used_for_another() throws Exception {
    try (GatewayHarness h = GatewayHarness.start(TWO_MODELS)) {
      h.upstream.defaultReply(Reply.dynamic(WireFormat.OPENAI, r -> "sk-a".equals(r.key()) && "model-x".equals(r.model())
          ? Replies.openAiError(404, "invalid_request_error", "model_not_found", "The model `model-x` does not exist")
          : Replies.openAiChat("Hello", 3, 2)));
      for (int i = 0; i < 10; i++) {
        assertThat(h.post("/v1/chat/completions", chat("gpt-x")).statusCode()).isEqualTo(200);
        assertThat(h.post("/v1/chat/completions", chat("gpt-y")).statusCode()).isEqualTo(200);
      }
      assertThat(attempts(h, "sk-a", "model-x")).as("round robin tries a first for model-x, b on the retry").isGreaterThanOrEqualTo(5);
      h.gateway.keyPool().rescore();

      int xBefore = attempts(h, "sk-a", "model-x");
      int yBefore = attempts(h, "sk-a", "model-y");
      for (int i = 0; i < 20; i++) {
        assertThat(h.post("/v1/chat/completions", chat("gpt-x")).statusCode()).isEqualTo(200);
        assertThat(h.post("/v1/chat/completions", chat("gpt-y")).statusCode()).isEqualTo(200);
      }
      assertThat(attempts(h, "sk-a", "model-x") - xBefore).as("a for model-x, about 10 without its score").isLessThan(5);
      assertThat(attempts(h, "sk-a", "model-y") - yBefore).as("a for model-y, its fair share").isBetween(8, 12);

      JsonNode live = keyView(h, "a").path("live");
      assertThat(live.path("health").path("score").asDouble()).as("the key itself is fine").isEqualTo(1.0);
      JsonNode x = null;
      for (JsonNode m : live.path("model_health")) {
        if (m.path("model").asText().equals("model-x")) {
          x = m.path("health");
        }
      }
      assertThat(x).isNotNull();
      assertThat(x.path("score").asDouble()).isLessThan(0.3);
      assertThat(x.path("last_failure").asText()).isEqualTo("model_access");
    }
  }

  @Test
  void the_days_left_alert_fires_once_and_a_top_up_resolves_it_and_metrics_show_the_keys() throws Exception {
    try (FakeBalanceApi api = FakeBalanceApi.start()) {
      api.answer("/api/v1/key", "sk-a", 200, key(100));
      String yaml = GatewayHarness.STANDARD + BalanceApiTest.PRICES + """
          balances:
            enabled: false
            providers:
              openai: { adapter: openrouter, base_url: "%s/api/v1" }
          """.formatted(api.url());
      try (GatewayHarness h = GatewayHarness.start(yaml)) {
        h.upstream.defaultReply(Replies.openAiChat("Hello", 11, 7));
        String a = keyView(h, "a").path("id").asText();
        JsonNode idle = json(h.adminCall("POST", "/api/provider-keys/" + a + "/balance/refresh", null), 200);
        assertThat(idle.path("days_left").path("estimate").isNull()).as("nothing spent yet").isTrue();
        assertThat(daysLeftAlerts(h).path("active")).isEmpty();

        // $18 a request: four requests, about two on each key, spend about $36 on a in the last day.
        for (int i = 0; i < 4; i++) {
          assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
        }
        Poll.until("the requests recorded", Duration.ofSeconds(10),
            () -> costToday(h, a) == 36);
        JsonNode busy = json(h.adminCall("POST", "/api/provider-keys/" + a + "/balance/refresh", null), 200);
        assertThat(busy.path("days_left").path("estimate").asDouble()).isBetween(2.7, 2.8); // $100 / ($36 per ~24.x h)
        h.gateway.alerts().tick();
        h.gateway.alerts().tick();
        JsonNode fired = daysLeftAlerts(h);
        assertThat(fired.path("active")).hasSize(1);
        assertThat(fired.path("history")).as("fired once").hasSize(1);
        assertThat(fired.path("active").get(0).path("subject").asText()).isEqualTo("key:" + a);
        assertThat(fired.path("active").get(0).toString()).contains("days of balance left").doesNotContain("sk-a");

        String metrics = metrics(h);
        assertThat(metrics).contains("keypool_provider_key_balance_usd{key=\"a\",provider=\"openai\"} 100.0")
            .contains("keypool_provider_key_balance_days_left{key=\"a\",provider=\"openai\"} "
                + busy.path("days_left").path("estimate").asDouble())
            .contains("keypool_provider_key_health_score{key=\"b\",provider=\"anthropic\"} 1.0");

        api.answer("/api/v1/key", "sk-a", 200, key(1000));
        json(h.adminCall("POST", "/api/provider-keys/" + a + "/balance/refresh", null), 200);
        h.gateway.alerts().tick();
        JsonNode resolved = daysLeftAlerts(h);
        assertThat(resolved.path("active")).isEmpty();
        assertThat(resolved.path("history").get(0).path("state").asText()).isEqualTo("resolved");

        json(h.adminCall("POST", "/api/provider-keys/" + a + "/check", null), 200);
        assertThat(metrics(h)).contains("keypool_health_checks_total{key=\"a\",outcome=\"ok\",provider=\"openai\"} 1.0");
      }
    }
  }

  /** The cost recorded on the key over the last day, as its balance view says; -1 when it cannot be read. */
  private static double costToday(GatewayHarness h, String keyId) {
    try {
      return json(h.adminCall("GET", "/api/provider-keys/" + keyId + "/balance", null), 200).path("burn")
          .path("cost_24h_usd").asDouble();
    } catch (Exception e) {
      return -1;
    }
  }

  private static JsonNode daysLeftAlerts(GatewayHarness h) throws Exception {
    return json(h.adminCall("GET", "/api/alerts?rule=balance_days_left", null), 200);
  }

  private static String metrics(GatewayHarness h) throws Exception {
    return h.http.send(HttpRequest.newBuilder(h.admin("/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static int attempts(GatewayHarness h, String key, String model) {
    return (int) h.upstream.requests().stream().filter(r -> key.equals(r.key()) && model.equals(modelOf(r))).count();
  }

  private static String modelOf(RecordedRequest r) {
    return r.path().equals("/v1/chat/completions") ? r.model() : null;
  }

  private static JsonNode keyView(GatewayHarness h, String name) throws Exception {
    for (JsonNode k : json(h.adminCall("GET", "/api/provider-keys", null), 200)) {
      if (k.path("provider").asText().equals("openai") && k.path("name").asText().equals(name)) {
        return k;
      }
    }
    throw new AssertionError("no openai key " + name);
  }

  private static String key(int remaining) {
    return "{\"data\": {\"limit\": 2000, \"limit_remaining\": " + remaining + ", \"usage\": 0}}";
  }
}
