package dev.keypool.e2e;

import static dev.keypool.e2e.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin API manages provider and gateway keys at run time; changes take effect at once and secrets never come back out. */
class AdminApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  GatewayHarness h;

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.standard();
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void admin_api_requires_the_admin_token_but_health_does_not() throws Exception {
    var noToken = HttpRequest.newBuilder(h.admin("/api/provider-keys")).GET().build();
    assertThat(h.http.send(noToken, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    var wrong = HttpRequest.newBuilder(h.admin("/api/provider-keys")).header("authorization", "Bearer nope").GET().build();
    assertThat(h.http.send(wrong, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    var health = HttpRequest.newBuilder(h.admin("/health")).GET().build();
    assertThat(h.http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    var ready = HttpRequest.newBuilder(h.admin("/health/ready")).GET().build();
    HttpResponse<String> r = h.http.send(ready, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("checks").path("database").asText()).isEqualTo("up");
  }

  @Test
  void provider_key_created_at_run_time_serves_requests_and_its_secret_never_comes_back() throws Exception {
    String secret = "sk-runtime-key-0123456789";
    HttpResponse<String> created = h.adminCall("POST", "/api/provider-keys",
        "{\"provider\":\"openai\",\"name\":\"c\",\"secret\":\"" + secret + "\",\"priority\":100,\"tags\":[\"new\"]}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode key = JSON.readTree(created.body());
    assertThat(created.body()).doesNotContain(secret);
    assertThat(key.path("secret_hint").asText()).isEqualTo("sk-...6789");
    assertThat(key.path("source").asText()).isEqualTo("api");
    String id = key.path("id").asText();

    for (int i = 0; i < 4; i++) {
      assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
    }
    assertThat(h.upstream.requestsFor(secret)).isNotEmpty();

    HttpResponse<String> list = h.adminCall("GET", "/api/provider-keys", null);
    assertThat(list.body()).doesNotContain(secret, "sk-a\"", "ant-a\"");
    HttpResponse<String> one = h.adminCall("GET", "/api/provider-keys/" + id, null);
    assertThat(JSON.readTree(one.body()).path("live").path("total_requests").asLong()).isPositive();

    HttpResponse<String> patched = h.adminCall("PATCH", "/api/provider-keys/" + id, "{\"weight\":5,\"notes\":\"hello\"}");
    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(patched.body()).path("weight").asInt()).isEqualTo(5);

    assertThat(h.adminCall("DELETE", "/api/provider-keys/" + id, null).statusCode()).isEqualTo(200);
    assertThat(h.adminCall("GET", "/api/provider-keys/" + id, null).statusCode()).isEqualTo(404);
    h.upstream.reset();
    for (int i = 0; i < 4; i++) {
      h.post("/v1/chat/completions", chat("gpt-test"));
    }
    assertThat(h.upstream.requestsFor(secret)).isEmpty();
  }

  @Test
  void provider_secrets_are_encrypted_in_the_database() throws Exception {
    h.adminCall("POST", "/api/provider-keys", "{\"provider\":\"openai\",\"name\":\"c\",\"secret\":\"sk-plaintext-check-42\"}");
    JsonNode anyKey = JSON.readTree(h.adminCall("GET", "/api/provider-keys", null).body()).get(0);
    assertThat(anyKey.has("secret")).isFalse();
    try (var c = h.database();
        var rs = c.createStatement().executeQuery("SELECT * FROM provider_keys")) {
      while (rs.next()) {
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          assertThat(String.valueOf(rs.getObject(i))).doesNotContain("sk-plaintext-check-42", "sk-a", "ant-b");
        }
      }
    }
  }

  @Test
  void invalid_admin_input_gets_a_400_that_names_the_field() throws Exception {
    HttpResponse<String> r = h.adminCall("POST", "/api/provider-keys", "{\"provider\":\"openai\",\"name\":\"x\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("secret");
    assertThat(h.adminCall("POST", "/api/provider-keys", "{\"provider\":\"nope\",\"name\":\"x\",\"secret\":\"s\"}").body())
        .contains("Unknown provider");
    assertThat(h.adminCall("POST", "/api/provider-keys", "{\"provider\":\"openai\",\"name\":\"a\",\"secret\":\"s\"}").statusCode())
        .isEqualTo(409);
    assertThat(h.adminCall("POST", "/api/provider-keys", "not json").statusCode()).isEqualTo(400);
    assertThat(h.adminCall("POST", "/api/provider-keys", "{\"provider\":\"openai\",\"name\":\"y\",\"secret\":\"s\",\"weight\":0}").body())
        .contains("weight");
  }

  @Test
  void keys_declared_in_the_file_can_be_disabled_but_not_edited_or_deleted() throws Exception {
    String id = JSON.readTree(h.adminCall("GET", "/api/provider-keys", null).body()).get(0).path("id").asText();
    assertThat(h.adminCall("PATCH", "/api/provider-keys/" + id, "{\"weight\":3}").statusCode()).isEqualTo(409);
    assertThat(h.adminCall("DELETE", "/api/provider-keys/" + id, null).statusCode()).isEqualTo(409);
    HttpResponse<String> off = h.adminCall("PATCH", "/api/provider-keys/" + id, "{\"enabled\":false}");
    assertThat(off.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(off.body()).path("live").path("state").asText()).isEqualTo("disabled");
  }

  @Test
  void gateway_key_is_shown_once_works_at_once_and_stops_working_when_revoked() throws Exception {
    HttpResponse<String> created = h.adminCall("POST", "/api/gateway-keys", "{\"name\":\"team-a\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode body = JSON.readTree(created.body());
    String key = body.path("key").asText();
    assertThat(key).startsWith("ak_").hasSize(67);
    String id = body.path("id").asText();

    HttpResponse<String> listed = h.adminCall("GET", "/api/gateway-keys", null);
    assertThat(listed.body()).doesNotContain(key).contains("team-a");

    HttpResponse<String> ok = h.postRaw("/v1/chat/completions", chat("gpt-test"), "authorization", "Bearer " + key);
    assertThat(ok.statusCode()).isEqualTo(200);

    assertThat(h.adminCall("POST", "/api/gateway-keys/" + id + "/revoke", null).statusCode()).isEqualTo(200);
    HttpResponse<String> refused = h.postRaw("/v1/chat/completions", chat("gpt-test"), "authorization", "Bearer " + key);
    assertThat(refused.statusCode()).isEqualTo(401);
    try (var c = h.database();
        var rs = c.createStatement().executeQuery("SELECT * FROM gateway_keys")) {
      while (rs.next()) {
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          assertThat(String.valueOf(rs.getObject(i))).doesNotContain(key);
        }
      }
    }
  }
}
