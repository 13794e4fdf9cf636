package dev.keypool.reload;

import dev.keypool.alert.AlertService;
import dev.keypool.alert.channel.Channels;
import dev.keypool.billing.Price;
import dev.keypool.billing.PriceBase;
import dev.keypool.billing.PriceTable;
import dev.keypool.catalog.ModelLimitCatalog;
import dev.keypool.catalog.ModelLimits;
import dev.keypool.config.GatewayConfig;
import dev.keypool.serverlog.ServerLog;
import dev.keypool.storage.ModelLimitOverrideStore;
import dev.keypool.storage.PriceOverrideStore;
import dev.keypool.tenancy.UserGroups;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The settings sections a reload hands to the parts built at start that keep state derived from them:
 * the price table and model limits (file layer under the run-time one), user groups, alerts and the
 * server log's level. (CORS, tracking, the access log, health checks and balances read the
 * configuration in effect themselves, {@link InEffect}; the route table takes the routing policy with
 * the routes, and the key pool reads it from there.) {@link #prepare} does everything that reads or
 * may fail; the commit it returns only swaps immutable values in memory.
 */
public record SettingsSwap(PriceBase priceBase, PriceTable prices, PriceOverrideStore priceOverrides,
    ModelLimitCatalog modelLimits, ModelLimitOverrideStore modelLimitOverrides, UserGroups groups, AlertService alerts,
    ServerLog serverLog, Clock clock) {

  /**
   * Reads what the swap needs (the run-time layers of prices and model limits, the shipped prices) and
   * builds the new channels; nothing changes yet. Blocks on the database; throws when it is away.
   */
  Runnable prepare(GatewayConfig before, GatewayConfig after) {
    PriceBase.Version nextPrices = before.prices().equals(after.prices()) ? null
        : PriceBase.Version.of(after.prices().models());
    Map<String, Optional<Price>> priceLayer = nextPrices == null ? null : priceOverrides.all();
    Map<String, ModelLimits> limitLayer = before.modelLimits().equals(after.modelLimits()) ? null
        : modelLimitOverrides.all();
    Channels channels = before.alerts().equals(after.alerts()) ? null : new Channels(after.alerts().channels(), clock);
    return () -> {
      if (nextPrices != null) {
        priceBase.replace(nextPrices, prices, priceLayer);
      }
      if (limitLayer != null) {
        modelLimits.replaceFile(after.modelLimits().models(), limitLayer);
      }
      if (!before.billing().equals(after.billing())) {
        groups.replaceFile(after.billing());
      }
      if (channels != null) {
        alerts.replace(after.alerts(), channels);
      }
      if (!before.logging().equals(after.logging())) {
        serverLog.apply(after.logging());
      }
    };
  }
}
