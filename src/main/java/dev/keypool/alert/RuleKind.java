package dev.keypool.alert;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * The alert rules and their defaults. Key states, failure rates and the record writer are evaluated by
 * Keypool itself; balance and quota rules get their subjects from whatever feeds them through
 * {@link PushedSignals}, which reads its threshold from the rule's configuration.
 *
 * <p>{@code threshold} is a fraction for failure rates and quota usage, an amount for {@code balance_low}
 * and a number of days for {@code balance_days_left}; {@code holdFor} is how long a condition must hold
 * before it opens an alert, so a route whose keys all rest for a few seconds does not page anyone.
 */
public enum RuleKind {
  KEY_BANNED(Severity.WARNING, null, Duration.ZERO, 0, Duration.ZERO),
  KEY_DISABLED(Severity.INFO, null, Duration.ZERO, 0, Duration.ZERO),
  KEY_FAILURE_RATE(Severity.WARNING, new BigDecimal("0.5"), Duration.ofMinutes(5), 20, Duration.ZERO),
  PROVIDER_FAILURE_RATE(Severity.WARNING, new BigDecimal("0.3"), Duration.ofMinutes(5), 50, Duration.ZERO),
  ROUTE_FAILURE_RATE(Severity.CRITICAL, new BigDecimal("0.2"), Duration.ofMinutes(5), 50, Duration.ZERO),
  ROUTE_NO_USABLE_KEY(Severity.CRITICAL, null, Duration.ZERO, 0, Duration.ofMinutes(1)),
  WRITER_JOURNALING(Severity.CRITICAL, null, Duration.ZERO, 0, Duration.ZERO),
  BALANCE_LOW(Severity.WARNING, new BigDecimal("5"), Duration.ZERO, 0, Duration.ZERO),
  BALANCE_DAYS_LEFT(Severity.WARNING, new BigDecimal("3"), Duration.ZERO, 0, Duration.ZERO),
  QUOTA_80(Severity.WARNING, new BigDecimal("0.8"), Duration.ZERO, 0, Duration.ZERO),
  QUOTA_95(Severity.CRITICAL, new BigDecimal("0.95"), Duration.ZERO, 0, Duration.ZERO),
  OAUTH_REFRESH_FAILED(Severity.WARNING, null, Duration.ZERO, 0, Duration.ZERO);

  private final Severity severity;
  private final BigDecimal threshold;
  private final Duration window;
  private final int minRequests;
  private final Duration holdFor;

  RuleKind(Severity severity, BigDecimal threshold, Duration window, int minRequests, Duration holdFor) {
    this.severity = severity;
    this.threshold = threshold;
    this.window = window;
    this.minRequests = minRequests;
    this.holdFor = holdFor;
  }

  /** The rule's name in the configuration and the API, e.g. {@code key_banned}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The rule with this wire name, or null. */
  public static RuleKind of(String wire) {
    for (RuleKind k : values()) {
      if (k.wire().equals(wire)) {
        return k;
      }
    }
    return null;
  }

  /** The rule's settings when the configuration says nothing about it. */
  public RuleSettings defaults() {
    return new RuleSettings(true, severity, threshold, window, minRequests, holdFor);
  }

  /** Whether the rule reads a failure rate over a window (and so has {@code window} and {@code min_requests}). */
  public boolean isRate() {
    return this == KEY_FAILURE_RATE || this == PROVIDER_FAILURE_RATE || this == ROUTE_FAILURE_RATE;
  }
}
