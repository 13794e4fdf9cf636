package dev.keypool.server;

import dev.keypool.relay.OpenPaths;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;

/**
 * {@code listeners.proxy.health_path} and that path plus {@code /ready} on the proxy port, for load
 * balancers that only reach that port: the same liveness and {@link Readiness} the admin port answers,
 * with no credential. Two string comparisons for any other path; nothing is recorded or counted.
 */
final class ProxyProbes implements OpenPaths {
  private static final String LIVE = "{\"status\":\"ok\"}";
  private final String live;
  private final String ready;
  private final Readiness readiness;

  private ProxyProbes(String live, Readiness readiness) {
    this.live = live;
    this.ready = live + "/ready";
    this.readiness = readiness;
  }

  /** The probes at {@code healthPath}, or {@link OpenPaths#NONE} when it is empty (turned off). */
  static OpenPaths of(String healthPath, Components c) {
    return healthPath.isEmpty() ? OpenPaths.NONE : new ProxyProbes(healthPath, new Readiness(c));
  }

  @Override
  public boolean answer(HttpServerRequest request, String path) {
    boolean isLive = live.equals(path);
    if (!isLive && !ready.equals(path)) {
      return false;
    }
    var response = request.response().putHeader("content-type", "application/json");
    if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
      response.setStatusCode(405).putHeader("allow", "GET, HEAD")
          .end("{\"status\":\"method_not_allowed\",\"message\":\"use GET or HEAD\"}");
    } else if (isLive) {
      response.end(LIVE);
    } else {
      readiness.check(Vertx.currentContext())
          .onSuccess(a -> response.setStatusCode(a.status()).end(Json.encode(a.body())));
    }
    return true;
  }
}
