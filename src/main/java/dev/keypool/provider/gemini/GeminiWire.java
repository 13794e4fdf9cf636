package dev.keypool.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.config.ProviderFormat;
import dev.keypool.provider.ErrorBodies;
import dev.keypool.provider.UpstreamError;
import dev.keypool.provider.WireFormat;
import dev.keypool.relay.ApiException;
import io.vertx.core.buffer.Buffer;

/**
 * The Gemini wire format: errors are Google API errors, {@code {"error":{"code","message","status"}}}
 * with the HTTP status as {@code code}, a {@code google.rpc.Code} name as {@code status}, and reasons in
 * {@code details} as {@code google.rpc.ErrorInfo} entries. Keypool's own error codes
 * ({@code invalid_api_key}, {@code model_not_found}, ...) travel as such a reason. A stream that fails
 * after it started carries the same object as one {@code data:} event.
 *
 * <p>Reading an upstream error, the {@code status} becomes the type and the first {@code ErrorInfo}
 * reason the code ({@code API_KEY_INVALID} is how Gemini marks a bad key). Gemini answers
 * {@code streamGenerateContent} without {@code alt=sse} with a JSON array, so an array's first element
 * is read.
 */
public final class GeminiWire implements WireFormat {
  private static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";
  private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";

  @Override
  public ProviderFormat id() {
    return ProviderFormat.GEMINI;
  }

  @Override
  public Buffer errorBody(ApiException e) {
    return Buffer.buffer(errorJson(e.status(), status(e), e.getMessage(), e.code()).toString());
  }

  /** {@code type} is a {@code google.rpc.Code} name; any other type (e.g. {@code api_error}) is INTERNAL. */
  @Override
  public Buffer streamErrorEvent(String type, String message) {
    int code = httpStatus(type);
    return Buffer.buffer("data: " + errorJson(code, code == 500 ? "INTERNAL" : type, message, null) + "\r\n\r\n");
  }

  @Override
  public UpstreamError parseError(Buffer body) {
    JsonNode root = root(body);
    if (root == null || !root.path("error").isObject()) {
      return root == null ? UpstreamError.EMPTY : new UpstreamError(null, null, ErrorBodies.text(root, "message"));
    }
    JsonNode err = root.get("error");
    String reason = null;
    for (JsonNode d : err.path("details")) {
      if (ERROR_INFO.equals(ErrorBodies.text(d, "@type")) && reason == null) {
        reason = ErrorBodies.text(d, "reason");
      }
    }
    return new UpstreamError(ErrorBodies.text(err, "status"), reason, ErrorBodies.text(err, "message"));
  }

  /**
   * Gemini sends no {@code retry-after} header; a 429 says how long to wait in a
   * {@code google.rpc.RetryInfo} detail, {@code "retryDelay": "13s"} (a protobuf Duration: seconds with
   * an optional fraction).
   */
  @Override
  public java.time.Duration retryAfter(Buffer body) {
    JsonNode root = root(body);
    if (root == null) {
      return null;
    }
    for (JsonNode d : root.path("error").path("details")) {
      String delay = RETRY_INFO.equals(ErrorBodies.text(d, "@type")) ? ErrorBodies.text(d, "retryDelay") : null;
      if (delay != null && delay.endsWith("s")) {
        try {
          double seconds = Double.parseDouble(delay.substring(0, delay.length() - 1));
          return seconds < 0 ? null : java.time.Duration.ofMillis((long) Math.ceil(seconds * 1000));
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** The error body's JSON; of a JSON-array stream's error, its first element. */
  private static JsonNode root(Buffer body) {
    JsonNode root = ErrorBodies.tree(body);
    return root != null && root.isArray() ? root.path(0) : root;
  }

  private static ObjectNode errorJson(int code, String status, String message, String reason) {
    ObjectNode root = ErrorBodies.json().createObjectNode();
    ObjectNode err = root.putObject("error").put("code", code).put("message", message).put("status", status);
    if (reason != null) {
      err.putArray("details").addObject().put("@type", ERROR_INFO).put("reason", reason).put("domain", "keypool");
    }
    return root;
  }

  private static String status(ApiException e) {
    return switch (e.kind()) {
      case INVALID_REQUEST, REQUEST_TOO_LARGE -> "INVALID_ARGUMENT";
      case REQUEST_TIMEOUT, URI_TOO_LONG, HEADERS_TOO_LARGE -> "INVALID_ARGUMENT";
      case AUTHENTICATION -> "UNAUTHENTICATED";
      case PERMISSION -> "PERMISSION_DENIED";
      case NOT_FOUND -> "NOT_FOUND";
      case METHOD_NOT_ALLOWED -> "UNIMPLEMENTED";
      case RATE_LIMITED -> "RESOURCE_EXHAUSTED";
      case PAYMENT_REQUIRED -> "FAILED_PRECONDITION"; // how Google's APIs say billing is not enabled
      case INTERNAL, BAD_GATEWAY -> "INTERNAL";
      case UNAVAILABLE -> "UNAVAILABLE";
      case TIMEOUT -> "DEADLINE_EXCEEDED";
    };
  }

  private static int httpStatus(String status) {
    return switch (status == null ? "" : status) {
      case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> 400;
      case "UNAUTHENTICATED" -> 401;
      case "PERMISSION_DENIED" -> 403;
      case "NOT_FOUND" -> 404;
      case "RESOURCE_EXHAUSTED" -> 429;
      case "UNAVAILABLE" -> 503;
      case "DEADLINE_EXCEEDED" -> 504;
      default -> 500;
    };
  }
}
