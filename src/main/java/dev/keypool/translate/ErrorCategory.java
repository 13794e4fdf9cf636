package dev.keypool.translate;

/**
 * What went wrong upstream, independent of any format: each format reads its statuses and error types
 * into one of these and renders one of these as its own status and type.
 */
public enum ErrorCategory {
  /** The request itself is wrong; sending it again will fail again. */
  INVALID_REQUEST,
  /** The credential was refused. */
  AUTHENTICATION,
  /** The account has no credit or quota left; waiting does not help, paying does. */
  BILLING,
  /** The credential is valid but may not do this. */
  PERMISSION,
  NOT_FOUND,
  REQUEST_TOO_LARGE,
  /** Too many requests or tokens for now; waiting helps. */
  RATE_LIMITED,
  /** The upstream is overloaded as a whole (Anthropic 529); unlike a rate limit, not this key's fault. */
  OVERLOADED,
  /** The upstream failed internally. */
  SERVER,
  /** The upstream did not answer in time. */
  TIMEOUT
}
