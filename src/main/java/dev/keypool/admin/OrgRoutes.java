package dev.keypool.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.admin.TenancyViews.OrgView;
import dev.keypool.quota.LimitRules;
import dev.keypool.storage.Blocking;
import dev.keypool.storage.GatewayKeyStore;
import dev.keypool.tenancy.Directory;
import dev.keypool.tenancy.Org;
import dev.keypool.tenancy.OrgStore;
import dev.keypool.tenancy.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code /api/orgs}: organizations with their status and limits (monthly caps, typically). */
final class OrgRoutes {
  private static final Set<String> FIELDS = Set.of("name", "status", "limits");

  private final OrgStore store;
  private final GatewayKeyStore keys;
  private final Directory directory;
  private final Blocking blocking;

  OrgRoutes(OrgStore store, GatewayKeyStore keys, Directory directory, Blocking blocking) {
    this.store = store;
    this.keys = keys;
    this.directory = directory;
    this.blocking = blocking;
  }

  void mount(Router router) {
    router.get("/api/orgs").handler(rc -> respond(rc, 200, () -> Paging.of(rc).page(store.list().stream().map(OrgView::of).toList())));
    router.post("/api/orgs").handler(rc -> respond(rc, 201, () -> create(AdminJson.body(rc))));
    router.get("/api/orgs/:id").handler(rc -> respond(rc, 200, () -> OrgView.of(find(rc.pathParam("id")))));
    router.patch("/api/orgs/:id").handler(rc -> respond(rc, 200, () -> update(rc.pathParam("id"), AdminJson.body(rc))));
    router.delete("/api/orgs/:id").handler(rc -> respond(rc, 200, () -> delete(rc.pathParam("id"))));
  }

  private void respond(RoutingContext rc, int status, Callable<Object> work) {
    AdminRoutes.respond(rc, blocking, status, work);
  }

  private OrgView create(JsonNode body) {
    Fields.allowOnly(body, FIELDS);
    Org stored = store.insert(read(body, null));
    directory.putOrg(stored);
    return OrgView.of(stored);
  }

  private OrgView update(String id, JsonNode body) {
    Fields.allowOnly(body, FIELDS);
    Org stored = store.update(read(body, find(id))).orElseThrow(() -> AdminException.notFound("Org", id));
    directory.putOrg(stored);
    return OrgView.of(stored);
  }

  private Object delete(String id) {
    find(id);
    long members = directory.users().stream().filter(u -> id.equals(u.orgId())).count();
    int owned = keys.owned(null, id).size();
    if (members > 0 || owned > 0) {
      throw new AdminException(409, "in_use", "Org '" + id + "' still has " + members + " user(s) and " + owned
          + " gateway key(s); move or delete them first.");
    }
    store.delete(id);
    directory.removeOrg(id);
    return Map.of("deleted", id);
  }

  private static Org read(JsonNode body, Org current) {
    String name = current == null || body.has("name") ? Fields.requiredText(body, "name") : current.name();
    Status status = Fields.parsed("status", Fields.text(body, "status", current == null ? "active" : current.status().wire()),
        Status::parse);
    LimitRules limits = Fields.limits(body, "limits", current == null ? LimitRules.NONE : current.limits());
    return new Org(current == null ? null : current.id(), name, status, limits, null, null);
  }

  private Org find(String id) {
    return store.find(id).orElseThrow(() -> AdminException.notFound("Org", id));
  }
}
