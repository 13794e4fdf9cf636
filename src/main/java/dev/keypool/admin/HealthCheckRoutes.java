package dev.keypool.admin;

import dev.keypool.health.CheckResult;
import dev.keypool.health.CheckStore;
import dev.keypool.health.HealthChecks;
import dev.keypool.keypool.KeyPool;
import dev.keypool.keypool.KeySnapshot;
import dev.keypool.keypool.KeyState;
import dev.keypool.routing.RouteTable;
import dev.keypool.storage.Blocking;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * Health checks on demand and their history: {@code POST /api/provider-keys/{id}/check} checks one key
 * now, {@code POST /api/providers/{id}/check} every enabled key of a provider (at most the configured
 * concurrency at once), {@code GET /api/provider-keys/{id}/checks} lists a key's recent results, newest
 * first. A check's verdict counts for the key as a request's would.
 */
final class HealthCheckRoutes {
  static final String TRIGGER = "operator";
  private static final int DEFAULT_LIMIT = 20;

  private final HealthChecks checks;
  private final CheckStore store;
  private final KeyPool pool;
  private final RouteTable routes;
  private final Blocking blocking;

  HealthCheckRoutes(HealthChecks checks, CheckStore store, KeyPool pool, RouteTable routes, Blocking blocking) {
    this.checks = checks;
    this.store = store;
    this.pool = pool;
    this.routes = routes;
    this.blocking = blocking;
  }

  void mount(Router router) {
    router.post("/api/provider-keys/:id/check").handler(this::checkKey);
    router.post("/api/providers/:id/check").handler(this::checkProvider);
    router.get("/api/provider-keys/:id/checks").handler(this::history);
  }

  private void checkKey(RoutingContext rc) {
    String id = rc.pathParam("id");
    KeySnapshot s = pool.snapshot(id);
    if (s == null) {
      AdminJson.error(rc, 404, "not_found", "Provider key '" + id + "' does not exist.");
      return;
    }
    if (s.state() == KeyState.DISABLED) {
      AdminJson.error(rc, 409, "key_disabled", "Provider key '" + id + "' is disabled; enable it to check it.");
      return;
    }
    AdminRoutes.answer(rc, refusedAs409(checks.check(id, TRIGGER)), 200);
  }

  private void checkProvider(RoutingContext rc) {
    String id = rc.pathParam("id");
    if (routes.current().provider(id) == null) {
      AdminJson.error(rc, 404, "not_found", "Provider '" + id + "' does not exist.");
      return;
    }
    List<String> keys = pool.snapshots().stream()
        .filter(k -> k.providerId().equals(id) && k.state() != KeyState.DISABLED).map(KeySnapshot::id).toList();
    AdminRoutes.answer(rc, checks.checkAll(keys, TRIGGER).map(results -> Map.of("checks", results)), 200);
  }

  private void history(RoutingContext rc) {
    String id = rc.pathParam("id");
    AdminRoutes.respond(rc, blocking, 200, () -> {
      int limit = QueryParams.integer(rc, "limit", DEFAULT_LIMIT, 1, CheckStore.KEPT);
      if (pool.snapshot(id) == null) {
        throw AdminException.notFound("Provider key", id);
      }
      return Map.of("checks", store.recent(id, limit));
    });
  }

  private static Future<CheckResult> refusedAs409(Future<CheckResult> f) {
    return f.recover(e -> Future.failedFuture(e instanceof HealthChecks.CheckRefused
        ? new AdminException(409, "key_not_checkable", e.getMessage()) : e));
  }
}
