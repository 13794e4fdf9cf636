package dev.keypool.sharedpool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.e2e.GatewayHarness;
import dev.keypool.keypool.KeySnapshot;
import dev.keypool.keypool.KeyState;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.PrivateRedis;
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
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three gateways on one PostgreSQL schema and one Redis (a private prefix, or a private
 * {@code redis-server}) choose provider keys as one pool: a cooldown or ban on one is seen by the others
 * within 100 ms, {@code most_headroom} spreads by the figures every instance reports, a banned key's
 * probe runs once for all, and a Redis outage leaves each deciding alone until Redis is back.
 */
class SharedPoolTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T0 = Instant.parse("2030-05-14T10:00:10Z");
  /** Key a first (priority) unless a route says otherwise; bans after one 401. */
  static final String YAML = """
      providers:
        - id: openai
          format: openai
          base_url: UPSTREAM
          timeouts: { connect: 2s, first_byte: 2s, idle: 2s, total: 10s }
          keys:
            - { name: a, secret: sk-a, priority: 10 }
            - { name: b, secret: sk-b, priority: 1 }
      models:
        - { id: gpt-test, strategy: priority, candidates: [ { provider: openai, model: gpt-upstream } ] }
        - { id: gpt-headroom, strategy: most_headroom, candidates: [ { provider: openai, model: gpt-upstream } ] }
      routing: { ban: { status_codes: [401], threshold: 1, window: 30m, duration: 10m, max_duration: 1h } }
      quotas:
        redis: { url: "%s", prefix: "%s", timeout: 2s }
      """;

  final List<AutoCloseable> open = new ArrayList<>();
  final List<GatewayHarness> gateways = new ArrayList<>();
  String schema;
  String prefix;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
    if (schema != null) {
      TestPostgres.drop(schema);
    }
    if (prefix != null) {
      TestRedis.deleteKeys(prefix);
    }
  }

  void startThree(String redisUrl, String redisPrefix) throws Exception {
    schema = TestPostgres.newSchema();
    for (int i = 0; i < 3; i++) {
      GatewayHarness h = GatewayHarness.sharing(YAML.formatted(redisUrl, redisPrefix), schema, "");
      open.add(h);
      gateways.add(h);
      h.clock.set(T0);
    }
    Poll.until("all three share the pool", Duration.ofSeconds(15),
        () -> gateways.stream().allMatch(h -> "redis".equals(h.keyPoolSharing())));
  }

  @Test
  void a_key_rate_limited_on_one_instance_is_not_tried_by_the_other_two_within_100ms() throws Exception {
    prefix = TestRedis.newPrefix();
    startThree(TestRedis.URL, prefix);
    for (GatewayHarness h : gateways) {
      h.upstream.script("sk-a", Replies.rateLimited(WireFormat.OPENAI, Duration.ofSeconds(60)));
    }
    GatewayHarness a = gateways.get(0);
    String keyA = keyId(a, "a");

    assertThat(post(a, "gpt-test")).isEqualTo(200); // a answers 429, b serves
    long answered = System.nanoTime();
    Poll.until("the others see key a cooling down", Duration.ofMillis(100),
        () -> gateways.stream().allMatch(h -> state(h, keyA) == KeyState.COOLING_DOWN));
    System.out.printf("cooldown seen by all instances %d ms after the client's answer%n",
        (System.nanoTime() - answered) / 1_000_000);

    for (GatewayHarness h : gateways.subList(1, 3)) {
      for (int i = 0; i < 3; i++) {
        assertThat(post(h, "gpt-test")).isEqualTo(200);
      }
      assertThat(h.upstream.requestsFor("sk-a")).as("key a tried by another instance").isEmpty();
      assertThat(h.upstream.requestsFor("sk-b")).hasSize(3);
    }
    assertThat(a.upstream.requestsFor("sk-a")).hasSize(1);
  }

  @Test
  void most_headroom_spreads_by_the_figures_every_instance_reports() throws Exception {
    prefix = TestRedis.newPrefix();
    startThree(TestRedis.URL, prefix);
    GatewayHarness reporter = gateways.get(0);
    reporter.upstream.script("sk-a", figures(100, 5));
    reporter.upstream.script("sk-b", figures(100, 90));
    String keyA = keyId(reporter, "a");
    String keyB = keyId(reporter, "b");
    // Until both keys have answered here once (the first pick between unknown figures is a tie).
    Poll.until("both keys reported on the first instance", Duration.ofSeconds(10), () -> {
      post(reporter, "gpt-headroom");
      return remaining(reporter, keyA) != null && remaining(reporter, keyB) != null;
    });
    long bBefore = remaining(reporter, keyB);

    GatewayHarness other = gateways.get(1);
    Poll.until("the second instance knows the first one's figures", Duration.ofMillis(500),
        () -> Long.valueOf(5).equals(remaining(other, keyA)) && Long.valueOf(bBefore).equals(remaining(other, keyB)));
    for (int i = 0; i < 5; i++) {
      assertThat(post(other, "gpt-headroom")).isEqualTo(200);
    }
    assertThat(other.upstream.requestsFor("sk-a")).as("the key with 5% left").isEmpty();
    assertThat(other.upstream.requestsFor("sk-b")).hasSize(5);
    // Its upstream reports nothing: what it spent reaches the others as requests made.
    Poll.until("the others count the second instance's requests", Duration.ofMillis(500),
        () -> Long.valueOf(bBefore - 5).equals(remaining(reporter, keyB))
            && Long.valueOf(bBefore - 5).equals(remaining(gateways.get(2), keyB)));
  }

  @Test
  void a_banned_key_is_probed_by_one_instance_only() throws Exception {
    prefix = TestRedis.newPrefix();
    startThree(TestRedis.URL, prefix);
    for (GatewayHarness h : gateways) {
      h.upstream.script("sk-a", Replies.openAiError(401, "invalid_request_error", "invalid_api_key", "Incorrect API key"));
    }
    String keyA = keyId(gateways.get(0), "a");
    assertThat(post(gateways.get(0), "gpt-test")).isEqualTo(200);
    Poll.until("banned everywhere", Duration.ofMillis(500),
        () -> gateways.stream().allMatch(h -> state(h, keyA) == KeyState.BANNED));

    gateways.forEach(h -> h.clock.advance(Duration.ofMinutes(10).plusSeconds(1)));
    // One instance wins the probe's lease; the others leave the key alone meanwhile.
    Poll.until("one instance holds the probe", Duration.ofSeconds(5), () -> count(h -> state(h, keyA) == KeyState.BANNED) == 1
        && count(h -> state(h, keyA) == KeyState.PROBING) == 2);
    for (GatewayHarness h : gateways) {
      for (int i = 0; i < 3; i++) {
        assertThat(post(h, "gpt-test")).isEqualTo(200);
      }
    }
    int tried = gateways.stream().mapToInt(h -> h.upstream.requestsFor("sk-a").size()).sum();
    assertThat(tried).as("the first 401, then one probe for the three instances").isEqualTo(2);
    // The probe failed: banned again, for twice as long, everywhere.
    Instant until = T0.plus(Duration.ofMinutes(10).plusSeconds(1)).plus(Duration.ofMinutes(20));
    Poll.until("banned again everywhere", Duration.ofMillis(500), () -> gateways.stream().allMatch(h ->
        state(h, keyA) == KeyState.BANNED && !h.gateway.keyPool().snapshot(keyA).bannedUntil().isBefore(until)));
  }

  @Test
  void redis_killed_leaves_each_instance_alone_and_they_share_again_once_it_is_back() throws Exception {
    PrivateRedis redis = PrivateRedis.start();
    open.add(redis);
    startThree(redis.url(), "kp:");
    for (GatewayHarness h : gateways) {
      h.upstream.script("sk-a", Replies.rateLimited(WireFormat.OPENAI, Duration.ofSeconds(60)));
    }
    String keyA = keyId(gateways.get(0), "a");

    redis.kill();
    Poll.until("every instance on its own", Duration.ofSeconds(10),
        () -> gateways.stream().allMatch(h -> "local-fallback".equals(h.keyPoolSharing())));
    assertThat(post(gateways.get(0), "gpt-test")).isEqualTo(200);
    assertThat(state(gateways.get(1), keyA)).isEqualTo(KeyState.HEALTHY);
    assertThat(post(gateways.get(1), "gpt-test")).isEqualTo(200);
    assertThat(gateways.get(1).upstream.requestsFor("sk-a")).as("alone, it learns by itself").hasSize(1);

    redis.restart();
    Poll.until("shared again", Duration.ofSeconds(15), () -> gateways.stream().allMatch(h -> "redis".equals(h.keyPoolSharing())));
    // What the instances learned alone is shared on return: the third one never tried key a.
    Poll.until("the third instance learns of the cooldowns", Duration.ofSeconds(2),
        () -> state(gateways.get(2), keyA) == KeyState.COOLING_DOWN);
    assertThat(post(gateways.get(2), "gpt-test")).isEqualTo(200);
    assertThat(gateways.get(2).upstream.requestsFor("sk-a")).isEmpty();
  }

  @Test
  void keys_added_or_disabled_through_one_instance_reach_the_others_at_once() throws Exception {
    prefix = TestRedis.newPrefix();
    startThree(TestRedis.URL, prefix);
    GatewayHarness admin = gateways.get(0);
    HttpResponse<String> created = admin.adminCall("POST", "/api/provider-keys",
        "{\"provider\":\"openai\",\"name\":\"c\",\"secret\":\"sk-c\",\"priority\":20}");
    assertThat(created.statusCode()).isEqualTo(201);
    String keyC = JSON.readTree(created.body()).path("id").asText();
    Poll.until("the others know key c", Duration.ofSeconds(2),
        () -> gateways.stream().allMatch(h -> h.gateway.keyPool().snapshot(keyC) != null));
    assertThat(post(gateways.get(2), "gpt-test")).isEqualTo(200);
    assertThat(gateways.get(2).upstream.requestsFor("sk-c")).hasSize(1);

    assertThat(admin.adminCall("POST", "/api/provider-keys/" + keyC + "/disable", "{}").statusCode()).isEqualTo(200);
    Poll.until("disabled everywhere", Duration.ofSeconds(2),
        () -> gateways.stream().allMatch(h -> state(h, keyC) == KeyState.DISABLED));
    assertThat(admin.adminCall("DELETE", "/api/provider-keys/" + keyC, null).statusCode()).isEqualTo(200);
    Poll.until("gone everywhere", Duration.ofSeconds(2),
        () -> gateways.stream().allMatch(h -> h.gateway.keyPool().snapshot(keyC) == null));
  }

  private long count(Predicate<GatewayHarness> p) {
    return gateways.stream().filter(p).count();
  }

  private static dev.keypool.testkit.Reply figures(long limit, long remaining) {
    return Replies.echo().withHeader("x-ratelimit-limit-requests", Long.toString(limit))
        .withHeader("x-ratelimit-remaining-requests", Long.toString(remaining))
        .withHeader("x-ratelimit-reset-requests", "60s");
  }

  private static Long remaining(GatewayHarness h, String keyId) {
    return h.gateway.keyPool().snapshot(keyId).rateLimit().requestsRemaining();
  }

  private static KeyState state(GatewayHarness h, String keyId) {
    return h.gateway.keyPool().snapshot(keyId).state();
  }

  private static String keyId(GatewayHarness h, String name) {
    return h.gateway.keyPool().snapshots().stream().filter(k -> name.equals(k.name())).map(KeySnapshot::id)
        .findFirst().orElseThrow();
  }

  private static int post(GatewayHarness h, String model) {
    try {
      return h.post("/v1/chat/completions", GatewayHarness.chat(model)).statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
