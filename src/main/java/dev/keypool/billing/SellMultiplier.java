package dev.keypool.billing;

import java.math.BigDecimal;

/** What a caller pays per USD of upstream cost, by the user the caller's key belongs to. */
@FunctionalInterface
public interface SellMultiplier {

  /** The multiplier for {@code userId} (null: a key without a user); memory only, the relay calls it on the event loop. */
  BigDecimal forUser(String userId);

  /** The same multiplier for every caller. */
  static SellMultiplier flat(BigDecimal multiplier) {
    return userId -> multiplier;
  }
}
