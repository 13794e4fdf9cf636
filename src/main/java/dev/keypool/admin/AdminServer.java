package dev.keypool.admin;

import dev.keypool.config.GatewayConfig;
import dev.keypool.server.Components;
import dev.keypool.statistics.StatisticsService;
import dev.keypool.storage.Blocking;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * The admin port: health probes and Prometheus metrics without authentication, and the {@code /api}
 * endpoints behind the admin bearer token. Separate from the proxy port so it can stay on a private interface.
 */
public final class AdminServer {
  private final Vertx vertx;
  private final GatewayConfig config;
  private final Router router;
  private HttpServer server;

  public AdminServer(Vertx vertx, Components c) {
    this.vertx = vertx;
    this.config = c.config();
    Blocking blocking = new Blocking(vertx);
    router = Router.router(vertx);
    router.get("/health").handler(rc -> AdminJson.send(rc, 200, Map.of("status", "ok")));
    router.get("/health/ready").handler(rc -> blocking.run(c.database()::ping).onComplete(ar -> {
      boolean db = ar.succeeded() && Boolean.TRUE.equals(ar.result());
      boolean records = c.writer().databaseHealthy();
      boolean up = db && records;
      // Quotas never fail readiness: on local-fallback the instance still enforces every limit, alone.
      AdminJson.send(rc, up ? 200 : 503, Map.of("status", up ? "ready" : "not_ready",
          "checks", Map.of("database", db ? "up" : "down", "request_records", records ? "up" : "journaling",
              "records_pending", c.writer().pending(), "quotas", c.quota().engine().state())));
    }));
    router.get("/metrics").handler(rc -> {
      c.metrics().refreshKeys(c.keyPool());
      rc.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(c.metrics().scrape());
    });
    router.route("/api/*").handler(BodyHandler.create().setBodyLimit(1024 * 1024));
    router.route("/api/*").handler(rc -> {
      if (authorized(rc.request().getHeader("authorization"))) {
        rc.next();
      } else {
        AdminJson.error(rc, 401, "unauthorized", "Send the admin token as 'Authorization: Bearer <token>'.");
      }
    });
    new ProviderKeyRoutes(c.providerKeys(), c.keyPool(), c.routes(), blocking, c.clock()).mount(router);
    new GatewayKeyRoutes(c.gatewayKeys(), c.registry(), blocking, c.clock()).mount(router);
    new RequestRoutes(c.requestLog(), blocking).mount(router);
    new PriceRoutes(c.prices(), blocking).mount(router);
    new StatisticsRoutes(new StatisticsService(c.database().dataSource(), c.database().isPostgres(), c.clock()), blocking, c.clock()).mount(router);
    router.route().last().handler(rc -> AdminJson.error(rc, 404, "not_found",
        "Unknown admin URL: " + rc.request().method() + " " + rc.request().path()));
  }

  /** Constant-time comparison so the token cannot be guessed byte by byte from response times. */
  private boolean authorized(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    byte[] expected = config.admin().token().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, expected);
  }

  public Future<HttpServer> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.listeners().admin().host())
        .setPort(config.listeners().admin().port());
    return vertx.createHttpServer(options).requestHandler(router).listen().onSuccess(s -> server = s);
  }

  public int actualPort() {
    return server.actualPort();
  }
}
