package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.config.ConfigLoader;
import dev.keypool.server.Gateway;
import dev.keypool.testkit.FakeUpstream;
import dev.keypool.testkit.ManualClock;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL outage seen from the admin port: readiness says "not ready" within a second, admin
 * calls answer 503 at once instead of after the pool's timeout, both recover when the database is
 * back, and a request served meanwhile is still recorded. The outage is private: the gateway connects
 * as a role of its own, which the test stops from logging in and whose backends it terminates, so
 * other suites on the same server are untouched.
 */
class AdminDatabaseOutageTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration QUICK = Duration.ofSeconds(2);

  final String role = "kp_outage_" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
  final ManualClock clock = new ManualClock(Instant.parse("2026-01-05T10:00:00Z"));
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  String schema;
  FakeUpstream upstream;
  Gateway gateway;

  @BeforeEach
  void start() throws Exception {
    schema = TestPostgres.newSchema();
    superuser("CREATE ROLE " + role + " LOGIN",
        "DO $$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %I TO " + role + "', current_database()); END $$");
    upstream = FakeUpstream.start();
    String yaml = """
        listeners: { proxy: { host: 127.0.0.1, port: 0 }, admin: { host: 127.0.0.1, port: 0 } }
        storage: { url: "%s", user: %s }
        admin: { token: %s }
        gateway_keys: [ { name: test, key: %s } ]
        """.formatted(TestPostgres.url(schema), role, GatewayHarness.ADMIN_TOKEN, GatewayHarness.CLIENT_KEY)
        + GatewayHarness.STANDARD.replace("UPSTREAM", upstream.baseUrl());
    gateway = Gateway.start(ConfigLoader.parse(yaml, Map.of()), clock);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (gateway != null) {
        gateway.close();
      }
      if (upstream != null) {
        upstream.close();
      }
    } finally {
      superuser("ALTER ROLE " + role + " LOGIN");
      terminateBackends();
      TestPostgres.drop(schema);
      superuser("DROP OWNED BY " + role, "DROP ROLE " + role);
    }
  }

  @Test
  void readiness_and_admin_calls_answer_quickly_during_an_outage_and_recover_after_it() throws Exception {
    assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    assertThat(get("/api/provider-keys").statusCode()).isEqualTo(200);

    superuser("ALTER ROLE " + role + " NOLOGIN");
    terminateBackends();

    long t0 = System.nanoTime();
    HttpResponse<String> ready = get("/health/ready");
    Duration readyTook = Duration.ofNanos(System.nanoTime() - t0);
    assertThat(ready.statusCode()).isEqualTo(503);
    JsonNode readyBody = JSON.readTree(ready.body());
    assertThat(readyBody.path("status").asText()).isEqualTo("not_ready");
    assertThat(readyBody.path("checks").path("database").asText()).isEqualTo("down");
    assertThat(readyTook).isLessThan(QUICK);

    // The first call may wait out the pool's own timeout (2 s) if no probe has failed yet; later ones do not wait.
    t0 = System.nanoTime();
    HttpResponse<String> first = get("/api/provider-keys");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    assertThat(first.statusCode()).isEqualTo(503);
    t0 = System.nanoTime();
    HttpResponse<String> refused = get("/api/requests");
    Duration refusedTook = Duration.ofNanos(System.nanoTime() - t0);
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(refused.body()).path("error").path("type").asText()).isEqualTo("database_unavailable");
    assertThat(refused.headers().firstValue("retry-after")).contains("1");
    assertThat(refusedTook).isLessThan(Duration.ofMillis(500));
    t0 = System.nanoTime();
    assertThat(get("/health/ready").statusCode()).isEqualTo(503);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(500));

    // The proxy needs no database: the request is served, and its record is journaled meanwhile.
    HttpResponse<String> served = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.proxyPort()
            + "/v1/chat/completions")).header("authorization", "Bearer " + GatewayHarness.CLIENT_KEY)
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(GatewayHarness.chat("gpt-test")))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(served.statusCode()).isEqualTo(200);
    String requestId = served.headers().firstValue("x-keypool-request-id").orElseThrow();

    superuser("ALTER ROLE " + role + " LOGIN");
    Poll.until("admin calls work again", Duration.ofSeconds(15), () -> status("/api/provider-keys") == 200);
    // Readiness also waits for the journal to be replayed, which the record writer retries on the clock.
    Poll.until("ready again", Duration.ofSeconds(15), () -> {
      clock.advance(Duration.ofSeconds(5));
      return status("/health/ready") == 200;
    });
    // The journal is replayed by the record writer on its own schedule, which the clock drives.
    Poll.until("the record journaled during the outage is stored", Duration.ofSeconds(15), () -> {
      clock.advance(Duration.ofSeconds(5));
      return status("/api/requests/" + requestId) == 200;
    });
  }

  private int status(String path) {
    try {
      return get(path).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.adminPort() + path))
        .timeout(Duration.ofSeconds(60)).header("authorization", "Bearer " + GatewayHarness.ADMIN_TOKEN).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Ends the connections of this test's role only: other suites share the server. */
  private void terminateBackends() throws Exception {
    superuser("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
  }

  private static void superuser(String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection(TestPostgres.URL, TestPostgres.USER, TestPostgres.PASSWORD);
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }
}
