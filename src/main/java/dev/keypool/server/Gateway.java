package dev.keypool.server;

import dev.keypool.admin.AdminServer;
import dev.keypool.alert.AlertService;
import dev.keypool.config.GatewayConfig;
import dev.keypool.config.ListenersConfig;
import dev.keypool.gatewaykey.GatewayKeyRegistry;
import dev.keypool.health.CheckSchedule;
import dev.keypool.affinity.SessionAffinity;
import dev.keypool.keypool.KeyPool;
import dev.keypool.balance.BalanceService;
import dev.keypool.relay.QuotaGate;
import dev.keypool.reload.ConfigReload;
import dev.keypool.reload.ConfigSource;
import dev.keypool.serverlog.ServerLog;
import dev.keypool.storage.Database;
import dev.keypool.storage.KeyFile;
import dev.keypool.quota.LimitResolver;
import dev.keypool.tenancy.Directory;
import dev.keypool.tenancy.DirectoryTenancy;
import dev.keypool.tenancy.OrgStore;
import dev.keypool.tenancy.PrepaidLedger;
import dev.keypool.tenancy.UserGroupStore;
import dev.keypool.tenancy.UserGroups;
import dev.keypool.tenancy.UserStore;
import dev.keypool.tracking.LiveRecords;
import dev.keypool.tracking.RecordWriter;
import dev.keypool.usage.TokenEstimator;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Keypool instance: the wiring of configuration, store, key pool and the two listeners, in
 * start-up order. {@link #start} returns once both ports accept connections; {@link #close} stops them
 * and releases the database.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  /** Threads for the admin API's blocking work (JDBC); the database pool bounds it anyway. */
  private static final int ADMIN_WORKERS = 8;
  private final Vertx vertx;
  private final Vertx adminVertx;
  private final Components components;
  private final Quotas.Built quotas;
  private final PrepaidLedger ledger;
  private final List<ProxyVerticle> proxies;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final int proxyPort;
  private final int adminPort;
  private final CheckSchedule checkSchedule;

  private Gateway(Vertx vertx, Vertx adminVertx, Components components, Quotas.Built quotas, PrepaidLedger ledger,
      List<ProxyVerticle> proxies, int proxyPort, int adminPort, CheckSchedule checkSchedule) {
    this.checkSchedule = checkSchedule;
    this.vertx = vertx;
    this.proxies = List.copyOf(proxies);
    this.adminVertx = adminVertx;
    this.components = components;
    this.quotas = quotas;
    this.ledger = ledger;
    this.proxyPort = proxyPort;
    this.adminPort = adminPort;
  }

  /** Starts with owners, limits and prepaid balances from the users and orgs in the database. */
  public static Gateway start(GatewayConfig config, Clock clock) throws Exception {
    return start(config, clock, null);
  }

  /**
   * Starts with the given owners and prepaid balances of gateway keys instead of the directory's
   * (null for the directory's), for tests that script them.
   */
  public static Gateway start(GatewayConfig config, Clock clock, Quotas.Extensions extensions) throws Exception {
    return start(config, clock, extensions, Vertx::vertx);
  }

  /**
   * As {@link #start(GatewayConfig, Clock, Quotas.Extensions)}, with the event loops built by
   * {@code vertxFactory} from the gateway's options, so tests can tighten the blocked-thread check and
   * hear of every loop it catches.
   */
  public static Gateway start(GatewayConfig config, Clock clock, Quotas.Extensions extensions,
      Function<VertxOptions, Vertx> vertxFactory) throws Exception {
    // First, so that the start-up itself is in the log file and the admin API's recent entries.
    ServerLog serverLog = ServerLog.start(config.logging());
    Database database;
    try {
      database = Database.open(config.storage());
    } catch (Exception | Error e) {
      serverLog.close();
      throw e;
    }
    RecordWriter writer = null;
    Quotas.Built quotas = null;
    PrepaidLedger ledger = null;
    try {
      writer = new RecordWriter(database.dataSource(), database.isPostgres(),
          KeyFile.defaultPath(config.storage()).getParent().resolve("journal"), clock, RecordWriter.Settings.defaults());
      Tenants tenants = Tenants.load(database, clock, config);
      if (extensions == null) {
        ledger = new PrepaidLedger(tenants.directory(), tenants.users());
        extensions = new Quotas.Extensions(new DirectoryTenancy(tenants.directory()), ledger);
      }
      quotas = Quotas.build(config.quotas(), clock, extensions);
      LimitResolver resolver = quotas.gate().resolver();
      // New limits, owners and orgs apply to the next request: the resolver's per-key cache is dropped.
      tenants.directory().onLimitsChange(resolver::invalidateAll);
      Components c = ComponentAssembly.assemble(config, clock, database, writer, quotas, tenants, serverLog);
      TokenEstimator.loadTokenizer();
      c.registry().onChange(resolver::invalidate);
      return listen(c, quotas, ledger, vertxFactory);
    } catch (Exception | Error e) {
      if (quotas != null) {
        quotas.close();
      }
      if (ledger != null) {
        ledger.close();
      }
      if (writer != null) {
        writer.close();
      }
      database.close();
      serverLog.close();
      throw e;
    }
  }

  /** The user, org and user group stores and the directory and groups loaded from them. */
  record Tenants(UserStore users, OrgStore orgs, Directory directory, UserGroupStore groupStore,
      UserGroups groups) {
    static Tenants load(Database database, Clock clock, GatewayConfig config) {
      UserStore users = new UserStore(database.dataSource(), clock);
      OrgStore orgs = new OrgStore(database.dataSource(), clock);
      Directory directory = new Directory();
      directory.load(users.list(), orgs.list());
      UserGroupStore groupStore = new UserGroupStore(database.dataSource(), clock);
      UserGroups groups = new UserGroups(config.billing(), directory);
      groups.load(groupStore.list());
      return new Tenants(users, orgs, directory, groupStore, groups);
    }
  }

  private static Gateway listen(Components c, Quotas.Built quotas, PrepaidLedger ledger,
      Function<VertxOptions, Vertx> vertxFactory) throws Exception {
    int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
    Vertx vertx = vertxFactory.apply(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true));
    // The admin port has an event loop (and worker pool) of its own: health probes, metrics scrapes and
    // the admin API keep answering while the proxy's loops are saturated, and a slow scrape never
    // delays a relayed stream.
    Vertx adminVertx = null;
    try {
      quotas.useEventLoops(vertx);
      adminVertx = vertxFactory.apply(new VertxOptions().setEventLoopPoolSize(1)
          .setWorkerPoolSize(ADMIN_WORKERS).setPreferNativeTransport(true));
      ListenersConfig.Listener proxy = c.config().listeners().proxy();
      // All instances bind the configured port; Vert.x spreads connections across them. With port 0
      // they share one random port (Vert.x keys shared servers by the requested address).
      DescriptorBudget budget = DescriptorBudget.of(c.config(), loops);
      ConnectionGuard proxyGuard = ProxyVerticle.guard(c, budget.proxyCap());
      List<ProxyVerticle> instances = new CopyOnWriteArrayList<>();
      await(vertx.deployVerticle(() -> {
        ProxyVerticle v = new ProxyVerticle(c, proxy, proxyGuard);
        instances.add(v);
        return v;
      }, new DeploymentOptions().setInstances(loops)));
      int proxyPort = instances.get(0).actualPort();
      AdminServer admin = new AdminServer(adminVertx, c, AdminServer.guard(c, budget.adminCap()));
      await(admin.start());
      RetentionSweep.schedule(vertx, c.requestLog(), c.clock(), c.configReload().inEffect().section(GatewayConfig::tracking));
      LastUsedFlush.schedule(vertx, c.registry().lastUsed(), c.gatewayKeys());
      TenancyRefresh.schedule(vertx, c);
      QuotaGaugeSchedule.schedule(vertx, c);
      // Off the proxy's loops: the admin port's loop runs the key health checks and scores.
      CheckSchedule checks = new CheckSchedule(admin.healthChecks(), c.keyPool(), c.clock(), ComponentAssembly.threadSafeRandom());
      checks.start(adminVertx);
      // Balances run on the admin port's loop: their upstream calls and timer stay off the proxy's loops.
      c.balances().start(adminVertx);
      // Balance readings feed the balance_low and balance_days_left alert rules.
      dev.keypool.alert.BalanceSignals.connect(c.balances(), c.alerts(),
          new dev.keypool.balance.ExchangeRates(() -> c.balances().config().exchangeRates()), c.keyPool());
      c.alerts().start();
      // OAuth tokens are refreshed on the admin port's loop (the token calls on its workers).
      c.oauth().start(adminVertx);
      log.info("keypool listening: proxy {}:{}, admin {}:{}; {} providers, {} provider keys, {} model routes; "
          + "{} event loops and one for the admin port, {} transport", proxy.host(), proxyPort,
          c.config().listeners().admin().host(), admin.actualPort(), c.routes().current().providers().size(),
          c.keyPool().snapshots().size(), c.config().models().size(), loops,
          vertx.isNativeTransportEnabled() ? "native" : "NIO");
      return new Gateway(vertx, adminVertx, c, quotas, ledger, instances, proxyPort, admin.actualPort(), checks);
    } catch (Exception | Error e) {
      vertx.close();
      if (adminVertx != null) {
        adminVertx.close();
      }
      c.metrics().close();
      throw e;
    }
  }

  public int proxyPort() {
    return proxyPort;
  }

  public int adminPort() {
    return adminPort;
  }

  public KeyPool keyPool() {
    return components.keyPool();
  }

  /** The sessions bound to provider keys (routes' {@code affinity}). */
  public SessionAffinity affinity() {
    return components.affinity();
  }

  /** The schedule of the provider keys' health checks, for tests that run it at a moment of their choosing. */
  public CheckSchedule checkSchedule() {
    return checkSchedule;
  }

  /** The quota engine and limit resolver, for tests and the admin API. */
  public QuotaGate quota() {
    return components.quota();
  }

  /** The gateway keys in memory, for tests. */
  public GatewayKeyRegistry gatewayKeys() {
    return components.registry();
  }

  /** The users and orgs in memory, for tests. */
  public Directory directory() {
    return components.directory();
  }

  /**
   * Re-reads the providers and model routes changed at run time now, as the admin port does every
   * minute to see what other instances sharing the database changed. Blocks on the database.
   */
  public void reloadProvidersAndRoutes() {
    components.providerOverrides().reload();
    components.routeOverrides().reload();
  }

  /**
   * Lets {@code POST /api/config/reload} (and {@code SIGHUP}, where the launcher installs it) read the
   * configuration again from {@code source}; returns the reload.
   */
  public ConfigReload reloadFrom(ConfigSource source) {
    components.configReload().readFrom(source);
    return components.configReload();
  }

  /** The configuration reload and the configuration in effect. */
  public ConfigReload configReload() {
    return components.configReload();
  }

  /** Provider keys' balances, for tests that drive the schedule. */
  public BalanceService balances() {
    return components.balances();
  }

  public RecordWriter recordWriter() {
    return components.writer();
  }

  /** OAuth accounts: flows and token refresh, for tests that drive the schedule. */
  public dev.keypool.oauth.OAuthService oauth() {
    return components.oauth();
  }

  /** Alert rules, channels and history, for tests. */
  public AlertService alerts() {
    return components.alerts();
  }

  public LiveRecords liveRecords() {
    return components.live();
  }

  /**
   * Drains the proxy port ({@link Drain}: no new connections, requests in flight finish up to
   * {@code limits.drain_timeout}, then are cut), stops both listeners, then writes (or journals) every
   * pending request record and the keys' last-used times, then closes the database. Only the first
   * call does it (a shutdown hook may come after an explicit close).
   */
  @Override
  public void close() {
    close(components.config().limits().drainTimeout());
  }

  /** As {@link #close()}, with {@code drainDeadline} instead of the configured {@code limits.drain_timeout}. */
  public void close(java.time.Duration drainDeadline) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    components.drain().run(proxies, components.metrics(), drainDeadline);
    components.balances().close();
    components.oauth().close();
    quotas.leaveEventLoops();
    closeLoops(vertx, "proxy");
    closeLoops(adminVertx, "admin");
    components.alerts().close();
    components.metrics().close();
    if (components.sharedPool() != null) {
      components.sharedPool().close();
    }
    // After the listeners: every request's settlement has been handed to the gate by then.
    quotas.close();
    // After the gate: its settlements have queued their charges by then.
    if (ledger != null) {
      ledger.close();
    }
    components.writer().close();
    LastUsedFlush.flushNow(components.registry().lastUsed(), components.gatewayKeys());
    components.database().close();
    components.serverLog().close();
  }

  private static void closeLoops(Vertx loops, String which) {
    try {
      loops.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("the {} listener did not shut down cleanly", which, e);
    }
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
