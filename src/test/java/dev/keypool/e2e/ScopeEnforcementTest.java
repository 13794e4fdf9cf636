package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A gateway key's scopes, status, expiry and owners decide, request by request, whether it may spend:
 * refusals come in the called endpoint's error shape and say why.
 */
class ScopeEnforcementTest {
  /** The standard routes plus one served by both providers, Anthropic first. */
  static final String YAML = GatewayHarness.STANDARD.replace("models:\n", """
      models:
        - { id: mixed, candidates: [ { provider: anthropic, model: claude-upstream }, { provider: openai, model: gpt-upstream } ] }
      """);

  GatewayHarness h;
  TenantCalls t;

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.start(YAML);
    t = new TenantCalls(h);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void a_key_limited_to_some_models_is_refused_the_others_in_both_shapes() throws Exception {
    String key = t.newKey("{\"name\":\"gpt-only\",\"allowed_models\":[\"gpt-*\"]}").path("key").asText();
    assertThat(t.chat(key, "gpt-test").statusCode()).isEqualTo(200);

    HttpResponse<String> openAi = t.chat(key, "claude-test");
    assertThat(openAi.statusCode()).isEqualTo(403);
    JsonNode error = TenantCalls.JSON.readTree(openAi.body()).path("error");
    assertThat(error.path("message").asText()).isEqualTo("This API key may not use model 'claude-test'.");
    assertThat(error.path("type").asText()).isEqualTo("permission_error");
    assertThat(error.path("code").asText()).isEqualTo("model_not_allowed");

    HttpResponse<String> anthropic = t.message(key, "claude-test");
    assertThat(anthropic.statusCode()).isEqualTo(403);
    JsonNode body = TenantCalls.JSON.readTree(anthropic.body());
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.path("error").path("type").asText()).isEqualTo("permission_error");
    assertThat(body.path("error").path("message").asText()).isEqualTo("This API key may not use model 'claude-test'.");
    assertThat(h.upstream.requests()).as("refused before any upstream call").hasSize(1);

