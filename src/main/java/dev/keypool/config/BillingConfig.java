package dev.keypool.config;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How costs become charges.
 *
 * @param sellMultiplier what a caller is charged per USD of upstream cost ({@code 1.0}: at cost), for
 *     a caller whose user is in no group
 * @param groups user groups declared in the file, by id; more can be added at run time (admin API)
 * @param defaultGroup the group of a caller whose user names none (keys without a user included), or
 *     null: such callers pay {@code sellMultiplier}
 */
public record BillingConfig(BigDecimal sellMultiplier, Map<String, Group> groups, String defaultGroup) {
  /** A group id: a short lower-case slug, as it appears in the file's keys, the API and the records. */
  public static final Pattern GROUP_ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

  public BillingConfig {
    groups = Map.copyOf(groups);
  }

  /** No groups: every caller pays {@code sellMultiplier}. */
  public BillingConfig(BigDecimal sellMultiplier) {
    this(sellMultiplier, Map.of(), null);
  }

  /** A group as the file declares it: a display name (its id when absent) and its sell multiplier. */
  public record Group(String name, BigDecimal sellMultiplier) {}
}
