package dev.keypool.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.gatewaykey.GatewayKey;
import dev.keypool.gatewaykey.GatewayKeyRegistry;
import dev.keypool.gatewaykey.GatewayKeySecrets;
import dev.keypool.gatewaykey.IpAllowList;
import dev.keypool.gatewaykey.KeyScopes;
import dev.keypool.gatewaykey.KeyStatus;
import dev.keypool.gatewaykey.ModelPatterns;
import dev.keypool.gatewaykey.Permission;
import dev.keypool.routing.RouteTable;
import dev.keypool.storage.Blocking;
import dev.keypool.storage.GatewayKeyStore;
import dev.keypool.tenancy.Directory;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code /api/gateway-keys}: create a client key (its secret is in the creation or regeneration
 * response and nowhere else, ever), list, read, change, suspend, revoke, regenerate and soft-delete.
 * Only the hash is stored. Every change goes to the store first, then to the in-memory registry, so
 * it applies from the next request on.
 */
final class GatewayKeyRoutes {
  private static final Set<String> FIELDS = Set.of("name", "description", "status", "user_id", "org_id", "expires_at",
      "allowed_models", "allowed_providers", "allowed_ips", "permissions", "limits");
  /** What an operator may change on a key declared in the file; the rest is the file's. */
  private static final Set<String> CONFIG_FIELDS = Set.of("status", "user_id", "org_id", "expires_at");

  private final GatewayKeyStore store;
  private final GatewayKeyRegistry registry;
  private final Directory directory;
  private final RouteTable routes;
  private final Blocking blocking;
  private final Clock clock;

  GatewayKeyRoutes(GatewayKeyStore store, GatewayKeyRegistry registry, Directory directory, RouteTable routes,
      Blocking blocking, Clock clock) {
    this.store = store;
    this.registry = registry;
    this.directory = directory;
    this.routes = routes;
    this.blocking = blocking;
    this.clock = clock;
  }

  void mount(Router router) {
    router.get("/api/gateway-keys").handler(rc -> respond(rc, 200, () -> list(rc)));
    router.post("/api/gateway-keys").handler(rc -> respond(rc, 201, () -> create(AdminJson.body(rc))));
    router.get("/api/gateway-keys/:id").handler(rc -> respond(rc, 200, () -> view(find(rc.pathParam("id")))));
    router.patch("/api/gateway-keys/:id").handler(rc -> respond(rc, 200, () -> update(rc.pathParam("id"), AdminJson.body(rc))));
    router.post("/api/gateway-keys/:id/regenerate").handler(rc -> respond(rc, 200, () -> regenerate(rc.pathParam("id"))));
    router.post("/api/gateway-keys/:id/revoke").handler(rc -> respond(rc, 200, () -> revoke(rc.pathParam("id"))));
    router.delete("/api/gateway-keys/:id").handler(rc -> respond(rc, 200, () -> delete(rc.pathParam("id"))));
  }

  private void respond(RoutingContext rc, int status, Callable<Object> work) {
    AdminRoutes.respond(rc, blocking, status, work);
  }

  /** Every key, oldest first; deleted ones with {@code ?include_deleted=true}; {@code ?user_id=} and {@code ?org_id=} filter. */
  private List<GatewayKeyView> list(RoutingContext rc) {
    boolean includeDeleted = "true".equals(rc.queryParams().get("include_deleted"));
    String userId = rc.queryParams().get("user_id");
    String orgId = rc.queryParams().get("org_id");
    return store.list(includeDeleted).stream()
        .filter(k -> userId == null || userId.equals(k.userId()))
        .filter(k -> orgId == null || orgId.equals(k.orgId()))
        .map(this::view).toList();
  }

  private Object create(JsonNode body) {
    Fields.allowOnly(body, FIELDS);
    String secret = GatewayKeySecrets.generate();
    GatewayKey.Builder b = GatewayKey.issue(Fields.requiredText(body, "name"), GatewayKeySecrets.hash(secret),
        GatewayKeySecrets.hint(secret)).toBuilder().source("api");
    GatewayKey key = store.insert(apply(body, b, null).build());
    registry.put(key);
    return view(key).withSecret(secret);
  }

