package dev.keypool.relay;

import io.vertx.core.http.HttpServerRequest;

/**
 * Paths of the proxy port outside the API that are answered before any authentication: the load
 * balancers' health probes. Asked only for paths that are no API endpoint.
 */
@FunctionalInterface
public interface OpenPaths {
  /** None: every path that is no endpoint is "unknown URL". */
  OpenPaths NONE = (request, path) -> false;

  /** Answers {@code request} and returns true when {@code path} is one of these; false leaves it alone. */
  boolean answer(HttpServerRequest request, String path);
}
