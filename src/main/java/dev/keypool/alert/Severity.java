package dev.keypool.alert;

import java.util.Locale;

/** How urgent an alert is; channels can take only some severities. */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL;

  /** The name in the configuration, the API and the messages: {@code info}, {@code warning}, {@code critical}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
