package dev.keypool.admin;

import dev.keypool.admin.auth.AdminAuthenticator;
import dev.keypool.admin.auth.AdminCredentials;
import dev.keypool.admin.auth.AdminForbiddenException;
import dev.keypool.admin.auth.AdminPrincipal;
import dev.keypool.storage.Blocking;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards {@code /api/*}: refuses cross-site writes carried by the session cookie ({@link CrossSiteGuard}),
 * finds who is calling through the authenticator chain (401 if nobody), keeps viewers to reads (403),
 * and leaves the principal in the routing context for the handlers.
 */
final class AdminAuthHandler implements Handler<RoutingContext> {
  static final String SESSION_COOKIE = "keypool_session";
  private static final Logger log = LoggerFactory.getLogger(AdminAuthHandler.class);
  private static final String PRINCIPAL = "keypool.admin.principal";
  // Writes that concern only the caller, which every role may make.
  private static final Set<String> SELF_SERVICE = Set.of("/api/auth/logout", "/api/auth/password");

  private final AdminAuthenticator authenticator;
  private final Blocking blocking;
  private final CrossSiteGuard crossSite;

  AdminAuthHandler(AdminAuthenticator authenticator, Blocking blocking, CrossSiteGuard crossSite) {
    this.authenticator = authenticator;
    this.blocking = blocking;
    this.crossSite = crossSite;
  }

  @Override
  public void handle(RoutingContext rc) {
    AdminCredentials credentials = credentials(rc);
    if (credentials.bearer() == null && credentials.sessionCookie() == null) {
      unauthorized(rc);
      return;
    }
    // Only the cookie travels with a request that another site makes the browser send.
    if (credentials.bearer() == null && !crossSite.admitsCookieCall(rc)) {
      return;
    }
    blocking.run(() -> authenticator.authenticate(credentials)).onComplete(ar -> {
      if (ar.failed() && ar.cause() instanceof AdminForbiddenException e) {
        AdminJson.error(rc, 403, "forbidden", e.getMessage());
      } else if (ar.failed() && AdminRoutes.databaseUnavailable(rc, ar.cause())) {
        return; // answered 503: sessions live in the database
      } else if (ar.failed()) {
        log.error("admin authentication failed", ar.cause());
        AdminJson.error(rc, 500, "internal_error", "Authentication failed; see the server log.");
      } else if (ar.result().isEmpty()) {
        unauthorized(rc);
      } else if (!ar.result().get().isAdmin() && !readOnly(rc.request())) {
        AdminJson.error(rc, 403, "forbidden", "The viewer role may only read.");
      } else {
        rc.put(PRINCIPAL, ar.result().get());
        rc.next();
      }
    });
  }

  /** The caller of a request that passed this handler. */
  static AdminPrincipal principal(RoutingContext rc) {
    return rc.get(PRINCIPAL);
  }

  /** Fails the request with 403 unless the caller has the admin role; true when it may go on. */
  static boolean requireAdmin(RoutingContext rc) {
    if (principal(rc).isAdmin()) {
      return true;
    }
    AdminJson.error(rc, 403, "forbidden", "This needs the admin role.");
    return false;
  }

  private static boolean readOnly(HttpServerRequest request) {
    HttpMethod m = request.method();
    return m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS
        || (m == HttpMethod.POST && SELF_SERVICE.contains(request.path()));
  }

  static AdminCredentials credentials(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    String header = request.getHeader("authorization");
    String bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    Cookie cookie = request.getCookie(SESSION_COOKIE);
    return new AdminCredentials(bearer == null || bearer.isEmpty() ? null : bearer, cookie == null ? null : cookie.getValue(),
        AdminClientIp.of(rc));
  }

  private static void unauthorized(RoutingContext rc) {
    AdminJson.error(rc, 401, "unauthorized",
        "Log in with POST /api/auth/login and send the token as 'Authorization: Bearer <token>' (or the session cookie).");
  }
}
