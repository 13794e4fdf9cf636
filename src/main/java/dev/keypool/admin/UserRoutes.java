package dev.keypool.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.admin.TenancyViews.AdjustedView;
import dev.keypool.admin.TenancyViews.BalanceView;
import dev.keypool.admin.TenancyViews.EntryView;
import dev.keypool.admin.TenancyViews.UserView;
import dev.keypool.quota.LimitRules;
import dev.keypool.storage.Blocking;
import dev.keypool.storage.GatewayKeyStore;
import dev.keypool.tenancy.Charge;
import dev.keypool.tenancy.Directory;
import dev.keypool.tenancy.InsufficientBalanceException;
import dev.keypool.tenancy.LedgerEntry;
import dev.keypool.tenancy.LedgerKind;
import dev.keypool.tenancy.Status;
import dev.keypool.tenancy.UnknownGroupException;
import dev.keypool.tenancy.Usd;
import dev.keypool.tenancy.User;
import dev.keypool.tenancy.UserGroups;
import dev.keypool.tenancy.UserStore;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code /api/users}: users with their status, org, prepaid flag and limits, and
 * {@code /api/users/{id}/balance}: the balance with its ledger, top-ups and deductions. Store first,
 * then the in-memory directory the request path reads.
 */
final class UserRoutes {
  private static final Set<String> FIELDS = Set.of("name", "email", "status", "org_id", "prepaid", "limits",
      "group");
  private static final Set<String> ADJUST_FIELDS = Set.of("amount_usd", "kind", "note", "allow_negative");

  private final UserStore store;
  private final GatewayKeyStore keys;
  private final Directory directory;
  private final Blocking blocking;
  private final UserGroups groups;

  UserRoutes(UserStore store, GatewayKeyStore keys, Directory directory, Blocking blocking, UserGroups groups) {
    this.store = store;
    this.keys = keys;
    this.directory = directory;
    this.blocking = blocking;
    this.groups = groups;
  }

  void mount(Router router) {
    router.get("/api/users").handler(rc -> respond(rc, 200, () -> list(rc)));
    router.post("/api/users").handler(rc -> respond(rc, 201, () -> create(AdminJson.body(rc))));
    router.get("/api/users/:id").handler(rc -> respond(rc, 200, () -> UserView.of(find(rc.pathParam("id")))));
    router.patch("/api/users/:id").handler(rc -> respond(rc, 200, () -> update(rc.pathParam("id"), AdminJson.body(rc))));
    router.delete("/api/users/:id").handler(rc -> respond(rc, 200, () -> delete(rc.pathParam("id"))));
    router.get("/api/users/:id/balance").handler(rc -> respond(rc, 200, () -> balance(rc.pathParam("id"), Paging.of(rc))));
    router.post("/api/users/:id/balance").handler(rc -> respond(rc, 200, () -> adjust(rc.pathParam("id"), AdminJson.body(rc))));
  }

  private void respond(RoutingContext rc, int status, Callable<Object> work) {
    AdminRoutes.respond(rc, blocking, status, work);
  }

  /** Users oldest first; {@code ?org_id=} and {@code ?group=} filter. */
  private Paging.Listing<UserView> list(RoutingContext rc) {
    String orgId = rc.queryParams().get("org_id");
    String group = rc.queryParams().get("group");
    return Paging.of(rc).page(store.list().stream().filter(u -> orgId == null || orgId.equals(u.orgId()))
        .filter(u -> group == null || group.equals(u.groupId())).map(UserView::of).toList());
  }

  private UserView create(JsonNode body) {
    Fields.allowOnly(body, FIELDS);
    User user = read(body, null);
    User stored = joining(user, () -> store.insert(user, storedGroup(user)));
    directory.putUser(stored);
    return UserView.of(stored);
  }

  private UserView update(String id, JsonNode body) {
    Fields.allowOnly(body, FIELDS);
    User user = read(body, find(id));
    User stored = joining(user, () -> store.update(user, storedGroup(user)))
        .orElseThrow(() -> AdminException.notFound("User", id));
    directory.putUser(stored);
    return UserView.of(stored);
  }

  private Object delete(String id) {
    find(id);
    int owned = keys.owned(id, null).size();
    if (owned > 0) {
      throw new AdminException(409, "in_use", "User '" + id + "' still owns " + owned
          + " gateway key(s); delete them or give them another owner first.");
    }
    store.delete(id);
    directory.removeUser(id);
    return Map.of("deleted", id);
  }

