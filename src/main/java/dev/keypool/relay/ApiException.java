package dev.keypool.relay;

import java.time.Duration;

/**
 * An error answered to the client by Keypool itself (as opposed to an upstream error passed through).
 * It is rendered once, in the wire format of the endpoint that was called.
 */
public final class ApiException extends RuntimeException {
  private final ErrorKind kind;
  private final String code;
  private final Duration retryAfter;

  public ApiException(ErrorKind kind, String message) {
    this(kind, null, message, null);
  }

  public ApiException(ErrorKind kind, String code, String message, Duration retryAfter) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
    this.retryAfter = retryAfter;
  }

  public ErrorKind kind() {
    return kind;
  }

  public int status() {
    return kind.status();
  }

  /** A machine-readable code such as {@code invalid_api_key} or {@code model_not_found}; may be null. */
  public String code() {
    return code;
  }

  /** How long the client should wait before retrying; null when not applicable. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