    JsonNode listed = TenantCalls.JSON.readTree(t.models(key).body());
    assertThat(listed.path("data").findValuesAsText("id")).containsExactly("gpt-test");
  }

  @Test
  void a_provider_scope_narrows_the_route_and_refuses_routes_with_no_allowed_provider() throws Exception {
    String key = t.newKey("{\"name\":\"openai-only\",\"allowed_providers\":[\"openai\"]}").path("key").asText();
    HttpResponse<String> mixed = t.chat(key, "mixed");
    assertThat(mixed.statusCode()).isEqualTo(200);
    assertThat(h.upstream.requests()).as("the anthropic candidate is skipped").singleElement()
        .satisfies(r -> assertThat(r.model()).isEqualTo("gpt-upstream"));

    HttpResponse<String> refused = t.message(key, "claude-test");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(TenantCalls.message(refused)).contains("may not use the providers", "claude-test", "openai");
    assertThat(TenantCalls.JSON.readTree(t.models(key, "anthropic-version", "2023-06-01").body()).path("data")
        .findValuesAsText("id")).containsExactlyInAnyOrder("mixed", "gpt-test", "embed-test");
  }

  @Test
  void an_ip_allow_list_refuses_other_addresses_naming_the_ip() throws Exception {
    String elsewhere = t.newKey("{\"name\":\"office\",\"allowed_ips\":[\"10.0.0.0/8\",\"2001:db8::/32\"]}").path("key").asText();
    HttpResponse<String> refused = t.chat(elsewhere, "gpt-test");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(TenantCalls.message(refused)).isEqualTo("This API key may not be used from IP address 127.0.0.1.");
    assertThat(t.models(elsewhere).statusCode()).isEqualTo(403);

    String local = t.newKey("{\"name\":\"local\",\"allowed_ips\":[\"127.0.0.0/8\"]}").path("key").asText();
    assertThat(t.chat(local, "gpt-test").statusCode()).isEqualTo(200);
  }

  @Test
  void permissions_separate_listing_models_from_inference() throws Exception {
    String readOnly = t.newKey("{\"name\":\"ro\",\"permissions\":[\"read\"]}").path("key").asText();
    assertThat(t.models(readOnly).statusCode()).isEqualTo(200);
    HttpResponse<String> chat = t.chat(readOnly, "gpt-test");
    assertThat(chat.statusCode()).isEqualTo(403);
    assertThat(TenantCalls.message(chat)).contains("'write' permission");
    HttpResponse<String> message = t.message(readOnly, "claude-test");
    assertThat(message.statusCode()).isEqualTo(403);
    assertThat(TenantCalls.JSON.readTree(message.body()).path("error").path("type").asText()).isEqualTo("permission_error");

    String writeOnly = t.newKey("{\"name\":\"wo\",\"permissions\":[\"write\"]}").path("key").asText();
    assertThat(t.chat(writeOnly, "gpt-test").statusCode()).isEqualTo(200);
    assertThat(t.models(writeOnly).statusCode()).isEqualTo(403);
  }

  @Test
  void an_expired_key_is_refused_saying_so_and_listed_as_expired() throws Exception {
    JsonNode created = t.newKey("{\"name\":\"temp\",\"expires_at\":\"" + h.clock.instant().plus(Duration.ofHours(1)) + "\"}");
    String key = created.path("key").asText();
    assertThat(t.chat(key, "gpt-test").statusCode()).isEqualTo(200);

    h.clock.advance(Duration.ofHours(2));
    HttpResponse<String> openAi = t.chat(key, "gpt-test");
    assertThat(openAi.statusCode()).isEqualTo(401);
    assertThat(TenantCalls.message(openAi)).isEqualTo("This API key has expired.");
    HttpResponse<String> anthropic = t.message(key, "claude-test");
    assertThat(anthropic.statusCode()).isEqualTo(401);
    assertThat(TenantCalls.JSON.readTree(anthropic.body()).path("error").path("type").asText()).isEqualTo("authentication_error");
    assertThat(t.admin(200, "GET", "/api/gateway-keys/" + created.path("id").asText(), null).path("status").asText())
        .isEqualTo("expired");

    t.admin(200, "PATCH", "/api/gateway-keys/" + created.path("id").asText(), "{\"expires_at\":null}");
    assertThat(t.chat(key, "gpt-test").statusCode()).isEqualTo(200);
  }

  @Test
  void suspended_keys_users_and_orgs_are_refused_until_reactivated() throws Exception {
    String org = t.newOrg("{\"name\":\"acme\"}");
    String user = t.newUser("{\"name\":\"ann\",\"org_id\":\"" + org + "\"}");
    JsonNode created = t.newKey("{\"name\":\"ann-key\",\"user_id\":\"" + user + "\"}");
    String key = created.path("key").asText();
    String id = created.path("id").asText();
    assertThat(t.chat(key, "gpt-test").statusCode()).isEqualTo(200);

    t.admin(200, "PATCH", "/api/gateway-keys/" + id, "{\"status\":\"suspended\"}");
    HttpResponse<String> suspendedKey = t.chat(key, "gpt-test");
    assertThat(suspendedKey.statusCode()).isEqualTo(401);
    assertThat(TenantCalls.message(suspendedKey)).isEqualTo("This API key is suspended.");
    t.admin(200, "PATCH", "/api/gateway-keys/" + id, "{\"status\":\"active\"}");

    t.admin(200, "PATCH", "/api/users/" + user, "{\"status\":\"suspended\"}");
    HttpResponse<String> suspendedUser = t.message(key, "claude-test");
    assertThat(suspendedUser.statusCode()).isEqualTo(403);
    assertThat(TenantCalls.message(suspendedUser)).isEqualTo("The user this API key belongs to is suspended.");
    t.admin(200, "PATCH", "/api/users/" + user, "{\"status\":\"active\"}");

    t.admin(200, "PATCH", "/api/orgs/" + org, "{\"status\":\"suspended\"}");
    HttpResponse<String> suspendedOrg = t.chat(key, "gpt-test");
    assertThat(suspendedOrg.statusCode()).isEqualTo(403);
    assertThat(TenantCalls.message(suspendedOrg)).isEqualTo("The organization this API key belongs to is suspended.");
    t.admin(200, "PATCH", "/api/orgs/" + org, "{\"status\":\"active\"}");
    assertThat(t.chat(key, "gpt-test").statusCode()).isEqualTo(200);

    // Refused requests are recorded without a caller; the two served ones name the key's user and org.
    dev.keypool.testkit.Poll.until("the key's records name its user and org", () -> {
      try {
        JsonNode items = t.admin(200, "GET", "/api/requests?gateway_key=" + id, null).path("items");
        return items.size() == 2 && items.findValuesAsText("user_id").stream().allMatch(user::equals)
            && items.findValuesAsText("org_id").stream().allMatch(org::equals);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void regenerate_retires_the_old_secret_at_once_and_keeps_the_id_in_request_records() throws Exception {
    JsonNode created = t.newKey("{\"name\":\"rotating\",\"allowed_models\":[\"gpt-*\"]}");
    String id = created.path("id").asText();
    String old = created.path("key").asText();
    assertThat(t.chat(old, "gpt-test").statusCode()).isEqualTo(200);

    JsonNode regenerated = t.admin(200, "POST", "/api/gateway-keys/" + id + "/regenerate", null);
    String fresh = regenerated.path("key").asText();
    assertThat(fresh).startsWith("ak_").hasSize(67).isNotEqualTo(old);
    assertThat(regenerated.path("id").asText()).isEqualTo(id);
    assertThat(regenerated.path("allowed_models").get(0).asText()).isEqualTo("gpt-*");
    HttpResponse<String> refused = t.chat(old, "gpt-test");
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(TenantCalls.message(refused)).isEqualTo("Invalid API key.");
    assertThat(t.chat(fresh, "gpt-test").statusCode()).isEqualTo(200);
    assertThat(t.chat(fresh, "claude-test").statusCode()).as("scopes kept").isEqualTo(403);
    assertThat(t.admin(200, "GET", "/api/gateway-keys/" + id, null).toString()).doesNotContain(fresh);

    dev.keypool.testkit.Poll.until("three records of the key", () -> {
      try {
        return t.admin(200, "GET", "/api/requests?gateway_key=" + id, null).path("items").size() == 3;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void a_deleted_key_never_authenticates_and_is_listed_only_on_request() throws Exception {
    JsonNode created = t.newKey("{\"name\":\"doomed\"}");
    String id = created.path("id").asText();
    t.admin(200, "DELETE", "/api/gateway-keys/" + id, null);
    HttpResponse<String> refused = t.chat(created.path("key").asText(), "gpt-test");
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(TenantCalls.message(refused)).isEqualTo("This API key has been deleted.");
    assertThat(t.admin(200, "GET", "/api/gateway-keys", null).findValuesAsText("id")).doesNotContain(id);
    assertThat(t.admin(200, "GET", "/api/gateway-keys?include_deleted=true", null).findValuesAsText("id")).contains(id);
    assertThat(t.admin(200, "GET", "/api/gateway-keys/" + id, null).path("deleted_at").asText()).isEqualTo(h.clock.instant().toString());
    t.admin(409, "PATCH", "/api/gateway-keys/" + id, "{\"status\":\"active\"}");
    t.admin(409, "POST", "/api/gateway-keys/" + id + "/regenerate", null);
  }

  @Test
  void last_used_is_shown_at_once_and_written_to_the_database_by_shutdown() throws Exception {
    JsonNode created = t.newKey("{\"name\":\"used\"}");
    String id = created.path("id").asText();
    assertThat(t.admin(200, "GET", "/api/gateway-keys/" + id, null).path("last_used_at").isNull()).isTrue();
    h.clock.advance(Duration.ofMinutes(3));
    assertThat(t.chat(created.path("key").asText(), "gpt-test").statusCode()).isEqualTo(200);
    String usedAt = h.clock.instant().toString();
    assertThat(t.admin(200, "GET", "/api/gateway-keys/" + id, null).path("last_used_at").asText()).isEqualTo(usedAt);
    h.restart();
    assertThat(t.admin(200, "GET", "/api/gateway-keys/" + id, null).path("last_used_at").asText()).isEqualTo(usedAt);
  }
}
