package dev.keypool.provider.openai;

import dev.keypool.provider.ErrorBodies;
import dev.keypool.translate.ClientError;
import dev.keypool.translate.ErrorCategory;
import dev.keypool.translate.ErrorVocabulary;
import io.vertx.core.buffer.Buffer;

/**
 * OpenAI's error vocabulary: statuses, {@code type}s and {@code code}s such as 429
 * {@code insufficient_quota} (out of credit) versus 429 {@code rate_limit_exceeded}, and the
 * {@code {"error":{"message","type","param","code"}}} body.
 */
public final class OpenAiErrors implements ErrorVocabulary {

  @Override
  public ErrorCategory classify(int status, String type, String code) {
    if ("insufficient_quota".equals(code) || "insufficient_quota".equals(type) || status == 402) {
      return ErrorCategory.BILLING;
    }
    if (status == 0) {
      return byType(type, code);
    }
    return switch (status) {
      case 401 -> ErrorCategory.AUTHENTICATION;
      case 403 -> ErrorCategory.PERMISSION;
      case 404 -> ErrorCategory.NOT_FOUND;
      case 408, 504 -> ErrorCategory.TIMEOUT;
      case 413 -> ErrorCategory.REQUEST_TOO_LARGE;
      case 429 -> ErrorCategory.RATE_LIMITED;
      case 503, 529 -> ErrorCategory.OVERLOADED;
      default -> status >= 500 ? ErrorCategory.SERVER : ErrorCategory.INVALID_REQUEST;
    };
  }

  /** A mid-stream error has no status of its own; its type and code decide. */
  private static ErrorCategory byType(String type, String code) {
    if ("rate_limit_exceeded".equals(code) || "rate_limit_error".equals(type)) {
      return ErrorCategory.RATE_LIMITED;
    }
    if ("invalid_request_error".equals(type)) {
      return ErrorCategory.INVALID_REQUEST;
    }
    return ErrorCategory.SERVER;
  }

  @Override
  public ClientError render(ErrorCategory category, String message) {
    return switch (category) {
      case INVALID_REQUEST -> new ClientError(400, "invalid_request_error", null, message);
      case AUTHENTICATION -> new ClientError(401, "invalid_request_error", "invalid_api_key", message);
      case BILLING -> new ClientError(429, "insufficient_quota", "insufficient_quota", message);
      case PERMISSION -> new ClientError(403, "permission_error", null, message);
      case NOT_FOUND -> new ClientError(404, "invalid_request_error", "not_found", message);
      case REQUEST_TOO_LARGE -> new ClientError(413, "invalid_request_error", "request_too_large", message);
      case RATE_LIMITED -> new ClientError(429, "rate_limit_error", "rate_limit_exceeded", message);
      case OVERLOADED -> new ClientError(503, "server_error", "service_unavailable", message);
      case SERVER -> new ClientError(500, "server_error", null, message);
      case TIMEOUT -> new ClientError(504, "server_error", "timeout", message);
    };
  }

  @Override
  public Buffer body(ClientError error) {
    var root = ErrorBodies.json().createObjectNode();
    var err = root.putObject("error").put("message", error.message()).put("type", error.type());
    err.putNull("param");
    if (error.code() == null) {
      err.putNull("code");
    } else {
      err.put("code", error.code());
    }
    return Buffer.buffer(root.toString());
  }
}
