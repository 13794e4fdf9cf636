package dev.keypool.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.admin.auth.AdminAuth;
import dev.keypool.admin.auth.AdminPrincipal;
import dev.keypool.admin.auth.AdminRole;
import dev.keypool.admin.auth.AdminUser;
import dev.keypool.admin.auth.AdminUserStore;
import dev.keypool.storage.Blocking;
import io.vertx.ext.web.Router;
import java.util.Set;

/**
 * {@code /api/admin-users}: who may use the admin API. Admin role only, reads included (the list of
 * operator accounts is itself sensitive). Passwords go in, never out.
 */
final class AdminUserRoutes {
  private final AdminAuth auth;
  private final Blocking blocking;

  AdminUserRoutes(AdminAuth auth, Blocking blocking) {
    this.auth = auth;
    this.blocking = blocking;
  }

  void mount(Router router) {
    router.route("/api/admin-users*").handler(rc -> {
      if (AdminAuthHandler.requireAdmin(rc)) {
        rc.next();
      }
    });
    router.get("/api/admin-users").handler(rc ->
        AdminRoutes.respond(rc, blocking, 200, () -> auth.users.list().stream().map(AdminUserView::of).toList()));
    router.post("/api/admin-users").handler(rc -> AdminRoutes.respond(rc, blocking, 201, () -> create(AdminJson.body(rc))));
    router.get("/api/admin-users/:id").handler(rc ->
        AdminRoutes.respond(rc, blocking, 200, () -> AdminUserView.of(find(rc.pathParam("id")))));
    router.patch("/api/admin-users/:id").handler(rc -> AdminRoutes.respond(rc, blocking, 200,
        () -> update(rc.pathParam("id"), AdminJson.body(rc), AdminAuthHandler.principal(rc))));
    router.delete("/api/admin-users/:id").handler(rc -> AdminRoutes.respond(rc, blocking, 200,
        () -> AdminUserView.of(auth.users.delete(rc.pathParam("id"))
            .orElseThrow(() -> AdminException.notFound("Admin user", rc.pathParam("id"))))));
  }

  private AdminUserView create(JsonNode body) {
    Fields.allowOnly(body, Set.of("username", "password", "role"));
    String username = AdminUserView.username(body);
    String password = AdminUserView.newPassword(body, "password");
    AdminRole role = role(body, AdminRole.VIEWER);
    return AdminUserView.of(auth.users.create(username, auth.hasher.hash(password), role));
  }

  private AdminUserView update(String id, JsonNode body, AdminPrincipal caller) {
    Fields.allowOnly(body, Set.of("role", "status", "password"));
    AdminRole role = role(body, null);
    String status = Fields.text(body, "status", null);
    if (status != null && !status.equals(AdminUser.ACTIVE) && !status.equals(AdminUser.DISABLED)) {
      throw AdminException.invalid("'status' must be active or disabled.");
    }
    String hash = body.has("password") ? auth.hasher.hash(AdminUserView.newPassword(body, "password")) : null;
    AdminUser updated = auth.users.update(id, new AdminUserStore.Change(role, status, hash))
        .orElseThrow(() -> AdminException.notFound("Admin user", id));
    if (hash != null || AdminUser.DISABLED.equals(status)) {
      // A reset password or a disabled account ends the user's sessions, except the caller's own.
      boolean self = caller.user() != null && caller.user().id().equals(id);
      auth.sessions.closeAllOf(id, self ? caller.sessionHash() : null);
    }
    return AdminUserView.of(updated);
  }

  private AdminUser find(String id) {
    return auth.users.find(id).orElseThrow(() -> AdminException.notFound("Admin user", id));
  }

  private static AdminRole role(JsonNode body, AdminRole fallback) {
    String text = Fields.text(body, "role", null);
    if (text == null) {
      return fallback;
    }
    AdminRole role = AdminRole.parse(text);
    if (role == null) {
      throw AdminException.invalid("'role' must be admin or viewer.");
    }
    return role;
  }
}
