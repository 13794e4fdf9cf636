package dev.keypool.admin;

import dev.keypool.admin.auth.AdminAuth;
import dev.keypool.admin.auth.GatewayKeyAuthenticator;
import dev.keypool.balance.BalanceReport;
import dev.keypool.config.GatewayConfig;
import dev.keypool.console.ConsoleRoutes;
import dev.keypool.health.CheckStore;
import dev.keypool.health.HealthChecks;
import dev.keypool.server.Components;
import dev.keypool.server.ConnectionGuard;
import dev.keypool.server.Readiness;
import dev.keypool.settings.ProviderSource;
import dev.keypool.statistics.StatisticsService;
import dev.keypool.storage.Blocking;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.Map;

/**
 * The admin port: the web console at {@code /} ({@link ConsoleRoutes}), health probes and Prometheus metrics
 * without authentication, login, and the {@code /api}
 * endpoints (keys, users, orgs, requests, prices, providers, statistics, settings, the server's log) behind a session, the static token or an
 * admin-permission gateway key (see {@link AdminAuth} for the accepted credentials).
 * Separate from the proxy port so it can stay on a private interface.
 */
public final class AdminServer {
  /** A comment line this often keeps idle live views open through proxies and the idle timeout. */
  static final Duration LIVE_KEEP_ALIVE = Duration.ofSeconds(15);
  private final Vertx vertx;
  private final GatewayConfig config;
  private final Router router;
  private final Blocking blocking;
  private final AdminAuth auth;
  private final ConnectionGuard guard;
  private final ConsoleRoutes console;
  private HttpServer server;
  private final HealthChecks healthChecks;

