package dev.keypool.tenancy;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A set of users priced alike: each request of a member is charged its cost times the group's sell
 * multiplier. Declared in the file ({@code billing.groups}, read-only at run time) or through the
 * admin API (stored).
 *
 * @param fromConfig declared in the file: it can be changed only there
 * @param createdAt null for a group of the file
 */
public record UserGroup(String id, String name, BigDecimal sellMultiplier, boolean fromConfig, Instant createdAt,
    Instant updatedAt) {}
