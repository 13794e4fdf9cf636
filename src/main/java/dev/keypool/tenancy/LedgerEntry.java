package dev.keypool.tenancy;

import java.time.Instant;

/**
 * One balance change as recorded; {@code id} increases with every change, so it orders a user's
 * changes even within one millisecond.
 */
public record LedgerEntry(long id, String userId, long deltaNanos, long balanceAfterNanos, LedgerKind kind,
    String note, String requestId, Instant createdAt) {}
