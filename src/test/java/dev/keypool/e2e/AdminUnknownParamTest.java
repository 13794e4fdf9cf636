package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A query parameter an admin listing does not take is a 400 naming it, not silently ignored (a misspelt
 * filter would show every row); the parameters a listing does take still work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminUnknownParamTest {
  static final ObjectMapper JSON = new ObjectMapper();
  GatewayHarness h;

  @BeforeAll
  void start() throws Exception {
    h = GatewayHarness.standard();
  }

  @AfterAll
  void stop() throws Exception {
    h.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/requests", "/api/requests/live", "/api/logs", "/api/logs/live", "/api/logs/file", "/api/gateway-keys/gk_none/timeline", "/api/provider-keys", "/api/gateway-keys", "/api/users", "/api/orgs",
      "/api/statistics/overview", "/api/statistics/provider-keys", "/api/statistics/gateway-keys",
      "/api/statistics/users", "/api/statistics/orgs", "/api/statistics/models", "/api/statistics/providers",
      "/api/statistics/timeline", "/api/statistics/errors", "/api/statistics/attempts"})
  void an_unknown_parameter_is_a_400_naming_it(String listing) throws Exception {
    HttpResponse<String> r = h.adminCall("GET", listing + "?modle=gpt-test", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    JsonNode error = JSON.readTree(r.body()).path("error");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request");
    assertThat(error.path("message").asText()).contains("'modle'");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/api/requests?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&model=m&status=200&outcome=success"
          + "&provider_key=p&gateway_key=g&user=u&org=o&q=x&limit=5&cursor=",
      "/api/provider-keys",
      "/api/logs?level=warn&after=0&limit=5&q=x",
      "/api/gateway-keys?include_deleted=true&user_id=u&org_id=o",
      "/api/users?org_id=o&limit=5&offset=0",
      "/api/orgs?limit=5&offset=0",
      "/api/statistics/overview?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z",
      "/api/statistics/models?rank_by=cost&limit=5",
      "/api/statistics/users?rank_by=requests&limit=5",
      "/api/statistics/timeline?bucket=day",
      "/api/statistics/errors?from=2026-01-04T00:00:00Z",
      "/api/statistics/attempts?limit=5",
  })
  void the_parameters_a_listing_takes_still_work(String pathAndQuery) throws Exception {
    HttpResponse<String> r = h.adminCall("GET", pathAndQuery, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"%E2%80%AEevil", "x%E2%80%8Bx"})
  void the_name_is_quoted_cut_short_and_without_formatting_characters(String name) throws Exception {
    HttpResponse<String> r = h.adminCall("GET", "/api/orgs?" + name + "=1", null);
    assertThat(r.statusCode()).isEqualTo(400);
    String message = JSON.readTree(r.body()).path("error").path("message").asText();
    assertThat(message).doesNotContain("\u202e", "\u200b").contains("?");
  }

  @Test
  void a_long_unknown_name_is_cut_short() throws Exception {
    HttpResponse<String> r = h.adminCall("GET", "/api/orgs?" + "y".repeat(200) + "=1", null);
    assertThat(r.statusCode()).isEqualTo(400);
    String message = JSON.readTree(r.body()).path("error").path("message").asText();
    assertThat(message).contains("y".repeat(40) + "\u2026").doesNotContain("y".repeat(41));
  }
}
