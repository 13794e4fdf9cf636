package dev.keypool.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.admin.auth.AdminAuth;
import dev.keypool.admin.auth.AdminCredentials;
import dev.keypool.admin.auth.AdminForbiddenException;
import dev.keypool.admin.auth.AdminPrincipal;
import dev.keypool.admin.auth.AdminUser;
import dev.keypool.admin.auth.AdminUserStore;
import dev.keypool.admin.auth.SessionStore;
import dev.keypool.storage.Blocking;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * {@code /api/auth}: log in (the one admin URL open to everyone), log out, who am I, change my password.
 * A login answers with the session token in the body, for scripts, and in an HttpOnly SameSite=Strict
 * cookie, for the web dashboard: script code cannot read it and other sites cannot make the browser send it.
 */
final class AuthRoutes {
  // Password checks at once per instance: a burst of logins must not take every worker thread, nor
  // 9 MiB of memory per Argon2 hash without bound. Those over the limit are told to retry at once.
  private static final int CONCURRENT_LOGINS = 4;

  private final Semaphore checking = new Semaphore(CONCURRENT_LOGINS);
  private final AdminAuth auth;
  private final Blocking blocking;
  private final CrossSiteGuard crossSite;

  AuthRoutes(AdminAuth auth, Blocking blocking, CrossSiteGuard crossSite) {
    this.auth = auth;
    this.blocking = blocking;
    this.crossSite = crossSite;
  }

  record LoginAnswer(String token, String expiresAt, AdminUserView user) {
    @Override
    public String toString() {
      return "LoginAnswer[token=<redacted>, user=" + user + "]";
    }
  }

  record Me(String via, String role, AdminUserView user, String expiresAt) {}

  /** The routes that need no credentials; mount before the authentication handler. */
  void mountPublic(Router router) {
    router.post("/api/auth/login").handler(this::login);
    router.get("/api/auth/session").handler(this::session);
  }

  /**
   * Whether the caller is logged in, without a 401 when not: the console asks this on every visit, and a
   * visitor who has not logged in yet is not an error (a 401 would be one in the browser's console).
   */
  private void session(RoutingContext rc) {
    AdminCredentials credentials = AdminAuthHandler.credentials(rc);
    if (credentials.bearer() == null && credentials.sessionCookie() == null) {
      AdminJson.send(rc, 200, Map.of("authenticated", false));
      return;
    }
    AdminRoutes.respond(rc, blocking, 200, () -> {
      Optional<AdminPrincipal> principal;
      try {
        principal = auth.authenticator.authenticate(credentials);
      } catch (AdminForbiddenException e) {
        principal = Optional.empty(); // a credential that may not use the admin API logs nobody in
      }
      return principal.<Object>map(p -> new Session(true, p.via(), p.role().wire(),
          p.user() == null ? null : AdminUserView.of(p.user()), p.expiresAt() == null ? null : p.expiresAt().toString()))
          .orElse(Map.of("authenticated", false));
    });
  }

  record Session(boolean authenticated, String via, String role, AdminUserView user, String expiresAt) {}

  void mount(Router router) {
    router.post("/api/auth/logout").handler(this::logout);
    router.get("/api/auth/me").handler(rc -> {
      AdminPrincipal p = AdminAuthHandler.principal(rc);
      AdminJson.send(rc, 200, new Me(p.via(), p.role().wire(), p.user() == null ? null : AdminUserView.of(p.user()),
          p.expiresAt() == null ? null : p.expiresAt().toString()));
    });
    router.post("/api/auth/password").handler(this::changePassword);
  }

