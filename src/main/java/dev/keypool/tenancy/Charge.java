package dev.keypool.tenancy;

/**
 * A balance change to apply: positive {@code deltaNanos} adds to the balance, negative takes from it.
 *
 * @param requestId the request it settles, or null for an operator's change
 */
public record Charge(String userId, long deltaNanos, LedgerKind kind, String note, String requestId) {}
