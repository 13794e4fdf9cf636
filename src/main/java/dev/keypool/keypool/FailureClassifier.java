package dev.keypool.keypool;

import java.util.Locale;

/**
 * The one place that turns an upstream error (HTTP status plus the {@code type}, {@code code} and
 * {@code message} of an OpenAI {@code {"error":{...}}} or Anthropic {@code {"type":"error","error":{...}}}
 * body, or of a Gemini {@code {"error":{"code","message","status"}}} body read with its {@code status}
 * as type and its {@code ErrorInfo} reason as code) into a {@link FailureClass}. Everything downstream
 * decides by the class, never by status. A 2xx is judged by its body instead, as the relay reads it:
 * one that is not the format's answer is {@link FailureClass#BAD_RESPONSE}.
 */
public final class FailureClassifier {

  private FailureClassifier() {}

  /**
   * Classifies one failed attempt.
   *
   * @param status the HTTP status, or 0 for a network error or timeout; a non-error status (an error event
   *     inside a 200 stream) is classified by the Anthropic error type alone
   * @param errorType {@code error.type}, or null
   * @param errorCode {@code error.code}, or null
   * @param message {@code error.message}, or null
   */
  public static FailureClass classify(int status, String errorType, String errorCode, String message) {
    String type = lower(errorType);
    String code = lower(errorCode);
    String msg = lower(message);
    if (type.equals("overloaded_error")) {
      return FailureClass.OVERLOADED;
    }
    if (status == 0) {
      return FailureClass.TRANSIENT;
    }
    FailureClass google = classifyGoogle(status, type, code, msg);
    if (google != null) {
      return google;
    }
    if (status < 400) {
      int implied = statusOfAnthropicType(type);
      return implied == 0 ? FailureClass.TRANSIENT : classify(implied, errorType, errorCode, message);
    }
    return switch (status) {
      case 401 -> FailureClass.CREDENTIAL;
      case 402 -> FailureClass.QUOTA;
      case 403 -> isModelAccess(type, code, msg) ? FailureClass.MODEL_ACCESS : FailureClass.CREDENTIAL;
      case 404 -> FailureClass.MODEL_ACCESS;
      // A 407 never comes here: only an outbound proxy answers it, and every caller turns it into a
      // failed connection first (upstream/ProxyRefusal), so the key is not blamed for it.
      case 408, 409 -> FailureClass.TRANSIENT;
      case 429 -> isOutOfCredit(type, code, msg) ? FailureClass.QUOTA : FailureClass.RATE_LIMIT;
      case 503, 529 -> FailureClass.OVERLOADED;
      // Anthropic answers an exhausted credit balance with 400 invalid_request_error; retrying the same
      // key can never succeed, so it is a QUOTA failure of the key rather than the caller's fault.
      case 400 -> type.equals("billing_error") || msg.contains("credit balance")
          ? FailureClass.QUOTA : FailureClass.CALLER_FAULT;
      default -> status < 500 ? FailureClass.CALLER_FAULT : FailureClass.TRANSIENT;
    };
  }

  /**
   * Gemini's errors where the status alone misleads, or null to classify by status. A bad key is 400
   * {@code INVALID_ARGUMENT} with reason {@code API_KEY_INVALID} ("API key not valid"), not 401.
   * {@code RESOURCE_EXHAUSTED} is always a rate limit, although its message says "You exceeded your
   * current quota, please check your plan and billing details": Gemini sends that for per-minute limits
   * too, and a daily limit also passes by waiting. {@code FAILED_PRECONDITION} is the free tier being
   * unavailable until billing is enabled: the key's account, not the request.
   */
  private static FailureClass classifyGoogle(int status, String type, String code, String msg) {
    if (code.equals("api_key_invalid") || code.equals("api_key_expired")
        || status == 400 && type.equals("invalid_argument") && msg.contains("api key not valid")) {
      return FailureClass.CREDENTIAL;
    }
    return switch (type) {
      case "resource_exhausted" -> FailureClass.RATE_LIMIT;
      case "failed_precondition" -> FailureClass.QUOTA;
      case "permission_denied" -> status == 403 && msg.contains("model") ? FailureClass.MODEL_ACCESS
          : FailureClass.CREDENTIAL;
      default -> null;
    };
  }

  private static boolean isModelAccess(String type, String code, String msg) {
    return code.contains("model_not_found") || type.contains("model_not_found")
        || msg.contains("does not have access to model") || msg.contains("model");
  }

  /**
   * Out of credit or over the plan's quota, as opposed to a per-minute rate limit. Google's per-minute
   * limits say "Quota exceeded for metric ... per minute", which is a rate limit, hence the exclusion.
   */
  private static boolean isOutOfCredit(String type, String code, String msg) {
    if (code.equals("insufficient_quota") || type.equals("insufficient_quota") || type.equals("billing_error")
        || code.equals("billing_hard_limit_reached")) {
      return true;
    }
    if (msg.contains("per minute") || msg.contains("perminute") || msg.contains("per_minute")) {
      return false;
    }
    return msg.contains("billing") || msg.contains("credit") || msg.contains("exceeded your current quota")
        || msg.contains("insufficient balance") || msg.contains("insufficient_quota")
        || (msg.contains("quota") && msg.contains("plan"));
  }

  /** The status Anthropic documents for each error type, for error events inside a streamed 200. */
  private static int statusOfAnthropicType(String type) {
    return switch (type) {
      case "invalid_request_error" -> 400;
      case "authentication_error" -> 401;
      case "billing_error" -> 402;
      case "permission_error" -> 403;
      case "not_found_error" -> 404;
      case "request_too_large" -> 413;
      case "rate_limit_error" -> 429;
      case "api_error" -> 500;
      default -> 0;
    };
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
