package dev.keypool.relay;

import dev.keypool.config.CorsConfig;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * CORS for browser clients of the proxy port, in front of {@link RelayHandler}: answers preflights
 * and marks the answers to allowed origins. The origins are those in effect at each request (a
 * configuration reload swaps them); a request without {@code Origin} costs one header lookup, and one
 * with it while no origin is configured one more volatile read. Never
 * {@code Access-Control-Allow-Credentials}: keys travel in headers, not cookies.
 */
public final class CorsHandler implements Handler<HttpServerRequest> {
  static final String METHODS = "GET, POST, OPTIONS";
  /** Allowed when a preflight names no headers: the credential, version and content headers SDKs send. */
  static final String DEFAULT_HEADERS =
      "authorization, x-api-key, x-goog-api-key, anthropic-version, anthropic-beta, openai-beta, content-type";
  /** What a page's script may read of an answer: the request id, back-off hints and rate-limit figures. */
  static final String EXPOSED = "x-keypool-request-id, retry-after, x-ratelimit-limit-requests, "
      + "x-ratelimit-limit-tokens, x-ratelimit-remaining-requests, x-ratelimit-remaining-tokens, "
      + "x-ratelimit-reset-requests, x-ratelimit-reset-tokens, x-ratelimit-limit, x-ratelimit-remaining, "
      + "x-ratelimit-reset";
  /** A comma-separated list of header names, as {@code Access-Control-Request-Headers} carries it. */
  private static final Pattern HEADER_LIST = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+(?:\\s*,\\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*");
  private static final int MAX_REQUESTED_HEADERS = 2048;

  private final Handler<HttpServerRequest> next;
  private final Supplier<CorsConfig> config;
  /** The section last seen, in the form requests use; rebuilt when a reload swapped the section. */
  private volatile Policy policy;

  /** One version of {@code cors}, prepared for lookups. */
  private record Policy(CorsConfig config, boolean any, Set<String> origins, String maxAge) {
    static Policy of(CorsConfig config) {
      return new Policy(config, config.anyOrigin(), Set.copyOf(config.allowedOrigins()),
          Long.toString(config.maxAge().toSeconds()));
    }

    boolean allows(String origin) {
      return any || origins.contains(origin) || origins.contains(origin.toLowerCase(Locale.ROOT));
    }
  }

  /** @param config the section in effect, read at each request that carries {@code Origin} */
  public CorsHandler(Supplier<CorsConfig> config, Handler<HttpServerRequest> next) {
    this.next = next;
    this.config = config;
    this.policy = Policy.of(config.get());
  }

  @Override
  public void handle(HttpServerRequest request) {
    String origin = request.getHeader("origin");
    if (origin == null) {
      next.handle(request);
      return;
    }
    Policy p = policy();
    if (!p.config().enabled()) {
      next.handle(request);
      return;
    }
    boolean allowed = p.allows(origin);
    String requestedMethod = request.getHeader("access-control-request-method");
    if (request.method() == HttpMethod.OPTIONS && requestedMethod != null) {
      preflight(p, request, allowed);
      return;
    }
    if (allowed) {
      MultiMap headers = request.response().headers();
      allowOrigin(p, headers, origin);
      headers.set("access-control-expose-headers", EXPOSED);
    }
    next.handle(request);
  }

  /** The policy of the section in effect; two loops may rebuild it at once after a reload, harmlessly. */
  private Policy policy() {
    CorsConfig now = config.get();
    Policy p = policy;
    if (p.config() != now) {
      p = Policy.of(now);
      policy = p;
    }
    return p;
  }

  private static void allowOrigin(Policy p, MultiMap headers, String origin) {
    if (p.any()) {
      headers.set("access-control-allow-origin", "*");
    } else {
      headers.set("access-control-allow-origin", origin);
      headers.add("vary", "Origin");
    }
  }

  /** 204 with what the browser may send for an allowed origin; 403 without any CORS header otherwise. */
  private static void preflight(Policy p, HttpServerRequest request, boolean allowed) {
    HttpServerResponse response = request.response();
    if (!allowed) {
      response.setStatusCode(403).end();
      return;
    }
    MultiMap headers = response.headers();
    allowOrigin(p, headers, request.getHeader("origin"));
    String requested = request.getHeader("access-control-request-headers");
    headers.set("access-control-allow-methods", METHODS)
        .set("access-control-allow-headers", requested != null && requested.length() <= MAX_REQUESTED_HEADERS
            && HEADER_LIST.matcher(requested.trim()).matches() ? requested.trim() : DEFAULT_HEADERS)
        .set("access-control-max-age", p.maxAge());
    response.setStatusCode(204).end();
  }
}