  private void login(RoutingContext rc) {
    // Another site must not log the browser in to an account of its choosing either.
    if (!crossSite.admitsOrigin(rc)) {
      return;
    }
    String username;
    String password;
    try {
      JsonNode body = AdminJson.body(rc);
      Fields.allowOnly(body, Set.of("username", "password"));
      username = AdminUserView.normalize(Fields.requiredText(body, "username"));
      password = Fields.requiredText(body, "password");
    } catch (AdminException e) {
      AdminJson.error(rc, e.status, e.type, e.getMessage());
      return;
    }
    String address = AdminClientIp.of(rc);
    if (throttled(rc, username, address)) {
      return;
    }
    if (!checking.tryAcquire()) {
      rc.response().putHeader("retry-after", "1");
      AdminJson.error(rc, 429, "too_many_attempts", "Too many logins at once; try again in 1 s.");
      return;
    }
    AdminRoutes.answer(rc, blocking.run(() -> {
      Optional<AdminUser> user = auth.users.findByUsername(username);
      // An unknown user costs one hash too, so response times do not tell which names exist.
      boolean ok = user.isPresent() ? auth.hasher.verify(password, user.get().passwordHash()) : auth.hasher.verifyNobody(password);
      if (!ok || !user.get().active()) {
        auth.throttle.failed(username, address);
        throw new AdminException(401, "invalid_credentials", "Wrong user name or password.");
      }
      auth.throttle.succeeded(username);
      if (auth.hasher.outdated(user.get().passwordHash())) {
        auth.users.update(user.get().id(), new AdminUserStore.Change(null, null, auth.hasher.hash(password)));
      }
      SessionStore.Opened session = auth.sessions.open(user.get().id());
      auth.users.recordLogin(user.get().id(), auth.clock.instant());
      AdminUser fresh = auth.users.find(user.get().id()).orElse(user.get());
      return new LoginAnswer(session.token(), session.expiresAt().toString(), AdminUserView.of(fresh));
    }).onComplete(ar -> checking.release()).map(answer -> {
      rc.response().addCookie(sessionCookie(rc, answer.token(), auth.config.sessionTtl()));
      return answer;
    }), 200);
  }

  private void logout(RoutingContext rc) {
    AdminPrincipal p = AdminAuthHandler.principal(rc);
    AdminRoutes.answer(rc, blocking.run(() -> {
      if (p.sessionHash() != null) {
        auth.sessions.close(p.sessionHash());
      }
      return Map.of("status", "logged_out");
    }).map(answer -> {
      rc.response().addCookie(sessionCookie(rc, "", Duration.ZERO));
      return answer;
    }), 200);
  }

  private void changePassword(RoutingContext rc) {
    AdminPrincipal p = AdminAuthHandler.principal(rc);
    if (p.user() == null) {
      AdminJson.error(rc, 400, "invalid_request", "Only a logged-in user has a password to change.");
      return;
    }
    String address = AdminClientIp.of(rc);
    if (throttled(rc, p.user().username(), address)) {
      return;
    }
    AdminRoutes.respond(rc, blocking, 200, () -> {
      JsonNode body = AdminJson.body(rc);
      Fields.allowOnly(body, Set.of("current_password", "new_password"));
      String current = Fields.requiredText(body, "current_password");
      String next = AdminUserView.newPassword(body, "new_password");
      if (!auth.hasher.verify(current, p.user().passwordHash())) {
        auth.throttle.failed(p.user().username(), address);
        throw new AdminException(403, "forbidden", "'current_password' is wrong.");
      }
      auth.users.update(p.user().id(), new AdminUserStore.Change(null, null, auth.hasher.hash(next)));
      // Whoever may have learnt the old password loses the sessions they opened with it.
      auth.sessions.closeAllOf(p.user().id(), p.sessionHash());
      return Map.of("status", "password_changed");
    });
  }

  /** Answers 429 with Retry-After when the name or the address has failed too often; true if it did. */
  private boolean throttled(RoutingContext rc, String username, String address) {
    Duration wait = auth.throttle.wait(username, address);
    if (wait.isZero()) {
      return false;
    }
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    rc.response().putHeader("retry-after", String.valueOf(seconds));
    AdminJson.error(rc, 429, "too_many_attempts", "Too many failed attempts; try again in " + seconds + " s.");
    return true;
  }

  private static Cookie sessionCookie(RoutingContext rc, String value, Duration maxAge) {
    return Cookie.cookie(AdminAuthHandler.SESSION_COOKIE, value).setPath("/").setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT)
        // Behind a TLS-terminating proxy the connection is plain but the page is not: its origin tells.
        .setSecure(rc.request().isSSL() || CrossSiteGuard.fromHttpsPage(rc.request())).setMaxAge(maxAge.toSeconds());
  }
}
