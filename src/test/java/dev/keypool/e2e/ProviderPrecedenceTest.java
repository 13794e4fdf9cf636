package dev.keypool.e2e;

import static dev.keypool.e2e.GatewayHarness.chat;
import static dev.keypool.e2e.ProviderAdminTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.testkit.TestPostgres;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The environment wins over run-time changes, which win over the file; and a change made through one
 * instance reaches another sharing the database when it reloads.
 */
class ProviderPrecedenceTest {

  @Test
  void environment_pins_win_over_run_time_changes_which_win_over_the_file() throws Exception {
    Map<String, String> env = Map.of("KEYPOOL__PROVIDERS__0__BASE_URL", "UPSTREAM",
        "KEYPOOL__PROVIDERS__0__TIMEOUTS__IDLE", "4s", "KEYPOOL__PROVIDERS__0__HEADERS__X_TEAM", "blue");
    String yaml = GatewayHarness.STANDARD.replaceFirst("base_url: UPSTREAM", "base_url: http://127.0.0.1:1/v1");
    try (GatewayHarness h = GatewayHarness.start(yaml, GatewayHarness.Storage.SQLITE, env)) {
      JsonNode openai = json(h.adminCall("GET", "/api/providers/openai", null), 200);
      assertThat(openai.path("base_url").asText()).isEqualTo(h.upstream.baseUrl());
      assertThat(openai.path("env_overrides").toString()).isEqualTo("[\"base_url\",\"headers.x-team\",\"timeouts.idle\"]");
      assertThat(openai.path("source").asText()).isEqualTo("file");

      JsonNode patched = json(h.adminCall("PATCH", "/api/providers/openai",
          "{\"base_url\": \"http://127.0.0.1:1/v2\", \"timeouts\": {\"idle\": \"9s\", \"first_byte\": \"5s\"}}"), 200);
      assertThat(patched.path("source").asText()).isEqualTo("runtime");
      assertThat(patched.path("base_url").asText()).as("pinned by the environment").isEqualTo(h.upstream.baseUrl());
      assertThat(patched.path("timeouts").path("idle").asText()).as("pinned by the environment").isEqualTo("4s");
      assertThat(patched.path("timeouts").path("first_byte").asText()).as("the run-time change").isEqualTo("5s");
      assertThat(patched.path("headers").path("x-team").asText()).as("a hint: headers may be credentials").isEqualTo("****");

      assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
      assertThat(h.upstream.requests().getLast().headers().get("x-team")).containsExactly("blue");

      h.restart();
      JsonNode after = json(h.adminCall("GET", "/api/providers/openai", null), 200);
      assertThat(after.path("timeouts").path("first_byte").asText()).isEqualTo("5s");
      assertThat(after.path("base_url").asText()).isEqualTo(h.upstream.baseUrl());
    }
  }

  @Test
  void a_provider_created_through_one_instance_reaches_another_on_reload() throws Exception {
    String schema = TestPostgres.newSchema();
    try (GatewayHarness a = GatewayHarness.sharing(GatewayHarness.STANDARD, schema, "");
        GatewayHarness b = GatewayHarness.sharing(GatewayHarness.STANDARD, schema, "")) {
      json(a.adminCall("POST", "/api/providers",
          "{\"id\": \"extra\", \"format\": \"openai\", \"base_url\": \"" + b.upstream.baseUrl() + "\"}"), 201);
      json(a.adminCall("PATCH", "/api/providers/openai", "{\"max_connections\": 11}"), 200);
      assertThat(b.adminCall("GET", "/api/providers/extra", null).statusCode()).isEqualTo(404);

      b.gateway.reloadProvidersAndRoutes();

      assertThat(json(b.adminCall("GET", "/api/providers/extra", null), 200).path("source").asText()).isEqualTo("runtime");
      assertThat(json(b.adminCall("GET", "/api/providers/openai", null), 200).path("max_connections").asInt()).isEqualTo(11);
      json(b.adminCall("POST", "/api/provider-keys", "{\"provider\": \"extra\", \"name\": \"k\", \"secret\": \"sk-b-extra\"}"), 201);
      assertThat(b.post("/v1/chat/completions", chat("extra/some-model")).statusCode()).isEqualTo(200);
      assertThat(b.upstream.requestsFor("sk-b-extra")).hasSize(1);

      json(a.adminCall("POST", "/api/providers/openai/reset", null), 200);
      b.gateway.reloadProvidersAndRoutes();
      assertThat(json(b.adminCall("GET", "/api/providers/openai", null), 200).path("source").asText()).isEqualTo("file");
    } finally {
      TestPostgres.drop(schema);
    }
  }
}
