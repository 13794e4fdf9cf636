package dev.keypool.admin;

import dev.keypool.balance.BalanceReport;
import dev.keypool.balance.BalanceService;
import dev.keypool.keypool.KeyPool;
import dev.keypool.keypool.ProviderKey;
import dev.keypool.routing.RouteTable;
import dev.keypool.storage.Blocking;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Provider keys' balances: {@code GET /api/provider-keys/{id}/balance} (latest reading, age, error, burn
 * rate, days left, reconciliation, {@code ?history=} readings), {@code POST .../balance/refresh} (read it
 * now), and per provider {@code GET /api/providers/{id}/balances} and {@code POST .../balances/refresh}
 * (every key, within the concurrency cap). A refresh answers once the reading is recorded, failed or not.
 */
final class BalanceRoutes {
  static final int DEFAULT_HISTORY = 20;
  static final int MAX_HISTORY = 500;

  private final BalanceService service;
  private final BalanceReport report;
  private final KeyPool pool;
  private final RouteTable routes;
  private final Blocking blocking;

  BalanceRoutes(BalanceService service, BalanceReport report, KeyPool pool, RouteTable routes, Blocking blocking) {
    this.service = service;
    this.report = report;
    this.pool = pool;
    this.routes = routes;
    this.blocking = blocking;
  }

  void mount(Router router) {
    router.get("/api/provider-keys/:id/balance").handler(rc -> guarded(rc, this::keyBalance));
    router.post("/api/provider-keys/:id/balance/refresh").handler(rc -> guarded(rc, this::refreshKey));
    router.get("/api/providers/:id/balances").handler(rc -> guarded(rc, this::providerBalances));
    router.post("/api/providers/:id/balances/refresh").handler(rc -> guarded(rc, this::refreshProvider));
  }

  /** Runs {@code handler}, answering an {@link AdminException} it throws before any work starts. */
  private static void guarded(RoutingContext rc, java.util.function.Consumer<RoutingContext> handler) {
    try {
      handler.accept(rc);
    } catch (AdminException e) {
      AdminJson.error(rc, e.status, e.type, e.getMessage());
    }
  }

  private void keyBalance(RoutingContext rc) {
    int history = QueryParams.integer(rc, "history", DEFAULT_HISTORY, 0, MAX_HISTORY);
    ProviderKey key = key(rc.pathParam("id"));
    AdminRoutes.respond(rc, blocking, 200, () -> report.key(key.id(), key.providerId(), history));
  }

  private void refreshKey(RoutingContext rc) {
    ProviderKey key = key(rc.pathParam("id"));
    readable(key.providerId());
    Future<Object> done = service.refresh(key.id())
        .compose(r -> blocking.run(() -> report.key(key.id(), key.providerId(), DEFAULT_HISTORY)));
    AdminRoutes.answer(rc, done, 200);
  }

  private void providerBalances(RoutingContext rc) {
    String provider = provider(rc.pathParam("id"));
    AdminRoutes.respond(rc, blocking, 200, () -> report.provider(provider));
  }

  private void refreshProvider(RoutingContext rc) {
    String provider = provider(rc.pathParam("id"));
    readable(provider);
    AdminRoutes.answer(rc, service.refreshProvider(provider).compose(r -> blocking.run(() -> report.provider(provider))), 200);
  }

  private ProviderKey key(String id) {
    ProviderKey key = pool.definition(id);
    if (key == null) {
      throw AdminException.notFound("Provider key", id);
    }
    return key;
  }

  private String provider(String id) {
    if (routes.current().provider(id) == null) {
      throw AdminException.notFound("Provider", id);
    }
    return id;
  }

  private void readable(String provider) {
    if (!service.readable(provider)) {
      throw new AdminException(409, "no_balance_adapter", "Provider '" + provider + "' has no balance adapter: its host"
          + " is not one Keypool knows; set balances.providers." + provider + ".adapter (custom for any JSON endpoint).");
    }
  }
}
