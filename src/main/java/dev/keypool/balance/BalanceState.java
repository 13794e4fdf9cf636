package dev.keypool.balance;

import java.time.Instant;

/**
 * What is known of one key's balance at one moment: the latest successful reading, the latest attempt
 * (the same unless it failed), when the next scheduled reading is due, and whether one is in flight.
 */
public record BalanceState(BalanceReading lastOk, BalanceReading lastAttempt, Instant nextDue, boolean refreshing) {
  /** The error of the latest attempt, or null when it succeeded or none was made. */
  public String error() {
    return lastAttempt == null ? null : lastAttempt.error();
  }
}
