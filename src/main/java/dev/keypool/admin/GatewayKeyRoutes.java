package dev.keypool.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.gatewaykey.GatewayKey;
import dev.keypool.gatewaykey.GatewayKeyRegistry;
import dev.keypool.gatewaykey.GatewayKeySecrets;
import dev.keypool.storage.Blocking;
import dev.keypool.storage.GatewayKeyStore;
import dev.keypool.storage.Ids;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * {@code /api/gateway-keys}: create a client key (its secret is in the creation response and nowhere
 * else, ever), list, read and revoke. Only the hash is stored.
 */
final class GatewayKeyRoutes {
  private final GatewayKeyStore store;
  private final GatewayKeyRegistry registry;
  private final Blocking blocking;
  private final Clock clock;

  GatewayKeyRoutes(GatewayKeyStore store, GatewayKeyRegistry registry, Blocking blocking, Clock clock) {
    this.store = store;
    this.registry = registry;
    this.blocking = blocking;
    this.clock = clock;
  }

  /** A gateway key as listed. */
  record View(String id, String name, String keyHint, String status, String source, String createdAt, String revokedAt) {
    static View of(GatewayKey k) {
      return new View(k.id(), k.name(), k.keyHint(), k.status(), k.source(), str(k.createdAt()), str(k.revokedAt()));
    }
  }

  /** The creation response: the one time the key itself is shown. */
  record Created(String id, String name, String key, String keyHint, String status, String createdAt, String notice) {}

  void mount(Router router) {
    router.get("/api/gateway-keys").handler(rc ->
        AdminRoutes.respond(rc, blocking, 200, () -> store.list().stream().map(View::of).toList()));
    router.post("/api/gateway-keys").handler(rc -> AdminRoutes.respond(rc, blocking, 201, () -> create(AdminJson.body(rc))));
    router.get("/api/gateway-keys/:id").handler(rc -> AdminRoutes.respond(rc, blocking, 200, () -> View.of(find(rc.pathParam("id")))));
    router.post("/api/gateway-keys/:id/revoke").handler(rc -> AdminRoutes.respond(rc, blocking, 200, () -> revoke(rc.pathParam("id"))));
    router.delete("/api/gateway-keys/:id").handler(rc -> AdminRoutes.respond(rc, blocking, 200, () -> revoke(rc.pathParam("id"))));
  }

  private Created create(JsonNode body) {
    Fields.allowOnly(body, Set.of("name"));
    String name = Fields.requiredText(body, "name");
    String secret = GatewayKeySecrets.generate();
    Instant now = clock.instant();
    GatewayKey key = store.insert(new GatewayKey(Ids.newId("gk"), name, GatewayKeySecrets.hash(secret),
        GatewayKeySecrets.hint(secret), "active", "api", now, null));
    registry.put(key);
    return new Created(key.id(), key.name(), secret, key.keyHint(), key.status(), str(key.createdAt()),
        "Store this key now: it is not shown again.");
  }

  private View revoke(String id) {
    find(id);
    store.revoke(id);
    GatewayKey revoked = find(id);
    registry.put(revoked);
    return View.of(revoked);
  }

  private GatewayKey find(String id) {
    return store.find(id).orElseThrow(() -> AdminException.notFound("Gateway key", id));
  }

  private static String str(Instant t) {
    return t == null ? null : t.toString();
  }
}
