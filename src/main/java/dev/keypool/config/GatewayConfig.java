package dev.keypool.config;

import java.util.List;

/**
 * The whole validated configuration of one gateway instance: what {@code keypool.yaml} and the
 * environment declare, after defaults are applied. Immutable; built once at start by {@link ConfigLoader}.
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
    LoggingConfig logging) {

  public GatewayConfig {
    providers = List.copyOf(providers);
    models = List.copyOf(models);
    gatewayKeys = List.copyOf(gatewayKeys);
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
