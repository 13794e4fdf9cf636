package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.e2e.GatewayHarness.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code /api/users}, {@code /api/orgs}, balances and the extended {@code /api/gateway-keys}: bodies, validation, conflicts. */
class TenancyAdminApiTest {
  GatewayHarness h;
  TenantCalls t;

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.standard();
    t = new TenantCalls(h);
  }

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void users_are_created_listed_in_pages_changed_and_deleted() throws Exception {
    String org = t.newOrg("{\"name\":\"acme\",\"limits\":{\"requests_per_month\":100000,\"cost_usd_per_month\":\"250.5\"}}");
    JsonNode ann = t.admin(201, "POST", "/api/users", "{\"name\":\"ann\",\"email\":\"ann@example.com\",\"org_id\":\"" + org
        + "\",\"prepaid\":true,\"limits\":{\"requests_per_minute\":60,\"concurrent\":4}}");
    assertThat(ann.path("id").asText()).startsWith("usr_");
    assertThat(ann.path("status").asText()).isEqualTo("active");
    assertThat(ann.path("org_id").asText()).isEqualTo(org);
    assertThat(ann.path("prepaid").asBoolean()).isTrue();
    assertThat(ann.path("balance_usd").asText()).isEqualTo("0.00");
    assertThat(ann.path("limits").path("requests_per_minute").asInt()).isEqualTo(60);
    assertThat(ann.path("created_at").asText()).isEqualTo(h.clock.instant().toString());
    t.newUser("{\"name\":\"bob\"}");
    t.newUser("{\"name\":\"cy\"}");

    JsonNode page = t.admin(200, "GET", "/api/users?limit=2&offset=1", null);
    assertThat(page.path("total").asInt()).isEqualTo(3);
    assertThat(page.path("data").findValuesAsText("name")).containsExactlyInAnyOrder(
        t.admin(200, "GET", "/api/users", null).path("data").findValuesAsText("name").subList(1, 3).toArray(String[]::new));
    assertThat(t.admin(200, "GET", "/api/users?org_id=" + org, null).path("data").findValuesAsText("name")).containsExactly("ann");

    String id = ann.path("id").asText();
    JsonNode patched = t.admin(200, "PATCH", "/api/users/" + id, "{\"name\":\"Ann\",\"org_id\":null,\"limits\":null}");
    assertThat(patched.path("name").asText()).isEqualTo("Ann");
    assertThat(patched.path("org_id").isNull()).isTrue();
    assertThat(patched.path("email").asText()).isEqualTo("ann@example.com");
    assertThat(patched.path("limits").size()).isZero();
    assertThat(t.admin(200, "GET", "/api/orgs/" + org, null).path("limits").path("cost_usd_per_month").asText()).isEqualTo("250.5");

    t.admin(200, "DELETE", "/api/users/" + id, null);
    t.admin(404, "GET", "/api/users/" + id, null);
    t.admin(200, "DELETE", "/api/orgs/" + org, null);
    assertThat(t.admin(200, "GET", "/api/orgs", null).path("total").asInt()).isZero();
  }

  @Test
  void balance_top_ups_and_deductions_are_recorded_and_a_deduction_below_zero_needs_consent() throws Exception {
    String id = t.newUser("{\"name\":\"payer\",\"prepaid\":true}");
    JsonNode top = t.admin(200, "POST", "/api/users/" + id + "/balance", "{\"amount_usd\":\"10.00\",\"kind\":\"top_up\",\"note\":\"invoice 7\"}");
    assertThat(top.path("balance_usd").asText()).isEqualTo("10.00");
    assertThat(top.path("entry").path("amount_usd").asText()).isEqualTo("10.00");
    assertThat(top.path("entry").path("kind").asText()).isEqualTo("top_up");
    t.admin(200, "POST", "/api/users/" + id + "/balance", "{\"amount_usd\":2.5,\"kind\":\"deduct\"}");

    JsonNode refused = t.admin(409, "POST", "/api/users/" + id + "/balance", "{\"amount_usd\":\"8\",\"kind\":\"deduct\"}");
    assertThat(refused.path("error").path("type").asText()).isEqualTo("insufficient_balance");
    assertThat(refused.path("error").path("message").asText()).contains("7.50", "allow_negative");
    JsonNode negative = t.admin(200, "POST", "/api/users/" + id + "/balance",
        "{\"amount_usd\":\"8\",\"kind\":\"deduct\",\"allow_negative\":true}");
    assertThat(negative.path("balance_usd").asText()).isEqualTo("-0.50");

    JsonNode balance = t.admin(200, "GET", "/api/users/" + id + "/balance?limit=2", null);
    assertThat(balance.path("balance_usd").asText()).isEqualTo("-0.50");
    assertThat(balance.path("history").path("total").asInt()).isEqualTo(3);
    assertThat(balance.path("history").path("data").findValuesAsText("amount_usd")).containsExactly("-8.00", "-2.50");
    assertThat(t.admin(200, "GET", "/api/users/" + id + "/balance?offset=2", null).path("history").path("data")
        .findValuesAsText("note")).containsExactly("invoice 7");
    assertThat(t.admin(200, "GET", "/api/users/" + id, null).path("balance_usd").asText()).isEqualTo("-0.50");

    assertThat(t.admin(400, "POST", "/api/users/" + id + "/balance", "{\"amount_usd\":\"-1\"}").toString()).contains("amount_usd");
    assertThat(t.admin(400, "POST", "/api/users/" + id + "/balance", "{\"amount_usd\":\"1\",\"kind\":\"charge\"}").toString())
        .contains("kind");
    t.admin(404, "POST", "/api/users/usr_nobody/balance", "{\"amount_usd\":\"1\"}");
  }

  @Test
  void gateway_keys_take_every_field_and_never_show_the_secret_again() throws Exception {
    String org = t.newOrg("{\"name\":\"acme\"}");
    String user = t.newUser("{\"name\":\"ann\",\"org_id\":\"" + org + "\"}");
    JsonNode created = t.newKey("{\"name\":\"ci\",\"description\":\"the CI runner\",\"user_id\":\"" + user + "\","
        + "\"expires_at\":\"2026-06-01T00:00:00Z\",\"allowed_models\":[\"gpt-*\",\"anthropic/*\"],"
        + "\"allowed_providers\":[\"openai\"],\"allowed_ips\":[\"10.0.0.0/8\",\"::1\"],\"permissions\":[\"write\"],"
        + "\"limits\":{\"requests_per_minute\":60,\"cost_usd_per_month\":50}}");
    String secret = created.path("key").asText();
    String id = created.path("id").asText();
    assertThat(secret).startsWith("ak_").hasSize(67);
    assertThat(created.path("description").asText()).isEqualTo("the CI runner");
    assertThat(created.path("user_id").asText()).isEqualTo(user);
    assertThat(created.path("org_id").isNull()).isTrue();
    assertThat(created.path("status").asText()).isEqualTo("active");
    assertThat(created.path("permissions").toString()).isEqualTo("[\"write\"]");
    assertThat(created.path("allowed_ips").toString()).isEqualTo("[\"10.0.0.0/8\",\"::1\"]");
    assertThat(created.path("limits").path("cost_usd_per_month").asInt()).isEqualTo(50);
    assertThat(created.path("expires_at").asText()).isEqualTo("2026-06-01T00:00:00Z");

    JsonNode patched = t.admin(200, "PATCH", "/api/gateway-keys/" + id, "{\"description\":\"paused\",\"status\":\"suspended\","
        + "\"allowed_ips\":[],\"permissions\":[\"read\",\"write\",\"admin\"],\"org_id\":\"" + org + "\",\"limits\":{\"concurrent\":2}}");
    assertThat(patched.path("status").asText()).isEqualTo("suspended");
    assertThat(patched.path("allowed_ips").size()).isZero();
    assertThat(patched.path("allowed_models").size()).as("untouched fields stay").isEqualTo(2);
    assertThat(patched.path("org_id").asText()).isEqualTo(org);
    assertThat(patched.path("limits").toString()).isEqualTo("{\"concurrent\":2}");

    assertThat(t.admin(200, "GET", "/api/gateway-keys?user_id=" + user, null).findValuesAsText("id")).containsExactly(id);
    for (String path : new String[] {"/api/gateway-keys", "/api/gateway-keys/" + id}) {
      assertThat(h.adminCall("GET", path, null).body()).doesNotContain(secret, secret.substring(10));
    }
    t.admin(409, "DELETE", "/api/users/" + user, null);
    t.admin(409, "DELETE", "/api/orgs/" + org, null);
    t.admin(200, "POST", "/api/gateway-keys/" + id + "/revoke", null);
    assertThat(t.admin(409, "PATCH", "/api/gateway-keys/" + id, "{\"status\":\"active\"}").path("error").path("type").asText())
        .isEqualTo("revoked");
  }

  @Test
  void invalid_tenancy_input_gets_a_400_naming_the_field() throws Exception {
    assertThat(error(t.admin(400, "POST", "/api/gateway-keys", "{\"name\":\"x\",\"user_id\":\"usr_nobody\"}"))).contains("user_id", "usr_nobody");
    assertThat(error(t.admin(400, "POST", "/api/gateway-keys", "{\"name\":\"x\",\"org_id\":\"org_nobody\"}"))).contains("org_id");
    assertThat(error(t.admin(400, "POST", "/api/gateway-keys", "{\"name\":\"x\",\"allowed_ips\":[\"10.0.0.0/40\"]}")))
        .contains("allowed_ips", "10.0.0.0/40");
    assertThat(error(t.admin(400, "POST", "/api/gateway-keys", "{\"name\":\"x\",\"permissions\":[\"root\"]}"))).contains("permissions", "root");
    assertThat(error(t.admin(400, "POST", "/api/gateway-keys", "{\"name\":\"x\",\"limits\":{\"bananas_per_day\":1}}")))
        .contains("limits", "bananas_per_day");
    assertThat(error(t.admin(400, "POST", "/api/gateway-keys", "{\"name\":\"x\",\"allowed_providers\":[\"nope\"]}")))
        .contains("allowed_providers", "nope");
    assertThat(error(t.admin(400, "POST", "/api/gateway-keys", "{\"name\":\"x\",\"expires_at\":\"tomorrow\"}"))).contains("expires_at");
    assertThat(error(t.admin(400, "POST", "/api/gateway-keys", "{\"name\":\"x\",\"status\":\"paused\"}"))).contains("status");
    assertThat(error(t.admin(400, "POST", "/api/users", "{\"name\":\"x\",\"org_id\":\"org_nobody\"}"))).contains("org_id");
    assertThat(error(t.admin(400, "POST", "/api/users", "{\"name\":\"x\",\"email\":\"nope\"}"))).contains("email");
    assertThat(error(t.admin(400, "POST", "/api/users", "{\"email\":\"a@b.c\"}"))).contains("name");
    assertThat(error(t.admin(400, "POST", "/api/orgs", "{\"name\":\"x\",\"limits\":{\"requests_per_month\":-1}}"))).contains("limits");
    t.newOrg("{\"name\":\"taken\"}");
    t.admin(409, "POST", "/api/orgs", "{\"name\":\"taken\"}");
    t.newUser("{\"name\":\"a\",\"email\":\"same@example.com\"}");
    t.admin(409, "POST", "/api/users", "{\"name\":\"b\",\"email\":\"same@example.com\"}");
  }

  @Test
  void keys_declared_in_the_file_take_status_and_owner_but_not_scopes() throws Exception {
    String id = t.admin(200, "GET", "/api/gateway-keys", null).get(0).path("id").asText();
    String user = t.newUser("{\"name\":\"ops\"}");
    t.admin(200, "PATCH", "/api/gateway-keys/" + id, "{\"user_id\":\"" + user + "\"}");
    t.admin(409, "PATCH", "/api/gateway-keys/" + id, "{\"allowed_models\":[\"gpt-*\"]}");
    t.admin(409, "POST", "/api/gateway-keys/" + id + "/regenerate", null);
    t.admin(409, "DELETE", "/api/gateway-keys/" + id, null);
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void users_orgs_balances_and_scoped_keys_survive_a_restart(Storage storage) throws Exception {
    h.close();
    h = GatewayHarness.start(GatewayHarness.STANDARD, storage);
    t = new TenantCalls(h);
    String org = t.newOrg("{\"name\":\"acme\",\"limits\":{\"tokens_per_month\":1000000}}");
    String user = t.newUser("{\"name\":\"ann\",\"org_id\":\"" + org + "\",\"prepaid\":true}");
    t.admin(200, "POST", "/api/users/" + user + "/balance", "{\"amount_usd\":\"12.50\"}");
    String key = t.newKey("{\"name\":\"ann\",\"user_id\":\"" + user + "\",\"allowed_models\":[\"gpt-*\"]}").path("key").asText();

    h.restart();

    assertThat(t.admin(200, "GET", "/api/users/" + user, null).path("balance_usd").asText()).isEqualTo("12.50");
    assertThat(t.admin(200, "GET", "/api/orgs/" + org, null).path("limits").path("tokens_per_month").asInt()).isEqualTo(1000000);
    assertThat(t.chat(key, "gpt-test").statusCode()).isEqualTo(200);
    assertThat(t.chat(key, "claude-test").statusCode()).isEqualTo(403);
    t.admin(200, "PATCH", "/api/users/" + user, "{\"status\":\"suspended\"}");
    h.restart();
    assertThat(t.chat(key, "gpt-test").statusCode()).as("the directory is loaded at start").isEqualTo(403);
  }

  private static String error(JsonNode body) {
    assertThat(body.path("error").path("type").asText()).isEqualTo("invalid_request");
    return body.path("error").path("message").asText();
  }
}
