package dev.keypool.provider.anthropic;

import dev.keypool.provider.ErrorBodies;
import dev.keypool.translate.ClientError;
import dev.keypool.translate.ErrorCategory;
import dev.keypool.translate.ErrorVocabulary;
import io.vertx.core.buffer.Buffer;

/**
 * Anthropic's error vocabulary: each status has its own {@code type} (400 {@code invalid_request_error}
 * ... 529 {@code overloaded_error}), in a {@code {"type":"error","error":{"type","message"}}} body.
 * The type decides when present, since Anthropic also uses {@code invalid_request_error} for other
 * 4xx statuses.
 */
public final class AnthropicErrors implements ErrorVocabulary {

  @Override
  public ErrorCategory classify(int status, String type, String code) {
    ErrorCategory byType = type == null ? null : switch (type) {
      case "invalid_request_error" -> ErrorCategory.INVALID_REQUEST;
      case "authentication_error" -> ErrorCategory.AUTHENTICATION;
      case "billing_error" -> ErrorCategory.BILLING;
      case "permission_error" -> ErrorCategory.PERMISSION;
      case "not_found_error" -> ErrorCategory.NOT_FOUND;
      case "request_too_large" -> ErrorCategory.REQUEST_TOO_LARGE;
      case "rate_limit_error" -> ErrorCategory.RATE_LIMITED;
      case "api_error" -> ErrorCategory.SERVER;
      case "overloaded_error" -> ErrorCategory.OVERLOADED;
      case "timeout_error" -> ErrorCategory.TIMEOUT;
      default -> null;
    };
    if (byType != null) {
      return byType;
    }
    return switch (status) {
      case 401 -> ErrorCategory.AUTHENTICATION;
      case 402 -> ErrorCategory.BILLING;
      case 403 -> ErrorCategory.PERMISSION;
      case 404 -> ErrorCategory.NOT_FOUND;
      case 413 -> ErrorCategory.REQUEST_TOO_LARGE;
      case 429 -> ErrorCategory.RATE_LIMITED;
      case 504 -> ErrorCategory.TIMEOUT;
      case 503, 529 -> ErrorCategory.OVERLOADED;
      default -> status >= 500 ? ErrorCategory.SERVER : ErrorCategory.INVALID_REQUEST;
    };
  }

  @Override
  public ClientError render(ErrorCategory category, String message) {
    return switch (category) {
      case INVALID_REQUEST -> new ClientError(400, "invalid_request_error", null, message);
      case AUTHENTICATION -> new ClientError(401, "authentication_error", null, message);
      case BILLING -> new ClientError(402, "billing_error", null, message);
      case PERMISSION -> new ClientError(403, "permission_error", null, message);
      case NOT_FOUND -> new ClientError(404, "not_found_error", null, message);
      case REQUEST_TOO_LARGE -> new ClientError(413, "request_too_large", null, message);
      case RATE_LIMITED -> new ClientError(429, "rate_limit_error", null, message);
      case OVERLOADED -> new ClientError(529, "overloaded_error", null, message);
      case SERVER -> new ClientError(500, "api_error", null, message);
      case TIMEOUT -> new ClientError(504, "timeout_error", null, message);
    };
  }

  @Override
  public Buffer body(ClientError error) {
    var root = ErrorBodies.json().createObjectNode().put("type", "error");
    root.putObject("error").put("type", error.type()).put("message", error.message());
    return Buffer.buffer(root.toString());
  }
}
