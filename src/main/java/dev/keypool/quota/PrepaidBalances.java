package dev.keypool.quota;

import java.util.OptionalLong;

/**
 * Prepaid user balances (a running gateway's: {@code tenancy.PrepaidLedger}). Amounts are nanos of a US dollar at
 * the caller's price (cost times the sell multiplier). Implementations may block (a database) unless
 * {@link #blocks} says otherwise; the relay then calls them off the event loop.
 */
public interface PrepaidBalances {

  /** No user is prepaid. */
  PrepaidBalances NONE = new PrepaidBalances() {
    @Override
    public OptionalLong availableNanos(String userId) {
      return OptionalLong.empty();
    }

    @Override
    public void charge(String userId, long nanos, String requestId) {}
  };

  /**
   * Whether the methods may block (a database): then the relay calls them on a virtual thread;
   * otherwise inline on the event loop, as for the in-memory quota engine.
   */
  default boolean blocks() {
    return true;
  }

  /** The user's balance, or empty when the user is not prepaid (billed afterwards, or unlimited). */
  OptionalLong availableNanos(String userId);

  /** Deducts a finished request's charge; {@code requestId} makes the billing record traceable. */
  void charge(String userId, long nanos, String requestId);
}
