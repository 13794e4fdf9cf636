package dev.keypool.config;

import java.time.Duration;

/**
 * Request records: whether they are written at all ({@code enabled: false} keeps the metrics but
 * writes no rows; for deployments that account elsewhere, and for measuring what recording costs),
 * how long raw records are kept ({@code retention}) and how long the hourly statistics rollups are
 * kept ({@code hourlyRetention}; daily rollups are kept forever). Zero keeps them forever.
 */
public record TrackingConfig(boolean enabled, Duration retention, Duration hourlyRetention) {}
