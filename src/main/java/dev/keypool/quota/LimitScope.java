package dev.keypool.quota;

/** The kind of subject a limit is counted against; the subject itself is the limit's id. */
public enum LimitScope {
  /** One gateway key: the narrowest scope, what a single client application holds. */
  GATEWAY_KEY("gateway key"),
  /** A user, across all of the user's gateway keys. */
  USER("user"),
  /** An organisation, across all of its users and keys. */
  ORG("org"),
  /** A client IP address: protects the gateway from one source whatever key it presents. */
  CLIENT_IP("client IP");

  private final String label;

  LimitScope(String label) {
    this.label = label;
  }

  /** How the scope is named in refusal messages ("gateway key gk_1: ..."). */
  public String label() {
    return label;
  }
}
