package dev.keypool.relay;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;

/**
 * Closes an HTTP/1.1 connection whose request body is refused (413) only after the client finished
 * sending it. Closing while unread bytes sit in the socket makes the kernel answer with a reset that
 * can destroy the error response before the client reads it; so the rest of the body is read and
 * discarded, up to a bound, and the connection closed once it ends (or the bound is reached).
 */
final class LingeringClose {
  private static final long MAX_DRAIN_BYTES = 64L * 1024 * 1024;
  private static final long MAX_DRAIN_MILLIS = 10_000;

  private LingeringClose() {}

  static void after(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    if (request.isEnded()) {
      connection.close();
      return;
    }
    Vertx vertx = Vertx.currentContext().owner();
    long timer = vertx.setTimer(MAX_DRAIN_MILLIS, id -> connection.close());
    long[] drained = {0};
    request.handler(chunk -> {
      drained[0] += chunk.length();
      if (drained[0] > MAX_DRAIN_BYTES) {
        connection.close();
      }
    });
    request.endHandler(v -> {
      vertx.cancelTimer(timer);
      connection.close();
    });
    request.exceptionHandler(e -> connection.close());
    request.resume();
  }
}
