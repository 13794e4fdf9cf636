package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /api/user-groups} and a user's {@code group}: bodies, validation, the file's groups read-only, conflicts. */
class UserGroupsAdminApiTest {
  GatewayHarness h;
  TenantCalls t;

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.start(GatewayHarness.STANDARD + "billing: { groups: { vip: { sell_multiplier: 1.2 } } }\n");
    t = new TenantCalls(h);
  }

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void groups_are_created_listed_changed_and_deleted_and_users_join_them() throws Exception {
    JsonNode created = t.admin(201, "POST", "/api/user-groups", "{\"id\":\"resellers\",\"sell_multiplier\":\"1.10\"}");
    assertThat(created.path("name").asText()).isEqualTo("resellers");
    assertThat(created.path("sell_multiplier").asText()).isEqualTo("1.1");
    assertThat(created.path("source").asText()).isEqualTo("api");
    assertThat(created.path("created_at").asText()).isEqualTo(h.clock.instant().toString());

    JsonNode listed = t.admin(200, "GET", "/api/user-groups", null);
    assertThat(listed.path("total").asInt()).isEqualTo(2);
    JsonNode vip = listed.path("data").get(0);
    assertThat(vip.path("id").asText()).isEqualTo("vip");
    assertThat(vip.path("source").asText()).isEqualTo("config");
    assertThat(vip.path("sell_multiplier").asText()).isEqualTo("1.2");

    String ann = t.newUser("{\"name\":\"ann\",\"group\":\"resellers\"}");
    assertThat(t.admin(200, "GET", "/api/users/" + ann, null).path("group").asText()).isEqualTo("resellers");
    t.newUser("{\"name\":\"bob\",\"group\":\"vip\"}");
    assertThat(t.admin(200, "GET", "/api/users?group=vip", null).path("data").findValuesAsText("name")).containsExactly("bob");
    assertThat(t.admin(200, "GET", "/api/user-groups/resellers", null).path("users").asInt()).isEqualTo(1);

    JsonNode renamed = t.admin(200, "PATCH", "/api/user-groups/resellers", "{\"name\":\"Resellers\",\"sell_multiplier\":2}");
    assertThat(renamed.path("name").asText()).isEqualTo("Resellers");
    assertThat(renamed.path("sell_multiplier").asText()).isEqualTo("2");

    JsonNode inUse = t.admin(409, "DELETE", "/api/user-groups/resellers", null);
    assertThat(inUse.path("error").path("type").asText()).isEqualTo("in_use");
    assertThat(t.admin(200, "PATCH", "/api/users/" + ann, "{\"group\":null}").path("group").isNull()).isTrue();
    t.admin(200, "DELETE", "/api/user-groups/resellers", null);
    t.admin(404, "GET", "/api/user-groups/resellers", null);
    assertThat(t.admin(200, "GET", "/api/user-groups", null).path("total").asInt()).isEqualTo(1);
  }

  @Test
  void the_files_groups_change_only_in_the_file_and_ids_are_unique() throws Exception {
    assertThat(t.admin(409, "PATCH", "/api/user-groups/vip", "{\"sell_multiplier\":1}").path("error").path("message")
        .asText()).contains("billing.groups");
    t.admin(409, "DELETE", "/api/user-groups/vip", null);
    assertThat(t.admin(409, "POST", "/api/user-groups", "{\"id\":\"vip\",\"sell_multiplier\":1}").path("error")
        .path("message").asText()).contains("configuration file");
    t.admin(201, "POST", "/api/user-groups", "{\"id\":\"gold\",\"sell_multiplier\":1}");
    t.admin(409, "POST", "/api/user-groups", "{\"id\":\"gold\",\"sell_multiplier\":3}");
    t.admin(404, "PATCH", "/api/user-groups/silver", "{\"sell_multiplier\":1}");
    t.admin(404, "DELETE", "/api/user-groups/silver", null);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      {"sell_multiplier":1}                          | 'id' is required.
      {"id":"Gold","sell_multiplier":1}              | 'id' must be 1-64 of a-z 0-9 _ . - starting with a letter or digit (was 'Gold').
      {"id":"gold"}                                  | 'sell_multiplier' must be a number from 0 to 1000 with at most 9 decimals, such as 1.2.
      {"id":"gold","sell_multiplier":-1}             | 'sell_multiplier' must be a number from 0 to 1000 with at most 9 decimals, such as 1.2 (was -1).
      {"id":"gold","sell_multiplier":"1,5"}          | 'sell_multiplier' must be a number from 0 to 1000 with at most 9 decimals, such as 1.2 (was '1,5').
      {"id":"gold","sell_multiplier":1001}           | 'sell_multiplier' must be a number from 0 to 1000 with at most 9 decimals, such as 1.2 (was 1001).
      {"id":"gold","sell_multiplier":"0.0000000001"} | 'sell_multiplier' must be a number from 0 to 1000 with at most 9 decimals, such as 1.2 (was 0.0000000001).
      {"id":"gold","sell_multiplier":true}           | 'sell_multiplier' must be a number from 0 to 1000 with at most 9 decimals, such as 1.2.
      {"id":"gold","sell_multiplier":1,"rate":2}     | Unknown field 'rate'. Allowed: id, name, sell_multiplier.
      """)
  void bad_groups_are_refused_with_the_reason(String body, String message) throws Exception {
    JsonNode e = t.admin(400, "POST", "/api/user-groups", body).path("error");
    assertThat(e.path("type").asText()).isEqualTo("invalid_request");
    assertThat(e.path("message").asText()).isEqualTo(message);
  }

  @Test
  void a_user_names_only_a_known_group() throws Exception {
    assertThat(t.admin(400, "POST", "/api/users", "{\"name\":\"ann\",\"group\":\"gold\"}").path("error").path("message")
        .asText()).isEqualTo("'group': unknown user group 'gold' (see /api/user-groups).");
    assertThat(t.admin(400, "POST", "/api/users", "{\"name\":\"ann\",\"group\":7}").path("error").path("message")
        .asText()).isEqualTo("'group' must be a string.");
    t.admin(400, "GET", "/api/user-groups?group=vip", null);
  }
}
