package dev.keypool.tenancy;

/**
 * A user's balance as read from the database, with the id of the user's last ledger entry at that
 * read (0 when there is none), so the directory can tell it from older news.
 */
public record BalanceSnapshot(String userId, long balanceNanos, long lastLedgerId) {}
