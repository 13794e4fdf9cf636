package dev.keypool.e2e;

import static dev.keypool.e2e.ConfigReloadTest.RELOAD;
import static dev.keypool.e2e.ConfigReloadTest.json;
import static dev.keypool.e2e.ConfigReloadTest.reload;
import static dev.keypool.e2e.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.keypool.KeySnapshot;
import dev.keypool.keypool.KeyState;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.Replies;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Settings sections that a reload swaps and that the request path reads: prices, billing, model limits,
 * routing policy and CORS apply to the next request; a file that does not validate changes none of them.
 */
class SettingsReloadTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PRICED = GatewayHarness.STANDARD + """
      prices:
        gpt-upstream: { input: 1.00, output: 4.00 }
      model_limits:
        gpt-upstream: { max_output_tokens: 1000 }
      """;

  GatewayHarness h;

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void prices_and_the_sell_multiplier_price_the_next_request() throws Exception {
    h = GatewayHarness.fromFile(PRICED);
    h.upstream.defaultReply(Replies.openAiChat("Hello", 11, 7));
    assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);

    h.writeConfig(PRICED.replace("{ input: 1.00, output: 4.00 }", "{ input: 2.00, output: 8.00 }")
        + "billing: { sell_multiplier: 1.5 }\n");
    JsonNode report = reload(h);

    assertThat(report.path("changes").path("settings").toString()).isEqualTo("[\"prices\",\"billing\"]");
    assertThat(report.path("restart_required").size()).isZero();
    assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
    // Cost and charge of each request (in nano-USD): at the old prices and multiplier, then the new ones.
    assertThat(records(h, 2)).extracting(r -> r.path("cost_nanos").asLong() + "/" + r.path("charged_nanos").asLong())
        .containsExactlyInAnyOrder((11 * 1_000 + 7 * 4_000) + "/39000", (11 * 2_000 + 7 * 8_000) + "/117000");
    JsonNode price = json(h.adminCall("GET", "/api/prices/gpt-upstream", null), 200);
    assertThat(price.path("input").decimalValue()).isEqualByComparingTo("2.00");
    assertThat(price.path("source").asText()).isEqualTo("file");
  }

  @Test
  void model_limits_clamp_the_next_request_to_the_new_limit() throws Exception {
    h = GatewayHarness.fromFile(PRICED);
    String ask = "{\"model\":\"gpt-test\",\"max_tokens\":5000,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    assertThat(h.post("/v1/chat/completions", ask).statusCode()).isEqualTo(200);
    assertThat(sentMaxTokens()).isEqualTo(1000);

    h.writeConfig(PRICED.replace("max_output_tokens: 1000", "max_output_tokens: 2000"));
    assertThat(reload(h).path("changes").path("settings").toString()).isEqualTo("[\"model_limits\"]");

    assertThat(h.post("/v1/chat/completions", ask).statusCode()).isEqualTo(200);
    assertThat(sentMaxTokens()).isEqualTo(2000);
  }

  @Test
  void routing_attempts_and_the_ban_threshold_apply_to_the_next_request() throws Exception {
    h = GatewayHarness.fromFile(GatewayHarness.STANDARD);
    // Both keys fail: with the default of 3 attempts, one request tries both.
    h.upstream.defaultReply(Replies.openAiError(500, "server_error", null, "boom"));
    assertThat(h.post("/v1/chat/completions", chat("openai/some-model")).statusCode()).isGreaterThanOrEqualTo(500);
    assertThat(h.upstream.requests()).hasSizeGreaterThan(1);

    h.writeConfig(GatewayHarness.STANDARD + "routing: { max_attempts: 1, ban: { threshold: 1 } }\n");
    assertThat(reload(h).path("changes").path("settings").toString()).isEqualTo("[\"routing\"]");
    h.clock.advance(Duration.ofMinutes(5)); // past the cooldowns the failures gave
    h.upstream.reset();
    h.upstream.defaultReply(Replies.openAiError(500, "server_error", null, "boom"));
    assertThat(h.post("/v1/chat/completions", chat("openai/some-model")).statusCode()).isGreaterThanOrEqualTo(500);
    assertThat(h.upstream.requests()).as("one attempt now").hasSize(1);

    // One 401 now bans the key that answered it (three were needed before).
    h.clock.advance(Duration.ofMinutes(5));
    h.upstream.reset();
    h.upstream.defaultReply(Replies.openAiError(401, "invalid_request_error", "invalid_api_key", "bad key"));
    h.post("/v1/chat/completions", chat("gpt-test"));
    String used = h.upstream.requests().get(0).key();
    KeySnapshot key = h.gateway.keyPool().snapshots().stream()
        .filter(k -> k.providerId().equals("openai") && ("sk-" + k.name()).equals(used)).findFirst().orElseThrow();
    assertThat(key.state()).isEqualTo(KeyState.BANNED);
  }

  @Test
  void cors_origins_are_allowed_and_withdrawn_from_the_next_request() throws Exception {
    h = GatewayHarness.fromFile(GatewayHarness.STANDARD);
    String origin = "https://app.example";
    assertThat(h.post("/v1/chat/completions", chat("gpt-test"), "origin", origin).headers()
        .firstValue("access-control-allow-origin")).isEmpty();

    h.writeConfig(GatewayHarness.STANDARD + "cors: { allowed_origins: [ \"" + origin + "\" ] }\n");
    assertThat(reload(h).path("changes").path("settings").toString()).isEqualTo("[\"cors\"]");
    assertThat(h.post("/v1/chat/completions", chat("gpt-test"), "origin", origin).headers()
        .firstValue("access-control-allow-origin")).hasValue(origin);

    h.writeConfig(GatewayHarness.STANDARD);
    reload(h);
    assertThat(h.post("/v1/chat/completions", chat("gpt-test"), "origin", origin).headers()
        .firstValue("access-control-allow-origin")).isEmpty();
  }

  @Test
  void an_invalid_file_changes_no_setting() throws Exception {
    h = GatewayHarness.fromFile(PRICED);
    h.upstream.defaultReply(Replies.openAiChat("Hello", 11, 7));
    String settingsBefore = h.adminCall("GET", "/api/settings", null).body();
    h.writeConfig(PRICED.replace("{ input: 1.00, output: 4.00 }", "{ input: 2.00, output: 8.00 }")
        .replace("max_output_tokens: 1000", "max_output_tokens: 2000") + """
        billing: { sell_multiplier: 1.5 }
        cors: { allowed_origins: [ "https://app.example" ] }
        routing: { max_attempts: 1 }
        tracking: { enabled: false }
        logging: { level: error }
        alerts: { evaluate_interval: 1s }
        balances: { interval: 7m }
        health_checks: { enabled: true, interval: 1x }
        """);

    JsonNode error = json(h.adminCall("POST", RELOAD, null), 400).path("error");

    assertThat(error.path("errors").toString()).contains("health_checks.interval");
    assertThat(h.adminCall("GET", "/api/settings", null).body()).isEqualTo(settingsBefore);
    HttpResponse<String> r = h.post("/v1/chat/completions",
        "{\"model\":\"gpt-test\",\"max_tokens\":5000,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
        "origin", "https://app.example");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("access-control-allow-origin")).isEmpty();
    assertThat(sentMaxTokens()).isEqualTo(1000);
    JsonNode record = records(h, 1).get(0); // written: tracking stays on
    assertThat(record.path("cost_nanos").asLong()).isEqualTo(39_000L);
    assertThat(record.path("charged_nanos").asLong()).isEqualTo(39_000L);
    assertThat(h.gateway.configReload().current().routing().maxAttempts()).isEqualTo(3);
    assertThat(h.gateway.alerts().config().evaluateInterval()).isNotEqualTo(Duration.ofSeconds(1));
    assertThat(h.gateway.balances().config().interval()).isNotEqualTo(Duration.ofMinutes(7));
    assertThat(h.gateway.configReload().current().healthChecks().enabled()).isFalse();
    assertThat(LoggerFactory.getLogger("dev.keypool").isInfoEnabled()).as("the log level stays").isTrue();
  }

  private int sentMaxTokens() {
    return h.upstream.requests().getLast().bodyJson().path("max_tokens").asInt();
  }

  /** The request records, once at least {@code n} are written. */
  static List<JsonNode> records(GatewayHarness h, int n) throws Exception {
    Poll.until(n + " request records written", Duration.ofSeconds(10), () -> {
      try {
        return JSON.readTree(h.adminCall("GET", "/api/requests", null).body()).path("items").size() >= n;
      } catch (Exception e) {
        return false;
      }
    });
    List<JsonNode> out = new ArrayList<>();
    JSON.readTree(h.adminCall("GET", "/api/requests", null).body()).path("items").forEach(out::add);
    return out;
  }
}
