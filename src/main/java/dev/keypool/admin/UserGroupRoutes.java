package dev.keypool.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.config.BillingConfig;
import dev.keypool.storage.Blocking;
import dev.keypool.tenancy.Directory;
import dev.keypool.tenancy.UserGroup;
import dev.keypool.tenancy.UserGroupStore;
import dev.keypool.tenancy.UserGroups;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code /api/user-groups}: the groups whose sell multiplier prices their users' requests. The file's
 * groups ({@code billing.groups}) are listed too but change only in the file. Store first, then the
 * in-memory groups the request path reads; other instances take the change at their next refresh.
 */
final class UserGroupRoutes {
  private static final Set<String> CREATE_FIELDS = Set.of("id", "name", "sell_multiplier");
  private static final Set<String> UPDATE_FIELDS = Set.of("name", "sell_multiplier");
  /** Far above any sensible margin; a larger figure is a typo (a percentage, say) rather than a price. */
  private static final BigDecimal MAX_MULTIPLIER = BigDecimal.valueOf(1000);

  private final UserGroupStore store;
  private final UserGroups groups;
  private final Directory directory;
  private final Blocking blocking;

  UserGroupRoutes(UserGroupStore store, UserGroups groups, Directory directory, Blocking blocking) {
    this.store = store;
    this.groups = groups;
    this.directory = directory;
    this.blocking = blocking;
  }

  /**
   * A group as the API shows it.
   *
   * @param source {@code config} (the file's: read-only here) or {@code api}
   * @param isDefault the group of users who name none ({@code billing.default_group})
   * @param users how many users are in the group
   */
  record View(String id, String name, BigDecimal sellMultiplier, String source, boolean isDefault, long users,
      String createdAt, String updatedAt) {}

  void mount(Router router) {
    router.get("/api/user-groups").handler(rc -> respond(rc, 200,
        () -> Paging.of(rc).page(groups.all().stream().map(this::view).toList())));
    router.post("/api/user-groups").handler(rc -> respond(rc, 201, () -> create(AdminJson.body(rc))));
    router.get("/api/user-groups/:id").handler(rc -> respond(rc, 200, () -> view(find(rc.pathParam("id")))));
    router.patch("/api/user-groups/:id").handler(rc -> respond(rc, 200,
        () -> update(rc.pathParam("id"), AdminJson.body(rc))));
    router.delete("/api/user-groups/:id").handler(rc -> respond(rc, 200, () -> delete(rc.pathParam("id"))));
  }

  private void respond(RoutingContext rc, int status, Callable<Object> work) {
    AdminRoutes.respond(rc, blocking, status, work);
  }

  private View create(JsonNode body) {
    Fields.allowOnly(body, CREATE_FIELDS);
    String id = Fields.requiredText(body, "id").trim();
    if (!BillingConfig.GROUP_ID.matcher(id).matches()) {
      throw AdminException.invalid("'id' must be 1-64 of a-z 0-9 _ . - starting with a letter or digit (was '"
          + id + "').");
    }
    if (groups.find(id) != null) {
      throw new AdminException(409, "conflict", "User group '" + id + "' exists already"
          + (groups.configured(id) ? " in the configuration file." : "."));
    }
    String name = Fields.text(body, "name", id).trim();
    UserGroup stored = store.insert(new UserGroup(id, name.isEmpty() ? id : name, multiplier(body), false, null, null));
    groups.put(stored);
    return view(stored);
  }

  private View update(String id, JsonNode body) {
    Fields.allowOnly(body, UPDATE_FIELDS);
    UserGroup current = changeable(id);
    String name = body.has("name") ? Fields.requiredText(body, "name").trim() : current.name();
    BigDecimal multiplier = body.has("sell_multiplier") ? multiplier(body) : current.sellMultiplier();
    UserGroup stored = store.update(new UserGroup(id, name, multiplier, false, null, null))
        .orElseThrow(() -> AdminException.notFound("User group", id));
    groups.put(stored);
    return view(stored);
  }

  /** The store counts the members and deletes in one transaction that no instance adds a member to. */
  private Object delete(String id) {
    changeable(id);
    UserGroupStore.Deletion d = store.delete(id);
    if (!d.existed()) {
      groups.remove(id); // deleted through another instance since this one read it
      throw AdminException.notFound("User group", id);
    }
    if (!d.deleted()) {
      throw new AdminException(409, "in_use", "User group '" + id + "' still has " + d.members()
          + " user(s); move them to another group (or none) first.");
    }
    groups.remove(id);
    return Map.of("deleted", id);
  }

  /** A stored group; the file's answer 409, since a change here would be undone at the next start. */
  private UserGroup changeable(String id) {
    UserGroup g = find(id);
    if (g.fromConfig()) {
      throw new AdminException(409, "read_only", "User group '" + id + "' is declared in the configuration file "
          + "(billing.groups); change it there.");
    }
    return g;
  }

  private UserGroup find(String id) {
    UserGroup g = groups.find(id);
    if (g == null) {
      throw AdminException.notFound("User group", id);
    }
    return g;
  }

  /** {@code sell_multiplier}: a number (or decimal text) from 0 to 1000 with at most 9 decimals. */
  private static BigDecimal multiplier(JsonNode body) {
    JsonNode v = body.get("sell_multiplier");
    String hint = "'sell_multiplier' must be a number from 0 to 1000 with at most 9 decimals, such as 1.2";
    if (v == null || !(v.isNumber() || v.isTextual())) {
      throw AdminException.invalid(hint + ".");
    }
    BigDecimal m;
    try {
      m = v.isTextual() ? new BigDecimal(v.asText().trim()) : v.decimalValue();
    } catch (NumberFormatException e) {
      throw AdminException.invalid(hint + " (was '" + v.asText() + "').");
    }
    if (m.signum() < 0 || m.compareTo(MAX_MULTIPLIER) > 0 || m.stripTrailingZeros().scale() > 9) {
      throw AdminException.invalid(hint + " (was " + v.asText() + ").");
    }
    return m.stripTrailingZeros().scale() < 0 ? m.setScale(0) : m.stripTrailingZeros();
  }

  private View view(UserGroup g) {
    long members = directory.users().stream().filter(u -> g.id().equals(u.groupId())).count();
    return new View(g.id(), g.name(), g.sellMultiplier(), g.fromConfig() ? "config" : "api",
        g.id().equals(groups.defaultGroup()), members, GatewayKeyView.str(g.createdAt()), GatewayKeyView.str(g.updatedAt()));
  }
}
