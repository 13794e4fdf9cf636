package dev.keypool.alert;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * One rule as configured: whether it runs, the severity of its alerts, its threshold (null for rules
 * that have none), the window and minimum number of requests of a failure rate, and how long a
 * condition must hold before it opens an alert.
 */
public record RuleSettings(boolean enabled, Severity severity, BigDecimal threshold, Duration window,
    int minRequests, Duration holdFor) {}
