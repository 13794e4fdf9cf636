package dev.keypool.e2e;

import static dev.keypool.e2e.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.WireFormat;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Enabling a provider key through the admin API puts it back to work at once, whatever it was resting for. */
class AdminProviderKeyEnableTest {
  static final ObjectMapper JSON = new ObjectMapper();
  GatewayHarness h;

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.start(FailoverTest.PREFER_A);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void enable_clears_the_cooldown_of_a_rate_limited_key_and_the_next_request_uses_it() throws Exception {
    h.upstream.script("sk-a", Replies.rateLimited(WireFormat.OPENAI, Duration.ofMinutes(10)), Replies.openAiChat("from a"));
    assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
    JsonNode a = key("a");
    assertThat(a.path("live").path("state").asText()).isEqualTo("cooling_down");

    HttpResponse<String> enabled = h.adminCall("POST", "/api/provider-keys/" + a.path("id").asText() + "/enable", null);

    assertThat(enabled.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(enabled.body()).path("live").path("state").asText()).isEqualTo("healthy");
    assertThat(JSON.readTree(enabled.body()).path("live").path("cooldown_until").isNull()).isTrue();
    HttpResponse<String> next = h.post("/v1/chat/completions", chat("gpt-test"));
    assertThat(next.body()).contains("from a");
    assertThat(h.upstream.requestsFor("sk-a")).hasSize(2);
  }

  @Test
  void patching_enabled_true_clears_the_cooldown_too() throws Exception {
    h.upstream.script("sk-a", Replies.rateLimited(WireFormat.OPENAI, Duration.ofMinutes(10)), Replies.openAiChat("from a"));
    h.post("/v1/chat/completions", chat("gpt-test"));
    String id = key("a").path("id").asText();

    assertThat(h.adminCall("PATCH", "/api/provider-keys/" + id, "{\"enabled\":true}").statusCode()).isEqualTo(200);

    assertThat(h.post("/v1/chat/completions", chat("gpt-test")).body()).contains("from a");
  }

  private JsonNode key(String name) throws Exception {
    for (JsonNode k : JSON.readTree(h.adminCall("GET", "/api/provider-keys", null).body())) {
      if (k.path("name").asText().equals(name)) {
        return k;
      }
    }
    throw new AssertionError("no key " + name);
  }
}
