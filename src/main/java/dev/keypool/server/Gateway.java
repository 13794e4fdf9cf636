package dev.keypool.server;

import dev.keypool.admin.AdminServer;
import dev.keypool.alert.AlertService;
import dev.keypool.config.GatewayConfig;
import dev.keypool.config.ListenersConfig;
import dev.keypool.config.ProviderConfig;
import dev.keypool.gatewaykey.GatewayKeyRegistry;
import dev.keypool.health.CheckSchedule;
import dev.keypool.affinity.SessionAffinity;
import dev.keypool.keypool.KeyPool;
import dev.keypool.keypool.ProviderKey;
import dev.keypool.routing.ModelRoutes;
import dev.keypool.routing.ProviderOverrides;
import dev.keypool.routing.RouteOverrides;
import dev.keypool.routing.RouteTable;
import dev.keypool.balance.BalanceService;
import dev.keypool.balance.BalanceStore;
import dev.keypool.billing.PriceBase;
import dev.keypool.billing.PriceLayers;
import dev.keypool.billing.PriceTable;
import dev.keypool.catalog.ModelLimitCatalog;
import dev.keypool.metrics.GatewayMetrics;
import dev.keypool.relay.HeaderPolicy;
import dev.keypool.relay.QuotaGate;
import dev.keypool.reload.ConfigReload;
import dev.keypool.reload.ConfigSource;
import dev.keypool.reload.InEffect;
import dev.keypool.reload.SettingsSwap;
import dev.keypool.relay.RequestRecords;
import dev.keypool.serverlog.ServerLog;
import dev.keypool.storage.Database;
import dev.keypool.storage.GatewayKeyStore;
import dev.keypool.storage.KeyFile;
import dev.keypool.storage.ModelLimitOverrideStore;
import dev.keypool.storage.ModelRouteStore;
import dev.keypool.storage.PriceOverrideStore;
import dev.keypool.storage.ProviderKeyStore;
import dev.keypool.storage.ProviderStore;
import dev.keypool.storage.SecretCipher;
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
import dev.keypool.tracking.RequestLogStore;
import dev.keypool.upstream.OutboundProxy;
import dev.keypool.usage.TokenEstimator;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.random.RandomGenerator;
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
      Components c = components(config, clock, database, writer, quotas, tenants, serverLog);
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
  private record Tenants(UserStore users, OrgStore orgs, Directory directory, UserGroupStore groupStore,
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

  /** Loads keys into memory (after syncing the ones declared in the file) and assembles the parts. */
  private static Components components(GatewayConfig config, Clock clock, Database database, RecordWriter writer,
      Quotas.Built quotas, Tenants tenants, ServerLog serverLog) {
    QuotaGate quota = quotas.gate();
    OutboundProxy outboundProxy = new OutboundProxy(config.proxy());
    // What the settings sections read at each use; a reload swaps it whole.
    InEffect inEffect = new InEffect(config);
    SecretCipher cipher = SecretCipher.load(config.storage(), KeyFile.defaultPath(config.storage()));
    ProviderKeyStore providerKeys = new ProviderKeyStore(database.dataSource(), cipher, clock);
    GatewayKeyStore gatewayKeys = new GatewayKeyStore(database.dataSource(), clock);
    // The providers in use: the file's, with run-time changes (and the environment's pins) laid over them.
    RouteTable routes = new RouteTable(ModelRoutes.of(config));
    ProviderStore providerStore = new ProviderStore(database.dataSource(), cipher, clock);
    List<String> sealed = providerStore.sealPlainSecrets();
    if (!sealed.isEmpty()) {
      log.info("stored providers {}: their proxy, kept in plain text by an older version, is now encrypted", sealed);
    }
    ProviderOverrides providerOverrides = new ProviderOverrides(config.providers(), config.providerPins(),
        providerStore, routes);
    providerOverrides.reload();
    List<ProviderConfig> providers = routes.current().providers();
    Set<String> providerIds = routes.current().providerIds();
    for (ProviderConfig provider : providers) {
      providerKeys.syncFromConfig(provider.id(), provider.keys());
    }
    providerKeys.deleteProvidersNotIn(providerIds);
    gatewayKeys.syncFromConfig(config.gatewayKeys());
    FirstGatewayKey.ensure(gatewayKeys);

    KeyPool keyPool = new KeyPool(clock, () -> routes.current().routing(), threadSafeRandom());
    Set<String> orphaned = new HashSet<>();
    for (ProviderKey key : providerKeys.list()) {
      if (providerIds.contains(key.providerId())) {
        keyPool.put(key);
      } else {
        orphaned.add(key.providerId());
      }
    }
    if (!orphaned.isEmpty()) {
      log.warn("keys stored for providers no longer configured are ignored: {}", orphaned);
    }
    GatewayKeyRegistry registry = new GatewayKeyRegistry();
    registry.putAll(gatewayKeys.list());
    PriceBase priceBase = new PriceBase(PriceBase.Version.of(config.prices().models()));
    PriceOverrideStore priceOverrides = new PriceOverrideStore(database.dataSource(), clock);
    PriceTable prices = new PriceTable(PriceLayers.apply(priceBase.current().prices(), priceOverrides.all()));
    ModelLimitCatalog modelLimits = ModelLimitCatalog.withFile(config.modelLimits().models());
    ModelLimitOverrideStore modelLimitOverrides = new ModelLimitOverrideStore(database.dataSource(), clock);
    modelLimits.applyOverrides(modelLimitOverrides.all());
    RouteOverrides routeOverrides = new RouteOverrides(config.models(), config.routing(),
        new ModelRouteStore(database.dataSource(), clock), routes);
    routeOverrides.reload();
    GatewayMetrics metrics = new GatewayMetrics(routes);
    AlertService alerts = Alerts.build(config.alerts(), database, clock, keyPool, routes, writer, registry, quota);
    metrics.onRecord(alerts.failureRates()::record);
    SessionAffinity affinity = new SessionAffinity(clock, id -> routes.current().find(id), metrics.registry());
    HeaderPolicy headers = new HeaderPolicy(config.headers());
    ConfigReload reload = new ConfigReload(inEffect, new ConfigReload.Targets(routes, providerOverrides, routeOverrides,
        providerKeys, keyPool, gatewayKeys, registry, quota.resolver(), headers,
        new SettingsSwap(priceBase, prices, priceOverrides, modelLimits, modelLimitOverrides, tenants.groups(),
            alerts, serverLog, clock)));
    return new Components(config, clock, database, providerKeys, gatewayKeys, keyPool, registry, tenants.users(), tenants.orgs(), tenants.directory(),
        routes, routeOverrides, providerOverrides, prices, priceBase, priceOverrides,
        new RequestRecords(clock, prices, tenants.groups(), new TokenEstimator()), writer, new LiveRecords(),
        new RequestLogStore(database.dataSource(), database.isPostgres()), metrics, quota, serverLog,
        new BalanceService(routes, keyPool, new BalanceStore(database.dataSource()),
            inEffect.section(GatewayConfig::balances), clock,
            threadSafeRandom(), outboundProxy),
        new Drain(), alerts, modelLimits, modelLimitOverrides,
        SharedPool.start(config, quotas.link(), keyPool, providerKeys, routes, metrics, clock, affinity), affinity,
        headers, reload, OAuthAccounts.build(config, database, cipher, clock, keyPool, quotas.link(), alerts,
            routes, outboundProxy),
        tenants.groupStore(), tenants.groups(), outboundProxy);
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
      CheckSchedule checks = new CheckSchedule(admin.healthChecks(), c.keyPool(), c.clock(), threadSafeRandom());
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

  private static RandomGenerator threadSafeRandom() {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return ThreadLocalRandom.current().nextLong();
      }
    };
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
