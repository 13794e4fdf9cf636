package dev.keypool.e2e;

import static dev.keypool.e2e.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.e2e.GatewayHarness.Storage;
import dev.keypool.keypool.KeySnapshot;
import dev.keypool.keypool.KeyState;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.WebhookReceiver;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The alerts through the real gateway: a key banned by its upstream's 401s reaches the operator's
 * webhook once, signed, and its recovery too; {@code GET /api/alerts} shows it with its delivery and
 * the channels with their URLs masked; {@code POST /api/alerts/test} sends a test message.
 */
class AlertsApiTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static String yaml(WebhookReceiver hook) {
    return GatewayHarness.STANDARD + """
        alerts:
          evaluate_interval: 1h
          rules:
            key_disabled: { enabled: false }
            route_no_usable_key: { hold_for: 0s }
            route_failure_rate: { min_requests: 4 }
          channels:
            - { name: ops, type: webhook, url: "%s", secret: "${HOOK_SECRET}" }
            - { name: pager, type: slack, url: "%s", severities: [critical] }
        """.formatted(hook.url("/hook/tok-123"), hook.url("/services/T1/B2/slack-tok"));
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void a_banned_key_reaches_the_webhook_once_and_its_recovery_too(Storage storage) throws Exception {
    try (WebhookReceiver hook = new WebhookReceiver();
        GatewayHarness h = GatewayHarness.start(yaml(hook), storage, Map.of("HOOK_SECRET", "hook-secret"))) {
      JsonNode empty = alerts(h);
      assertThat(empty.path("enabled").asBoolean()).isTrue();
      assertThat(empty.path("active")).isEmpty();
      assertThat(empty.path("channels").get(0).path("type").asText()).isEqualTo("webhook");
      assertThat(empty.path("channels").get(0).path("target").asText()).doesNotContain("tok-123");
      assertThat(empty.path("channels").get(1).path("severities").get(0).asText()).isEqualTo("critical");
      assertThat(empty.path("rules").path("key_disabled").path("enabled").asBoolean()).isFalse();
      assertThat(empty.path("rules").path("key_failure_rate").path("threshold").decimalValue())
          .isEqualByComparingTo("0.5");
      assertThat(empty.toString()).doesNotContain("tok-123").doesNotContain("slack-tok").doesNotContain("hook-secret");

      h.upstream.script("sk-a", Replies.openAiError(401, "invalid_request_error", "invalid_api_key", "bad key"),
          Replies.openAiError(401, "invalid_request_error", "invalid_api_key", "bad key"),
          Replies.openAiError(401, "invalid_request_error", "invalid_api_key", "bad key"));
      String keyA = h.gateway.keyPool().snapshots().stream()
          .filter(k -> k.providerId().equals("openai") && k.name().equals("a")).findFirst().orElseThrow().id();
      for (int i = 0; i < 20 && state(h, keyA) != KeyState.BANNED; i++) {
        assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
        h.clock.advance(java.time.Duration.ofSeconds(31)); // past the cooldown each 401 gives
      }
      assertThat(state(h, keyA)).isEqualTo(KeyState.BANNED);

      h.gateway.alerts().tick();
      h.gateway.alerts().tick();
      assertThat(hook.received).hasSize(1);
      var opened = hook.received.get(0);
      assertThat(opened.pathAndQuery()).isEqualTo("/hook/tok-123");
      String ts = opened.header("X-Keypool-Timestamp");
      assertThat(opened.header("X-Keypool-Signature")).isEqualTo("sha256=" + hmacHex("hook-secret", ts + "." + opened.body()));
      JsonNode body = JSON.readTree(opened.body());
      assertThat(body.path("event").asText()).isEqualTo("opened");
      assertThat(body.path("alert").path("rule").asText()).isEqualTo("key_banned");
      assertThat(body.path("alert").path("subject").asText()).isEqualTo("key:" + keyA);
      assertThat(body.toString()).doesNotContain("sk-a");

      JsonNode listed = alerts(h);
      assertThat(listed.path("active")).hasSize(1);
      JsonNode active = listed.path("active").get(0);
      assertThat(active.path("rule").asText()).isEqualTo("key_banned");
      assertThat(active.path("state").asText()).isEqualTo("active");
      assertThat(active.path("deliveries").get(0).path("channel").asText()).isEqualTo("ops");
      assertThat(active.path("deliveries").get(0).path("state").asText()).isEqualTo("sent");
      assertThat(listed.path("history")).hasSize(1);

      assertThat(h.adminCall("POST", "/api/provider-keys/" + keyA + "/enable", null).statusCode()).isEqualTo(200);
      h.gateway.alerts().tick();
      assertThat(hook.received).hasSize(2);
      assertThat(JSON.readTree(hook.received.get(1).body()).path("event").asText()).isEqualTo("resolved");
      JsonNode after = alerts(h);
      assertThat(after.path("active")).isEmpty();
      assertThat(after.path("history").get(0).path("state").asText()).isEqualTo("resolved");
      assertThat(h.adminCall("GET", "/api/alerts?rule=key_banned&limit=5", null).statusCode()).isEqualTo(200);
    }
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void a_test_message_goes_to_the_named_channel(Storage storage) throws Exception {
    try (WebhookReceiver hook = new WebhookReceiver();
        GatewayHarness h = GatewayHarness.start(yaml(hook), storage, Map.of("HOOK_SECRET", "hook-secret"))) {
      HttpResponse<String> sent = h.adminCall("POST", "/api/alerts/test", "{\"channel\":\"pager\"}");
      assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
      assertThat(JSON.readTree(sent.body()).path("delivered").asBoolean()).isTrue();
      assertThat(hook.received).hasSize(1);
      assertThat(hook.received.get(0).pathAndQuery()).isEqualTo("/services/T1/B2/slack-tok");
      assertThat(JSON.readTree(hook.received.get(0).body()).path("text").asText()).startsWith("[TEST]");

      hook.down = true;
      HttpResponse<String> failed = h.adminCall("POST", "/api/alerts/test", "{\"channel\":\"ops\"}");
      assertThat(failed.statusCode()).isEqualTo(502);
      assertThat(JSON.readTree(failed.body()).path("error").path("type").asText()).isEqualTo("channel_failed");
      assertThat(failed.body()).contains("503").doesNotContain("tok-123");

      assertThat(h.adminCall("POST", "/api/alerts/test", "{\"channel\":\"nope\"}").statusCode()).isEqualTo(404);
      assertThat(h.adminCall("POST", "/api/alerts/test", "{}").statusCode()).isEqualTo(400);
      assertThat(h.adminCall("POST", "/api/alerts/test", "{\"channel\":\"ops\",\"x\":1}").statusCode()).isEqualTo(400);
      assertThat(h.adminCall("GET", "/api/alerts?state=active", null).statusCode()).isEqualTo(400);
      assertThat(h.adminCall("GET", "/api/alerts?rule=nope", null).statusCode()).isEqualTo(400);
      HttpResponse<String> settings = h.adminCall("GET", "/api/settings", null);
      assertThat(settings.body()).doesNotContain("tok-123").doesNotContain("slack-tok").doesNotContain("hook-secret");
      JsonNode hookSecret = null;
      for (JsonNode v : JSON.readTree(settings.body()).path("values")) {
        if (v.path("path").asText().equals("alerts.channels[0].secret")) {
          hookSecret = v;
        }
      }
      assertThat(hookSecret).isNotNull();
      assertThat(hookSecret.path("secret").asBoolean()).isTrue();
      assertThat(hookSecret.path("source").asText()).isEqualTo("env");
      String viewer = h.viewerToken();
      assertThat(h.adminCallAs(viewer, "GET", "/api/alerts", null).statusCode()).isEqualTo(200);
      assertThat(h.adminCallAs(viewer, "POST", "/api/alerts/test", "{\"channel\":\"ops\"}").statusCode())
          .isEqualTo(403);
    }
  }

  @org.junit.jupiter.api.Test
  void a_failing_route_pages_the_critical_channel_from_live_traffic() throws Exception {
    try (WebhookReceiver hook = new WebhookReceiver();
        GatewayHarness h = GatewayHarness.start(yaml(hook), Storage.SQLITE, Map.of("HOOK_SECRET", "hook-secret"))) {
      h.upstream.defaultReply(Replies.openAiError(500, "server_error", null, "upstream broke"));
      for (int i = 0; i < 4; i++) {
        assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isGreaterThanOrEqualTo(500);
      }
      h.gateway.alerts().tick();
      List<String> slack = new ArrayList<>();
      for (var r : hook.received) {
        if (r.pathAndQuery().startsWith("/services/")) {
          slack.add(JSON.readTree(r.body()).path("text").asText().lines().findFirst().orElse(""));
        }
      }
      // Its keys rest after the 500s too, so the route also has no usable key now (hold_for 0s here).
      assertThat(slack).contains("[CRITICAL] Route 'gpt-test' fails 100 % of requests",
          "[CRITICAL] Route 'gpt-test' has no usable key");
    }
  }

  @org.junit.jupiter.api.Test
  void a_gateway_key_past_80_and_95_percent_of_its_daily_quota() throws Exception {
    String quotas = """
        quotas:
          gateway_key: { requests_per_day: 20, requests_per_minute: 10 }
        """;
    try (WebhookReceiver hook = new WebhookReceiver();
        GatewayHarness h = GatewayHarness.start(yaml(hook) + quotas, Storage.SQLITE, Map.of("HOOK_SECRET", "hook-secret"))) {
      h.upstream.defaultReply(Replies.openAiChat("ok", 3, 2));
      for (int i = 0; i < 16; i++) {
        assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
        if (i % 8 == 7) {
          h.clock.advance(java.time.Duration.ofMinutes(1)); // under the per-minute rate, which is no quota
        }
      }
      h.gateway.alerts().tick();
      List<String> events = events(hook);
      assertThat(events).containsExactly("opened quota_80");
      for (int i = 0; i < 3; i++) {
        assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
      }
      h.gateway.alerts().tick();
      assertThat(events(hook)).containsExactly("opened quota_80", "opened quota_95");
      JsonNode q95 = null;
      for (JsonNode a : alerts(h).path("active")) {
        if (a.path("rule").asText().equals("quota_95")) {
          q95 = a;
        }
      }
      assertThat(q95).isNotNull();
      assertThat(q95.path("title").asText())
          .isEqualTo("Quota gateway key " + h.clientKeyId() + ": 20 requests per day is 95 % used");

      h.clock.advance(java.time.Duration.ofDays(1)); // a new day: the counter starts again
      h.gateway.alerts().tick();
      List<String> after = events(hook);
      assertThat(after).hasSize(4);
      assertThat(after.subList(2, 4)).containsExactlyInAnyOrder("resolved quota_80", "resolved quota_95");
    }
  }

  static List<String> events(WebhookReceiver hook) throws Exception {
    List<String> out = new ArrayList<>();
    for (var r : hook.received) {
      if (r.pathAndQuery().startsWith("/hook/")) {
        JsonNode b = JSON.readTree(r.body());
        out.add(b.path("event").asText() + " " + b.path("alert").path("rule").asText());
      }
    }
    return out;
  }

  static JsonNode alerts(GatewayHarness h) throws Exception {
    HttpResponse<String> r = h.adminCall("GET", "/api/alerts", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  static KeyState state(GatewayHarness h, String keyId) {
    KeySnapshot k = h.gateway.keyPool().snapshot(keyId);
    return k.state();
  }

  static String hmacHex(String key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
  }
}
