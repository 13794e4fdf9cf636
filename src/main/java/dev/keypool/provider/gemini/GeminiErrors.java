package dev.keypool.provider.gemini;

import dev.keypool.provider.ErrorBodies;
import dev.keypool.translate.ClientError;
import dev.keypool.translate.ErrorCategory;
import dev.keypool.translate.ErrorVocabulary;
import io.vertx.core.buffer.Buffer;

/**
 * Gemini's error vocabulary: Google API statuses ({@code google.rpc.Code} names) with their HTTP
 * statuses, in a {@code {"error":{"code","message","status"}}} body. The status name is the error's
 * {@code type}; its {@code code} is the {@code reason} of an {@code ErrorInfo} detail when there is
 * one, which is how Gemini tells a bad API key ({@code API_KEY_INVALID}) apart from a bad request, both
 * 400 {@code INVALID_ARGUMENT}.
 *
 * <p>{@code RESOURCE_EXHAUSTED} (429) is a rate limit: Gemini uses it for per-minute and per-day quotas
 * alike, and waiting helps both. {@code FAILED_PRECONDITION} (400) is billing: Gemini answers it when
 * the free tier is not available and billing must be enabled. {@code UNAVAILABLE} (503) is the model
 * being overloaded, not this key's fault.
 */
public final class GeminiErrors implements ErrorVocabulary {

  @Override
  public ErrorCategory classify(int status, String type, String code) {
    if ("API_KEY_INVALID".equals(code) || "API_KEY_EXPIRED".equals(code)) {
      return ErrorCategory.AUTHENTICATION;
    }
    ErrorCategory byType = type == null ? null : switch (type) {
      case "INVALID_ARGUMENT", "OUT_OF_RANGE" -> ErrorCategory.INVALID_REQUEST;
      case "FAILED_PRECONDITION" -> ErrorCategory.BILLING;
      case "UNAUTHENTICATED" -> ErrorCategory.AUTHENTICATION;
      case "PERMISSION_DENIED" -> ErrorCategory.PERMISSION;
      case "NOT_FOUND" -> ErrorCategory.NOT_FOUND;
      case "RESOURCE_EXHAUSTED" -> ErrorCategory.RATE_LIMITED;
      case "UNAVAILABLE" -> ErrorCategory.OVERLOADED;
      case "DEADLINE_EXCEEDED" -> ErrorCategory.TIMEOUT;
      case "INTERNAL", "UNKNOWN", "ABORTED", "CANCELLED", "DATA_LOSS" -> ErrorCategory.SERVER;
      default -> null;
    };
    if (byType != null) {
      return byType;
    }
    return switch (status) {
      case 401 -> ErrorCategory.AUTHENTICATION;
      case 403 -> ErrorCategory.PERMISSION;
      case 404 -> ErrorCategory.NOT_FOUND;
      case 413 -> ErrorCategory.REQUEST_TOO_LARGE;
      case 429 -> ErrorCategory.RATE_LIMITED;
      case 503 -> ErrorCategory.OVERLOADED;
      case 504 -> ErrorCategory.TIMEOUT;
      default -> status >= 500 || status == 0 ? ErrorCategory.SERVER : ErrorCategory.INVALID_REQUEST;
    };
  }

  /**
   * Google's APIs have no 413 or 402: a request too large is {@code INVALID_ARGUMENT} and a billing
   * problem {@code FAILED_PRECONDITION}, both 400.
   */
  @Override
  public ClientError render(ErrorCategory category, String message) {
    return switch (category) {
      case INVALID_REQUEST, REQUEST_TOO_LARGE -> new ClientError(400, "INVALID_ARGUMENT", null, message);
      case BILLING -> new ClientError(400, "FAILED_PRECONDITION", null, message);
      case AUTHENTICATION -> new ClientError(401, "UNAUTHENTICATED", null, message);
      case PERMISSION -> new ClientError(403, "PERMISSION_DENIED", null, message);
      case NOT_FOUND -> new ClientError(404, "NOT_FOUND", null, message);
      case RATE_LIMITED -> new ClientError(429, "RESOURCE_EXHAUSTED", null, message);
      case OVERLOADED -> new ClientError(503, "UNAVAILABLE", null, message);
      case SERVER -> new ClientError(500, "INTERNAL", null, message);
      case TIMEOUT -> new ClientError(504, "DEADLINE_EXCEEDED", null, message);
    };
  }

  @Override
  public Buffer body(ClientError error) {
    var root = ErrorBodies.json().createObjectNode();
    root.putObject("error").put("code", error.status()).put("message", error.message()).put("status", error.type());
    return Buffer.buffer(root.toString());
  }
}
