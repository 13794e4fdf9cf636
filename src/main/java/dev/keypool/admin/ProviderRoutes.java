package dev.keypool.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.config.ConfigException;
import dev.keypool.config.ModelRouteConfig;
import dev.keypool.config.ProviderConfig;
import dev.keypool.keypool.KeyPool;
import dev.keypool.keypool.ProviderKey;
import dev.keypool.routing.ProviderOverrides;
import dev.keypool.routing.RouteTable;
import dev.keypool.storage.Blocking;
import dev.keypool.storage.ProviderKeyStore;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code /api/providers}: the providers (the file's, with run-time changes laid over them and the
 * environment's pins over those). A provider is created, replaced, changed in part, deleted or reset
 * to the file's version at run time; changes are stored, take effect at once and survive restarts
 * (see {@link ProviderOverrides}). A provider still named by API-created keys or by model routes is
 * not deleted: the operator deletes those first. The keys the file declares for a file provider go
 * with it, and come back with it on reset.
 */
final class ProviderRoutes {
  private final ProviderOverrides overrides;
  private final RouteTable routes;
  private final ProviderKeyStore keys;
  private final KeyPool pool;
  private final Blocking blocking;

  ProviderRoutes(ProviderOverrides overrides, RouteTable routes, ProviderKeyStore keys, KeyPool pool, Blocking blocking) {
    this.overrides = overrides;
    this.routes = routes;
    this.keys = keys;
    this.pool = pool;
    this.blocking = blocking;
  }

  void mount(Router router) {
    router.get("/api/providers").handler(rc -> respond(rc, 200, () -> {
      var snapshots = pool.snapshots();
      return routes.current().providers().stream().map(p -> ProviderView.of(p, overrides, snapshots)).toList();
    }));
    router.post("/api/providers").handler(rc -> respond(rc, 201, () -> {
      JsonNode body = AdminJson.body(rc);
      String id = Fields.requiredText(body, "id");
      return view(validated(() -> overrides.create(id, body)));
    }));
    router.get("/api/providers/:id").handler(rc -> respond(rc, 200, () -> view(find(rc.pathParam("id")))));
    router.put("/api/providers/:id").handler(rc -> respond(rc, 200, () -> {
      String id = rc.pathParam("id");
      JsonNode body = AdminJson.body(rc);
      ProviderView.keepHiddenHeaders(body, find(id));
      return view(validated(() -> overrides.put(id, body)));
    }));
    router.patch("/api/providers/:id").handler(rc -> respond(rc, 200, () -> patch(rc.pathParam("id"), AdminJson.body(rc))));
    router.delete("/api/providers/:id").handler(rc -> respond(rc, 200, () -> delete(rc.pathParam("id"))));
    router.post("/api/providers/:id/reset").handler(rc -> respond(rc, 200, () -> reset(rc.pathParam("id"))));
  }

  private void respond(RoutingContext rc, int status, Callable<Object> work) {
    AdminRoutes.respond(rc, blocking, status, work);
  }

  /** A JSON merge patch (RFC 7386) of the provider's definition: objects merge, null removes a field. */
  private Object patch(String id, JsonNode body) {
    ProviderConfig current = find(id);
    ObjectNode definition = overrides.definition(id).orElseThrow(() -> AdminException.notFound("Provider", id));
    merge(definition, body);
    ProviderView.keepHiddenHeaders(definition, current);
    return view(validated(() -> overrides.put(id, definition)));
  }

  private static void merge(ObjectNode target, JsonNode patch) {
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        target.remove(e.getKey());
      } else if (e.getValue().isObject() && target.get(e.getKey()) instanceof ObjectNode inner) {
        merge(inner, e.getValue());
      } else {
        target.set(e.getKey(), e.getValue());
      }
    }
  }

  private Object delete(String id) {
    find(id);
    refuseIfInUse(id);
    overrides.remove(id);
    dropFileKeys(id);
    return Map.of("id", id, "removed", true);
  }

  private Object reset(String id) {
    ProviderConfig file = overrides.fileProvider(id);
    if (!overrides.changed(id)) {
      throw AdminException.notFound("Run-time change of provider", id);
    }
    if (file == null) {
      refuseIfInUse(id); // a provider made at run time has no file version: resetting it deletes it
    }
    overrides.reset(id);
    if (file == null) {
      return Map.of("id", id, "removed", true);
    }
    // Back from a deletion: the file's keys come back with it.
    keys.syncFromConfig(id, file.keys()).forEach(pool::put);
    return view(find(id));
  }

  /** 409 naming the keys added through the API and the model routes that still use provider {@code id}. */
  private void refuseIfInUse(String id) {
    List<String> users = new ArrayList<>();
    for (ProviderKey k : keys.list()) {
      if (k.providerId().equals(id) && !"config".equals(k.source())) {
        users.add("provider key '" + k.name() + "' (" + k.id() + ")");
      }
    }
    for (ModelRouteConfig r : routes.current().all()) {
      if (r.candidates().stream().anyMatch(c -> c.provider().equals(id))) {
        users.add("model route '" + r.id() + "'");
      }
    }
    if (!users.isEmpty()) {
      throw new AdminException(409, "provider_in_use", "Provider '" + id + "' is still used by " + String.join(", ", users)
          + "; delete those first.");
    }
  }

  /** The keys the file declares for provider {@code id} leave the store and the pool with it. */
  private void dropFileKeys(String id) {
    for (ProviderKey k : keys.list()) {
      if (k.providerId().equals(id) && "config".equals(k.source())) {
        keys.delete(k.id());
        pool.remove(k.id());
      }
    }
  }

  private ProviderConfig find(String id) {
    ProviderConfig p = routes.current().provider(id);
    if (p == null) {
      throw AdminException.notFound("Provider", id);
    }
    return p;
  }

  private ObjectNode view(ProviderConfig p) {
    return ProviderView.of(p, overrides, pool.snapshots());
  }

  private static ProviderConfig validated(Supplier<ProviderConfig> change) {
    try {
      return change.get();
    } catch (ConfigException e) {
      throw AdminException.invalid(String.join("; ", e.errors()));
    }
  }
}
