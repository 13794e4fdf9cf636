package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.testkit.Replies;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gateway keys with the admin permission on the admin API, and limit changes made there applying to
 * the very next request.
 */
class AdminGatewayKeyTest {
  GatewayHarness h;
  TenantCalls calls;

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.standard();
    h.upstream.defaultReply(Replies.openAiChat("ok", 5, 1));
    calls = new TenantCalls(h);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  HttpResponse<String> withKey(String method, String path, String key, String json) throws Exception {
    return h.http.send(HttpRequest.newBuilder(h.admin(path)).timeout(Duration.ofSeconds(20))
        .header("authorization", "Bearer " + key)
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void an_admin_key_may_use_the_admin_api_and_other_keys_may_not() throws Exception {
    var admin = calls.newKey("{\"name\":\"ops\",\"permissions\":[\"admin\"]}");
    String adminKey = admin.path("key").asText();
    String readWrite = calls.newKey("{\"name\":\"app\"}").path("key").asText();

    assertThat(withKey("GET", "/api/users", adminKey, null).statusCode()).isEqualTo(200);
    assertThat(withKey("POST", "/api/orgs", adminKey, "{\"name\":\"made-by-key\"}").statusCode()).isEqualTo(201);
    HttpResponse<String> refused = withKey("GET", "/api/users", readWrite, null);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("'admin' permission");
    assertThat(withKey("GET", "/api/users", "ak_" + "x".repeat(64), null).statusCode()).isEqualTo(401);
    // An admin key may not call the proxy (no write permission).
    assertThat(calls.chat(adminKey, "gpt-test").statusCode()).isEqualTo(403);

    String id = admin.path("id").asText();
    calls.admin(200, "PATCH", "/api/gateway-keys/" + id, "{\"status\":\"suspended\"}");
    assertThat(withKey("GET", "/api/users", adminKey, null).statusCode()).isEqualTo(401);
    calls.admin(200, "PATCH", "/api/gateway-keys/" + id, "{\"status\":\"active\",\"expires_at\":\"2026-01-05T10:01:00Z\"}");
    assertThat(withKey("GET", "/api/users", adminKey, null).statusCode()).isEqualTo(200);
    h.clock.advance(Duration.ofMinutes(2));
    assertThat(withKey("GET", "/api/users", adminKey, null).statusCode()).isEqualTo(401);
  }

  @Test
  void limits_changed_on_the_admin_api_apply_to_the_next_request() throws Exception {
    String user = calls.newUser("{\"name\":\"Cy\"}");
    var created = calls.newKey("{\"name\":\"cy\",\"user_id\":\"" + user + "\"}");
    String key = created.path("key").asText();
    assertThat(calls.chat(key, "gpt-test").statusCode()).isEqualTo(200);

    calls.admin(200, "PATCH", "/api/users/" + user, "{\"limits\":{\"requests_per_minute\":1}}");
    assertThat(calls.chat(key, "gpt-test").statusCode()).isEqualTo(200);
    HttpResponse<String> userCapped = calls.chat(key, "gpt-test");
    assertThat(userCapped.statusCode()).isEqualTo(429);
    assertThat(TenantCalls.message(userCapped)).contains("user " + user);

    h.clock.advance(Duration.ofMinutes(1));
    calls.admin(200, "PATCH", "/api/users/" + user, "{\"limits\":null}");
    calls.admin(200, "PATCH", "/api/gateway-keys/" + created.path("id").asText(), "{\"limits\":{\"requests_per_minute\":1}}");
    assertThat(calls.chat(key, "gpt-test").statusCode()).isEqualTo(200);
    HttpResponse<String> keyCapped = calls.chat(key, "gpt-test");
    assertThat(keyCapped.statusCode()).isEqualTo(429);
    assertThat(TenantCalls.message(keyCapped)).contains("gateway key " + created.path("id").asText());
  }
}
