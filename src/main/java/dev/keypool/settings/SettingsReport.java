package dev.keypool.settings;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.billing.Price;
import dev.keypool.config.GatewayConfig;
import dev.keypool.config.ModelRouteConfig;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The effective configuration for the admin API's {@code GET /api/settings}: every setting with its
 * value and where it came from, secrets masked. Built from memory only (the configuration as loaded,
 * the route and price tables as they are now), so it is cheap and never waits for the database.
 *
 * @param config the configuration as loaded, with the origins of its values
 * @param providers the providers in effect (see {@link ProviderSource} for run-time changes)
 * @param routes the model routes in effect
 * @param routeChangedAtRunTime whether a route id was set or changed at run time
 * @param basePrices the prices without run-time changes (shipped, then the file's)
 * @param prices the prices in effect
 */
public record SettingsReport(GatewayConfig config, ProviderSource providers, List<ModelRouteConfig> routes,
    Predicate<String> routeChangedAtRunTime, Map<String, Price> basePrices, Map<String, Price> prices) {

  /** {@code {"config_file": ..., "values": [{"section", "path", "value", "source", ...}]}}. */
  public ObjectNode toJson() {
    SettingsCollector out = new SettingsCollector(config.origins());
    ServiceSettings.collect(config, out);
    ProviderSettings.collect(config, providers, out);
    RouteSettings.collect(config.models(), routes, routeChangedAtRunTime, out);
    PriceSettings.collect(config.prices().models(), basePrices, prices, out);
    AlertSettings.collect(config.alerts(), out);
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("config_file", config.origins().file());
    root.set("values", out.values());
    return root;
  }
}
