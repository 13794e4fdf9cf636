package dev.keypool.tenancy;

import dev.keypool.gatewaykey.WireNames;

/** Whether a user or an org may spend: a suspended one is refused on every key it owns. */
public enum Status {
  ACTIVE,
  SUSPENDED;

  public String wire() {
    return WireNames.of(this);
  }

  public static Status parse(String word) {
    return WireNames.parse(Status.class, word, "status");
  }
}
