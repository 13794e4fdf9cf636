package dev.keypool.e2e;

import static dev.keypool.e2e.ProviderAdminTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.e2e.GatewayHarness.Storage;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.RecordedRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Active health checks of provider keys: on a schedule and on demand, their history, and their effect on the pool. */
class HealthCheckTest {
  /** The standard setup with checks every 5 minutes (plus up to 10 s), a ban after 2 credential failures. */
  static final String CHECKED = GatewayHarness.STANDARD + """
      routing: { ban: { status_codes: [401, 403], threshold: 2, window: 30m, duration: 10m, max_duration: 1h } }
      health_checks: { enabled: true, interval: 5m, jitter: 10s, concurrency: 2, timeout: 5s }
      """;
  static final Duration PAST_ONE_INTERVAL = Duration.ofMinutes(5).plusSeconds(11);

  GatewayHarness h;

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  JsonNode key(String provider, String name) {
    JsonNode keys;
    try {
      keys = json(h.adminCall("GET", "/api/provider-keys", null), 200);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    for (JsonNode k : keys) {
      if (k.path("provider").asText().equals(provider) && k.path("name").asText().equals(name)) {
        return k;
      }
    }
    throw new AssertionError("no key " + provider + "/" + name);
  }

  String state(String provider, String name) {
    return key(provider, name).path("live").path("state").asText();
  }

  List<RecordedRequest> modelLists(String secret) {
    return h.upstream.requestsFor(secret).stream().filter(r -> r.method().equals("GET")).toList();
  }

  @Test
  void a_key_that_starts_failing_is_found_by_the_schedule_before_any_client_request() throws Exception {
    h = GatewayHarness.start(CHECKED);
    h.upstream.modelListStatus("sk-a", 401);
    assertThat(h.gateway.checkSchedule().tick()).isZero();

    h.clock.advance(PAST_ONE_INTERVAL);
    Poll.until("key a checked", () -> !modelLists("sk-a").isEmpty() && !modelLists("sk-b").isEmpty());
    Poll.until("key a cooling down", () -> state("openai", "a").equals("cooling_down"));
    JsonNode a = key("openai", "a");
    assertThat(a.path("last_check").path("ok").asBoolean()).isFalse();
    assertThat(a.path("last_check").path("failure").asText()).isEqualTo("credential");
    assertThat(a.path("last_check").path("triggered_by").asText()).isEqualTo("schedule");
    assertThat(a.path("last_check").path("message").asText()).contains("upstream 401").doesNotContain("sk-a");
    assertThat(a.path("live").path("reason").asText()).startsWith("credential rejected (401)");
    Poll.until("key b checked", () -> key("openai", "b").path("last_check").path("ok").asBoolean());
    assertThat(state("openai", "b")).isEqualTo("healthy");
    assertThat(h.upstream.requests()).allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));

