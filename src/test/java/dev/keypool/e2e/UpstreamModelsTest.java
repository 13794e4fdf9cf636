package dev.keypool.e2e;

import static dev.keypool.e2e.ProviderAdminTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.testkit.RecordedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/providers/{id}/upstream-models asks each format's upstream in its own way and caches the answer. */
class UpstreamModelsTest {
  GatewayHarness h;

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.start(GatewayHarness.WITH_GEMINI);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void openai_lists_ids_and_the_answer_is_cached_until_refreshed_or_expired() throws Exception {
    JsonNode first = json(h.adminCall("GET", "/api/providers/openai/upstream-models", null), 200);
    assertThat(first.path("cached").asBoolean()).isFalse();
    assertThat(first.path("fetched_at").asText()).isEqualTo(h.clock.instant().toString());
    assertThat(first.path("models").toString()).isEqualTo(
        "[{\"id\":\"model-one\",\"display_name\":\"model-one\"},{\"id\":\"model-two\",\"display_name\":\"model-two\"}]");
    RecordedRequest sent = listRequests("/v1/models").getFirst();
    assertThat(sent.headers().get("authorization")).singleElement().asString().isIn("Bearer sk-a", "Bearer sk-b");

    assertThat(json(h.adminCall("GET", "/api/providers/openai/upstream-models", null), 200).path("cached").asBoolean()).isTrue();
    assertThat(listRequests("/v1/models")).hasSize(1);
    assertThat(json(h.adminCall("GET", "/api/providers/openai/upstream-models?refresh=true", null), 200)
        .path("cached").asBoolean()).isFalse();
    assertThat(listRequests("/v1/models")).hasSize(2);
    h.clock.advance(Duration.ofMinutes(11));
    assertThat(json(h.adminCall("GET", "/api/providers/openai/upstream-models", null), 200).path("cached").asBoolean()).isFalse();
  }

  @Test
  void anthropic_and_gemini_are_asked_in_their_own_formats() throws Exception {
    JsonNode anthropic = json(h.adminCall("GET", "/api/providers/anthropic/upstream-models", null), 200);
    assertThat(anthropic.path("models").get(0).toString()).isEqualTo("{\"id\":\"model-one\",\"display_name\":\"Model One\"}");
    RecordedRequest a = listRequests("/v1/models").getFirst();
    assertThat(a.headers().get("x-api-key")).singleElement().asString().startsWith("ant-");
    assertThat(a.headers()).containsKey("anthropic-version").doesNotContainKey("authorization");
    assertThat(a.query()).isEqualTo("limit=1000");

    JsonNode gemini = json(h.adminCall("GET", "/api/providers/gemini/upstream-models", null), 200);
    assertThat(gemini.path("models").get(1).toString()).isEqualTo("{\"id\":\"model-two\",\"display_name\":\"Model Two\"}");
    RecordedRequest g = listRequests("/v1beta/models").getFirst();
    assertThat(g.headers().get("x-goog-api-key")).singleElement().asString().startsWith("gk-");
    assertThat(g.query()).isEqualTo("pageSize=1000");
  }

  @Test
  void upstream_failures_are_502_and_a_provider_without_keys_is_409() throws Exception {
    h.upstream.modelListStatus(401);
    HttpResponse<String> refused = h.adminCall("GET", "/api/providers/anthropic/upstream-models", null);
    assertThat(refused.statusCode()).isEqualTo(502);
    assertThat(refused.body()).contains("upstream_error", "answered 401", "invalid x-api-key").doesNotContain("ant-a", "ant-b");

    json(h.adminCall("POST", "/api/providers", "{\"id\": \"dead\", \"format\": \"openai\", \"base_url\": \"http://127.0.0.1:1/v1\"}"), 201);
    assertThat(h.adminCall("GET", "/api/providers/dead/upstream-models", null).body()).contains("no_enabled_key");
    json(h.adminCall("POST", "/api/provider-keys", "{\"provider\": \"dead\", \"name\": \"k\", \"secret\": \"sk-dead-0001\"}"), 201);
    HttpResponse<String> dead = h.adminCall("GET", "/api/providers/dead/upstream-models", null);
    assertThat(dead.statusCode()).isEqualTo(502);
    assertThat(dead.body()).contains("connection failed").doesNotContain("sk-dead");

    assertThat(h.adminCall("GET", "/api/providers/nobody/upstream-models", null).statusCode()).isEqualTo(404);
    assertThat(h.adminCall("GET", "/api/providers/openai/upstream-models?refresh=yes", null).statusCode()).isEqualTo(400);
    assertThat(h.adminCall("GET", "/api/providers/openai/upstream-models?fresh=true", null).statusCode()).isEqualTo(400);
  }

  private List<RecordedRequest> listRequests(String path) {
    return h.upstream.requests().stream().filter(r -> r.method().equals("GET") && r.path().equals(path)).toList();
  }
}
