package dev.keypool.config;

import java.time.Duration;

/**
 * Request records: whether they are written at all ({@code enabled: false} keeps the metrics but
 * writes no rows; for deployments that account elsewhere, and for measuring what recording costs), and
 * how long raw records are kept ({@code retention}; zero keeps them forever).
 */
public record TrackingConfig(boolean enabled, Duration retention) {}