    // The next check is one interval (plus jitter) later, not at every tick.
    int checked = modelLists("sk-a").size();
    h.clock.advance(Duration.ofMinutes(1));
    assertThat(h.gateway.checkSchedule().tick()).isZero();
    assertThat(modelLists("sk-a")).hasSize(checked);
  }

  @Test
  void a_banned_key_recovers_through_a_scheduled_probe_on_the_half_open_schedule() throws Exception {
    h = GatewayHarness.start(CHECKED);
    h.upstream.modelListStatus("ant-a", 401);
    String id = key("anthropic", "a").path("id").asText();
    for (int i = 0; i < 2; i++) {
      json(h.adminCall("POST", "/api/provider-keys/" + id + "/check", null), 200);
    }
    assertThat(state("anthropic", "a")).isEqualTo("banned");
    h.upstream.modelListStatus("ant-a", 200);
    int before = modelLists("ant-a").size();

    h.clock.advance(Duration.ofMinutes(9));
    assertThat(state("anthropic", "a")).isEqualTo("banned");
    h.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    Poll.until("the banned key probed and recovered", () -> state("anthropic", "a").equals("healthy"));
    assertThat(modelLists("ant-a")).hasSizeGreaterThan(before);
    assertThat(key("anthropic", "a").path("last_check").path("ok").asBoolean()).isTrue();
    assertThat(h.upstream.requests()).allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void checks_on_demand_count_for_the_key_and_are_kept_as_history(Storage storage) throws Exception {
    h = GatewayHarness.start(GatewayHarness.WITH_GEMINI, storage);
    String openai = key("openai", "a").path("id").asText();
    JsonNode ok = json(h.adminCall("POST", "/api/provider-keys/" + openai + "/check", null), 200);
    assertThat(ok.path("ok").asBoolean()).isTrue();
    assertThat(ok.path("probe").asText()).isEqualTo("models");
    assertThat(ok.path("status").asInt()).isEqualTo(200);
    assertThat(ok.path("triggered_by").asText()).isEqualTo("operator");
    assertThat(ok.path("checked_at").asText()).isEqualTo(h.clock.instant().toString());
    assertThat(ok.path("latency_ms").asLong()).isNotNegative();

    h.upstream.modelListStatus("gk-b", 500);
    h.upstream.modelListStatus("gk-a", 403);
    JsonNode all = json(h.adminCall("POST", "/api/providers/gemini/check", null), 200).path("checks");
    assertThat(all).hasSize(2);
    assertThat(all.findValuesAsText("failure")).containsExactlyInAnyOrder("credential", "transient");
    assertThat(all.toString()).doesNotContain("gk-a", "gk-b");
    assertThat(state("gemini", "a")).isEqualTo("cooling_down");
    assertThat(state("gemini", "b")).isEqualTo("healthy"); // one transient failure is not yet a run
    JsonNode geminiA = key("gemini", "a");
    assertThat(geminiA.path("last_check").path("status").asInt()).isEqualTo(403);
    assertThat(geminiA.path("live").path("health").path("score").asDouble()).isBetween(0.0, 1.0);

    h.clock.advance(Duration.ofSeconds(1));
    json(h.adminCall("POST", "/api/provider-keys/" + openai + "/check", null), 200);
    JsonNode history = json(h.adminCall("GET", "/api/provider-keys/" + openai + "/checks", null), 200).path("checks");
    assertThat(history).hasSize(2);
    assertThat(history.get(0).path("checked_at").asText()).isEqualTo(h.clock.instant().toString());
    assertThat(json(h.adminCall("GET", "/api/provider-keys/" + openai + "/checks?limit=1", null), 200)
        .path("checks")).hasSize(1);
    assertThat(h.adminCall("GET", "/api/provider-keys/" + openai + "/checks?limt=1", null).statusCode()).isEqualTo(400);
    assertThat(h.adminCall("GET", "/api/provider-keys/" + openai + "/checks?limit=0", null).statusCode()).isEqualTo(400);
    assertThat(h.adminCall("GET", "/api/provider-keys/pk_nobody/checks", null).statusCode()).isEqualTo(404);
    assertThat(h.adminCall("POST", "/api/provider-keys/pk_nobody/check", null).statusCode()).isEqualTo(404);
    assertThat(h.adminCall("POST", "/api/providers/nobody/check", null).statusCode()).isEqualTo(404);

    json(h.adminCall("POST", "/api/provider-keys/" + openai + "/disable", null), 200);
    assertThat(h.adminCall("POST", "/api/provider-keys/" + openai + "/check", null).body()).contains("key_disabled");
  }

  @Test
  void a_completion_probe_asks_the_configured_model_for_one_token() throws Exception {
    h = GatewayHarness.start(GatewayHarness.STANDARD + """
        health_checks:
          providers:
            openai: { probe: completion, model: gpt-probe }
            anthropic: { probe: completion, model: claude-probe }
        """);
    json(h.adminCall("POST", "/api/provider-keys/" + key("openai", "a").path("id").asText() + "/check", null), 200);
    json(h.adminCall("POST", "/api/provider-keys/" + key("anthropic", "b").path("id").asText() + "/check", null), 200);

    RecordedRequest openai = h.upstream.requestsFor("sk-a").getFirst();
    assertThat(openai.path()).isEqualTo("/v1/chat/completions");
    assertThat(openai.model()).isEqualTo("gpt-probe");
    assertThat(openai.bodyText()).contains("\"max_tokens\":1");
    RecordedRequest anthropic = h.upstream.requestsFor("ant-b").getFirst();
    assertThat(anthropic.path()).isEqualTo("/v1/messages");
    assertThat(anthropic.model()).isEqualTo("claude-probe");
    assertThat(key("openai", "a").path("last_check").path("probe").asText()).isEqualTo("completion");
    // Checks are not requests: the key's request count stays 0.
    assertThat(key("openai", "a").path("live").path("total_requests").asInt()).isZero();
  }

  @Test
  void the_health_score_moves_traffic_away_from_a_slow_key() throws Exception {
    h = GatewayHarness.start(GatewayHarness.STANDARD);
    h.upstream.script("sk-a", dev.keypool.testkit.Replies.openAiChat("slow").delayed(Duration.ofMillis(500)));
    for (int i = 0; i < 8; i++) {
      assertThat(h.post("/v1/chat/completions", GatewayHarness.chat("gpt-test")).statusCode()).isEqualTo(200);
    }
    assertThat(h.upstream.requestsFor("sk-a")).hasSize(4);
    h.gateway.keyPool().rescore();
    assertThat(key("openai", "a").path("live").path("health").path("latency_factor").asDouble()).isLessThan(0.5);

    for (int i = 0; i < 20; i++) {
      assertThat(h.post("/v1/chat/completions", GatewayHarness.chat("gpt-test")).statusCode()).isEqualTo(200);
    }
    assertThat(h.upstream.requestsFor("sk-a").size() - 4).isLessThanOrEqualTo(5);
    assertThat(h.upstream.requestsFor("sk-b").size() - 4).isGreaterThanOrEqualTo(15);
  }
}
