package dev.keypool.relay;

import dev.keypool.provider.WireFormat;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders any failure of the pipeline as the client's answer, in one place: an {@link ApiException}
 * in the endpoint's error shape with its status (and {@code Retry-After}); anything else as a 500
 * that says no more than that (no exception class, message or stack reaches the client), while the
 * cause is logged once, with the request id.
 */
public final class ErrorResponder {
  private static final Logger log = LoggerFactory.getLogger(ErrorResponder.class);

  private ErrorResponder() {}

  public static void respond(HttpServerRequest request, WireFormat format, String requestId, Throwable failure) {
    HttpServerResponse response = request.response();
    boolean http2 = request.version() == HttpVersion.HTTP_2;
    ApiException error;
    if (failure instanceof ApiException api) {
      error = api;
    } else {
      // Logged even when the client is gone: the record points here for the cause.
      log.atError().addKeyValue("request_id", requestId).setCause(failure).log("request {} failed", requestId);
      error = new ApiException(ErrorKind.INTERNAL, "internal_error",
          "Keypool failed to handle this request (request id " + requestId + ").", null);
    }
    if (response.ended() || response.closed()) {
      return;
    }
    if (response.headWritten()) {
      String type = response.headers().get("content-type");
      if (type != null && type.startsWith("text/event-stream")) {
        // Only a fake stream's keep-alives went out: the client can still read an error event.
        response.end(format.streamErrorEvent("api_error", error.getMessage()));
      } else {
        response.reset();
      }
      return;
    }
    response.setStatusCode(error.status())
        .putHeader("content-type", "application/json")
        .putHeader("x-keypool-request-id", requestId);
    if (error.retryAfter() != null) {
      long seconds = Math.max(1, (error.retryAfter().toMillis() + 999) / 1000);
      response.putHeader("retry-after", Long.toString(seconds));
    }
    if (error.kind() == ErrorKind.REQUEST_TOO_LARGE && !http2) {
      // The rest of the oversized body is discarded and the connection closed (LingeringClose).
      response.putHeader("connection", "close");
    }
    response.end(format.errorBody(error));
    if (error.kind() == ErrorKind.REQUEST_TOO_LARGE && !http2) {
      LingeringClose.after(request);
    }
  }
}
