package dev.keypool.e2e;

import static dev.keypool.e2e.GatewayHarness.chat;
import static dev.keypool.e2e.GatewayHarness.chatStream;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.WireFormat;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The key pool under upstream faults: failover, cooldowns, bans and recovery, through the real gateway. */
class FailoverTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Key a is preferred (priority strategy) so tests know which key is tried first. */
  static final String PREFER_A = """
      routing: { ban: { status_codes: [401, 403], threshold: 2, window: 5m, duration: 10m, max_duration: 1h } }
      providers:
        - id: openai
          format: openai
          base_url: UPSTREAM
          timeouts: { connect: 2s, first_byte: 1s, idle: 1s, total: 10s }
          keys:
            - { name: a, secret: sk-a, priority: 10 }
            - { name: b, secret: sk-b, priority: 0 }
      models:
        - { id: gpt-test, strategy: priority, candidates: [ { provider: openai, model: gpt-upstream } ] }
      """;

  GatewayHarness h;

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  JsonNode keyState(String name) throws Exception {
    for (JsonNode k : JSON.readTree(h.adminCall("GET", "/api/provider-keys", null).body())) {
      if (k.path("name").asText().equals(name)) {
        return k;
      }
    }
    throw new AssertionError("no key " + name);
  }

  @Test
  void rate_limited_key_cools_down_for_its_retry_after_while_the_other_key_serves() throws Exception {
    h = GatewayHarness.start(PREFER_A);
    h.upstream.script("sk-a", Replies.rateLimited(WireFormat.OPENAI, Duration.ofSeconds(30)), Replies.openAiChat("from a"));

    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r = h.post("/v1/chat/completions", chat("gpt-test"));
      assertThat(r.statusCode()).isEqualTo(200);
    }
    assertThat(h.upstream.requestsFor("sk-a")).hasSize(1);
    assertThat(h.upstream.requestsFor("sk-b")).hasSize(3);
    JsonNode a = keyState("a");
    assertThat(a.path("live").path("state").asText()).isEqualTo("cooling_down");
    assertThat(Instant.parse(a.path("live").path("cooldown_until").asText())).isEqualTo(h.clock.instant().plusSeconds(30));

    h.clock.advance(Duration.ofSeconds(31));
    HttpResponse<String> r = h.post("/v1/chat/completions", chat("gpt-test"));
    assertThat(r.body()).contains("from a");
    assertThat(h.upstream.requestsFor("sk-a")).hasSize(2);
  }

  @Test
  void server_error_is_retried_on_another_key() throws Exception {
    h = GatewayHarness.start(PREFER_A);
    h.upstream.script("sk-a", Replies.openAiError(500, "server_error", null, "boom"));

    HttpResponse<String> r = h.post("/v1/chat/completions", chat("gpt-test"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(h.upstream.requestsFor("sk-a")).hasSize(1);
    assertThat(h.upstream.requestsFor("sk-b")).hasSize(1);
    assertThat(keyState("a").path("live").path("total_failures").asLong()).isEqualTo(1);
  }

  @Test
  void caller_fault_is_answered_with_the_upstream_error_and_not_retried() throws Exception {
    h = GatewayHarness.start(PREFER_A);
    h.upstream.defaultReply(Replies.openAiError(400, "invalid_request_error", "context_length_exceeded", "too long"));

    HttpResponse<String> r = h.post("/v1/chat/completions", chat("gpt-test"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).path("error").path("code").asText()).isEqualTo("context_length_exceeded");
    assertThat(h.upstream.requests()).hasSize(1);
    assertThat(keyState("a").path("live").path("state").asText()).isEqualTo("healthy");
  }

  @Test
  void when_every_key_is_cooling_down_the_answer_is_a_quick_503_with_retry_after() throws Exception {
    h = GatewayHarness.start(PREFER_A);
    h.upstream.defaultReply(Replies.rateLimited(WireFormat.OPENAI, Duration.ofSeconds(20)));

    HttpResponse<String> first = h.post("/v1/chat/completions", chat("gpt-test"));
    assertThat(first.statusCode()).isEqualTo(429);
    assertThat(h.upstream.requests()).hasSize(2);

    long start = System.nanoTime();
    HttpResponse<String> second = h.post("/v1/chat/completions", chat("gpt-test"));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(second.statusCode()).isEqualTo(503);
    assertThat(second.headers().firstValue("retry-after")).hasValue("20");
    assertThat(JSON.readTree(second.body()).path("error").path("code").asText()).isEqualTo("no_available_key");
    assertThat(millis).as("answered without waiting").isLessThan(1000);
    assertThat(h.upstream.requests()).hasSize(2);
  }

  @Test
  void credential_failures_ban_the_key_and_a_half_open_probe_brings_it_back() throws Exception {
    h = GatewayHarness.start(PREFER_A);
    h.upstream.script("sk-a",
        Replies.openAiError(401, "invalid_request_error", "invalid_api_key", "bad key"),
        Replies.openAiError(401, "invalid_request_error", "invalid_api_key", "bad key"),
        Replies.openAiChat("a is back"));

    assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
    assertThat(keyState("a").path("live").path("state").asText()).isNotEqualTo("banned");
    h.clock.advance(Duration.ofSeconds(31));
    assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
    JsonNode banned = keyState("a").path("live");
    assertThat(banned.path("state").asText()).isEqualTo("banned");
    assertThat(banned.path("reason").asText()).contains("401");

    h.clock.advance(Duration.ofMinutes(5));
    h.post("/v1/chat/completions", chat("gpt-test"));
    assertThat(h.upstream.requestsFor("sk-a")).hasSize(2);

    h.clock.advance(Duration.ofMinutes(6));
    HttpResponse<String> probe = h.post("/v1/chat/completions", chat("gpt-test"));
    assertThat(probe.body()).contains("a is back");
    // The probe's success is noted when the exchange completes, which may be just after the client
    // has read the last byte.
    Poll.until("key a healthy after the probe", Duration.ofSeconds(5), () -> {
      try {
        return keyState("a").path("live").path("state").asText().equals("healthy");
      } catch (Exception e) {
        return false;
      }
    });
  }

  @Test
  void a_key_disabled_by_hand_stays_disabled() throws Exception {
    h = GatewayHarness.start(PREFER_A);
    String id = keyState("a").path("id").asText();
    assertThat(h.adminCall("POST", "/api/provider-keys/" + id + "/disable", "{\"reason\":\"rotating\"}").statusCode())
        .isEqualTo(200);

    h.clock.advance(Duration.ofDays(2));
    for (int i = 0; i < 3; i++) {
      assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
    }
    assertThat(h.upstream.requestsFor("sk-a")).isEmpty();
    JsonNode a = keyState("a");
    assertThat(a.path("enabled").asBoolean()).isFalse();
    assertThat(a.path("disabled_reason").asText()).isEqualTo("rotating");
    assertThat(a.path("live").path("state").asText()).isEqualTo("disabled");
  }

  @Test
  void stream_that_closes_before_any_event_is_retried_on_another_key() throws Exception {
    h = GatewayHarness.start(PREFER_A);
    h.upstream.script("sk-a", Replies.openAiStream("never", "sent").cutAfterEvents(0));

    HttpResponse<String> r = h.post("/v1/chat/completions", chatStream("gpt-test"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).endsWith("data: [DONE]\n\n");
    assertThat(h.upstream.requestsFor("sk-b")).hasSize(1);
  }

  @Test
  void stream_cut_mid_way_ends_with_an_error_event_and_no_done() throws Exception {
    h = GatewayHarness.start(PREFER_A);
    h.upstream.defaultReply(Replies.openAiStream("one", "two", "three", "four").cutAfterEvents(2));

    HttpResponse<String> r = h.post("/v1/chat/completions", chatStream("gpt-test"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"one\"").doesNotContain("[DONE]").contains("\"error\"");
    assertThat(h.upstream.requests()).hasSize(1);
  }

  @Test
  void stream_silent_longer_than_the_idle_timeout_ends_with_an_error_event() throws Exception {
    h = GatewayHarness.start(PREFER_A);
    h.upstream.defaultReply(Replies.openAiStream("one", "two", "three").hangAfterEvents(2));

    long start = System.nanoTime();
    HttpResponse<String> r = h.post("/v1/chat/completions", chatStream("gpt-test"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"one\"").contains("no data from the upstream for 1s").doesNotContain("[DONE]");
    assertThat((System.nanoTime() - start) / 1_000_000).isBetween(900L, 4000L);
    assertThat(keyState("a").path("live").path("in_flight").asInt()).isZero();
  }

  @Test
  void slow_first_byte_moves_on_to_the_next_key() throws Exception {
    h = GatewayHarness.start(PREFER_A);
    h.upstream.script("sk-a", Replies.openAiChat("late").delayed(Duration.ofSeconds(5)));

    long start = System.nanoTime();
    HttpResponse<String> r = h.post("/v1/chat/completions", chat("gpt-test"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("late");
    assertThat((System.nanoTime() - start) / 1_000_000).isBetween(900L, 4000L);
  }

  @Test
  void a_key_that_times_out_cools_down_so_the_next_request_does_not_pay_its_timeout() throws Exception {
    h = GatewayHarness.start(PREFER_A);
    h.upstream.script("sk-a", Replies.openAiChat("late").delayed(Duration.ofSeconds(5)));

    assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
    JsonNode a = keyState("a").path("live");
    assertThat(a.path("state").asText()).isEqualTo("cooling_down");
    assertThat(a.path("reason").asText()).startsWith("timed out: no response within the first-byte timeout of 1s");

    long start = System.nanoTime();
    HttpResponse<String> second = h.post("/v1/chat/completions", chat("gpt-test"));
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(900L);
    assertThat(h.upstream.requestsFor("sk-a")).hasSize(1);
  }

  @Test
  void overloaded_provider_falls_back_to_the_next_candidate() throws Exception {
    h = GatewayHarness.start("""
        providers:
          - { id: primary, format: openai, base_url: UPSTREAM, keys: [ { name: p, secret: sk-primary } ] }
          - { id: backup, format: openai, base_url: UPSTREAM, keys: [ { name: q, secret: sk-backup } ] }
        models:
          - id: gpt-test
            candidates: [ { provider: primary, model: gpt-4o }, { provider: backup, model: openai/gpt-4o } ]
        """);
    h.upstream.script("sk-primary", Replies.openAiError(503, "server_error", null, "overloaded"));

    HttpResponse<String> r = h.post("/v1/chat/completions", chat("gpt-test"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(h.upstream.requestsFor("sk-backup")).singleElement()
        .satisfies(req -> assertThat(req.model()).isEqualTo("openai/gpt-4o"));
  }

  @Test
  void most_headroom_avoids_a_key_with_no_remaining_requests_before_it_returns_429() throws Exception {
    h = GatewayHarness.start(PREFER_A.replace("strategy: priority", "strategy: most_headroom"));
    h.upstream.script("sk-a", Replies.openAiChat("a").withRateLimit(100, 0, Duration.ofSeconds(60)));
    h.upstream.script("sk-b", Replies.openAiChat("b").withRateLimit(100, 60, Duration.ofSeconds(60)));

    for (int i = 0; i < 2; i++) {
      h.post("/v1/chat/completions", chat("gpt-test"));
    }
    int aBefore = h.upstream.requestsFor("sk-a").size();
    for (int i = 0; i < 5; i++) {
      assertThat(h.post("/v1/chat/completions", chat("gpt-test")).body()).contains("\"b\"");
    }
    assertThat(h.upstream.requestsFor("sk-a")).hasSize(aBefore);
    assertThat(keyState("a").path("live").path("rate_limit").path("requests_remaining").asLong()).isZero();

    h.clock.advance(Duration.ofSeconds(61));
    for (int i = 0; i < 4; i++) {
      h.post("/v1/chat/completions", chat("gpt-test"));
    }
    assertThat(h.upstream.requestsFor("sk-a").size()).isGreaterThan(aBefore);
  }
}
