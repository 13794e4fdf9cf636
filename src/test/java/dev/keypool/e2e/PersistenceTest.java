package dev.keypool.e2e;

import static dev.keypool.e2e.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.e2e.GatewayHarness.Storage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What is created or changed at run time survives a restart, on SQLite and on PostgreSQL alike, with secrets encrypted at rest. */
class PersistenceTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @EnumSource(Storage.class)
  void run_time_keys_and_operator_choices_survive_a_restart(Storage storage) throws Exception {
    try (GatewayHarness h = GatewayHarness.start(GatewayHarness.STANDARD, storage)) {
      String secret = "sk-persisted-0123456789";
      JsonNode created = JSON.readTree(h.adminCall("POST", "/api/provider-keys",
          "{\"provider\":\"openai\",\"name\":\"c\",\"secret\":\"" + secret + "\",\"priority\":5}").body());
      String clientKey = JSON.readTree(h.adminCall("POST", "/api/gateway-keys", "{\"name\":\"team\"}").body()).path("key").asText();
      String revokedId = JSON.readTree(h.adminCall("POST", "/api/gateway-keys", "{\"name\":\"old\"}").body()).path("id").asText();
      h.adminCall("POST", "/api/gateway-keys/" + revokedId + "/revoke", null);
      String fileKeyA = idOf(h, "a", "openai");
      h.adminCall("POST", "/api/provider-keys/" + fileKeyA + "/disable", "{\"reason\":\"leaked\"}");

      h.restart();

      JsonNode c = JSON.readTree(h.adminCall("GET", "/api/provider-keys/" + created.path("id").asText(), null).body());
      assertThat(c.path("priority").asInt()).isEqualTo(5);
      assertThat(c.path("secret_hint").asText()).isEqualTo("sk-...6789");
      JsonNode a = JSON.readTree(h.adminCall("GET", "/api/provider-keys/" + fileKeyA, null).body());
      assertThat(a.path("enabled").asBoolean()).isFalse();
      assertThat(a.path("disabled_reason").asText()).isEqualTo("leaked");
      assertThat(JSON.readTree(h.adminCall("GET", "/api/gateway-keys/" + revokedId, null).body()).path("status").asText())
          .isEqualTo("revoked");

      for (int i = 0; i < 4; i++) {
        assertThat(h.postRaw("/v1/chat/completions", chat("gpt-test"), "authorization", "Bearer " + clientKey)
            .statusCode()).isEqualTo(200);
      }
      assertThat(h.upstream.requestsFor(secret)).as("the decrypted run-time key serves requests").isNotEmpty();
      assertThat(h.upstream.requestsFor("sk-a")).as("the disabled file key stays out").isEmpty();

      try (var conn = h.database(); var rs = conn.createStatement().executeQuery("SELECT * FROM provider_keys")) {
        while (rs.next()) {
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            assertThat(String.valueOf(rs.getObject(i))).doesNotContain(secret, "sk-b", "ant-a");
          }
        }
      }
    }
  }

  static String idOf(GatewayHarness h, String name, String provider) throws Exception {
    for (JsonNode k : JSON.readTree(h.adminCall("GET", "/api/provider-keys", null).body())) {
      if (k.path("name").asText().equals(name) && k.path("provider").asText().equals(provider)) {
        return k.path("id").asText();
      }
    }
    throw new AssertionError("no key " + provider + "/" + name);
  }
}
