package dev.keypool.e2e;

import static dev.keypool.e2e.GatewayHarness.chat;
import static dev.keypool.e2e.ProviderAdminTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.balance.FakeBalanceApi;
import dev.keypool.e2e.GatewayHarness.Storage;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.RecordedRequest;
import dev.keypool.testkit.Replies;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Balances through the real gateway: a key on a fake OpenRouter whose balance falls to zero is taken out
 * of rotation while traffic continues on the other key, and a top-up read by the schedule brings it back;
 * the admin API shows balances with their age, errors, burn rate, days left and reconciliation.
 */
class BalanceApiTest {
  /** One dollar per token: 11 + 7 tokens cost $18 a request. */
  static final String PRICES = """
      prices:
        gpt-upstream: { input: 1000000, output: 1000000 }
      """;

  @ParameterizedTest
  @EnumSource(Storage.class)
  void an_empty_key_leaves_rotation_and_a_top_up_brings_it_back(Storage storage) throws Exception {
    try (FakeBalanceApi api = FakeBalanceApi.start()) {
      api.answer("/api/v1/key", "sk-a", 200, key(100));
      api.answer("/api/v1/key", "sk-b", 200, key(100));
      String yaml = GatewayHarness.STANDARD + PRICES + """
          balances:
            enabled: false
            exchange_rates: { CNY: 0.14 }
            providers:
              openai: { adapter: openrouter, base_url: "%s/api/v1", min_balance: 0 }
          """.formatted(api.url());
      try (GatewayHarness h = GatewayHarness.start(yaml, storage)) {
        h.upstream.defaultReply(Replies.openAiChat("Hello", 11, 7));
        String a = openAiKey(h, "a");
        JsonNode first = json(h.adminCall("POST", "/api/provider-keys/" + a + "/balance/refresh", null), 200);
        assertThat(first.path("adapter").asText()).isEqualTo("openrouter");
        assertThat(first.path("balance").path("amounts").get(0).toString())
            .isEqualTo("{\"currency\":\"USD\",\"amount\":\"100\",\"total\":\"200\",\"used\":\"100\"}");
        assertThat(first.path("balance").path("total").path("usd").asText()).isEqualTo("100");
        assertThat(first.path("age_seconds").asLong()).isZero();
        assertThat(first.path("error").isNull()).isTrue();
        assertThat(first.path("history")).hasSize(1);
        assertThat(api.seen().getFirst().headers()).containsEntry("authorization", "Bearer sk-a");

        for (int i = 0; i < 2; i++) {
          assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
        }
        h.clock.advance(Duration.ofMinutes(1));
        Poll.until("both requests recorded", Duration.ofSeconds(10), () -> recordedCost(h, a) + recordedCost(h, openAiKey(h, "b")) == 36);

        // sk-a falls to zero: the provider-wide refresh takes it out of rotation.
        api.answer("/api/v1/key", "sk-a", 200, key(0));
        JsonNode provider = json(h.adminCall("POST", "/api/providers/openai/balances/refresh", null), 200);
        assertThat(provider.path("keys")).hasSize(2);
        JsonNode keyA = provider.path("keys").findValues("key_id").stream().anyMatch(n -> n.asText().equals(a))
            ? byId(provider.path("keys"), a) : null;
        assertThat(keyA.path("balance_exhausted").asBoolean()).isTrue();
        assertThat(provider.path("total").path("usd").asText()).isEqualTo("100");
        JsonNode listed = byId(json(h.adminCall("GET", "/api/provider-keys", null), 200), a);
        assertThat(listed.path("live").path("state").asText()).isEqualTo("balance_exhausted");
        assertThat(listed.path("live").path("reason").asText()).startsWith("balance_exhausted: balance 0 USD");
        assertThat(listed.path("balance").path("amounts").get(0).path("amount").asText()).isEqualTo("0");

        // The empty key also raises the balance_low alert (no channel configured: it is listed).
        h.gateway.alerts().tick();
        JsonNode alerts = json(h.adminCall("GET", "/api/alerts?rule=balance_low", null), 200);
        assertThat(alerts.path("active")).hasSize(1);
        assertThat(alerts.path("active").get(0).path("subject").asText()).isEqualTo("key:" + a);
        assertThat(alerts.path("active").get(0).toString()).contains("low on balance").doesNotContain("sk-a");

        int before = h.upstream.requests().size();
        for (int i = 0; i < 4; i++) {
          assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
        }
        assertThat(keysUsed(h.upstream.requests().subList(before, h.upstream.requests().size()))).containsOnly("Bearer sk-b");

        JsonNode detail = json(h.adminCall("GET", "/api/provider-keys/" + a + "/balance?history=5", null), 200);
        JsonNode rec = detail.path("reconciliation");
        assertThat(rec.path("balance_drop_usd").asText()).isEqualTo("100");
        double spentOnA = recordedCost(h, a);
        assertThat(rec.path("recorded_cost_usd").asDouble()).isEqualTo(spentOnA);
        assertThat(rec.path("drift_usd").asDouble()).isEqualTo(100 - spentOnA);
        assertThat(detail.path("burn").path("cost_24h_usd").asDouble()).isEqualTo(spentOnA);
        assertThat(detail.path("days_left").path("at_24h_rate").asDouble()).isZero();
        assertThat(detail.path("history")).hasSize(2);

        // sk-b's balance cannot be read: the error shows, its last good reading stays.
        api.answer("/api/v1/key", "sk-b", 401, "{\"error\": {\"code\": 401, \"message\": \"User not found.\"}}");
        String b = openAiKey(h, "b");
        JsonNode bad = json(h.adminCall("POST", "/api/provider-keys/" + b + "/balance/refresh", null), 200);
        assertThat(bad.path("error").asText()).contains("answered 401", "User not found.");
        assertThat(bad.path("balance").path("amounts").get(0).path("amount").asText()).isEqualTo("100");
        assertThat(bad.path("days_left").path("at_24h_rate").asDouble()).isPositive();

        // A top-up, read by the schedule once the interval has passed, brings sk-a back.
        api.answer("/api/v1/key", "sk-a", 200, key(50));
        h.clock.advance(Duration.ofMinutes(34));
        h.gateway.balances().tick();
        Poll.until("sk-a back in rotation", Duration.ofSeconds(10),
            () -> h.gateway.keyPool().snapshot(a).state() == dev.keypool.keypool.KeyState.HEALTHY);
        before = h.upstream.requests().size();
        for (int i = 0; i < 4; i++) {
          assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
        }
        assertThat(keysUsed(h.upstream.requests().subList(before, h.upstream.requests().size()))).contains("Bearer sk-a");
        h.gateway.alerts().tick();
        assertThat(json(h.adminCall("GET", "/api/alerts?rule=balance_low", null), 200).path("active"))
            .as("the top-up resolves the alert").isEmpty();
      }
    }
  }

