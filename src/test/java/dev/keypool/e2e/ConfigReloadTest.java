package dev.keypool.e2e;

import static dev.keypool.e2e.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import dev.keypool.reload.ReloadSignal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import dev.keypool.testkit.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reloading the configuration file of a running gateway through {@code POST /api/config/reload}: a
 * valid change applies to the next request (routes, providers, keys, quotas, header rules, gateway
 * keys), the answer names what changed and what needs a restart; an invalid file is refused with its
 * problems and nothing changes.
 */
class ConfigReloadTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String RELOAD = "/api/config/reload";

  GatewayHarness h;

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  static JsonNode json(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  JsonNode reload() throws Exception {
    return reload(h);
  }

  /** {@code POST /api/config/reload} on {@code h}, which must answer 200; the report. */
  static JsonNode reload(GatewayHarness h) throws Exception {
    return json(h.adminCall("POST", RELOAD, null), 200);
  }

  @Test
  void a_new_route_serves_the_next_request() throws Exception {
    h = GatewayHarness.fromFile(GatewayHarness.STANDARD);
    assertThat(h.post("/v1/chat/completions", chat("gpt-new")).statusCode()).isEqualTo(404);

    h.writeConfig(GatewayHarness.STANDARD.replace("models:\n", """
        models:
          - { id: gpt-new, candidates: [ { provider: openai, model: gpt-upstream-2 } ] }
        """));
    JsonNode report = reload();

    assertThat(report.path("changes").path("routes").path("added").toString()).isEqualTo("[\"gpt-new\"]");
    assertThat(report.path("changes").path("providers").path("changed").size()).isZero();
    assertThat(report.path("restart_required").size()).isZero();
    assertThat(h.post("/v1/chat/completions", chat("gpt-new")).statusCode()).isEqualTo(200);
    assertThat(new String(h.upstream.requests().getLast().body(), StandardCharsets.UTF_8)).contains("gpt-upstream-2");
  }

  @Test
  void a_new_provider_with_its_keys_takes_over_a_route_and_removed_keys_leave_the_pool() throws Exception {
    h = GatewayHarness.fromFile(GatewayHarness.STANDARD);
    String next = GatewayHarness.STANDARD
        .replace("- { name: a, secret: sk-a }\n      - { name: b, secret: sk-b }", "- { name: c, secret: sk-c }")
        .replace("models:\n", """
              - id: second
                format: openai
                base_url: UPSTREAM
                keys: [ { name: z, secret: sk-z } ]
            models:
              - { id: via-second, candidates: [ { provider: second, model: m2 } ] }
            """);
    h.writeConfig(next);
    JsonNode changes = reload().path("changes");

    assertThat(changes.path("providers").path("added").toString()).isEqualTo("[\"second\"]");
    assertThat(changes.path("provider_keys").path("added").toString()).isEqualTo("[\"openai/c\",\"second/z\"]");
    assertThat(changes.path("provider_keys").path("removed").toString()).isEqualTo("[\"openai/a\",\"openai/b\"]");
    assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
    assertThat(h.post("/v1/chat/completions", chat("via-second")).statusCode()).isEqualTo(200);
    assertThat(h.upstream.requestsFor("sk-c")).hasSize(1);
    assertThat(h.upstream.requestsFor("sk-z")).hasSize(1);
    assertThat(h.upstream.requestsFor("sk-a")).isEmpty();
    assertThat(h.gateway.keyPool().snapshots()).extracting(k -> k.providerId() + "/" + k.name())
        .containsExactlyInAnyOrder("openai/c", "second/z", "anthropic/a", "anthropic/b");
  }

  @Test
  void quota_rules_and_header_rules_apply_to_the_next_request() throws Exception {
    h = GatewayHarness.fromFile(GatewayHarness.STANDARD);
    assertThat(h.post("/v1/chat/completions", chat("gpt-test"), "x-trace-id", "t1").statusCode()).isEqualTo(200);
    assertThat(h.upstream.requests().getLast().headers()).doesNotContainKey("x-trace-id");

    h.writeConfig(GatewayHarness.STANDARD + """
        headers: { forward: [ content-type, x-trace-* ] }
        quotas: { gateway_key: { requests_per_minute: 2 } }
        """);
    JsonNode changes = reload().path("changes");

    assertThat(changes.path("quotas").asBoolean()).isTrue();
    assertThat(changes.path("headers").asBoolean()).isTrue();
    assertThat(h.post("/v1/chat/completions", chat("gpt-test"), "x-trace-id", "t2").statusCode()).isEqualTo(200);
    assertThat(h.upstream.requests().getLast().headers().get("x-trace-id")).containsExactly("t2");
    assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
    HttpResponse<String> third = h.post("/v1/chat/completions", chat("gpt-test"));
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.body()).contains("2 requests per minute");

    h.writeConfig(GatewayHarness.STANDARD);
    reload();
    assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).as("the limit is gone").isEqualTo(200);
  }

  @Test
  void gateway_keys_declared_in_the_file_come_and_go() throws Exception {
    h = GatewayHarness.fromFile(GatewayHarness.STANDARD);
    String second = "ak_" + "Second0123456789".repeat(4);
    h.writeRawConfig(h.configHeader().replace("gateway_keys: [ ", "gateway_keys: [ { name: second, key: " + second + " }, ")
        + GatewayHarness.STANDARD.replace("UPSTREAM", h.upstream.baseUrl()));
    assertThat(reload().path("changes").path("gateway_keys").path("added").toString()).isEqualTo("[\"second\"]");
    assertThat(h.postRaw("/v1/chat/completions", chat("gpt-test"), "authorization", "Bearer " + second,
        "content-type", "application/json").statusCode()).isEqualTo(200);

    h.writeConfig(GatewayHarness.STANDARD);
    assertThat(reload().path("changes").path("gateway_keys").path("removed").toString()).isEqualTo("[\"second\"]");
    assertThat(h.postRaw("/v1/chat/completions", chat("gpt-test"), "authorization", "Bearer " + second,
        "content-type", "application/json").statusCode()).isEqualTo(401);
    assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
  }

  @Test
  void an_invalid_file_is_refused_with_its_problems_and_nothing_changes() throws Exception {
    h = GatewayHarness.fromFile(GatewayHarness.STANDARD);
    String settingsBefore = h.adminCall("GET", "/api/settings", null).body();
    h.writeConfig(GatewayHarness.STANDARD.replace("gpt-upstream", "gpt-other")
        .replace("provider: anthropic, model: claude-upstream } ] }\n  - { id: embed",
            "provider: nowhere, model: claude-upstream } ] }\n  - { id: embed")
        + "headers: { forward: [ x-trace-* ] }\nquotas: { gateway_key: { requests_per_fortnight: 1 } }\n");

    JsonNode error = json(h.adminCall("POST", RELOAD, null), 400).path("error");

    assertThat(error.path("type").asText()).isEqualTo("invalid_config");
    assertThat(error.path("errors").toString()).contains("models[1].candidates[0].provider").contains("requests_per_fortnight");
    assertThat(h.post("/v1/chat/completions", chat("gpt-test"), "x-trace-id", "t").statusCode()).isEqualTo(200);
    assertThat(new String(h.upstream.requests().getLast().body(), StandardCharsets.UTF_8)).contains("gpt-upstream");
    assertThat(h.upstream.requests().getLast().headers()).doesNotContainKey("x-trace-id");
    assertThat(h.adminCall("GET", "/api/settings", null).body()).isEqualTo(settingsBefore);
  }

  @Test
  void fields_that_need_a_restart_are_named_and_the_rest_applies() throws Exception {
    h = GatewayHarness.fromFile(GatewayHarness.STANDARD);
    h.writeConfig(GatewayHarness.STANDARD.replace("models:\n", """
        models:
          - { id: gpt-new, candidates: [ { provider: openai } ] }
        """) + """
        limits: { drain_timeout: 9s }
        quotas: { daily_reset: "06:00" }
        balances: { timeout: 9s, interval: 7m }
        """);

    JsonNode report = reload();

    assertThat(report.path("restart_required").toString())
        .isEqualTo("[\"limits\",\"quotas.daily_reset\",\"balances.timeout\"]");
    assertThat(report.path("summary").asText())
        .contains("needing a restart: limits, quotas.daily_reset, balances.timeout");
    assertThat(report.path("changes").path("settings").toString()).isEqualTo("[\"balances\"]");
    assertThat(h.post("/v1/chat/completions", chat("gpt-new")).statusCode()).isEqualTo(200);
    var inEffect = h.gateway.configReload().current();
    assertThat(inEffect.limits().drainTimeout()).as("the running drain timeout stays").isNotEqualTo(Duration.ofSeconds(9));
    assertThat(inEffect.balances().timeout()).as("the running balance timeout stays").isNotEqualTo(Duration.ofSeconds(9));
    assertThat(inEffect.balances().interval()).as("the balance interval applies").isEqualTo(Duration.ofMinutes(7));
  }

  @Test
  void an_unchanged_file_changes_nothing() throws Exception {
    h = GatewayHarness.fromFile(GatewayHarness.STANDARD);
    JsonNode report = reload();
    assertThat(report.path("changed").asBoolean()).as(report.toString()).isFalse();
    assertThat(report.path("restart_required").size()).isZero();
  }

  @Test
  void only_admins_reload_and_only_a_gateway_started_from_a_file() throws Exception {
    h = GatewayHarness.fromFile(GatewayHarness.STANDARD);
    assertThat(h.adminCallAs(h.viewerToken(), "POST", RELOAD, null).statusCode()).isEqualTo(403);
    assertThat(h.adminCallAs(null, "POST", RELOAD, null).statusCode()).isEqualTo(401);
    try (GatewayHarness fromText = GatewayHarness.standard()) {
      assertThat(json(fromText.adminCall("POST", RELOAD, null), 409).path("error").path("message").asText())
          .contains("not started from a configuration file");
    }
  }

  @Test
  void the_signal_reloads_and_an_invalid_file_changes_nothing() throws Exception {
    h = GatewayHarness.fromFile(GatewayHarness.STANDARD);
    Runnable sighup = ReloadSignal.action(h.gateway.configReload());
    h.writeConfig(GatewayHarness.STANDARD.replace("models:\n", """
        models:
          - { id: gpt-new, candidates: [ { provider: openai } ] }
        """));
    sighup.run();
    assertThat(h.post("/v1/chat/completions", chat("gpt-new")).statusCode()).isEqualTo(200);

    h.writeConfig("providers: [ { id: broken } ]\n");
    sighup.run();
    assertThat(h.post("/v1/chat/completions", chat("gpt-new")).statusCode()).isEqualTo(200);
    assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
  }

  @Test
  void reloads_during_traffic_lose_no_request() throws Exception {
    h = GatewayHarness.fromFile(GatewayHarness.STANDARD);
    // Every other file has other openai keys and another connection pool size (a new upstream client).
    String other = GatewayHarness.STANDARD
        .replace("- { name: a, secret: sk-a }\n      - { name: b, secret: sk-b }", "- { name: c, secret: sk-c }")
        .replace("timeouts: { connect: 2s, first_byte: 2s, idle: 2s, total: 10s }\n    keys:\n      - { name: c",
            "timeouts: { connect: 2s, first_byte: 2s, idle: 2s, total: 10s }\n    max_connections: 7\n    keys:\n      - { name: c");
    assertThat(other).contains("max_connections: 7");
    int clients = 2;
    int perClient = 60;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    AtomicInteger answered = new AtomicInteger();
    try {
      List<Future<List<Integer>>> results = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        results.add(pool.submit(() -> {
          List<Integer> statuses = new ArrayList<>();
          for (int i = 0; i < perClient; i++) {
            statuses.add(h.post("/v1/chat/completions", chat("gpt-test")).statusCode());
            answered.incrementAndGet();
          }
          return statuses;
        }));
      }
      int reloads = 0;
      // Bounded: at most 100 reloads, each once a few more requests were answered, none after the last.
      while (reloads < 100 && answered.get() < clients * perClient) {
        h.writeConfig(reloads % 2 == 0 ? other : GatewayHarness.STANDARD);
        assertThat(h.gateway.configReload().reload().providerKeys().isEmpty()).isFalse();
        reloads++;
        int seen = answered.get();
        Poll.until("more requests answered", () -> answered.get() >= Math.min(seen + clients, clients * perClient));
      }
      List<Integer> all = new ArrayList<>();
      for (Future<List<Integer>> f : results) {
        all.addAll(f.get(60, TimeUnit.SECONDS));
      }
      assertThat(reloads).as("reloads happened while requests ran").isGreaterThan(2);
      assertThat(all).hasSize(clients * perClient).containsOnly(200);
    } finally {
      pool.shutdownNow();
    }
  }
}
