package dev.keypool.server;

import dev.keypool.affinity.SessionAffinity;
import dev.keypool.alert.AlertService;
import dev.keypool.balance.BalanceService;
import dev.keypool.balance.BalanceStore;
import dev.keypool.billing.PriceBase;
import dev.keypool.billing.PriceLayers;
import dev.keypool.billing.PriceTable;
import dev.keypool.catalog.ModelLimitCatalog;
import dev.keypool.config.GatewayConfig;
import dev.keypool.config.ProviderConfig;
import dev.keypool.gatewaykey.GatewayKeyRegistry;
import dev.keypool.keypool.KeyPool;
import dev.keypool.keypool.ProviderKey;
import dev.keypool.metrics.GatewayMetrics;
import dev.keypool.relay.HeaderPolicy;
import dev.keypool.relay.QuotaGate;
import dev.keypool.relay.RequestRecords;
import dev.keypool.reload.ConfigReload;
import dev.keypool.reload.InEffect;
import dev.keypool.reload.SettingsSwap;
import dev.keypool.routing.ModelRoutes;
import dev.keypool.routing.ProviderOverrides;
import dev.keypool.routing.RouteOverrides;
import dev.keypool.routing.RouteTable;
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
import dev.keypool.tracking.LiveRecords;
import dev.keypool.tracking.RecordWriter;
import dev.keypool.tracking.RequestLogStore;
import dev.keypool.upstream.OutboundProxy;
import dev.keypool.usage.TokenEstimator;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the parts of a gateway in dependency order: stores, the key pool and gateway keys loaded into
 * memory (after syncing the ones the file declares), routes, prices and limits with their run-time layers,
 * metrics, alerts, affinity, reload, balances, the shared pool and OAuth accounts.
 */
final class ComponentAssembly {
  private static final Logger log = LoggerFactory.getLogger(ComponentAssembly.class);

  private ComponentAssembly() {}

  /** Loads keys into memory (after syncing the ones declared in the file) and assembles the parts. */
  static Components assemble(GatewayConfig config, Clock clock, Database database, RecordWriter writer,
      Quotas.Built quotas, Gateway.Tenants tenants, ServerLog serverLog) {
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

  /** A random source any thread may use (the key pool and schedules draw from several). */
  static RandomGenerator threadSafeRandom() {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return ThreadLocalRandom.current().nextLong();
      }
    };
  }
}
