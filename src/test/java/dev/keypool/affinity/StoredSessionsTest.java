package dev.keypool.affinity;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.keypool.e2e.GatewayHarness;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.PrivateRedis;
import dev.keypool.testkit.TestPostgres;
import dev.keypool.testkit.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Sessions bound on one instance are kept in Redis for their route's ttl, so that an instance joining
 * later (at its start, or when Redis is back from an outage) serves them on their key from its first
 * request, and forgets those whose ttl ran out.
 */
class StoredSessionsTest {
  static final Duration TTL = Duration.ofMinutes(30);

  final List<AutoCloseable> open = new ArrayList<>();
  final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  final Logger logger = (Logger) LoggerFactory.getLogger("dev.keypool.sharedpool.StoredSessions");
  String schema;
  String prefix;

  @BeforeEach
  void capture() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void stop() throws Exception {
    logger.detachAppender(logged);
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

  /**
   * An instance on the test's schema, its clock at the harness's start time like every other's: it joins
   * (and loads the stored sessions) during its start, before a test could move its clock.
   */
  GatewayHarness start(String redisUrl, String redisPrefix) throws Exception {
    if (schema == null) {
      schema = TestPostgres.newSchema();
    }
    GatewayHarness h = GatewayHarness.sharing(SharedSessionsTest.YAML.formatted(redisUrl, redisPrefix), schema, "");
    open.add(h);
    return h;
  }

  static void awaitShared(GatewayHarness h) {
    Poll.until("the instance shares the pool", Duration.ofSeconds(15), () -> "redis".equals(h.keyPoolSharing()));
  }

  @Test
  void an_instance_started_later_serves_the_sessions_bound_before_on_their_key_from_its_first_request()
      throws Exception {
    prefix = TestRedis.newPrefix();
    GatewayHarness first = start(TestRedis.URL, prefix);
    awaitShared(first);
    // A request without a session first, so that the session is not on the key round robin starts with.
    assertThat(SharedSessionsTest.post(first, null)).isEqualTo(200);
    assertThat(SharedSessionsTest.post(first, "conv")).isEqualTo(200);
    String key = first.upstream.requests().get(1).key();
    Poll.until("the session is stored", Duration.ofSeconds(2), () -> sessionKeys(prefix).size() == 1);

    GatewayHarness later = start(TestRedis.URL, prefix);
    awaitShared(later);
    assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.INFO).extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(m -> m.startsWith("Loaded 0 affinity session(s) of 1 route(s) from Redis in "))
        .anyMatch(m -> m.startsWith("Loaded 1 affinity session(s) of 1 route(s) from Redis in "));
    assertThat(later.gateway.affinity().boundKey("gpt-test", "conv"))
        .isEqualTo(SessionAffinityTest.keyId(later, key));
    for (int i = 0; i < 3; i++) {
      assertThat(SharedSessionsTest.post(later, "conv")).isEqualTo(200);
    }
    assertThat(SharedSessionsTest.keys(later)).as("round robin alone would take each key in turn").containsOnly(key);
  }

  @Test
  void a_session_unused_for_its_ttl_is_not_loaded() throws Exception {
    prefix = TestRedis.newPrefix();
    GatewayHarness first = start(TestRedis.URL, prefix);
    awaitShared(first);
    Instant now = first.clock.instant();
    first.clock.set(now.minus(TTL).minusSeconds(1));
    assertThat(SharedSessionsTest.post(first, "old")).isEqualTo(200);
    // The binding is noted when the answer is recorded, which may follow the client's reading of it:
    // the clock moves on only once the old session is stored with its time.
    Poll.until("the old session is stored", Duration.ofSeconds(2), () -> sessionKeys(prefix).size() == 1);
    first.clock.set(now);
    assertThat(SharedSessionsTest.post(first, "recent")).isEqualTo(200);
    Poll.until("both sessions are stored", Duration.ofSeconds(2), () -> sessionKeys(prefix).size() == 2);

    GatewayHarness later = start(TestRedis.URL, prefix);
    awaitShared(later);
    assertThat(later.gateway.affinity().boundKey("gpt-test", "recent")).isNotNull();
    assertThat(later.gateway.affinity().boundKey("gpt-test", "old")).isNull();
    assertThat(later.gateway.affinity().sessions("gpt-test")).isEqualTo(1);
    // The write of the recent one dropped the expired one from the route's index.
    assertThat(TestRedis.zcard(prefix + "pool:sessions:gpt-test")).isEqualTo(1);
  }

  @Test
  void stored_sessions_expire_after_the_route_ttl_and_their_use_extends_it() throws Exception {
    prefix = TestRedis.newPrefix();
    GatewayHarness h = start(TestRedis.URL, prefix);
    awaitShared(h);
    assertThat(SharedSessionsTest.post(h, "conv")).isEqualTo(200);
    Poll.until("the session is stored", Duration.ofSeconds(2), () -> sessionKeys(prefix).size() == 1);
    String session = sessionKeys(prefix).get(0);
    String index = prefix + "pool:sessions:gpt-test";
    for (String k : List.of(session, index)) {
      assertThat(TestRedis.pttl(k)).as(k).isBetween(TTL.toMillis() - 10_000, TTL.toMillis());
    }

    // As if most of its time had passed in Redis; then the session is used again past a tenth of its ttl.
    TestRedis.pexpire(session, 60_000);
    TestRedis.pexpire(index, 60_000);
    h.clock.advance(TTL.dividedBy(10).plusSeconds(1));
    assertThat(SharedSessionsTest.post(h, "conv")).isEqualTo(200);
    Poll.until("the use extends the stored session", Duration.ofSeconds(2),
        () -> TestRedis.pttl(session) > TTL.toMillis() - 10_000 && TestRedis.pttl(index) > TTL.toMillis() - 10_000);
  }

  @Test
  void an_instance_restarted_during_a_redis_outage_loads_the_sessions_once_redis_is_back() throws Exception {
    PrivateRedis redis = PrivateRedis.startKeepingData();
    open.add(redis);
    GatewayHarness first = start(redis.url(), "kp:");
    awaitShared(first);
    assertThat(SharedSessionsTest.post(first, null)).isEqualTo(200);
    assertThat(SharedSessionsTest.post(first, "conv")).isEqualTo(200);
    String key = first.upstream.requests().get(1).key();
    try (RedisClient client = RedisClient.create(redis.url());
        StatefulRedisConnection<String, String> c = client.connect()) {
      Poll.until("the session is stored", Duration.ofSeconds(2), () -> c.sync().keys("kp:pool:session:*").size() == 1);
    }

    redis.kill();
    GatewayHarness restarted = start(redis.url(), "kp:");
    assertThat(restarted.keyPoolSharing()).isEqualTo("local-fallback");
    assertThat(restarted.gateway.affinity().boundKey("gpt-test", "conv")).isNull();

    redis.restart();
    awaitShared(restarted);
    assertThat(restarted.gateway.affinity().boundKey("gpt-test", "conv"))
        .isEqualTo(SessionAffinityTest.keyId(restarted, key));
    for (int i = 0; i < 3; i++) {
      assertThat(SharedSessionsTest.post(restarted, "conv")).isEqualTo(200);
    }
    assertThat(SharedSessionsTest.keys(restarted)).containsOnly(key);
  }

  private static List<String> sessionKeys(String prefix) {
    return TestRedis.keys(prefix + "pool:session:*");
  }
}