  @org.junit.jupiter.api.Test
  void bad_calls_are_refused_in_the_admin_shape() throws Exception {
    try (GatewayHarness h = GatewayHarness.start(GatewayHarness.STANDARD)) {
      String a = openAiKey(h, "a");
      assertThat(h.adminCall("GET", "/api/provider-keys/pk_nobody/balance", null).statusCode()).isEqualTo(404);
      assertThat(h.adminCall("GET", "/api/provider-keys/" + a + "/balance?history=lots", null).statusCode()).isEqualTo(400);
      assertThat(h.adminCall("GET", "/api/provider-keys/" + a + "/balance?histroy=1", null).statusCode()).isEqualTo(400);
      JsonNode none = json(h.adminCall("GET", "/api/provider-keys/" + a + "/balance", null), 200);
      assertThat(none.path("adapter").isNull()).isTrue();
      assertThat(none.path("balance").isNull()).isTrue();
      var refused = h.adminCall("POST", "/api/provider-keys/" + a + "/balance/refresh", null);
      assertThat(refused.statusCode()).isEqualTo(409);
      assertThat(refused.body()).contains("no_balance_adapter", "balances.providers.openai.adapter");
      assertThat(h.adminCall("POST", "/api/providers/anthropic/balances/refresh", null).statusCode()).isEqualTo(409);
      assertThat(h.adminCall("GET", "/api/providers/nobody/balances", null).statusCode()).isEqualTo(404);
      assertThat(json(h.adminCall("GET", "/api/providers/anthropic/balances", null), 200).path("keys")).hasSize(2);
      var viewer = h.adminCallAs(h.viewerToken(), "POST", "/api/provider-keys/" + a + "/balance/refresh", null);
      assertThat(viewer.statusCode()).isEqualTo(403);
    }
  }

  /** The id of the openai provider key named {@code name}. */
  private static String openAiKey(GatewayHarness h, String name) {
    return h.gateway.keyPool().snapshots().stream().filter(s -> s.providerId().equals("openai") && s.name().equals(name))
        .findFirst().orElseThrow().id();
  }

  private static String key(int remaining) {
    return "{\"data\": {\"limit\": 200, \"limit_remaining\": " + remaining + ", \"usage\": " + (200 - remaining) + "}}";
  }

  private static JsonNode byId(JsonNode list, String id) {
    for (JsonNode n : list) {
      if (id.equals(n.path("key_id").asText(n.path("id").asText()))) {
        return n;
      }
    }
    throw new AssertionError(id + " not in " + list);
  }

  private static List<String> keysUsed(List<RecordedRequest> requests) {
    return requests.stream().filter(r -> r.path().equals("/v1/chat/completions"))
        .map(r -> r.headers().get("authorization").getFirst()).toList();
  }

  /** Dollars recorded for requests on {@code keyId}, from the request records. */
  private static double recordedCost(GatewayHarness h, String keyId) {
    try (var c = h.database(); var ps = c.prepareStatement(
        "SELECT COALESCE(SUM(cost_nanos), 0) FROM request_records WHERE provider_key_id = ?")) {
      ps.setString(1, keyId);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) / 1e9;
      }
    } catch (Exception e) {
      return -1;
    }
  }
}
