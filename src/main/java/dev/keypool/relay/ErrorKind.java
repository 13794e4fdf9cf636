package dev.keypool.relay;

/**
 * The kinds of error Keypool itself answers with, each with its HTTP status. Every wire format renders
 * a kind in its own vocabulary (OpenAI {@code invalid_request_error}, Anthropic {@code not_found_error}, ...).
 */
public enum ErrorKind {
  INVALID_REQUEST(400),
  AUTHENTICATION(401),
  /** A prepaid balance does not cover the request. */
  PAYMENT_REQUIRED(402),
  PERMISSION(403),
  NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  /** The client did not send its request (headers or body) within the read deadline. */
  REQUEST_TIMEOUT(408),
  REQUEST_TOO_LARGE(413),
  URI_TOO_LONG(414),
  HEADERS_TOO_LARGE(431),
  RATE_LIMITED(429),
  INTERNAL(500),
  BAD_GATEWAY(502),
  UNAVAILABLE(503),
  TIMEOUT(504);

  private final int status;

  ErrorKind(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }
}
