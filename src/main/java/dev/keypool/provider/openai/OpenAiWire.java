package dev.keypool.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.config.ProviderFormat;
import dev.keypool.provider.ErrorBodies;
import dev.keypool.provider.UpstreamError;
import dev.keypool.provider.WireFormat;
import dev.keypool.relay.ApiException;
import io.vertx.core.buffer.Buffer;

/**
 * The OpenAI wire format: errors are {@code {"error":{"message","type","param","code"}}}, and a
 * stream that fails after it started carries the same object as one {@code data:} event.
 */
public final class OpenAiWire implements WireFormat {

  @Override
  public ProviderFormat id() {
    return ProviderFormat.OPENAI;
  }

  @Override
  public Buffer errorBody(ApiException e) {
    return Buffer.buffer(errorJson(type(e), e.getMessage(), code(e)).toString());
  }

  @Override
  public Buffer streamErrorEvent(String type, String message) {
    return Buffer.buffer("data: " + errorJson(type, message, null) + "\n\n");
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
    if (root.path("error").isTextual()) {
      return new UpstreamError(null, null, root.get("error").asText());
    }
    return new UpstreamError(null, null, ErrorBodies.text(root, "message"));
  }

  private static ObjectNode errorJson(String type, String message, String code) {
    ObjectNode root = ErrorBodies.json().createObjectNode();
    ObjectNode err = root.putObject("error");
    err.put("message", message);
    err.put("type", type);
    err.putNull("param");
    if (code == null) {
      err.putNull("code");
    } else {
      err.put("code", code);
    }
    return root;
  }

  private static String type(ApiException e) {
    return switch (e.kind()) {
      case INVALID_REQUEST, AUTHENTICATION, NOT_FOUND, METHOD_NOT_ALLOWED, REQUEST_TOO_LARGE -> "invalid_request_error";
      case REQUEST_TIMEOUT, URI_TOO_LONG, HEADERS_TOO_LARGE -> "invalid_request_error";
      case PERMISSION -> "permission_error";
      // OpenAI's own out-of-credit type; Keypool answers it with 402 as the balance is Keypool's, not a rate.
      case PAYMENT_REQUIRED -> "insufficient_quota";
      case RATE_LIMITED -> "rate_limit_error";
      case INTERNAL, BAD_GATEWAY, UNAVAILABLE, TIMEOUT -> "server_error";
    };
  }

  private static String code(ApiException e) {
    if (e.code() != null) {
      return e.code();
    }
    return switch (e.kind()) {
      case AUTHENTICATION -> "invalid_api_key";
      case RATE_LIMITED -> "rate_limit_exceeded";
      case PAYMENT_REQUIRED -> "insufficient_quota";
      case UNAVAILABLE -> "service_unavailable";
      case TIMEOUT -> "timeout";
      default -> null;
    };
  }
}
