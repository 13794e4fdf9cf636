package dev.keypool.affinity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.e2e.GatewayHarness;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.RecordedRequest;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.TestPostgres;
import dev.keypool.testkit.TestRedis;
import dev.keypool.testkit.WireFormat;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three gateways on one PostgreSQL schema and one Redis: a session bound to a key on one instance is
 * served by that key on the others (where round robin alone would alternate), and when its key fails on
 * one instance the session moves to another key on all of them.
 */
class SharedSessionsTest {
  static final Instant T0 = Instant.parse("2030-05-14T10:00:10Z");
  static final String YAML = SessionAffinityTest.OPENAI_THREE_KEYS + """
      models:
        - id: gpt-test
          strategy: round_robin
          candidates: [ { provider: openai, model: gpt-upstream } ]
          affinity: { sources: [ prompt_cache_key ], ttl: 30m }
      quotas:
        redis: { url: "%s", prefix: "%s", timeout: 2s }
      """;

  final List<GatewayHarness> gateways = new ArrayList<>();
  String schema;
  String prefix;

  @BeforeEach
  void startThree() throws Exception {
    schema = TestPostgres.newSchema();
    prefix = TestRedis.newPrefix();
    for (int i = 0; i < 3; i++) {
      GatewayHarness h = GatewayHarness.sharing(YAML.formatted(TestRedis.URL, prefix), schema, "");
      gateways.add(h);
      h.clock.set(T0);
    }
    Poll.until("all three share the pool", Duration.ofSeconds(15),
        () -> gateways.stream().allMatch(h -> "redis".equals(h.keyPoolSharing())));
  }

  @AfterEach
  void stop() throws Exception {
    for (GatewayHarness h : gateways.reversed()) {
      h.close();
    }
    TestPostgres.drop(schema);
    TestRedis.deleteKeys(prefix);
  }

  @Test
  void a_session_bound_on_one_instance_is_served_by_the_same_key_on_the_others() throws Exception {
    GatewayHarness first = gateways.get(0);
    // One request without a session first, so that the session does not land on the key round robin
    // would pick first on the other instances anyway.
    assertThat(post(first, null)).isEqualTo(200);
    assertThat(post(first, "conv")).isEqualTo(200);
    String key = first.upstream.requests().get(1).key();
    String keyId = SessionAffinityTest.keyId(first, key);

    Poll.until("the others know the session's key", Duration.ofMillis(500),
        () -> gateways.stream().allMatch(h -> keyId.equals(h.gateway.affinity().boundKey("gpt-test", "conv"))));
    for (GatewayHarness h : gateways.subList(1, 3)) {
      for (int i = 0; i < 3; i++) {
        assertThat(post(h, "conv")).isEqualTo(200);
      }
      assertThat(keys(h)).containsOnly(key);
    }
  }

  @Test
  void a_session_moves_on_every_instance_when_its_key_fails_on_one() throws Exception {
    GatewayHarness first = gateways.get(0);
    assertThat(post(first, "conv")).isEqualTo(200);
    String key = first.upstream.requests().get(0).key();
    String keyId = SessionAffinityTest.keyId(first, key);
    Poll.until("the others know the session's key", Duration.ofMillis(500),
        () -> gateways.stream().allMatch(h -> keyId.equals(h.gateway.affinity().boundKey("gpt-test", "conv"))));

    GatewayHarness second = gateways.get(1);
    second.upstream.script(key, Replies.rateLimited(WireFormat.OPENAI, Duration.ofSeconds(30)));
    assertThat(post(second, "conv")).isEqualTo(200);
    List<String> tried = keys(second);
    assertThat(tried).hasSize(2).startsWith(key);
    String moved = tried.get(1);
    String movedId = SessionAffinityTest.keyId(second, moved);
    Poll.until("every instance moved the session", Duration.ofMillis(500),
        () -> gateways.stream().allMatch(h -> movedId.equals(h.gateway.affinity().boundKey("gpt-test", "conv"))));

    // The failed key is back: the session stays where it moved, whichever instance serves it.
    gateways.forEach(h -> h.clock.advance(Duration.ofSeconds(31)));
    gateways.forEach(h -> h.upstream.reset());
    for (GatewayHarness h : gateways) {
      for (int i = 0; i < 2; i++) {
        assertThat(post(h, "conv")).isEqualTo(200);
      }
      assertThat(keys(h)).containsOnly(moved);
    }
    String metrics = second.http.send(HttpRequest.newBuilder(second.admin("/metrics")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).contains("keypool_affinity_requests_total{model=\"gpt-test\",result=\"moved\"} 1.0");
  }

  static List<String> keys(GatewayHarness h) {
    return h.upstream.requests().stream().map(RecordedRequest::key).toList();
  }

  /** A chat request to {@code gpt-test} of {@code session} (none when null); its status. */
  static int post(GatewayHarness h, String session) {
    String body = session == null ? GatewayHarness.chat("gpt-test")
        : "{\"model\":\"gpt-test\",\"prompt_cache_key\":\"" + session + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    try {
      return h.post("/v1/chat/completions", body).statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
