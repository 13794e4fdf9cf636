package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.quota.Limit;
import dev.keypool.quota.LimitKind;
import dev.keypool.quota.LimitScope;
import dev.keypool.quota.Period;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.PrivateRedis;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.TestRedis;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Gateways sharing limits through Redis: exact across instances, and enforced locally while Redis is
 * gone. Clocks are in the future, so window keys (which expire at their window's end) stay alive.
 */
class QuotaRedisTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T0 = Instant.parse("2030-05-14T10:00:10Z");

  final List<AutoCloseable> open = new ArrayList<>();
  String prefix;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
    if (prefix != null) {
      TestRedis.deleteKeys(prefix);
    }
  }

  /**
   * A gateway limiting each client IP (every instance here sees the same 127.0.0.1, while each has its
   * own database and so its own id for the client key). The command timeout is generous because the
   * test machine is shared: a slow answer would switch to local limits and make the count per instance.
   */
  GatewayHarness gateway(String redisUrl, String prefix, int perMinute) throws Exception {
    GatewayHarness h = GatewayHarness.start(GatewayHarness.STANDARD + """
        quotas:
          redis: { url: "%s", prefix: "%s", timeout: 2s }
          client_ip: { requests_per_minute: %d }
        """.formatted(redisUrl, prefix, perMinute));
    open.add(h);
    h.clock.set(T0);
    h.upstream.defaultReply(Replies.echo());
    return h;
  }

  @Test
  void two_instances_admit_exactly_the_shared_limit_under_concurrent_load() throws Exception {
    prefix = TestRedis.newPrefix();
    GatewayHarness a = gateway(TestRedis.URL, prefix, 20);
    GatewayHarness b = gateway(TestRedis.URL, prefix, 20);
    Poll.until("both on redis", Duration.ofSeconds(10), () -> "redis".equals(state(a)) && "redis".equals(state(b)));
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      calls.add(a.http.sendAsync(request(a), HttpResponse.BodyHandlers.ofString()));
      calls.add(b.http.sendAsync(request(b), HttpResponse.BodyHandlers.ofString()));
    }
    int ok = 0;
    for (var c : calls) {
      int status = c.get().statusCode();
      assertThat(status).isIn(200, 429);
      ok += status == 200 ? 1 : 0;
    }
    assertThat(ok).isEqualTo(20);
    assertThat(a.upstream.requests().size() + b.upstream.requests().size()).isEqualTo(20);
  }

  @Test
  void redis_down_falls_back_to_local_limits_and_recovers() throws Exception {
    PrivateRedis redis = PrivateRedis.start();
    open.add(redis);
    GatewayHarness h = gateway(redis.url(), "kp:", 3);
    Limit limit = new Limit(LimitScope.CLIENT_IP, "127.0.0.1", LimitKind.REQUESTS, Period.MINUTE, 3);
    Poll.until("on redis", Duration.ofSeconds(10), () -> "redis".equals(state(h)));
    assertThat(post(h)).isEqualTo(200);
    assertThat(h.gateway.quota().engine().current(limit)).isEqualTo(1);

    redis.kill();
    // Local limits: this instance alone admits three in this minute, then refuses.
    assertThat(post(h)).isEqualTo(200);
    Poll.until("local-fallback reported", Duration.ofSeconds(5), () -> "local-fallback".equals(state(h)));
    assertThat(readyStatus(h)).isEqualTo(200);
    assertThat(post(h)).isEqualTo(200);
    assertThat(post(h)).isEqualTo(200);
    assertThat(post(h)).isEqualTo(429);

    redis.restart();
    Poll.until("back on redis", Duration.ofSeconds(15), () -> "redis".equals(state(h)));
    // The restarted Redis kept nothing: shared counting starts again there.
    assertThat(post(h)).isEqualTo(200);
    assertThat(h.gateway.quota().engine().current(limit)).isEqualTo(1);
  }

  private static HttpRequest request(GatewayHarness h) {
    return HttpRequest.newBuilder(h.proxy("/v1/chat/completions")).timeout(Duration.ofSeconds(20))
        .header("content-type", "application/json")
        .header("authorization", "Bearer " + GatewayHarness.CLIENT_KEY)
        .POST(HttpRequest.BodyPublishers.ofString(GatewayHarness.chat("gpt-test"))).build();
  }

  private static int post(GatewayHarness h) throws Exception {
    return h.post("/v1/chat/completions", GatewayHarness.chat("gpt-test")).statusCode();
  }

  private static String state(GatewayHarness h) {
    try {
      return JSON.readTree(ready(h).body()).path("checks").path("quotas").asText();
    } catch (Exception e) {
      return e.toString();
    }
  }

  private static int readyStatus(GatewayHarness h) throws Exception {
    return ready(h).statusCode();
  }

  private static HttpResponse<String> ready(GatewayHarness h) throws Exception {
    return h.http.send(HttpRequest.newBuilder(h.admin("/health/ready")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
