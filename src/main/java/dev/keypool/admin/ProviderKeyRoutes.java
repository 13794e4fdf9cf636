package dev.keypool.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.health.HealthChecks;
import dev.keypool.balance.BalanceReport;
import dev.keypool.keypool.KeyPool;
import dev.keypool.keypool.ProviderKey;
import dev.keypool.oauth.OAuthCredential;
import dev.keypool.oauth.OAuthService;
import dev.keypool.routing.RouteTable;
import dev.keypool.storage.Blocking;
import dev.keypool.storage.Ids;
import dev.keypool.storage.ProviderKeyStore;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/provider-keys}: list, create, read, update, delete, enable and disable provider keys.
 * Every change is written to the store first and then applied to the live pool. Keys declared in
 * {@code keypool.yaml} are defined by the file: they can be enabled and disabled here, not edited or
 * deleted. Secrets go in, never out (only a hint is shown).
 */
final class ProviderKeyRoutes {
  private static final Set<String> CREATE_FIELDS = Set.of(
      "provider", "name", "secret", "priority", "weight", "tags", "notes", "requests_per_minute", "enabled");
  private static final Set<String> UPDATE_FIELDS = Set.of(
      "name", "secret", "priority", "weight", "tags", "notes", "requests_per_minute", "enabled");

  private final ProviderKeyStore store;
  private final KeyPool pool;
  private final RouteTable routes;
  private final Blocking blocking;
  private final Clock clock;
  private final HealthChecks checks;
  private final BalanceReport balances;
  private final OAuthService oauth;

  ProviderKeyRoutes(ProviderKeyStore store, KeyPool pool, RouteTable routes, Blocking blocking, Clock clock,
      HealthChecks checks, BalanceReport balances, OAuthService oauth) {
    this.oauth = oauth;
    this.balances = balances;
    this.store = store;
    this.pool = pool;
    this.routes = routes;
    this.blocking = blocking;
    this.clock = clock;
    this.checks = checks;
  }

  void mount(Router router) {
    router.get("/api/provider-keys").handler(rc -> respond(rc, 200, () -> {
      Map<String, OAuthCredential> credentials = oauth.credentials();
      return store.list().stream().map(k -> view(k, credentials.get(k.id()))).toList();
    }));
    new OAuthRoutes(oauth, store, routes, blocking, a -> view(a.key(), a.credential())).mount(router);
    router.post("/api/provider-keys").handler(rc -> respond(rc, 201, () -> create(AdminJson.body(rc))));
    router.get("/api/provider-keys/:id").handler(rc -> respond(rc, 200, () -> view(find(rc.pathParam("id")))));
    router.patch("/api/provider-keys/:id").handler(rc -> respond(rc, 200, () -> update(rc.pathParam("id"), AdminJson.body(rc))));
    router.put("/api/provider-keys/:id").handler(rc -> respond(rc, 200, () -> update(rc.pathParam("id"), AdminJson.body(rc))));
    router.delete("/api/provider-keys/:id").handler(rc -> respond(rc, 200, () -> delete(rc.pathParam("id"))));
    router.post("/api/provider-keys/:id/enable").handler(rc -> respond(rc, 200, () -> setEnabled(rc.pathParam("id"), true, null)));
    router.post("/api/provider-keys/:id/disable").handler(rc ->
        respond(rc, 200, () -> setEnabled(rc.pathParam("id"), false, Fields.text(AdminJson.body(rc), "reason", "disabled by an operator"))));
  }

  private void respond(RoutingContext rc, int status, java.util.concurrent.Callable<Object> work) {
    AdminRoutes.respond(rc, blocking, status, work);
  }

  private ProviderKeyView create(JsonNode body) {
    Fields.allowOnly(body, CREATE_FIELDS);
    String provider = Fields.requiredText(body, "provider");
    if (routes.current().provider(provider) == null) {
      throw AdminException.invalid("Unknown provider '" + provider + "'.");
    }
    String name = Fields.requiredText(body, "name");
    if (store.list().stream().anyMatch(k -> k.providerId().equals(provider) && k.name().equals(name))) {
      throw new AdminException(409, "conflict", "Provider '" + provider + "' already has a key named '" + name + "'.");
    }
    Instant now = clock.instant();
    ProviderKey key = new ProviderKey(Ids.newId("pk"), provider, name, Fields.requiredText(body, "secret"),
        Fields.integer(body, "priority", 0, Integer.MIN_VALUE), Fields.integer(body, "weight", 1, 1),
        Fields.strings(body, "tags", List.of()), Fields.text(body, "notes", ""),
        Fields.integer(body, "requests_per_minute", 0, 0), Fields.bool(body, "enabled", true), null, "api", now, now);
    ProviderKey stored = store.insert(key);
    pool.put(stored);
    return view(stored);
  }

  private ProviderKeyView update(String id, JsonNode body) {
    Fields.allowOnly(body, UPDATE_FIELDS);
    ProviderKey k = find(id);
    if ("config".equals(k.source()) && !onlyEnabled(body)) {
      throw new AdminException(409, "declared_in_config",
          "Key '" + id + "' is declared in keypool.yaml; edit it there (only enable/disable works here).");
    }
    boolean enabled = Fields.bool(body, "enabled", k.enabled());
    ProviderKey updated = new ProviderKey(k.id(), k.providerId(), Fields.text(body, "name", k.name()),
        Fields.text(body, "secret", k.secret()), Fields.integer(body, "priority", k.priority(), Integer.MIN_VALUE),
        Fields.integer(body, "weight", k.weight(), 1), Fields.strings(body, "tags", k.tags()),
        Fields.text(body, "notes", k.notes()), Fields.integer(body, "requests_per_minute", k.requestsPerMinute(), 0),
        enabled, enabled ? null : k.enabled() ? "disabled by an operator" : k.disabledReason(), k.source(), k.createdAt(), clock.instant());
    ProviderKey stored = store.update(updated);
    if (body.has("enabled") && enabled) {
      pool.enable(stored); // an explicit "enabled": true means "use it now", as the enable call does
    } else {
      pool.put(stored);
    }
    return view(stored);
  }

  private static boolean onlyEnabled(JsonNode body) {
    for (var it = body.fieldNames(); it.hasNext(); ) {
      if (!"enabled".equals(it.next())) {
        return false;
      }
    }
    return true;
  }

  private ProviderKeyView setEnabled(String id, boolean enabled, String reason) {
    find(id);
    store.setEnabled(id, enabled, enabled ? null : reason);
    ProviderKey stored = find(id);
    if (enabled) {
      pool.enable(stored);
    } else {
      pool.put(stored);
    }
    return view(stored);
  }

  private Object delete(String id) {
    ProviderKey k = find(id);
    if ("config".equals(k.source())) {
      throw new AdminException(409, "declared_in_config",
          "Key '" + id + "' is declared in keypool.yaml; remove it there, or disable it here.");
    }
    store.delete(id);
    oauth.forget(id);
    pool.remove(id);
    checks.forget(id);
    return java.util.Map.of("deleted", id);
  }

  private ProviderKey find(String id) {
    return store.find(id).orElseThrow(() -> AdminException.notFound("Provider key", id));
  }

  private ProviderKeyView view(ProviderKey key) {
    return view(key, oauth.credential(key.id()).orElse(null));
  }

  private ProviderKeyView view(ProviderKey key, OAuthCredential credential) {
    return ProviderKeyView.of(key, pool.snapshot(key.id()), checks.last(key.id()), balances.summary(key.id()),
        credential);
  }
}
