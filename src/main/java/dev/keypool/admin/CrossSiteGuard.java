package dev.keypool.admin;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps other web sites from acting with an operator's session. A browser attaches the session cookie
 * to any request for the admin port, whichever page made it, so a call that changes state and is
 * carried by the cookie must come from the admin port's own origin (same scheme, host and port as the
 * Host header: the web console it serves) or from one of {@code admin.trusted_origins} (a reverse
 * proxy's public address), and must send its body as JSON, which a cross-site form cannot do without
 * a CORS preflight that the admin port never grants. The login is checked for its origin too, so that
 * no other site can log a browser in with an account of its choosing.
 *
 * <p>The origin is the {@code Origin} header, which browsers send with every POST, PUT, PATCH and
 * DELETE; failing that {@code Sec-Fetch-Site}, then {@code Referer}. A request with none of them does
 * not come from a browser (curl with a cookie jar, a script) and is let through. Bearer tokens and
 * gateway keys need none of this: browsers never attach them by themselves.
 */
final class CrossSiteGuard {
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final Set<String> trusted;

  /** {@code trustedOrigins}: normalized origins ({@code https://host[:port]}), as the configuration holds them. */
  CrossSiteGuard(List<String> trustedOrigins) {
    this.trusted = Set.copyOf(trustedOrigins);
  }

  /**
   * For a call carried by the session cookie: answers 403 if a state-changing call comes from another
   * origin, 415 if its body is not JSON; true when it may go on.
   */
  boolean admitsCookieCall(RoutingContext rc) {
    if (SAFE.contains(rc.request().method())) {
      return true;
    }
    if (!admitsOrigin(rc)) {
      return false;
    }
    if (rc.body() != null && rc.body().length() > 0 && !json(rc.request().getHeader("content-type"))) {
      AdminJson.error(rc, 415, "unsupported_media_type",
          "A call made with the session cookie must send its body as application/json.");
      return false;
    }
    return true;
  }

  /** Answers 403 unless the request comes from the admin port's own origin or a trusted one; true when it may go on. */
  boolean admitsOrigin(RoutingContext rc) {
    if (sameOrigin(rc.request())) {
      return true;
    }
    AdminJson.error(rc, 403, "cross_site_request",
        "Refused a cross-site request: calls made with the session cookie must come from the admin port's own "
            + "origin or one listed in admin.trusted_origins.");
    return false;
  }

  /** Whether the browser that sent this request loaded its page over HTTPS, as far as it says. */
  static boolean fromHttpsPage(HttpServerRequest request) {
    String origin = origin(request.getHeader("origin"));
    return origin != null && origin.startsWith("https://");
  }

  private boolean sameOrigin(HttpServerRequest request) {
    String origin = request.getHeader("origin");
    if (origin != null) {
      return allowed(origin(origin), request);
    }
    String site = request.getHeader("sec-fetch-site");
    if (site != null) {
      // "none": typed or bookmarked by the user, not made by a page.
      return site.equalsIgnoreCase("same-origin") || site.equalsIgnoreCase("none");
    }
    String referer = request.getHeader("referer");
    return referer == null || allowed(origin(referer), request);
  }

  private boolean allowed(String origin, HttpServerRequest request) {
    if (origin == null) {
      return false; // "null" (a sandboxed or file page) or not a URL at all
    }
    String host = request.getHeader("host");
    return trusted.contains(origin) || (host != null && origin.equals(origin((request.isSSL() ? "https://" : "http://") + host)));
  }

  /** {@code scheme://host[:port]} of a URL, lower case and without the scheme's default port; null if it has none. */
  static String origin(String url) {
    if (url == null) {
      return null;
    }
    try {
      URI uri = new URI(url.trim());
      String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getHost() == null || uri.getRawUserInfo() != null || !("http".equals(scheme) || "https".equals(scheme))) {
        return null;
      }
      int port = uri.getPort();
      boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
      return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    } catch (Exception e) {
      return null;
    }
  }

  private static boolean json(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
  }
}
