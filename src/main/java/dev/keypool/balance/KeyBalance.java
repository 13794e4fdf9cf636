package dev.keypool.balance;

import io.vertx.core.Future;
import java.time.Instant;

/**
 * What the gateway knows of one key's balance now: the latest successful reading, the latest attempt
 * (the same unless it failed), when the next scheduled reading is due and whether one is in flight.
 * Guarded by the {@link BalanceService}'s lock.
 */
final class KeyBalance {
  BalanceReading lastOk;
  BalanceReading lastAttempt;
  /** Epoch ms of the next scheduled reading; 0 until scheduled. */
  long nextDueMs;
  Future<BalanceReading> inFlight;

  /** An immutable copy for views. */
  BalanceState snapshot() {
    return new BalanceState(lastOk, lastAttempt, nextDueMs == 0 ? null : Instant.ofEpochMilli(nextDueMs), inFlight != null);
  }
}
