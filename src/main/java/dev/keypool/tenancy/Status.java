package dev.keypool.tenancy;

import java.util.Locale;

/** Whether a user or an org may spend: a suspended one is refused on every key it owns. */
public enum Status {
  ACTIVE,
  SUSPENDED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Status parse(String word) {
    for (Status s : values()) {
      if (s.wire().equals(word)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown status '" + word + "' (allowed: active, suspended)");
  }
}
