package dev.keypool.quota;

/**
 * One line of a reservation: {@code amount} taken from {@code limit}'s counter in the window that
 * starts at {@code windowStartMillis} (0 for a concurrency slot, which has no window). Settling
 * adjusts that same window, even if a later one has begun since: usage belongs to the window in
 * which the request was admitted.
 */
public record Hold(Limit limit, long windowStartMillis, long windowEndMillis, long amount) {}
