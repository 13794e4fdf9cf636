package dev.keypool.usage;

/** Where the token counts of a request record came from; every record says which. */
public enum UsageSource {
  /** The upstream reported them (a {@code usage} object, or the usage events of a stream): exact. */
  PROVIDER,
  /**
   * The upstream reported none, e.g. the client aborted before the final usage chunk, so the gateway
   * counted the request and the served text with its own tokenizer ({@link TokenEstimator}): close,
   * but not what the provider bills.
   */
  ESTIMATED,
  /** Nothing was counted: the request never reached an upstream, or consumed no tokens. */
  NONE
}
