package dev.keypool.admin;

import dev.keypool.server.Components;
import dev.keypool.storage.Blocking;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings changed at run time through the admin API and stored in the database (prices, model limits,
 * providers, model routes) are re-read every minute, so that a change made through another instance sharing the
 * database reaches this one; the instance that made a change applies it at once.
 */
final class SharedSettings {
  private static final Logger log = LoggerFactory.getLogger(SharedSettings.class);
  private static final long RELOAD_MS = 60_000;

  private SharedSettings() {}

  static void scheduleReload(Vertx vertx, Blocking blocking, Components c) {
    vertx.setPeriodic(RELOAD_MS, id -> blocking.run(() -> {
      PriceRoutes.reload(c.prices(), c.priceBase(), c.priceOverrides());
      ModelLimitRoutes.reload(c.modelLimits(), c.modelLimitOverrides());
      // Providers before routes: a route may name a provider added meanwhile.
      c.providerOverrides().reload();
      c.routeOverrides().reload();
      return null;
    }).onFailure(e -> log.warn("cannot reload run-time settings: {}", e.getMessage())));
  }
}
