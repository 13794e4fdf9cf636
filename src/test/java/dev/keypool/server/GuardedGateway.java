package dev.keypool.server;

import dev.keypool.config.ConfigLoader;
import dev.keypool.e2e.GatewayHarness;
import dev.keypool.testkit.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import io.vertx.core.Vertx;

/**
 * The real gateway on free ports with the listener and limit fields under test; its providers point
 * at a closed port, as these tests never get as far as an upstream call.
 */
final class GuardedGateway implements AutoCloseable {
  static final String KEY = GatewayHarness.CLIENT_KEY;
  final Gateway gateway;
  /** The Vertx instances the gateway built: the proxy's loops first, then the admin port's. */
  final List<Vertx> built = new CopyOnWriteArrayList<>();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  GuardedGateway(String proxyFields, String limits) throws Exception {
    Path dir = Files.createTempDirectory("keypool-guard");
    String yaml = """
        listeners: { proxy: { host: 127.0.0.1, port: 0%s }, admin: { host: 127.0.0.1, port: 0 } }
        storage: { url: "jdbc:sqlite:%s" }
        admin: { token: %s }
        limits: { %s }
        gateway_keys: [ { name: test, key: %s } ]
        """.formatted(proxyFields, dir.resolve("keypool.db"), GatewayHarness.ADMIN_TOKEN, limits, KEY)
        + GatewayHarness.WITH_GEMINI.replace("GEMINI_UPSTREAM", "http://127.0.0.1:9")
            .replace("UPSTREAM", "http://127.0.0.1:9/v1");
    gateway = Gateway.start(ConfigLoader.parse(yaml, Map.of()), new ManualClock(Instant.parse("2026-01-05T10:00:00Z")),
        null, options -> {
          Vertx vertx = Vertx.vertx(options);
          built.add(vertx);
          return vertx;
        });
  }

  int proxyPort() {
    return gateway.proxyPort();
  }

  int adminPort() {
    return gateway.adminPort();
  }

  int health() throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort() + "/health"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Override
  public void close() {
    gateway.close(java.time.Duration.ofSeconds(1)); // tests end with connections still open
  }
}