  private GatewayKeyView update(String id, JsonNode body) {
    Fields.allowOnly(body, FIELDS);
    GatewayKey k = changeable(id);
    if ("config".equals(k.source())) {
      body.fieldNames().forEachRemaining(f -> {
        if (!CONFIG_FIELDS.contains(f)) {
          throw new AdminException(409, "declared_in_config", "Key '" + id + "' is declared in keypool.yaml; change '"
              + f + "' there (here only " + String.join(", ", new java.util.TreeSet<>(CONFIG_FIELDS)) + ").");
        }
      });
    }
    GatewayKey changed = apply(body, k.toBuilder(), k).build();
    if (k.status() == KeyStatus.REVOKED && changed.status() != KeyStatus.REVOKED) {
      throw new AdminException(409, "revoked", "Key '" + id + "' is revoked for good; create a new key instead.");
    }
    if (changed.status() == KeyStatus.REVOKED && k.status() != KeyStatus.REVOKED) {
      changed = changed.toBuilder().revokedAt(clock.instant()).build();
    }
    return stored(store.update(changed).orElseThrow(() -> AdminException.notFound("Gateway key", id)));
  }

  private Object regenerate(String id) {
    GatewayKey k = changeable(id);
    if ("config".equals(k.source())) {
      throw new AdminException(409, "declared_in_config", "Key '" + id + "' is declared in keypool.yaml; change its value there.");
    }
    if (k.status() == KeyStatus.REVOKED) {
      throw new AdminException(409, "revoked", "Key '" + id + "' is revoked for good; create a new key instead.");
    }
    String secret = GatewayKeySecrets.generate();
    GatewayKey stored = store.regenerate(id, GatewayKeySecrets.hash(secret), GatewayKeySecrets.hint(secret))
        .orElseThrow(() -> AdminException.notFound("Gateway key", id));
    registry.put(stored);
    return view(stored).withSecret(secret);
  }

  private GatewayKeyView revoke(String id) {
    changeable(id);
    store.revoke(id);
    return stored(find(id));
  }

  private GatewayKeyView delete(String id) {
    GatewayKey k = changeable(id);
    if ("config".equals(k.source())) {
      throw new AdminException(409, "declared_in_config",
          "Key '" + id + "' is declared in keypool.yaml; remove it there, or suspend or revoke it here.");
    }
    store.softDelete(id);
    return stored(find(id));
  }

  /** Reads the fields present in {@code body} into {@code b}; {@code current} is null on create. */
  private GatewayKey.Builder apply(JsonNode body, GatewayKey.Builder b, GatewayKey current) {
    KeyScopes scopes = current == null ? KeyScopes.ANY : current.scopes();
    if (body.has("name")) {
      b.name(Fields.requiredText(body, "name"));
    }
    b.description(Fields.text(body, "description", current == null ? "" : current.description()));
    if (body.has("status")) {
      b.status(Fields.parsed("status", Fields.requiredText(body, "status"), KeyStatus::parse));
    }
    String userId = Fields.clearableText(body, "user_id", current == null ? null : current.userId());
    if (userId != null && directory.user(userId) == null) {
      throw AdminException.invalid("'user_id': unknown user '" + userId + "'.");
    }
    String orgId = Fields.clearableText(body, "org_id", current == null ? null : current.orgId());
    if (orgId != null && directory.org(orgId) == null) {
      throw AdminException.invalid("'org_id': unknown org '" + orgId + "'.");
    }
    List<String> providers = Fields.strings(body, "allowed_providers", scopes.providers());
    for (String p : providers) {
      if (routes.current().provider(p) == null) {
        throw AdminException.invalid("'allowed_providers': unknown provider '" + p + "'.");
      }
    }
    ModelPatterns models = Fields.parsed("allowed_models",
        Fields.strings(body, "allowed_models", scopes.models().patterns()), ModelPatterns::new);
    IpAllowList ips = Fields.parsed("allowed_ips", Fields.strings(body, "allowed_ips", scopes.ips().entries()), IpAllowList::new);
    if (body.has("permissions")) {
      b.permissions(Fields.parsed("permissions", Fields.strings(body, "permissions", List.of()), Permission::parseAll));
    }
    return b.userId(userId).orgId(orgId).scopes(new KeyScopes(models, providers, ips))
        .expiresAt(Fields.instant(body, "expires_at", current == null ? null : current.expiresAt()))
        .limits(Fields.limits(body, "limits", current == null ? b.build().limits() : current.limits()));
  }

  private GatewayKeyView stored(GatewayKey k) {
    registry.put(k);
    return view(k);
  }

  /** A key that may still change: known and not deleted. */
  private GatewayKey changeable(String id) {
    GatewayKey k = find(id);
    if (k.deleted()) {
      throw new AdminException(409, "deleted", "Gateway key '" + id + "' is deleted.");
    }
    return k;
  }

  private GatewayKey find(String id) {
    return store.find(id).orElseThrow(() -> AdminException.notFound("Gateway key", id));
  }

  private GatewayKeyView view(GatewayKey k) {
    return GatewayKeyView.of(k, clock.instant(), registry.lastUsed().pending(k.id()));
  }
}
