package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.e2e.GatewayHarness.Storage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * GET /api/settings on the real gateway: each value with its source (file, a ${VAR} or KEYPOOL__
 * override, the database for run-time changes, default), and no secret anywhere in the answer.
 */
class SettingsApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String OPENAI_SECRET = "sk-env-secret-abcdef123456";
  static final String FILE_SECRET = "sk-file-secret-0123456789";
  static final String HEADER_SECRET = "reseller-header-secret-42";
  static final String ADMIN_PASSWORD = "admin-pass-from-env-1";
  static final String ENCRYPTION_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789ABCDEF".getBytes());

  static final String YAML = """
      providers:
        - id: openai
          format: openai
          base_url: UPSTREAM
          headers: { x-reseller-auth: "${RESELLER_TOKEN}" }
          keys:
            - { name: main, secret: "${OPENAI_SECRET}" }
            - { name: spare, secret: %s }
      models:
        - { id: gpt-test, candidates: [ { provider: openai, model: gpt-upstream } ] }
        - { id: other-test, candidates: [ { provider: openai } ] }
      prices:
        gpt-upstream: { input: 2.50, output: 10.00 }
      """.formatted(FILE_SECRET);
  static final Map<String, String> ENV = Map.of(
      "OPENAI_SECRET", OPENAI_SECRET,
      "RESELLER_TOKEN", HEADER_SECRET,
      "ADMIN_PASSWORD", ADMIN_PASSWORD,
      "KEYPOOL__STORAGE__ENCRYPTION_KEY", ENCRYPTION_KEY,
      "KEYPOOL__ROUTING__MAX_ATTEMPTS", "5");

  static GatewayHarness start(Storage storage) throws Exception {
    return GatewayHarness.withEnv(YAML, storage, ", password: \"${ADMIN_PASSWORD}\"", ENV);
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void every_value_says_where_it_came_from_and_no_secret_is_shown(Storage storage) throws Exception {
    try (GatewayHarness h = start(storage)) {
      HttpResponse<String> r = h.adminCall("GET", "/api/settings", null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.body()).doesNotContain(OPENAI_SECRET, FILE_SECRET, HEADER_SECRET, ADMIN_PASSWORD, ENCRYPTION_KEY,
          GatewayHarness.ADMIN_TOKEN, GatewayHarness.CLIENT_KEY);
      JsonNode root = JSON.readTree(r.body());
      assertThat(root.path("config_file").isNull()).as("loaded from text, not a file").isTrue();
      Map<String, JsonNode> v = byPath(root);

      assertThat(assertSource(v, "listeners.proxy.port", "file").path("value").asInt()).isZero();
      assertThat(assertSource(v, "listeners.proxy.max_connections", "default").path("value").asInt()).isEqualTo(12_000);
      assertThat(assertSource(v, "listeners.proxy.max_connections", "default").path("section").asText())
          .isEqualTo("listeners");
      JsonNode attempts = assertSource(v, "routing.max_attempts", "env");
      assertThat(attempts.path("value").asInt()).isEqualTo(5);
      assertThat(attempts.path("env").asText()).isEqualTo("KEYPOOL__ROUTING__MAX_ATTEMPTS");
      assertThat(assertSource(v, "routing.total_timeout", "default").path("value").asText()).isEqualTo("2m");

      JsonNode mainKey = assertSource(v, "providers[0].keys[0].secret", "env");
      assertThat(mainKey.path("env").asText()).isEqualTo("OPENAI_SECRET");
      assertThat(mainKey.path("secret").asBoolean()).isTrue();
      assertThat(mainKey.path("value").asText()).isEqualTo("sk-...3456");
      assertThat(assertSource(v, "providers[0].keys[1].secret", "file").path("secret").asBoolean()).isTrue();
      assertThat(assertSource(v, "providers[0].keys[1].name", "file").path("value").asText()).isEqualTo("spare");
      JsonNode headers = assertSource(v, "providers[0].headers", "env");
      assertThat(headers.path("env").asText()).isEqualTo("RESELLER_TOKEN");
      assertThat(headers.path("value").path("x-reseller-auth").asText()).isEqualTo("********");
      assertSource(v, "providers[0].timeouts.connect", "default");

      assertThat(assertSource(v, "storage.encryption_key", "env").path("value").asText()).isEqualTo("********");
      assertThat(assertSource(v, "storage.password", "default").path("value").isNull()).as("none set").isTrue();
      assertSource(v, "storage.url", "file");
      assertThat(assertSource(v, "admin.password", "env").path("env").asText()).isEqualTo("ADMIN_PASSWORD");
      assertThat(assertSource(v, "admin.token", "file").path("value").asText()).isEqualTo("********");
      assertThat(assertSource(v, "gateway_keys[0].key", "file").path("value").asText()).startsWith("ak_").contains("...");
      assertThat(assertSource(v, "gateway_keys[0].permissions", "default").path("value").toString())
          .isEqualTo("[\"read\",\"write\"]");

      assertSource(v, "models[0].candidates", "file");
      assertThat(assertSource(v, "models[0].strategy", "default").path("value").asText()).isEqualTo("round_robin");
      JsonNode price = assertSource(v, "prices.gpt-upstream", "file").path("value");
      assertThat(price.path("input").decimalValue()).isEqualByComparingTo("2.50");
      assertThat(price.path("cache_read").decimalValue()).isEqualByComparingTo("2.50");
      assertSource(v, "prices.gpt-4o", "default");
      assertSource(v, "quotas.redis", "default");
    }
  }

  @Test
  void run_time_routes_and_prices_show_the_database() throws Exception {
    try (GatewayHarness h = start(Storage.SQLITE)) {
      assertThat(h.adminCall("PUT", "/api/models/other-test",
          "{\"candidates\":[{\"provider\":\"openai\",\"model\":\"other-upstream\"}],\"strategy\":\"random\"}")
          .statusCode()).isEqualTo(200);
      assertThat(h.adminCall("PUT", "/api/models/new-test", "{\"candidates\":[{\"provider\":\"openai\"}]}")
          .statusCode()).isEqualTo(200);
      assertThat(h.adminCall("DELETE", "/api/models/gpt-test", null).statusCode()).isEqualTo(200);
      assertThat(h.adminCall("PUT", "/api/prices/gpt-upstream", "{\"input\": 1, \"output\": 4}").statusCode())
          .isEqualTo(200);

      Map<String, JsonNode> v = byPath(settings(h, null));
      JsonNode removed = assertSource(v, "models[0]", "database");
      assertThat(removed.path("value").isNull()).isTrue();
      assertThat(removed.path("note").asText()).contains("gpt-test", "removed");
      assertThat(assertSource(v, "models[1].strategy", "database").path("value").asText()).isEqualTo("random");
      assertThat(assertSource(v, "models[1].candidates", "database").path("value").get(0).path("model").asText())
          .isEqualTo("other-upstream");
      assertThat(assertSource(v, "models[2].id", "database").path("value").asText()).isEqualTo("new-test");
      assertThat(assertSource(v, "prices.gpt-upstream", "database").path("value").path("output").decimalValue())
          .isEqualByComparingTo("4");

      assertThat(h.adminCall("POST", "/api/models/other-test/reset", null).statusCode()).isEqualTo(200);
      assertThat(assertSource(byPath(settings(h, null)), "models[1].candidates", "file")).isNotNull();
    }
  }

  @Test
  void a_viewer_reads_the_settings_and_the_about_facts() throws Exception {
    try (GatewayHarness h = start(Storage.SQLITE)) {
      assertThat(h.adminCall("POST", "/api/admin-users",
          "{\"username\":\"val\",\"password\":\"viewer-pass-1\",\"role\":\"viewer\"}").statusCode()).isEqualTo(201);
      HttpResponse<String> login = h.adminCallAs(null, "POST", "/api/auth/login",
          "{\"username\":\"val\",\"password\":\"viewer-pass-1\"}");
      assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
      String token = JSON.readTree(login.body()).path("token").asText();

      assertThat(settings(h, token).path("values").size()).isGreaterThan(50);
      h.clock.advance(Duration.ofSeconds(90));
      HttpResponse<String> about = h.adminCallAs(token, "GET", "/api/settings/about", null);
      assertThat(about.statusCode()).as(about.body()).isEqualTo(200);
      JsonNode a = JSON.readTree(about.body());
      assertThat(a.path("version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
      assertThat(a.path("started_at").asText()).isEqualTo("2026-01-05T10:00:00Z");
      assertThat(a.path("uptime_seconds").asLong()).isEqualTo(90);
      assertThat(a.path("java_version").asText()).startsWith(String.valueOf(Runtime.version().feature()));
      assertThat(a.path("database").asText()).isEqualTo("sqlite");
      assertThat(a.path("redis_configured").asBoolean()).isFalse();

      assertThat(h.adminCallAs(null, "GET", "/api/settings", null).statusCode()).isEqualTo(401);
      HttpResponse<String> unknown = h.adminCall("GET", "/api/settings?section=storage", null);
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(unknown.body()).contains("section");
    }
  }

  static JsonNode settings(GatewayHarness h, String token) throws Exception {
    HttpResponse<String> r = token == null ? h.adminCall("GET", "/api/settings", null)
        : h.adminCallAs(token, "GET", "/api/settings", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  static Map<String, JsonNode> byPath(JsonNode root) {
    Map<String, JsonNode> out = new HashMap<>();
    root.path("values").forEach(e -> assertThat(out.put(e.path("path").asText(), e)).as("one entry per path").isNull());
    return out;
  }

  static JsonNode assertSource(Map<String, JsonNode> values, String path, String source) {
    assertThat(values).as("settings hold " + path).containsKey(path);
    assertThat(values.get(path).path("source").asText()).as(path + " " + values.get(path)).isEqualTo(source);
    return values.get(path);
  }
}