  public AdminServer(Vertx vertx, Components c, ConnectionGuard guard) {
    this.vertx = vertx;
    this.guard = guard;
    this.config = c.config();
    this.blocking = new Blocking(vertx);
    this.console = new ConsoleRoutes(blocking, System.getenv(ConsoleRoutes.SOURCE_ENV));
    this.auth = new AdminAuth(c.database(), config.admin(), c.clock(),
        new GatewayKeyAuthenticator(c.registry(), c.directory(), c.clock()));
    router = Router.router(vertx);
    AdminClientIp.mount(router, new dev.keypool.clientip.ClientAddress(config.listeners().admin().trustedProxies()));
    ConsoleRoutes.mountHeaders(router);
    router.get("/health").handler(rc -> AdminJson.send(rc, 200, Map.of("status", "ok")));
    Readiness readiness = new Readiness(c);
    router.get("/health/ready").handler(rc -> readiness.check(vertx.getOrCreateContext())
        .onSuccess(a -> AdminJson.send(rc, a.status(), a.body())));
    new HealthStats(c).mount(router);
    router.get("/metrics").handler(rc -> {
      c.metrics().refreshKeys(c.keyPool(), c.balances().daysLeft());
      rc.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(c.metrics().scrape());
    });
    router.route("/api/*").handler(QueryParams::guard);
    router.route("/api/*").handler(BodyHandler.create().setBodyLimit(1024 * 1024));
    CrossSiteGuard crossSite = new CrossSiteGuard(config.admin().trustedOrigins());
    AuthRoutes authRoutes = new AuthRoutes(auth, blocking, crossSite);
    authRoutes.mountPublic(router);
    router.route("/api/*").handler(new AdminAuthHandler(auth.authenticator, blocking, crossSite));
    authRoutes.mount(router);
    new AdminUserRoutes(auth, blocking).mount(router);
    ListParams.mount(router);
    // Health checks of provider keys: on demand here, on a schedule (see health/CheckSchedule).
    CheckStore checkStore = new CheckStore(c.database().dataSource());
    healthChecks = new HealthChecks(vertx, c.keyPool(), c.routes(),
        c.configReload().inEffect().section(dev.keypool.config.GatewayConfig::healthChecks), checkStore,
        c.headerPolicy(), blocking, c.clock(), c.outboundProxy());
    healthChecks.onResult(r -> {
      var key = c.keyPool().definition(r.keyId());
      c.metrics().healthCheck(r.providerId(), key == null ? r.keyId() : key.name(), r.ok() ? "ok" : r.failure());
    });
    new HealthCheckRoutes(healthChecks, checkStore, c.keyPool(), c.routes(), blocking).mount(router);
    BalanceReport balances = new BalanceReport(c.balances(), c.keyPool(), c.database().dataSource(), c.clock());
    new BalanceRoutes(c.balances(), balances, c.keyPool(), c.routes(), blocking).mount(router);
    new ProviderKeyRoutes(c.providerKeys(), c.keyPool(), c.routes(), blocking, c.clock(), healthChecks, balances,
        c.oauth()).mount(router);
    new GatewayKeyRoutes(c.gatewayKeys(), c.registry(), c.directory(), c.routes(), blocking, c.clock()).mount(router);
    new UserRoutes(c.users(), c.gatewayKeys(), c.directory(), blocking, c.groups()).mount(router);
    new UserGroupRoutes(c.groupStore(), c.groups(), c.directory(), blocking).mount(router);
    new OrgRoutes(c.orgs(), c.gatewayKeys(), c.directory(), blocking).mount(router);
    LiveEvents liveEvents = new LiveEvents(vertx, LIVE_KEEP_ALIVE);
    new LiveRequestRoutes(c.live(), liveEvents).mount(router);
    new LogRoutes(c.serverLog(), liveEvents, blocking, vertx).mount(router);
    new RequestRoutes(c.requestLog(), blocking).mount(router);
    new PriceRoutes(c.prices(), c.priceBase(), c.priceOverrides(), blocking).mount(router);
    new ModelRouteAdmin(c.routeOverrides(), c.routes(), blocking).mount(router);
    new ModelLimitRoutes(c.modelLimits(), c.modelLimitOverrides(), blocking).mount(router);
    new SettingsRoutes(c, runTimeProviders(c), c.clock().instant()).mount(router);
    new ConfigReloadRoutes(c.configReload(), blocking).mount(router);
    new ProviderRoutes(c.providerOverrides(), c.routes(), c.providerKeys(), c.keyPool(), blocking).mount(router);
    new UpstreamModels(vertx, c.routes(), c.providerKeys(), c.keyPool(), c.headerPolicy(), blocking,
        c.clock(), c.outboundProxy()).mount(router);
    SharedSettings.scheduleReload(vertx, blocking, c);
    var stats = new StatisticsService(c.database().dataSource(), c.database().isPostgres(), c.clock());
    new StatisticsRoutes(stats, c.gatewayKeys(), blocking, c.clock()).mount(router);
    new AlertRoutes(c.alerts(), blocking).mount(router);
    console.mount(router);
    router.route().last().handler(rc -> AdminJson.error(rc, 404, "not_found",
        "Unknown admin URL: " + rc.request().method() + " " + rc.request().path()));
  }

  /** The providers in effect, for the settings view: a provider changed through the API reports {@code database}. */
  private static ProviderSource runTimeProviders(Components c) {
    return new ProviderSource() {
      @Override
      public java.util.List<dev.keypool.config.ProviderConfig> providers() {
        return c.routes().current().providers();
      }

      @Override
      public boolean changedAtRunTime(String id) {
        return c.providerOverrides().changed(id);
      }
    };
  }

  /** The admin port's connection guard; its errors have the admin API's shape. */
  public static ConnectionGuard guard(Components c, int cap) {
    return new ConnectionGuard("admin", cap, c.config().limits(), (path, anthropicVersion, error) -> {
      var root = AdminJson.MAPPER.createObjectNode();
      root.putObject("error").put("type", error.code()).put("message", error.getMessage());
      return Buffer.buffer(root.toString());
    });
  }

  /** Makes sure an admin user can log in (off the event loop), then listens. */
  public Future<HttpServer> start() {
    return blocking.run(() -> {
      auth.bootstrap();
      console.load();
      return null;
    }).compose(v -> listen());
  }

  private Future<HttpServer> listen() {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.listeners().admin().host())
        .setPort(config.listeners().admin().port())
        .setHttp2ClearTextEnabled(false) // as on the proxy port: guarded from accept
        .setIdleTimeout(600);
    return guard.protect(vertx.createHttpServer(options)).requestHandler(router).listen().onSuccess(s -> server = s);
  }

  public HealthChecks healthChecks() {
    return healthChecks;
  }

  public int actualPort() {
    return server.actualPort();
  }
}
