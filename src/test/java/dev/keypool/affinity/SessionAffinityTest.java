package dev.keypool.affinity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.e2e.GatewayHarness;
import dev.keypool.testkit.RecordedRequest;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.WireFormat;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Session affinity through the real gateway: a session's requests stay on one key where round robin would
 * alternate, move when that key fails and stay on the new one, are forgotten after the ttl, and a route
 * remembers no more than {@code max_sessions}.
 */
class SessionAffinityTest {
  /** An OpenAI provider with three keys, so that a session's key is one choice out of three. */
  static final String OPENAI_THREE_KEYS = """
      providers:
        - id: openai
          format: openai
          base_url: UPSTREAM
          timeouts: { connect: 2s, first_byte: 2s, idle: 2s, total: 10s }
          keys:
            - { name: a, secret: sk-a }
            - { name: b, secret: sk-b }
            - { name: c, secret: sk-c }
      """;
  static final String YAML = OPENAI_THREE_KEYS + """
        - id: anthropic
          format: anthropic
          base_url: UPSTREAM
          timeouts: { connect: 2s, first_byte: 2s, idle: 2s, total: 10s }
          keys:
            - { name: a, secret: ant-a }
            - { name: b, secret: ant-b }
      models:
        - id: gpt-test
          strategy: round_robin
          candidates: [ { provider: openai, model: gpt-upstream } ]
          affinity: { ttl: 10m, max_sessions: 5 }
        - id: claude-test
          strategy: round_robin
          candidates: [ { provider: anthropic, model: claude-upstream } ]
          affinity: { sources: [ metadata.user_id, "header:X-Claude-Code-Session-Id" ] }
        - { id: plain, strategy: round_robin, candidates: [ { provider: openai, model: gpt-upstream } ] }
      """;

  GatewayHarness h;

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  static String chat(String model, String cacheKey) {
    return "{\"model\":\"" + model + "\",\"prompt_cache_key\":\"" + cacheKey
        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  }

  static String responses(String cacheKey) {
    return "{\"model\":\"gpt-test\",\"prompt_cache_key\":\"" + cacheKey + "\",\"input\":\"Hi\"}";
  }

