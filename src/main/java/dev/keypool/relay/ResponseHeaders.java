package dev.keypool.relay;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import java.util.Set;

/**
 * The upstream response headers a client gets. Only content description and request ids pass:
 * rate-limit headers, organisation ids and cookies describe the pooled upstream key, not the client.
 */
public final class ResponseHeaders {
  private static final Set<String> PASSED = Set.of(
      "content-type", "cache-control", "x-request-id", "request-id", "openai-processing-ms", "retry-after");

  private ResponseHeaders() {}

  /**
   * The headers of a response Keypool re-encoded in another format: the upstream's passed headers
   * except the content description, which is Keypool's own.
   */
  public static void copyTranslated(MultiMap upstream, HttpServerResponse response, String requestId,
      String contentType) {
    copy(upstream, response, requestId);
    response.putHeader("content-type", contentType);
  }

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
