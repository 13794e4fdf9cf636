package dev.keypool.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.e2e.GatewayHarness;
import java.net.http.HttpResponse;
import java.time.Instant;

/** The live state of provider keys as the admin API reports it ({@code GET /api/provider-keys}). */
final class ProviderKeyStates {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProviderKeyStates() {}

  /** The {@code live} object of one key, e.g. {@code live(h, "openai", "a")}. */
  static JsonNode live(GatewayHarness h, String provider, String name) throws Exception {
    HttpResponse<String> r = h.adminCall("GET", "/api/provider-keys", null);
    if (r.statusCode() != 200) {
      throw new AssertionError("admin list answered " + r.statusCode() + ": " + r.body());
    }
    for (JsonNode k : JSON.readTree(r.body())) {
      if (provider.equals(k.path("provider").asText()) && name.equals(k.path("name").asText())) {
        return k.path("live");
      }
    }
    throw new AssertionError("no key " + provider + "/" + name + " in " + r.body());
  }

  static String state(GatewayHarness h, String provider, String name) throws Exception {
    return live(h, provider, name).path("state").asText();
  }

  /** {@code live.cooldown_until}, or null when the key is not cooling down. */
  static Instant cooldownUntil(GatewayHarness h, String provider, String name) throws Exception {
    JsonNode until = live(h, provider, name).path("cooldown_until");
    return until.isTextual() ? Instant.parse(until.asText()) : null;
  }
}
