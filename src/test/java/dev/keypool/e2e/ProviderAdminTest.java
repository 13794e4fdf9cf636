package dev.keypool.e2e;

import static dev.keypool.e2e.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.e2e.GatewayHarness.Storage;
import dev.keypool.testkit.FakeUpstream;
import dev.keypool.testkit.RecordedRequest;
import dev.keypool.testkit.Replies;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * /api/providers against the real gateway: providers created, changed, deleted and reset at run time
 * serve the next request, are stored (headers encrypted) and survive a restart.
 */
class ProviderAdminTest {
  static final ObjectMapper JSON = new ObjectMapper();
  /** The standard setup plus a file provider that no route uses, with one key of its own. */
  static final String WITH_SPARE = GatewayHarness.STANDARD.replace("models:\n", """
        - id: spare
          format: openai
          base_url: UPSTREAM
          keys:
            - { name: a, secret: sk-spare }
      models:
      """);

  @ParameterizedTest
  @EnumSource(Storage.class)
  void a_provider_made_at_run_time_serves_at_once_follows_edits_and_is_deleted_once_unused(Storage storage)
      throws Exception {
    try (GatewayHarness h = GatewayHarness.start(WITH_SPARE, storage); FakeUpstream second = FakeUpstream.start()) {
      JsonNode list = json(h.adminCall("GET", "/api/providers", null), 200);
      assertThat(list.findValuesAsText("id")).containsExactly("openai", "anthropic", "spare");
      JsonNode openai = list.get(0);
      assertThat(openai.path("source").asText()).isEqualTo("file");
      assertThat(openai.path("env_overrides").size()).isZero();
      assertThat(openai.path("keys").toString()).isEqualTo("{\"total\":2,\"enabled\":2,\"healthy\":2}");

      JsonNode created = json(h.adminCall("POST", "/api/providers", """
          {"id": "extra", "format": "openai", "base_url": "%s", "headers": {"X-Reseller-Auth": "reseller-secret-123456"}}
          """.formatted(h.upstream.baseUrl())), 201);
      assertThat(created.path("source").asText()).isEqualTo("runtime");
      assertThat(created.path("headers").path("x-reseller-auth").asText()).isEqualTo("res...3456");
      assertThat(created.path("timeouts").path("connect").asText()).isNotEmpty();
      try (var db = h.database(); ResultSet rs = db.createStatement().executeQuery("SELECT definition, headers FROM providers")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1) + rs.getString(2)).doesNotContain("reseller-secret").contains("extra");
      }
      assertThat(h.adminCall("POST", "/api/providers", "{\"id\": \"extra\", \"base_url\": \"http://x\"}").statusCode())
          .isEqualTo(409);

      JsonNode key = json(h.adminCall("POST", "/api/provider-keys",
          "{\"provider\": \"extra\", \"name\": \"k\", \"secret\": \"sk-extra-0001\"}"), 201);
      json(h.adminCall("PUT", "/api/models/extra-test", "{\"candidates\": [{\"provider\": \"extra\", \"model\": \"m\"}]}"), 200);
      assertThat(h.post("/v1/chat/completions", chat("extra-test")).statusCode()).isEqualTo(200);
      RecordedRequest first = h.upstream.requestsFor("sk-extra-0001").getFirst();
      assertThat(first.headers().get("x-reseller-auth")).containsExactly("reseller-secret-123456");

      // The console sends the provider back as it got it (headers hinted) with another base URL.
      JsonNode shown = json(h.adminCall("GET", "/api/providers/extra", null), 200);
      ((com.fasterxml.jackson.databind.node.ObjectNode) shown).put("base_url", second.baseUrl())
          .remove(java.util.List.of("source", "env_overrides", "keys"));
      assertThat(h.adminCall("PUT", "/api/providers/extra", shown.toString()).statusCode()).isEqualTo(200);
      assertThat(h.post("/v1/chat/completions", chat("extra-test")).statusCode()).isEqualTo(200);
      assertThat(second.requestsFor("sk-extra-0001")).singleElement()
          .satisfies(r -> assertThat(r.headers().get("x-reseller-auth")).containsExactly("reseller-secret-123456"));
      assertThat(h.upstream.requestsFor("sk-extra-0001")).hasSize(1);

