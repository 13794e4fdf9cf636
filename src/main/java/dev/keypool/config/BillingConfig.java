package dev.keypool.config;

import java.math.BigDecimal;

/**
 * How costs become charges.
 *
 * @param sellMultiplier what a caller is charged per USD of upstream cost ({@code 1.0}: at cost)
 */
public record BillingConfig(BigDecimal sellMultiplier) {}
