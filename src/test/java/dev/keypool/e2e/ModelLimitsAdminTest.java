package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.e2e.GatewayHarness.Storage;
import dev.keypool.relay.OutputLimit;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * /api/model-limits: the catalog with each entry's layer (shipped, file, runtime), run-time overrides
 * that apply at once, are stored (model_limit_overrides, on SQLite and PostgreSQL) and survive a restart,
 * validation, and who may change them.
 */
class ModelLimitsAdminTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CONFIG = GatewayHarness.STANDARD + """
      model_limits:
        gpt-upstream: { context_window: 128000, max_output_tokens: 1000 }
        claude-sonnet-4-5: { max_output_tokens: 32000 }
      """;

  @ParameterizedTest
  @EnumSource(Storage.class)
  void run_time_limits_apply_at_once_are_stored_and_yield_to_the_file_again(Storage storage) throws Exception {
    try (GatewayHarness h = GatewayHarness.start(CONFIG, storage)) {
      JsonNode all = JSON.readTree(ok(h.adminCall("GET", "/api/model-limits", null)));
      assertThat(all.path("gpt-upstream").path("source").asText()).isEqualTo("file");
      assertThat(all.path("gpt-upstream").path("max_output_tokens").asLong()).isEqualTo(1000);
      assertThat(all.path("claude-sonnet-4-5").path("source").asText()).as("the file wins over shipped").isEqualTo("file");
      assertThat(all.path("claude-sonnet-4-5").path("context_window").isNull()).isTrue();
      assertThat(all.path("gpt-4o").path("source").asText()).isEqualTo("shipped");
      JsonNode dated = JSON.readTree(ok(h.adminCall("GET", "/api/model-limits/claude-3-5-sonnet-latest", null)));
      assertThat(dated.path("model").asText()).as("prefix match").isEqualTo("claude-3-5-sonnet");
      assertThat(h.adminCall("GET", "/api/model-limits/nobody-knows-me", null).statusCode()).isEqualTo(404);

      JsonNode put = JSON.readTree(ok(h.adminCall("PUT", "/api/model-limits/GPT-Upstream", "{\"max_output_tokens\": 500}")));
      assertThat(put.path("source").asText()).isEqualTo("runtime");
      HttpResponse<String> clamped = h.post("/v1/chat/completions", ModelLimitsTest.chat("gpt-test", 800, false));
      assertThat(clamped.headers().firstValue(OutputLimit.CLAMPED_HEADER)).as("at once").hasValue("800->500");

      h.restart();

      JsonNode kept = JSON.readTree(ok(h.adminCall("GET", "/api/model-limits/gpt-upstream", null)));
      assertThat(kept.path("max_output_tokens").asLong()).isEqualTo(500);
      assertThat(kept.path("context_window").isNull()).isTrue();
      assertThat(kept.path("source").asText()).isEqualTo("runtime");

      JsonNode back = JSON.readTree(ok(h.adminCall("DELETE", "/api/model-limits/gpt-upstream", null)));
      assertThat(back.path("source").asText()).isEqualTo("file");
      assertThat(back.path("max_output_tokens").asLong()).isEqualTo(1000);
      assertThat(h.adminCall("DELETE", "/api/model-limits/gpt-upstream", null).statusCode())
          .as("no run-time override left").isEqualTo(404);
      HttpResponse<String> fileLimit = h.post("/v1/chat/completions", ModelLimitsTest.chat("gpt-test", 800, false));
      assertThat(fileLimit.headers().firstValue(OutputLimit.CLAMPED_HEADER)).isEmpty();

      JsonNode added = JSON.readTree(ok(h.adminCall("PUT", "/api/model-limits/my-local-model", "{\"context_window\": 32768}")));
      assertThat(added.path("max_output_tokens").isNull()).isTrue();
      JsonNode gone = JSON.readTree(ok(h.adminCall("DELETE", "/api/model-limits/my-local-model", null)));
      assertThat(gone.path("source").asText()).isEqualTo("none");
    }
  }

  @ParameterizedTest
  @EnumSource(value = Storage.class, names = "SQLITE")
  void bad_limits_are_refused_and_only_admins_change_them(Storage storage) throws Exception {
    try (GatewayHarness h = GatewayHarness.start(CONFIG, storage)) {
      for (String bad : new String[] {"{}", "{\"max_output_tokens\": 0}", "{\"max_output_tokens\": 1.5}",
          "{\"max_output_tokens\": \"lots\"}", "{\"max_tokens\": 100}"}) {
        HttpResponse<String> r = h.adminCall("PUT", "/api/model-limits/gpt-upstream", bad);
        assertThat(r.statusCode()).as(bad + " -> " + r.body()).isEqualTo(400);
      }
      assertThat(h.adminCallAs(null, "GET", "/api/model-limits", null).statusCode()).isEqualTo(401);
      String viewer = h.viewerToken();
      assertThat(h.adminCallAs(viewer, "GET", "/api/model-limits", null).statusCode()).isEqualTo(200);
      assertThat(h.adminCallAs(viewer, "PUT", "/api/model-limits/gpt-upstream", "{\"max_output_tokens\": 5}")
          .statusCode()).isEqualTo(403);
      assertThat(JSON.readTree(ok(h.adminCall("GET", "/api/model-limits/gpt-upstream", null)))
          .path("max_output_tokens").asLong()).isEqualTo(1000);
    }
  }

  private static String ok(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }
}