      HttpResponse<String> inUse = h.adminCall("DELETE", "/api/providers/extra", null);
      assertThat(inUse.statusCode()).isEqualTo(409);
      assertThat(inUse.body()).contains("provider_in_use", "provider key 'k'", "model route 'extra-test'");
      assertThat(h.adminCall("DELETE", "/api/models/extra-test", null).statusCode()).isEqualTo(200);
      assertThat(h.adminCall("DELETE", "/api/provider-keys/" + key.path("id").asText(), null).statusCode()).isEqualTo(200);
      assertThat(h.adminCall("DELETE", "/api/providers/extra", null).statusCode()).isEqualTo(200);
      assertThat(h.adminCall("GET", "/api/providers/extra", null).statusCode()).isEqualTo(404);
      assertThat(h.post("/v1/chat/completions", chat("extra/m")).statusCode()).isEqualTo(404);
    }
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void file_providers_changed_or_deleted_stay_so_after_a_restart_until_reset(Storage storage) throws Exception {
    try (GatewayHarness h = GatewayHarness.start(WITH_SPARE, storage)) {
      JsonNode patched = json(h.adminCall("PATCH", "/api/providers/openai",
          "{\"timeouts\": {\"connect\": \"3s\"}, \"max_connections\": 9}"), 200);
      assertThat(patched.path("source").asText()).isEqualTo("runtime");
      assertThat(patched.path("timeouts").path("connect").asText()).isEqualTo("3s");
      assertThat(patched.path("timeouts").path("total").asText()).as("untouched").isEqualTo("10s");
      assertThat(patched.path("keys").path("total").asInt()).isEqualTo(2);
      assertThat(h.adminCall("DELETE", "/api/providers/anthropic", null).body())
          .contains("model route 'claude-test'", "model route 'cross-test'");
      assertThat(h.adminCall("DELETE", "/api/providers/spare", null).statusCode()).isEqualTo(200);
      assertThat(h.gateway.keyPool().snapshots()).noneMatch(k -> k.providerId().equals("spare"));

      h.restart();

      assertThat(json(h.adminCall("GET", "/api/providers/openai", null), 200).path("max_connections").asInt()).isEqualTo(9);
      assertThat(h.adminCall("GET", "/api/providers/spare", null).statusCode()).isEqualTo(404);
      assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);

      JsonNode back = json(h.adminCall("POST", "/api/providers/spare/reset", null), 200);
      assertThat(back.path("source").asText()).isEqualTo("file");
      assertThat(back.path("keys").path("total").asInt()).isEqualTo(1);
      JsonNode reset = json(h.adminCall("POST", "/api/providers/openai/reset", null), 200);
      assertThat(reset.path("max_connections").asInt()).isNotEqualTo(9);
      assertThat(h.adminCall("POST", "/api/providers/openai/reset", null).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void a_stream_running_when_the_base_url_changes_finishes_and_the_next_request_goes_to_the_new_one() throws Exception {
    try (GatewayHarness h = GatewayHarness.standard(); FakeUpstream second = FakeUpstream.start()) {
      h.upstream.defaultReply(Replies.openAiStream("one", "two", "three", "four").eventDelay(Duration.ofMillis(250)));
      var running = h.http.sendAsync(HttpRequest.newBuilder(h.proxy("/v1/chat/completions"))
          .timeout(Duration.ofSeconds(20)).header("authorization", "Bearer " + GatewayHarness.CLIENT_KEY)
          .header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(GatewayHarness.chatStream("gpt-test"))).build(),
          HttpResponse.BodyHandlers.ofString());
      h.upstream.awaitRequests(1, Duration.ofSeconds(5));

      json(h.adminCall("PATCH", "/api/providers/openai",
          "{\"base_url\": \"" + second.baseUrl() + "\", \"timeouts\": {\"connect\": \"1s\"}}"), 200);

      HttpResponse<String> streamed = running.get(20, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(streamed.statusCode()).isEqualTo(200);
      assertThat(streamed.body()).contains("four", "[DONE]");
      assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
      assertThat(second.requests()).hasSize(1);
      assertThat(h.upstream.requests()).hasSize(1);
    }
  }

  @Test
  void validation_errors_name_each_bad_field() throws Exception {
    try (GatewayHarness h = GatewayHarness.standard()) {
      HttpResponse<String> bad = h.adminCall("POST", "/api/providers", """
          {"id": "Bad Id", "format": "nope", "base_url": "ftp://x", "max_connections": 0, "timeouts": {"idle": "soon"},
           "colour": "red", "keys": []}
          """);
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(bad.body()).path("error").path("message").asText())
          .contains("id:", "format:", "base_url:", "max_connections:", "timeouts.idle:", "colour", "keys:");
      assertThat(h.adminCall("PATCH", "/api/providers/openai", "{\"auth\": \"cookie\"}").body()).contains("auth:");
      assertThat(h.adminCall("PUT", "/api/providers/openai", "{\"id\": \"other\", \"base_url\": \"http://h/v1\"}").body())
          .contains("does not match the id in the URL");
      assertThat(h.adminCall("PATCH", "/api/providers/nobody", "{}").statusCode()).isEqualTo(404);
      assertThat(h.adminCall("GET", "/api/providers?x=1", null).statusCode()).isEqualTo(400);
    }
  }

  @Test
  void a_viewer_reads_providers_but_cannot_change_them() throws Exception {
    try (GatewayHarness h = GatewayHarness.standard()) {
      assertThat(h.adminCall("POST", "/api/admin-users",
          "{\"username\":\"val\",\"password\":\"viewer-pass-1\",\"role\":\"viewer\"}").statusCode()).isEqualTo(201);
      HttpResponse<String> login = h.http.send(HttpRequest.newBuilder(h.admin("/api/auth/login"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"val\",\"password\":\"viewer-pass-1\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      String token = JSON.readTree(login.body()).path("token").asText();
      assertThat(as(h, token, "GET", "/api/providers", null).statusCode()).isEqualTo(200);
      assertThat(as(h, token, "POST", "/api/providers", "{\"id\":\"x\",\"base_url\":\"http://h/v1\"}").statusCode()).isEqualTo(403);
      assertThat(as(h, token, "PATCH", "/api/providers/openai", "{\"max_connections\": 3}").statusCode()).isEqualTo(403);
      assertThat(as(h, token, "DELETE", "/api/providers/openai", null).statusCode()).isEqualTo(403);
      assertThat(as(h, token, "POST", "/api/providers/openai/reset", null).statusCode()).isEqualTo(403);
    }
  }

  static HttpResponse<String> as(GatewayHarness h, String token, String method, String path, String json) throws Exception {
    return h.http.send(HttpRequest.newBuilder(h.admin(path)).timeout(Duration.ofSeconds(20))
        .header("authorization", "Bearer " + token).header("content-type", "application/json")
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return JSON.readTree(r.body());
  }
}
