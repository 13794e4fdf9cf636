package dev.keypool.e2e;

import static dev.keypool.e2e.ConfigReloadTest.json;
import static dev.keypool.e2e.ConfigReloadTest.reload;
import static dev.keypool.e2e.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.balance.FakeBalanceApi;
import dev.keypool.health.CheckSchedule;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.WebhookReceiver;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Settings sections that a reload swaps and that schedulers and the server's own log read: health
 * checks, balances and alerts take the new section on their next round; tracking, the access log and
 * the log level apply to the next request.
 */
class SchedulerReloadTest {
  GatewayHarness h;

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void health_checks_turned_on_run_at_the_new_interval_from_the_next_round() throws Exception {
    h = GatewayHarness.fromFile(GatewayHarness.STANDARD + "health_checks: { enabled: false, interval: 1h, jitter: 0s }\n");
    h.writeConfig(GatewayHarness.STANDARD + "health_checks: { enabled: true, interval: 1m, jitter: 0s }\n");
    assertThat(reload(h).path("changes").path("settings").toString()).isEqualTo("[\"health_checks\"]");

    CheckSchedule schedule = h.gateway.checkSchedule();
    schedule.tick(); // each key's first check is drawn within the new interval
    h.clock.advance(Duration.ofSeconds(61));
    schedule.tick();
    Poll.until("every key checked once", Duration.ofSeconds(10), () -> modelListCalls() >= 4);
    h.clock.advance(Duration.ofSeconds(61));
    schedule.tick();
    Poll.until("every key checked again a minute later, not an hour", Duration.ofSeconds(10),
        () -> modelListCalls() >= 8);
  }

  @Test
  void balances_are_read_again_at_the_new_interval_from_the_next_round() throws Exception {
    try (FakeBalanceApi api = FakeBalanceApi.start()) {
      String balance = "{\"data\": {\"limit\": 200, \"limit_remaining\": 100, \"usage\": 100}}";
      api.answer("/api/v1/key", "sk-a", 200, balance);
      api.answer("/api/v1/key", "sk-b", 200, balance);
      String section = GatewayHarness.STANDARD + """
          balances:
            enabled: false
            interval: INTERVAL
            jitter: 0
            providers:
              openai: { adapter: openrouter, base_url: "%s/api/v1" }
          """.formatted(api.url());
      h = GatewayHarness.fromFile(section.replace("INTERVAL", "1h"));
      for (String key : new String[] {"a", "b"}) {
        json(h.adminCall("POST", "/api/provider-keys/" + openAiKey(key) + "/balance/refresh", null), 200);
      }
      Poll.until("both openai keys read", Duration.ofSeconds(10), () -> readings() == 2);
      h.clock.advance(Duration.ofMinutes(31));

      h.writeConfig(section.replace("INTERVAL", "30m"));
      assertThat(reload(h).path("changes").path("settings").toString()).isEqualTo("[\"balances\"]");
      h.gateway.balances().tick();

      Poll.until("both keys read again: 30 minutes passed, not an hour", Duration.ofSeconds(10),
          () -> api.seen().size() == 4);
      Poll.until("the next reading due 30 minutes after this one", Duration.ofSeconds(10),
          () -> h.clock.instant().plus(Duration.ofMinutes(30)).equals(h.gateway.balances().state(openAiKey("a")).nextDue()));
    }
  }

  @Test
  void alert_rules_and_channels_apply_from_the_next_round() throws Exception {
    try (WebhookReceiver hook = new WebhookReceiver()) {
      String alerts = GatewayHarness.STANDARD + "alerts: { evaluate_interval: 1h, rules: { key_disabled: { enabled: false } } }\n";
      h = GatewayHarness.fromFile(alerts);
      String keyA = openAiKey("a");
      json(h.adminCall("POST", "/api/provider-keys/" + keyA + "/disable", null), 200);
      h.gateway.alerts().tick();
      assertThat(json(h.adminCall("GET", "/api/alerts", null), 200).path("active")).isEmpty();

      h.writeConfig(GatewayHarness.STANDARD + """
          alerts:
            evaluate_interval: 1h
            channels: [ { name: ops, type: webhook, url: "%s", secret: hook-secret-0123 } ]
          """.formatted(hook.url("/hook")));
      assertThat(reload(h).path("changes").path("settings").toString()).isEqualTo("[\"alerts\"]");
      h.gateway.alerts().tick();
      h.gateway.alerts().tick();

      JsonNode active = json(h.adminCall("GET", "/api/alerts", null), 200).path("active");
      assertThat(active).hasSize(1);
      assertThat(active.get(0).path("rule").asText()).isEqualTo("key_disabled");
      assertThat(hook.received).hasSize(1);
      assertThat(hook.received.get(0).body()).contains("disabled");
    }
  }

  @Test
  void tracking_the_access_log_and_the_log_level_apply_to_the_next_request(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keypool.log");
    String logging = GatewayHarness.STANDARD + "logging: { file: \"" + file + "\" }\n";
    h = GatewayHarness.fromFile(logging);
    assertThat(LoggerFactory.getLogger("dev.keypool").isInfoEnabled()).isTrue();

    h.writeConfig(GatewayHarness.STANDARD + "logging: { file: \"" + file + "\", level: warn, access: { enabled: true } }\n"
        + "tracking: { enabled: false }\n");
    assertThat(reload(h).path("changes").path("settings").toString()).isEqualTo("[\"tracking\",\"logging\"]");
    assertThat(LoggerFactory.getLogger("dev.keypool").isInfoEnabled()).as("the root level is WARN").isFalse();
    String untracked = requestId(h.post("/v1/chat/completions", chat("gpt-test")));
    Poll.until("the access line of the request", Duration.ofSeconds(10),
        () -> logged(file).contains("request_id=" + untracked));

    h.writeConfig(logging);
    reload(h);
    assertThat(LoggerFactory.getLogger("dev.keypool").isInfoEnabled()).as("the level before start again").isTrue();
    String tracked = requestId(h.post("/v1/chat/completions", chat("gpt-test")));
    // Records are written in order: once the second is there, the first would be too had it been kept.
    assertThat(SettingsReloadTest.records(h, 1)).extracting(r -> r.path("id").asText()).containsExactly(tracked);
  }

  /** Readings of the openai keys recorded and done with. */
  private long readings() {
    return h.gateway.keyPool().snapshots().stream().filter(k -> k.providerId().equals("openai"))
        .map(k -> h.gateway.balances().state(k.id()))
        .filter(s -> s.lastAttempt() != null && !s.refreshing()).count();
  }

  private String openAiKey(String name) {
    return h.gateway.keyPool().snapshots().stream()
        .filter(k -> k.providerId().equals("openai") && k.name().equals(name)).findFirst().orElseThrow().id();
  }

  private long modelListCalls() {
    return h.upstream.requests().stream().filter(r -> r.method().equals("GET") && r.path().endsWith("/models")).count();
  }

  private static String logged(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String requestId(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.headers().firstValue("x-keypool-request-id").orElseThrow();
  }
}
