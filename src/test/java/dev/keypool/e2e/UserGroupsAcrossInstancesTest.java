package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.TestPostgres;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one PostgreSQL schema: a user group deleted through one is not joined through the
 * other, whose memory still lists it; the other answers 400 in the admin API's shape and forgets the group.
 */
class UserGroupsAcrossInstancesTest {

  @Test
  void a_group_deleted_through_one_instance_cannot_be_joined_through_another() throws Exception {
    String schema = TestPostgres.newSchema();
    try (GatewayHarness a = GatewayHarness.sharing(GatewayHarness.STANDARD, schema, "");
        GatewayHarness b = GatewayHarness.sharing(GatewayHarness.STANDARD, schema, "")) {
      TenantCalls onA = new TenantCalls(a);
      TenantCalls onB = new TenantCalls(b);
      onA.admin(201, "POST", "/api/user-groups", "{\"id\":\"gold\",\"sell_multiplier\":0.8}");
      String ann = onA.newUser("{\"name\":\"ann\"}");
      Poll.until("b knows the group and the user", Duration.ofSeconds(10),
          () -> knowsGold(b) && b.gateway.directory().user(ann) != null);

      onA.admin(200, "DELETE", "/api/user-groups/gold", null);
      // b reads the groups again every few seconds; until then its memory still lists the group.
      assertThat(knowsGold(b)).isTrue();
      JsonNode refused = onB.admin(400, "PATCH", "/api/users/" + ann, "{\"group\":\"gold\"}");
      assertThat(refused.path("error").path("type").asText()).isEqualTo("invalid_request");
      assertThat(refused.path("error").path("message").asText()).contains("unknown user group 'gold'");
      onB.admin(400, "POST", "/api/users", "{\"name\":\"bob\",\"group\":\"gold\"}");

      assertThat(onA.admin(200, "GET", "/api/users/" + ann, null).path("group").isNull()).isTrue();
      assertThat(onA.admin(200, "GET", "/api/users", null).path("total").asInt()).isEqualTo(1);
      onB.admin(404, "GET", "/api/user-groups/gold", null);
    } finally {
      TestPostgres.drop(schema);
    }
  }

  private static boolean knowsGold(GatewayHarness h) {
    try {
      return h.adminCall("GET", "/api/user-groups/gold", null).statusCode() == 200;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
