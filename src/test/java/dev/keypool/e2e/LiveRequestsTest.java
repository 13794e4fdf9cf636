package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.testkit.Poll;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/requests/live}: the console's live view of requests, as server-sent events. */
class LiveRequestsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(10);
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
  void records_arrive_as_requests_end_in_the_shape_of_the_listing_and_a_client_that_hangs_up_is_forgotten()
      throws Exception {
    Set<String> seen = new HashSet<>();
    JsonNode first;
    HttpResponse<String> one;
    HttpResponse<String> two;
    try (LiveStream live = LiveStream.open(h, "", GatewayHarness.ADMIN_TOKEN)) {
      assertThat(live.response.statusCode()).isEqualTo(200);
      assertThat(live.response.headers().firstValue("content-type")).hasValue("text/event-stream");
      assertThat(h.gateway.liveRecords().subscriberCount()).isEqualTo(1);

      one = h.post("/v1/chat/completions", GatewayHarness.chat("gpt-test"));
      two = h.post("/v1/chat/completions", GatewayHarness.chat("gpt-test"));
      assertThat(one.statusCode()).isEqualTo(200);
      first = JSON.readTree(live.next("data: ", WAIT));
      seen.add(first.path("id").asText());
      seen.add(JSON.readTree(live.next("data: ", WAIT)).path("id").asText());
    }
    assertThat(seen).containsExactlyInAnyOrder(id(one), id(two));
    assertThat(first.path("model_requested").asText()).isEqualTo("gpt-test");
    assertThat(first.path("outcome").asText()).isEqualTo("success");
    assertThat(first.path("gateway_key_id").asText()).isEqualTo(h.clientKeyId());

    h.record(two);
    JsonNode listed = JSON.readTree(h.adminCall("GET", "/api/requests?limit=1", null).body()).path("items").path(0);
    assertThat(fieldNames(first)).isEqualTo(fieldNames(listed));
    assertThat(first.path("attempts").size()).isZero();

    Poll.until("the hung-up client is unsubscribed", WAIT, () -> h.gateway.liveRecords().subscriberCount() == 0);
  }

  @Test
  void filters_leave_out_other_models_keys_and_outcomes() throws Exception {
    try (LiveStream claude = LiveStream.open(h, "?model=claude-test&outcome=success&gateway_key=" + h.clientKeyId(),
            GatewayHarness.ADMIN_TOKEN);
        LiveStream otherKey = LiveStream.open(h, "?gateway_key=gk_someone_else", GatewayHarness.ADMIN_TOKEN);
        LiveStream errors = LiveStream.open(h, "?outcome=error", GatewayHarness.ADMIN_TOKEN)) {
      h.post("/v1/chat/completions", GatewayHarness.chat("gpt-test"));
      HttpResponse<String> wanted = h.post("/v1/messages", GatewayHarness.message("claude-test"));
      HttpResponse<String> unknown = h.post("/v1/chat/completions", GatewayHarness.chat("no-such-model"));

      assertThat(JSON.readTree(claude.next("data: ", WAIT)).path("id").asText()).isEqualTo(id(wanted));
      assertThat(JSON.readTree(errors.next("data: ", WAIT)).path("id").asText()).isEqualTo(id(unknown));
      h.record(unknown);
      assertThat(otherKey.pending("data: ")).isZero();
    }
  }

  @Test
  void a_viewer_may_watch() throws Exception {
    String token = h.viewerToken();

    try (LiveStream live = LiveStream.open(h, "", token)) {
      assertThat(live.response.statusCode()).isEqualTo(200);
      HttpResponse<String> sent = h.post("/v1/chat/completions", GatewayHarness.chat("gpt-test"));
      assertThat(JSON.readTree(live.next("data: ", WAIT)).path("id").asText()).isEqualTo(id(sent));
    }
  }

  @Test
  void without_credentials_the_answer_is_401_in_the_admin_error_shape() throws Exception {
    HttpResponse<String> r = h.http.send(HttpRequest.newBuilder(h.admin("/api/requests/live")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(r.body()).path("error").path("type").asText()).isNotEmpty();
    assertThat(h.gateway.liveRecords().subscriberCount()).isZero();
  }

  private static String id(HttpResponse<String> r) {
    return r.headers().firstValue("x-keypool-request-id").orElseThrow();
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new HashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
