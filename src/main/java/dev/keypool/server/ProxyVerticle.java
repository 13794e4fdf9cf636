package dev.keypool.server;

import dev.keypool.config.ListenersConfig;
import dev.keypool.keypool.ProviderKey;
import dev.keypool.provider.WireFormats;
import dev.keypool.relay.CallerCheck;
import dev.keypool.relay.CorsHandler;
import dev.keypool.relay.RelayHandler;
import dev.keypool.relay.Stage;
import dev.keypool.relay.TimeoutSweeper;
import dev.keypool.relay.UsageEndpoint;
import dev.keypool.relay.stage.Authenticate;
import dev.keypool.relay.stage.Forward;
import dev.keypool.relay.stage.ReadBody;
import dev.keypool.relay.stage.RecordRequest;
import dev.keypool.relay.stage.ReserveQuota;
import dev.keypool.relay.stage.ResolveRoute;
import dev.keypool.relay.stage.RespondWithError;
import dev.keypool.serverlog.AccessLog;
import dev.keypool.statistics.StatisticsService;
import dev.keypool.tracking.RequestRecord;
import dev.keypool.upstream.UpstreamClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * One event loop's share of the proxy port: its own HTTP server (Vert.x spreads connections across
 * the instances bound to one port) and its own upstream connection pools, over the shared key pool,
 * routes and gateway keys.
 */
public final class ProxyVerticle extends VerticleBase {
  private final Components c;
  private final ListenersConfig.Listener listener;
  private final ConnectionGuard guard;
  private UpstreamClients clients;
  private TimeoutSweeper sweeper;
  private HttpServer server;

  public ProxyVerticle(Components components, ListenersConfig.Listener listener, ConnectionGuard guard) {
    this.c = components;
    this.listener = listener;
    this.guard = guard;
  }

  /** The proxy port's connection guard: its error pages are those of the endpoint a path belongs to. */
  public static ConnectionGuard guard(Components c, int cap) {
    WireFormats formats = WireFormats.standard();
    return new ConnectionGuard("proxy", cap, c.config().limits(),
        (path, anthropicVersion, error) -> formats.get(RelayHandler.guessFormat(path, anthropicVersion)).errorBody(error));
  }

  /** The relay pipeline, in order. */
  private List<Stage> pipeline(WireFormats formats, CallerCheck callers) {
    return List.of(
        new RecordRequest(c.records(), this::keepWhenTracked, c.metrics(), accessLog()),
        new RespondWithError(),
        new Authenticate(callers, c.directory()),
        new ReadBody(c.config().limits().maxBodyBytes(), c.config().limits().bodyTimeout(), guard),
        new ResolveRoute(c.routes()),
        new ReserveQuota(c.quota(), c.prices(), c.groups(), c.modelLimits(), c.metrics()),
        new Forward(sweeper, c.clock(), c.routes(), c.keyPool(), clients, formats,
            c.headerPolicy(), c.modelLimits(), c.affinity()));
  }

  /** The access log's writer; {@code logging.access} as in effect decides at each request whether it writes. */
  private Consumer<RequestRecord> accessLog() {
    AccessLog log = new AccessLog(c.configReload().inEffect().section(g -> g.logging().access()), id -> {
      ProviderKey key = c.keyPool().definition(id);
      return key == null ? null : key.name();
    }, () -> ThreadLocalRandom.current().nextDouble());
    return log::log;
  }

  /** A finished request's record, kept when {@code tracking.enabled} in effect says so. */
  private void keepWhenTracked(RequestRecord record) {
    if (c.configReload().current().tracking().enabled()) {
      keep(record);
    }
  }

  /** A finished request's record: stored (asynchronously) and shown to live watchers, if any. */
  private void keep(RequestRecord record) {
    try {
      c.writer().submit(record);
    } finally {
      c.live().publish(record);
    }
  }

  @Override
  public Future<?> start() {
    clients = new UpstreamClients(vertx, c.outboundProxy());
    sweeper = new TimeoutSweeper(vertx);
    WireFormats formats = WireFormats.standard();
    CallerCheck callers = new CallerCheck(c.registry(), c.directory(), c.clock(),
        new dev.keypool.clientip.ClientAddress(c.config().listeners().proxy().trustedProxies()));
    UsageEndpoint usage = new UsageEndpoint(callers, c.quota(),
        new StatisticsService(c.database().dataSource(), c.database().isPostgres(), c.clock()), c.clock(),
        c.config().quotas().dailyReset());
    RelayHandler handler = new RelayHandler(pipeline(formats, callers), formats, c.routes(), callers, c.clock(), usage,
        ProxyProbes.of(listener.healthPath(), c), c.modelLimits());
    HttpServerOptions options = new HttpServerOptions()
        .setHost(listener.host())
        .setPort(listener.port())
        .setTcpNoDelay(true)
        .setCompressionSupported(false)
        // HTTP/1.1 only: with cleartext HTTP/2 detection a connection is not handed over (and not
        // guarded) before its first bytes; SDKs speak HTTP/1.1 to an http:// base URL anyway.
        .setHttp2ClearTextEnabled(false)
        // Between requests only: heads and bodies have their own deadlines (ConnectionWatch).
        .setIdleTimeout(600)
        .setMaxHeaderSize(64 * 1024);
    server = guard.protect(vertx.createHttpServer(options)).requestHandler(
        new CorsHandler(c.configReload().inEffect().section(dev.keypool.config.GatewayConfig::cors), handler));
    return server.listen();
  }

  public int actualPort() {
    return server.actualPort();
  }

  /**
   * Stops accepting connections and closes each open one once its request in flight is answered, or
   * at {@code deadline} ({@link Drain}).
   */
  Future<Void> shutdown(java.time.Duration deadline) {
    return server.shutdown(deadline);
  }

  @Override
  public Future<?> stop() {
    sweeper.close();
    clients.close();
    return server.close();
  }
}