  private BalanceView balance(String id, Paging paging) {
    User u = find(id);
    var entries = store.ledger(id, paging.limit(), paging.offset()).stream().map(EntryView::of).toList();
    return new BalanceView(id, Usd.format(u.balanceNanos()), u.prepaid(),
        new Paging.Listing<>(entries, store.ledgerSize(id), paging.limit(), paging.offset()));
  }

  /** {@code {"amount_usd":"10.00","kind":"top_up"|"deduct","note":"..."}}; a deduction below zero needs {@code allow_negative}. */
  private AdjustedView adjust(String id, JsonNode body) {
    Fields.allowOnly(body, ADJUST_FIELDS);
    find(id);
    JsonNode amount = body.get("amount_usd");
    if (amount == null || !(amount.isTextual() || amount.isNumber())) {
      throw AdminException.invalid("'amount_usd' is required: a positive amount of US dollars such as \"10.00\".");
    }
    long nanos = Fields.parsed("amount_usd", amount.asText(), Usd::toNanos);
    if (nanos <= 0) {
      throw AdminException.invalid("'amount_usd' must be positive; use \"kind\":\"deduct\" to take money away.");
    }
    LedgerKind kind = Fields.parsed("kind", Fields.text(body, "kind", "top_up"), LedgerKind::parse);
    if (kind != LedgerKind.TOP_UP && kind != LedgerKind.DEDUCT) {
      throw AdminException.invalid("'kind' must be top_up or deduct (charges and refunds come from requests).");
    }
    long delta = kind == LedgerKind.DEDUCT ? -nanos : nanos;
    LedgerEntry entry;
    try {
      entry = store.adjust(new Charge(id, delta, kind, Fields.text(body, "note", null), null),
          Fields.bool(body, "allow_negative", false)).orElseThrow(() -> AdminException.notFound("User", id));
    } catch (InsufficientBalanceException e) {
      throw new AdminException(409, "insufficient_balance", e.getMessage() + " Send \"allow_negative\":true to allow it.");
    }
    directory.applyBalance(entry);
    return new AdjustedView(id, Usd.format(entry.balanceAfterNanos()), EntryView.of(entry));
  }

  /** The user described by {@code body} over {@code current} (null on create). */
  private User read(JsonNode body, User current) {
    String name = current == null || body.has("name") ? Fields.requiredText(body, "name") : current.name();
    String email = Fields.clearableText(body, "email", current == null ? null : current.email());
    if (email != null && (!email.contains("@") || email.isBlank())) {
      throw AdminException.invalid("'email' must be an email address.");
    }
    Status status = Fields.parsed("status", Fields.text(body, "status", current == null ? "active" : current.status().wire()),
        Status::parse);
    String orgId = Fields.clearableText(body, "org_id", current == null ? null : current.orgId());
    if (orgId != null && directory.org(orgId) == null) {
      throw AdminException.invalid("'org_id': unknown org '" + orgId + "'.");
    }
    boolean prepaid = Fields.bool(body, "prepaid", current != null && current.prepaid());
    LimitRules limits = Fields.limits(body, "limits", current == null ? LimitRules.NONE : current.limits());
    String group = Fields.clearableText(body, "group", current == null ? null : current.groupId());
    if (group != null && groups.find(group) == null) {
      throw unknownGroup(group);
    }
    return new User(current == null ? null : current.id(), name, email, status, orgId, prepaid,
        current == null ? 0 : current.balanceNanos(), limits, null, null, group);
  }

  /** Whether the user's group is a stored one, which the store checks again as it writes the user. */
  private boolean storedGroup(User u) {
    return u.groupId() != null && !groups.configured(u.groupId());
  }

  /**
   * Runs a write of {@code user}; a group deleted (through another instance) since this one read it is the
   * same 400 as a group never known, and leaves no user in it.
   */
  private <T> T joining(User user, Supplier<T> write) {
    try {
      return write.get();
    } catch (UnknownGroupException e) {
      groups.remove(e.groupId());
      throw unknownGroup(e.groupId());
    }
  }

  private static AdminException unknownGroup(String group) {
    return AdminException.invalid("'group': unknown user group '" + group + "' (see /api/user-groups).");
  }

  private User find(String id) {
    return store.find(id).orElseThrow(() -> AdminException.notFound("User", id));
  }
}