  static String message(String userId) {
    return "{\"model\":\"claude-test\",\"max_tokens\":64,\"metadata\":{\"user_id\":\"" + userId.replace("\"", "\\\"")
        + "\"},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  }

  /** The keys the upstream saw, in order. */
  List<String> keys() {
    return h.upstream.requests().stream().map(RecordedRequest::key).toList();
  }

  /** The pool's id of the provider key with this secret. */
  String keyId(String secret) {
    return keyId(h, secret);
  }

  static String keyId(GatewayHarness g, String secret) {
    return g.gateway.keyPool().snapshots().stream().map(k -> k.id())
        .filter(id -> g.gateway.keyPool().definition(id).secret().equals(secret)).findFirst().orElseThrow();
  }

  String metrics() throws Exception {
    return h.http.send(HttpRequest.newBuilder(h.admin("/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void requests_of_a_session_stay_on_one_key_where_round_robin_alternates() throws Exception {
    h = GatewayHarness.start(YAML);
    for (int i = 0; i < 3; i++) {
      assertThat(h.post("/v1/chat/completions", GatewayHarness.chat("plain")).statusCode()).isEqualTo(200);
    }
    assertThat(keys()).as("without a session: each key in turn").doesNotHaveDuplicates();
    h.upstream.reset();

    for (int i = 0; i < 4; i++) {
      assertThat(h.post("/v1/chat/completions", chat("gpt-test", "conv-1")).statusCode()).isEqualTo(200);
      assertThat(h.post("/v1/responses", responses("conv-2")).statusCode()).isEqualTo(200);
      assertThat(h.post("/v1/chat/completions", GatewayHarness.chat("gpt-test")).statusCode()).isEqualTo(200);
    }
    List<String> keys = keys();
    List<String> one = List.of(keys.get(0), keys.get(3), keys.get(6), keys.get(9));
    List<String> two = List.of(keys.get(1), keys.get(4), keys.get(7), keys.get(10));
    assertThat(one).as("session conv-1").containsOnly(keys.get(0));
    assertThat(two).as("session conv-2 (Responses)").containsOnly(keys.get(1));
    assertThat(keys.get(1)).as("a new session is placed by the strategy").isNotEqualTo(keys.get(0));
    assertThat(h.gateway.affinity().sessions("gpt-test")).isEqualTo(2);
    assertThat(h.gateway.affinity().boundKey("gpt-test", "conv-1")).isEqualTo(keyId(keys.get(0)));

    String metrics = metrics();
    assertThat(metrics).contains("keypool_affinity_requests_total{model=\"gpt-test\",result=\"hit\"} 6.0");
    assertThat(metrics).contains("keypool_affinity_requests_total{model=\"gpt-test\",result=\"new\"} 2.0");
    assertThat(metrics).contains("keypool_affinity_sessions 2.0");
    assertThat(metrics).doesNotContain("conv-1");
  }

  @Test
  void anthropic_sessions_come_from_metadata_user_id_or_a_header() throws Exception {
    h = GatewayHarness.start(YAML);
    // Claude Code's user_id: a JSON string naming the device and the session.
    String userId = "{\"device_id\":\"d1\",\"account_uuid\":\"\",\"session_id\":\"s-1\"}";
    for (int i = 0; i < 3; i++) {
      assertThat(h.post("/v1/messages", message(userId)).statusCode()).isEqualTo(200);
      assertThat(h.post("/v1/messages", GatewayHarness.message("claude-test"), "x-claude-code-session-id", "s-2")
          .statusCode()).isEqualTo(200);
    }
    List<String> keys = keys();
    assertThat(List.of(keys.get(0), keys.get(2), keys.get(4))).containsOnly(keys.get(0));
    assertThat(List.of(keys.get(1), keys.get(3), keys.get(5))).containsOnly(keys.get(1)).doesNotContain(keys.get(0));
    assertThat(h.gateway.affinity().boundKey("claude-test", userId)).isEqualTo(keyId(keys.get(0)));
  }

  @Test
  void a_session_whose_key_is_rate_limited_moves_to_another_key_and_stays_there() throws Exception {
    h = GatewayHarness.start(YAML);
    assertThat(h.post("/v1/chat/completions", chat("gpt-test", "conv")).statusCode()).isEqualTo(200);
    String first = keys().get(0);
    h.upstream.script(first, Replies.rateLimited(WireFormat.OPENAI, Duration.ofSeconds(30)));

    assertThat(h.post("/v1/chat/completions", chat("gpt-test", "conv")).statusCode()).isEqualTo(200);
    String moved = keys().get(2);
    assertThat(keys().get(1)).as("the bound key first").isEqualTo(first);
    assertThat(moved).isNotEqualTo(first);

    // Once the first key is back, the session stays where it moved: its cache is there now.
    h.clock.advance(Duration.ofSeconds(31));
    h.upstream.reset();
    for (int i = 0; i < 4; i++) {
      assertThat(h.post("/v1/chat/completions", chat("gpt-test", "conv")).statusCode()).isEqualTo(200);
    }
    assertThat(keys()).containsOnly(moved);
    assertThat(metrics()).contains("keypool_affinity_requests_total{model=\"gpt-test\",result=\"moved\"} 1.0")
        .contains("keypool_affinity_requests_total{model=\"gpt-test\",result=\"hit\"} 4.0");
  }

  @Test
  void a_disabled_key_loses_its_sessions_to_another_key() throws Exception {
    h = GatewayHarness.start(YAML);
    assertThat(h.post("/v1/chat/completions", chat("gpt-test", "conv")).statusCode()).isEqualTo(200);
    String first = keys().get(0);
    assertThat(h.adminCall("PATCH", "/api/provider-keys/" + keyId(first), "{\"enabled\":false}").statusCode())
        .isEqualTo(200);

    for (int i = 0; i < 3; i++) {
      assertThat(h.post("/v1/chat/completions", chat("gpt-test", "conv")).statusCode()).isEqualTo(200);
    }
    List<String> after = keys().subList(1, 4);
    assertThat(after).doesNotContain(first).containsOnly(after.get(0));
  }

  @Test
  void a_session_unused_for_its_ttl_is_forgotten() throws Exception {
    h = GatewayHarness.start(YAML);
    assertThat(h.post("/v1/chat/completions", chat("gpt-test", "conv")).statusCode()).isEqualTo(200);
    h.clock.advance(Duration.ofMinutes(9));
    assertThat(h.post("/v1/chat/completions", chat("gpt-test", "conv")).statusCode()).isEqualTo(200);
    assertThat(keys().get(1)).as("used within the ttl: kept, and kept alive").isEqualTo(keys().get(0));

    h.clock.advance(Duration.ofMinutes(9));
    assertThat(h.gateway.affinity().boundKey("gpt-test", "conv")).isNotNull();
    h.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(h.gateway.affinity().boundKey("gpt-test", "conv")).isNull();
    assertThat(h.gateway.affinity().sessions("gpt-test")).isZero();

    assertThat(h.post("/v1/chat/completions", chat("gpt-test", "conv")).statusCode()).isEqualTo(200);
    assertThat(metrics()).contains("keypool_affinity_requests_total{model=\"gpt-test\",result=\"new\"} 2.0");
  }

  @Test
  void a_route_remembers_at_most_max_sessions() throws Exception {
    h = GatewayHarness.start(YAML);
    for (int i = 0; i < 12; i++) {
      assertThat(h.post("/v1/chat/completions", chat("gpt-test", "conv-" + i)).statusCode()).isEqualTo(200);
    }
    assertThat(h.gateway.affinity().sessions("gpt-test")).isEqualTo(5);
  }
}
