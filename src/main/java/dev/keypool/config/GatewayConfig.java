package dev.keypool.config;

import java.util.List;

/**
 * The whole validated configuration of one gateway instance: what {@code keypool.yaml} and the
 * environment declare, after defaults are applied, where each value came from ({@code origins}), and
 * {@code providerPins}: the provider fields the environment set, which run-time changes of those providers
 * do not override. Immutable; built once at start by {@link ConfigLoader}.
 */
public record GatewayConfig(
    ListenersConfig listeners,
    StorageConfig storage,
    List<ProviderConfig> providers,
    List<ModelRouteConfig> models,
    RoutingConfig routing,
    List<GatewayKeyConfig> gatewayKeys,
    HeaderPolicyConfig headers,
    AdminConfig admin,
    LimitsConfig limits,
    PricesConfig prices,
    BillingConfig billing,
    TrackingConfig tracking,
    QuotasConfig quotas,
    LoggingConfig logging,
    ConfigOrigins origins,
    ProviderPins providerPins,
    HealthChecksConfig healthChecks,
    BalancesConfig balances,
    AlertsConfig alerts,
    CorsConfig cors,
    ProxyConfig proxy,
    ModelLimitsConfig modelLimits) {

  public GatewayConfig {
    providers = List.copyOf(providers);
    models = List.copyOf(models);
    gatewayKeys = List.copyOf(gatewayKeys);
    origins = origins == null ? ConfigOrigins.NONE : origins;
    healthChecks = healthChecks == null ? HealthChecksConfig.DEFAULTS : healthChecks;
    balances = balances == null ? BalancesConfig.defaults() : balances;
    alerts = alerts == null ? AlertsConfig.defaults() : alerts;
    cors = cors == null ? CorsConfig.OFF : cors;
    modelLimits = modelLimits == null ? ModelLimitsConfig.NONE : modelLimits;
  }

  /** This configuration with {@code origins} recorded as where its values came from. */
  public GatewayConfig withOrigins(ConfigOrigins origins) {
    return new GatewayConfig(listeners, storage, providers, models, routing, gatewayKeys, headers, admin, limits,
        prices, billing, tracking, quotas, logging, origins, providerPins, healthChecks, balances, alerts, cors,
        proxy, modelLimits);
  }

  /** This configuration with the providers' fields that the environment set, as {@link ConfigLoader} finds them. */
  GatewayConfig withProviderPins(ProviderPins pins) {
    return new GatewayConfig(listeners, storage, providers, models, routing, gatewayKeys, headers, admin, limits,
        prices, billing, tracking, quotas, logging, origins, pins, healthChecks, balances, alerts, cors, proxy,
        modelLimits);
  }

  /** The provider with this id, or null. */
  public ProviderConfig provider(String id) {
    for (ProviderConfig p : providers) {
      if (p.id().equals(id)) {
        return p;
      }
    }
    return null;
  }
}
