package dev.keypool.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.config.ProviderFormat;
import dev.keypool.provider.ErrorBodies;
import dev.keypool.provider.UpstreamError;
import dev.keypool.provider.WireFormat;
import dev.keypool.relay.ApiException;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * The Anthropic wire format: errors are {@code {"type":"error","error":{"type","message"}}} with
 * Anthropic's error types; a stream that fails after it started ends with an {@code event: error}.
 */
public final class AnthropicWire implements WireFormat {
  /** The API version sent upstream when neither the client nor the provider's headers name one. */
  public static final String DEFAULT_VERSION = "2023-06-01";

  @Override
  public ProviderFormat id() {
    return ProviderFormat.ANTHROPIC;
  }

  @Override
  public Buffer errorBody(ApiException e) {
    return Buffer.buffer(errorJson(type(e), e.getMessage()).toString());
  }

  @Override
  public Buffer streamErrorEvent(String type, String message) {
    return Buffer.buffer("event: error\ndata: " + errorJson(type, message) + "\n\n");
  }

  @Override
  public UpstreamError parseError(Buffer body) {
    JsonNode root = ErrorBodies.tree(body);
    if (root == null) {
      return UpstreamError.EMPTY;
    }
    UpstreamError error = ErrorBodies.errorObject(root);
    if (error != null) {
      return error;
    }
    return new UpstreamError(ErrorBodies.text(root, "type"), null, ErrorBodies.text(root, "message"));
  }

  @Override
  public void addRequiredHeaders(MultiMap upstreamHeaders) {
    if (!upstreamHeaders.contains("anthropic-version")) {
      upstreamHeaders.set("anthropic-version", DEFAULT_VERSION);
    }
  }

  private static ObjectNode errorJson(String type, String message) {
    ObjectNode root = ErrorBodies.json().createObjectNode();
    root.put("type", "error");
    ObjectNode err = root.putObject("error");
    err.put("type", type);
    err.put("message", message);
    return root;
  }

  private static String type(ApiException e) {
    return switch (e.kind()) {
      case INVALID_REQUEST, METHOD_NOT_ALLOWED -> "invalid_request_error";
      case REQUEST_TIMEOUT, URI_TOO_LONG, HEADERS_TOO_LARGE -> "invalid_request_error";
      case AUTHENTICATION -> "authentication_error";
      case PERMISSION -> "permission_error";
      case NOT_FOUND -> "not_found_error";
      case REQUEST_TOO_LARGE -> "request_too_large";
      case RATE_LIMITED -> "rate_limit_error";
      case PAYMENT_REQUIRED -> "billing_error"; // Anthropic's 402 type
      case UNAVAILABLE -> "overloaded_error";
      case INTERNAL, BAD_GATEWAY, TIMEOUT -> "api_error";
    };
  }
}
