package dev.keypool.relay;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import java.util.Set;

/**
 * The upstream response headers a client gets. Only content description and request ids pass:
 * rate-limit headers, organisation ids and cookies describe the pooled upstream key, not the client.
 */
final class ResponseHeaders {
  private static final Set<String> PASSED = Set.of(
      "content-type", "cache-control", "x-request-id", "request-id", "openai-processing-ms", "retry-after");

  private ResponseHeaders() {}

  static void copy(MultiMap upstream, HttpServerResponse response, String requestId) {
    for (String name : PASSED) {
      String v = upstream.get(name);
      if (v != null) {
        response.putHeader(name, v);
      }
    }
    response.putHeader("x-keypool-request-id", requestId);
  }
}
