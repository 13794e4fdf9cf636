package dev.keypool.tenancy;

import dev.keypool.storage.ConflictException;

/** A deduction refused because it would take a balance below zero; the admin API answers 409. */
public final class InsufficientBalanceException extends ConflictException {

  public InsufficientBalanceException(String userId, long balanceNanos, long deltaNanos) {
    super("User '" + userId + "' has a balance of " + Usd.format(balanceNanos) + " USD; taking "
        + Usd.format(-deltaNanos) + " would make it negative.");
  }
}
